use async_trait::async_trait;
use desk_domain::audit::{AuditEntry, AuditFilter};

use crate::StoreError;

/// The append-only audit log. There is deliberately no update or delete; the schema
/// refuses them too.
#[async_trait]
pub trait AuditStore: Send + Sync + std::fmt::Debug {
    /// Appends one entry (for events that change nothing else, e.g. a failed sign-in).
    async fn append_audit(&self, entry: &AuditEntry) -> Result<(), StoreError>;

    /// Up to `limit` entries matching `filter`, newest first.
    async fn list_audit(
        &self,
        filter: &AuditFilter,
        limit: u32,
    ) -> Result<Vec<AuditEntry>, StoreError>;
}
