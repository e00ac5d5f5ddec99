/// Why a store operation failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A unique constraint refused the write; nothing was saved.
    #[error("{0:?} is already in use")]
    Duplicate(UniqueField),
    /// The row changed since the version the writer read: nothing was saved.
    #[error("the record changed since it was read")]
    VersionChanged,
    /// The row to change does not exist.
    #[error("no such record")]
    NotFound,
    /// Another record still refers to the one to remove (a foreign key refused).
    #[error("another record still refers to it")]
    InUse,
    /// The change would leave the store without an active administrator.
    #[error("this would leave no active administrator")]
    LastAdministrator,
    /// "First administrator" was asked for, but an account exists already.
    #[error("a staff account exists already")]
    NotFirst,
    /// A stored row could not be turned back into a domain value (a corrupt or foreign
    /// database); the text says which column.
    #[error("stored data is not valid: {0}")]
    Corrupt(String),
    /// Any other database failure (connection lost, disk full, ...).
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
}

/// The values the stores keep unique, so a violation can be told to the right field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UniqueField {
    /// `customers.email_key`: the email, lower-cased.
    CustomerEmail,
    /// `staff.email_key`: the email, lower-cased.
    StaffEmail,
    /// `customers.customer_ref_key`: the customer ID, lower-cased.
    CustomerRef,
    /// `customers.customer_number`.
    CustomerNumber,
    /// `customer_addresses.address_ref_key`: an address ID, per customer, lower-cased.
    AddressRef,
    /// `customer_attributes.code`.
    AttributeCode,
    /// `sites.code`.
    SiteCode,
    /// `customer_views.name_key`: a saved view's name, per staff member, lower-cased.
    ViewName,
    /// `customer_groups.name_key`: a group's name, lower-cased.
    GroupName,
    /// `company_invitations (company_id, email_key)` while pending: one pending
    /// invitation per address and company.
    PendingInvitation,
    /// `company_roles.name_key`: a company role's name, lower-cased.
    RoleName,
}

impl UniqueField {
    /// Recognises a unique violation by the constraint name (Postgres) or the column
    /// list in the message (SQLite, which reports no names).
    pub(crate) fn from_violation(error: &dyn sqlx::error::DatabaseError) -> Option<Self> {
        const KNOWN: [(&str, &str, UniqueField); 11] = [
            (
                "company_roles_name_key_key",
                "company_roles.name_key",
                UniqueField::RoleName,
            ),
            (
                "company_invitations_one_pending",
                "company_invitations.company_id, company_invitations.email_key",
                UniqueField::PendingInvitation,
            ),
            (
                "customer_groups_name_unique",
                "customer_groups.name_key",
                UniqueField::GroupName,
            ),
            (
                "customer_views_name_unique",
                "customer_views.staff_id, customer_views.name_key",
                UniqueField::ViewName,
            ),
            (
                "customer_attributes_pkey",
                "customer_attributes.code",
                UniqueField::AttributeCode,
            ),
            (
                "customer_addresses_ref_unique",
                "customer_addresses.address_ref_key",
                UniqueField::AddressRef,
            ),
            (
                "customers_ref_unique",
                "customers.customer_ref_key",
                UniqueField::CustomerRef,
            ),
            (
                "customers_number_unique",
                "customers.customer_number",
                UniqueField::CustomerNumber,
            ),
            (
                "customers_email_unique",
                "customers.email_key",
                UniqueField::CustomerEmail,
            ),
            (
                "staff_email_unique",
                "staff.email_key",
                UniqueField::StaffEmail,
            ),
            ("sites_pkey", "sites.code", UniqueField::SiteCode),
        ];
        KNOWN
            .into_iter()
            .find(|(constraint, sqlite_columns, _)| {
                error.constraint() == Some(constraint) || error.message().contains(sqlite_columns)
            })
            .map(|(_, _, field)| field)
    }
}

/// Turns a sqlx error into a [`StoreError`], singling out unique violations the
/// application can explain on a form field.
pub(crate) fn classify(error: sqlx::Error) -> StoreError {
    if let sqlx::Error::Database(database_error) = &error
        && database_error.is_unique_violation()
        && let Some(field) = UniqueField::from_violation(database_error.as_ref())
    {
        return StoreError::Duplicate(field);
    }
    if let sqlx::Error::Database(database_error) = &error
        && database_error.is_foreign_key_violation()
    {
        return StoreError::InUse;
    }
    StoreError::Database(error)
}
