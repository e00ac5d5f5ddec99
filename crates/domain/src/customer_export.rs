//! "Export personal data": everything the store holds about one customer, as one
//! JSON document (GDPR, right of access). The app writes it to a file the person
//! chooses.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::audit::AuditEntry;
use crate::customer::{Customer, CustomerId};
use crate::customer_address::Address;
use crate::customer_note::Note;

/// What an export holds. Groups and orders join as those screens arrive.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerExport {
    /// When it was made.
    pub exported_at: DateTime<Utc>,
    /// Every field.
    pub customer: Customer,
    /// Every address.
    pub addresses: Vec<Address>,
    /// Every note, newest first.
    pub notes: Vec<Note>,
    /// The customer groups they belong to (none before groups exist).
    pub groups: Vec<String>,
    /// Their orders (none before orders exist).
    pub orders: Vec<String>,
    /// Every audit entry about them, newest first.
    pub history: Vec<AuditEntry>,
}

/// Where to write an export.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportRequest {
    /// Whose data.
    pub id: CustomerId,
    /// The file the person chose in the save dialog.
    pub path: String,
}

/// An export written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportedFile {
    /// Where.
    pub path: String,
    /// How large, in bytes.
    pub bytes: u64,
}
