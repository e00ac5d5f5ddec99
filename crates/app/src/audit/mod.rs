//! The audit log: how entries are made, and reading it. Entries never hold a password
//! or a hash: password events are recorded without values.

mod commands;
mod list;

use chrono::{DateTime, Utc};
use desk_domain::audit::{AuditAction, AuditEntry, EntityType, FieldChange};
use desk_domain::staff::StaffId;

pub use list::{MAX_AUDIT_PAGE, list_audit};

/// Who an entry is attributed to.
#[derive(Debug, Clone)]
pub struct Attribution {
    /// The account, when known.
    pub id: Option<StaffId>,
    /// The email signed in with or typed.
    pub email: String,
}

/// A new entry with a fresh UUIDv7 id.
pub fn entry(
    who: &Attribution,
    at: DateTime<Utc>,
    action: AuditAction,
    entity_type: EntityType,
    entity_id: String,
    changes: Vec<FieldChange>,
) -> AuditEntry {
    AuditEntry {
        id: uuid::Uuid::now_v7(),
        at,
        actor_id: who.id,
        actor_email: who.email.clone(),
        action,
        entity_type,
        entity_id,
        changes,
    }
}

/// The entry for `who` signing out (or being signed out) for `reason`: "signed out",
/// "idle", "switched connection".
pub fn signed_out(
    who: &Attribution,
    staff_id: StaffId,
    at: DateTime<Utc>,
    reason: &str,
) -> AuditEntry {
    entry(
        who,
        at,
        AuditAction::SignedOut,
        EntityType::Staff,
        staff_id.to_string(),
        vec![FieldChange::added("reason", reason)],
    )
}

/// The entry for `who`'s account being locked until `until` after too many wrong
/// passwords (at sign-in, or when changing their own).
pub fn locked_out(
    who: &Attribution,
    staff_id: StaffId,
    at: DateTime<Utc>,
    until: DateTime<Utc>,
) -> AuditEntry {
    entry(
        who,
        at,
        AuditAction::LockedOut,
        EntityType::Staff,
        staff_id.to_string(),
        vec![FieldChange::added("locked_until", until.to_rfc3339())],
    )
}
