//! Audit actions and how entries are made. Entries never hold a password or a hash:
//! password events are recorded without values.

use chrono::{DateTime, Utc};
use desk_domain::audit::{AuditEntry, AuditFilter, AuditPage, FieldChange};
use desk_domain::{DeskError, staff::StaffId};
use desk_store::Store;

use crate::internal_error;

/// The `action` values the app writes.
pub mod actions {
    /// A customer was created.
    pub const CUSTOMER_CREATED: &str = "customer.created";
    /// A staff account was created (including the first administrator).
    pub const STAFF_CREATED: &str = "staff.created";
    /// A staff member's roles changed.
    pub const STAFF_ROLES_CHANGED: &str = "staff.roles_changed";
    /// A staff account was deactivated.
    pub const STAFF_DEACTIVATED: &str = "staff.deactivated";
    /// An administrator reset someone's password.
    pub const STAFF_PASSWORD_RESET: &str = "staff.password_reset";
    /// Someone changed their own password.
    pub const STAFF_PASSWORD_CHANGED: &str = "staff.password_changed";
    /// Successful sign-in.
    pub const SIGNED_IN: &str = "staff.signed_in";
    /// Failed sign-in (wrong email or password, inactive or locked account).
    pub const SIGN_IN_FAILED: &str = "staff.sign_in_failed";
    /// Too many failures: the account is locked for a while.
    pub const LOCKED_OUT: &str = "staff.locked_out";
    /// Sign-out, by hand or after the idle time.
    pub const SIGNED_OUT: &str = "staff.signed_out";
    /// A connection profile was added or changed.
    pub const PROFILE_SAVED: &str = "profile.saved";
    /// The app switched to another connection profile.
    pub const PROFILE_SWITCHED: &str = "profile.switched";
    /// A connection profile was removed.
    pub const PROFILE_REMOVED: &str = "profile.removed";
}

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
    action: &str,
    entity_type: &str,
    entity_id: String,
    changes: Vec<FieldChange>,
) -> AuditEntry {
    AuditEntry {
        id: uuid::Uuid::now_v7(),
        at,
        actor_id: who.id,
        actor_email: who.email.clone(),
        action: action.to_owned(),
        entity_type: entity_type.to_owned(),
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
        actions::SIGNED_OUT,
        "staff",
        staff_id.to_string(),
        vec![FieldChange::added("reason", reason)],
    )
}

/// The most entries one page of the audit screen holds.
pub const MAX_AUDIT_PAGE: u32 = 200;

/// One page of the audit log, newest first.
pub async fn list_audit(store: &dyn Store, filter: &AuditFilter) -> Result<AuditPage, DeskError> {
    let limit = filter.limit.clamp(1, MAX_AUDIT_PAGE);
    let mut items = store
        .list_audit(filter, limit + 1)
        .await
        .map_err(|error| internal_error("reading the audit log", &error))?;
    let has_more = items.len() > limit as usize;
    items.truncate(limit as usize);
    let next_before = if has_more {
        items.last().map(|entry| entry.id)
    } else {
        None
    };
    Ok(AuditPage { items, next_before })
}
