//! The audit log: who changed what, when.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::staff::StaffId;

/// One change of one field: `None` where there was (or is) no value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldChange {
    /// The field's name, e.g. `email`.
    pub field: String,
    /// Before the change.
    pub old: Option<String>,
    /// After the change.
    pub new: Option<String>,
}

impl FieldChange {
    /// A field that was set where there was nothing.
    pub fn added(field: &str, value: impl Into<String>) -> Self {
        Self {
            field: field.to_owned(),
            old: None,
            new: Some(value.into()),
        }
    }

    /// A field whose value changed.
    pub fn changed(field: &str, old: impl Into<String>, new: impl Into<String>) -> Self {
        Self {
            field: field.to_owned(),
            old: Some(old.into()),
            new: Some(new.into()),
        }
    }
}

/// One entry of the append-only audit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    /// A UUIDv7: entries sort by it in time order.
    pub id: Uuid,
    /// When, in UTC.
    pub at: DateTime<Utc>,
    /// Who did it; `None` for attempts by someone unknown (a failed sign-in with an
    /// email that has no account).
    pub actor_id: Option<StaffId>,
    /// The email given or signed in with, kept even if the account changes later.
    pub actor_email: String,
    /// What happened, e.g. `customer.created` (see `desk-app`'s audit actions).
    pub action: String,
    /// The kind of record, e.g. `customer`, `staff`, `profile`.
    pub entity_type: String,
    /// Its identifier.
    pub entity_id: String,
    /// Changed fields with old and new values; never a password or a hash.
    pub changes: Vec<FieldChange>,
}

/// Filters for the audit screen; all optional, combined with AND.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditFilter {
    /// Only entries by this person.
    pub actor_id: Option<StaffId>,
    /// Only entries about this kind of record.
    pub entity_type: Option<String>,
    /// Only entries about this record.
    pub entity_id: Option<String>,
    /// Only entries at or after this time.
    pub from: Option<DateTime<Utc>>,
    /// Only entries before this time.
    pub to: Option<DateTime<Utc>>,
    /// Newest first; continue below this entry id.
    pub before: Option<Uuid>,
    /// Page size, clamped to 1..=200.
    pub limit: u32,
}

/// A page of the audit log, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditPage {
    /// The entries.
    pub items: Vec<AuditEntry>,
    /// Pass as `before` for the next page; `None` at the end.
    pub next_before: Option<Uuid>,
}
