use async_trait::async_trait;
use desk_domain::audit::{AuditEntry, AuditFilter};

use crate::{Effects, StoreError};

/// The append-only audit log. There is deliberately no update or delete; the schema
/// refuses them too.
#[async_trait]
pub trait AuditStore: Send + Sync + std::fmt::Debug {
    /// Commits effects of an event that changes no record (a sign-out, a profile
    /// change), in one transaction.
    async fn record(&self, effects: &Effects) -> Result<(), StoreError>;

    /// Up to `limit` entries matching `filter`, newest first.
    async fn list_audit(
        &self,
        filter: &AuditFilter,
        limit: u32,
    ) -> Result<Vec<AuditEntry>, StoreError>;

    /// Up to `limit` entries about customer `customer`, newest first, older than
    /// entry `before`: the customer's history, readable by everyone who may view
    /// customers (the whole log is the administrators').
    async fn customer_history(
        &self,
        customer: &str,
        before: Option<uuid::Uuid>,
        limit: u32,
    ) -> Result<Vec<AuditEntry>, StoreError>;
}
