use serde::{Deserialize, Serialize};

/// What a staff member may do. Roles grant permissions (the policy table is in
/// `desk-app`); the UI hides what the signed-in person lacks, and the backend refuses it
/// anyway.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Permission {
    /// See the customer list and customer details.
    ViewCustomers,
    /// Create and change customers.
    EditCustomers,
    /// List, create, change, deactivate staff accounts and reset their passwords.
    ManageStaff,
    /// Read the audit log.
    ViewAuditLog,
    /// Change the store's settings (email, sites, currencies, locales, preferences,
    /// customer access, templates).
    ManageSettings,
    /// See the outbox, resend failed messages and cancel queued ones.
    ManageOutbox,
    /// See customer groups and who is in them (a sales rep: only the groups of their
    /// own companies).
    ViewGroups,
    /// Add, change and delete customer groups and assign customers to them.
    ManageGroups,
    /// See B2B companies (a sales rep: only those where they are the sales rep).
    ViewCompanies,
    /// Add and change B2B companies.
    ManageCompanies,
}

impl Permission {
    /// Every permission, for tables and tests that must cover them all.
    pub const ALL: [Self; 10] = [
        Self::ViewCustomers,
        Self::EditCustomers,
        Self::ManageStaff,
        Self::ViewAuditLog,
        Self::ManageSettings,
        Self::ManageOutbox,
        Self::ViewGroups,
        Self::ManageGroups,
        Self::ViewCompanies,
        Self::ManageCompanies,
    ];

    /// What the permission allows, in words for messages.
    pub fn describe(self) -> &'static str {
        match self {
            Self::ViewCustomers => "view customers",
            Self::EditCustomers => "add or change customers",
            Self::ManageStaff => "manage staff accounts",
            Self::ViewAuditLog => "read the audit log",
            Self::ManageSettings => "change the store's settings",
            Self::ManageOutbox => "see and manage the outbox",
            Self::ViewGroups => "view customer groups",
            Self::ManageGroups => "manage customer groups",
            Self::ViewCompanies => "view companies",
            Self::ManageCompanies => "add or change companies",
        }
    }
}
