use async_trait::async_trait;
use chrono::{DateTime, Utc};
use desk_domain::customer::{Customer, CustomerCursor, CustomerId, NewCustomer};

use crate::{Effects, StoreError};

/// Customer records.
#[async_trait]
pub trait CustomerStore: Send + Sync + std::fmt::Debug {
    /// Inserts a customer in one transaction. A second customer with the same email
    /// (ignoring case) is refused by the database's unique constraint and comes back as
    /// [`StoreError::Duplicate`] with [`crate::UniqueField::CustomerEmail`]. `effects`
    /// commit in the same transaction.
    async fn insert_customer(
        &self,
        id: CustomerId,
        created_at: DateTime<Utc>,
        customer: &NewCustomer,
        effects: &Effects,
    ) -> Result<Customer, StoreError>;

    /// Up to `limit` customers sorted by last name, then first name (both ignoring
    /// case), then id, starting just after `after`. Keyset paging: the cost of a page
    /// does not grow with how deep into the list it is.
    async fn list_customers(
        &self,
        after: Option<&CustomerCursor>,
        limit: u32,
    ) -> Result<Vec<Customer>, StoreError>;

    /// The customer `id`, if there is one.
    async fn customer_by_id(&self, id: CustomerId) -> Result<Option<Customer>, StoreError>;
}
