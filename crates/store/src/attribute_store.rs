use async_trait::async_trait;
use chrono::{DateTime, Utc};
use desk_domain::custom_attribute::AttributeDefinition;

use crate::{Effects, StoreError};

/// The custom attributes administrators define for customers.
#[async_trait]
pub trait AttributeStore: Send + Sync + std::fmt::Debug {
    /// Every definition, in form order.
    async fn customer_attributes(&self) -> Result<Vec<AttributeDefinition>, StoreError>;

    /// Adds a definition at the end of the form; a taken code is
    /// `Duplicate(AttributeCode)`.
    async fn insert_customer_attribute(
        &self,
        definition: &AttributeDefinition,
        at: DateTime<Utc>,
        effects: &Effects,
    ) -> Result<(), StoreError>;

    /// Changes a definition (its code stays); `NotFound` when there is none.
    async fn update_customer_attribute(
        &self,
        definition: &AttributeDefinition,
        effects: &Effects,
    ) -> Result<(), StoreError>;
}
