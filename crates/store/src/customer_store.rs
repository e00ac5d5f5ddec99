use async_trait::async_trait;
use chrono::{DateTime, Utc};
use desk_domain::customer::{Customer, CustomerDetails, CustomerId};
use desk_domain::customer_bulk::BulkChange;
use desk_domain::customer_list::{CustomerCursor, CustomerPage, CustomerQuery};

use crate::{Effects, StoreError};

/// What a new customer row holds besides its details: identifiers the app made.
#[derive(Debug, Clone)]
pub struct NewCustomerRecord<'a> {
    /// Internal id.
    pub id: CustomerId,
    /// The customer ID: the custom one, or one the app generated.
    pub customer_ref: &'a str,
    /// The random customer number.
    pub customer_number: &'a str,
    /// The checked form.
    pub details: &'a CustomerDetails,
    /// The argon2id hash of an initial password, kept apart from the record.
    pub password_hash: Option<&'a str>,
    /// Creation time.
    pub at: DateTime<Utc>,
}

/// Customer records.
#[async_trait]
pub trait CustomerStore: Send + Sync + std::fmt::Debug {
    /// Inserts a customer in one transaction with `effects`. A taken email, customer
    /// ID (both ignoring case) or customer number is refused by the database's unique
    /// constraints and comes back as [`StoreError::Duplicate`] naming the field.
    async fn insert_customer(
        &self,
        record: &NewCustomerRecord<'_>,
        effects: &Effects,
    ) -> Result<Customer, StoreError>;

    /// Saves `details` over customer `id` if it is still at `expected_version`, raising
    /// the version; otherwise nothing changes and [`StoreError::VersionChanged`] comes
    /// back. The customer ID itself never changes here. `effects` commit with it.
    async fn update_customer(
        &self,
        id: CustomerId,
        expected_version: i64,
        details: &CustomerDetails,
        at: DateTime<Utc>,
        effects: &Effects,
    ) -> Result<Customer, StoreError>;

    /// Marks customer `id` Verified at `at` (kept if they were already); `effects`
    /// commit only when it changed something. `None` when there is no such customer.
    async fn mark_customer_verified(
        &self,
        id: CustomerId,
        at: DateTime<Utc>,
        effects: &Effects,
    ) -> Result<Option<Customer>, StoreError>;

    /// One page of at most `page_size` customers that pass `query`'s filters and
    /// search, in its order, starting just after `after` (which must come from a
    /// page of the same query). Keyset paging over an index per sort column: the
    /// cost of a page does not grow with how deep into the list it is.
    async fn list_customers(
        &self,
        query: &CustomerQuery,
        after: Option<&CustomerCursor>,
        page_size: u32,
    ) -> Result<CustomerPage, StoreError>;

    /// How many customers pass `query`'s filters and search ("select all N").
    async fn count_customers(&self, query: &CustomerQuery) -> Result<u64, StoreError>;

    /// The customers among `ids` that exist, in no particular order.
    async fn customers_by_ids(&self, ids: &[CustomerId]) -> Result<Vec<Customer>, StoreError>;

    /// Sets `change` on each customer of `changes` that is still at the version it
    /// was read at (and not erased), raising the version, and commits the effects of
    /// exactly those customers (their audit entries, the emails the change sends), in
    /// one transaction. A customer someone changed meanwhile is left alone, with no
    /// entry claiming otherwise. The ids it changed.
    async fn set_customer_flag(
        &self,
        changes: &[FlagChange],
        change: BulkChange,
        at: DateTime<Utc>,
    ) -> Result<Vec<CustomerId>, StoreError>;

    /// The customer `id`, if there is one.
    async fn customer_by_id(&self, id: CustomerId) -> Result<Option<Customer>, StoreError>;

    /// Erases customer `id`'s personal data (GDPR): the record keeps its id, customer
    /// ID and number and what is not personal; names become "Erased customer";
    /// addresses, notes and an initial password are removed; unused links expire;
    /// messages to them are emptied; the values in their audit entries are redacted.
    /// `effects` commit with it. `None` when there is no such customer, or they were
    /// erased already.
    async fn erase_customer(
        &self,
        id: CustomerId,
        at: DateTime<Utc>,
        effects: &Effects,
    ) -> Result<Option<Customer>, StoreError>;
}

/// One customer of a bulk change: where it was read, and what changing it causes.
#[derive(Debug, Clone)]
pub struct FlagChange {
    /// Which customer.
    pub id: CustomerId,
    /// The version the change was decided on.
    pub version: i64,
    /// Its audit entry and emails, committed only if it changes.
    pub effects: Effects,
}
