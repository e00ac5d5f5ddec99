//! A customer's history: the audit entries about them, newest first, paged.

use desk_domain::DeskError;
use desk_domain::audit::{AuditEntryId, AuditPage};
use desk_domain::customer::CustomerId;
use desk_store::Store;

use crate::internal_error;

/// Entries per page.
const PAGE: u32 = 25;

/// A page of `customer`'s history older than `before`.
pub async fn customer_history(
    store: &dyn Store,
    customer: CustomerId,
    before: Option<AuditEntryId>,
) -> Result<AuditPage, DeskError> {
    let mut items = store
        .customer_history(&customer.to_string(), before.map(|id| id.0), PAGE + 1)
        .await
        .map_err(|error| internal_error("reading a customer's history", &error))?;
    let more = items.len() > PAGE as usize;
    items.truncate(PAGE as usize);
    let next_before = if more {
        items.last().map(|entry| entry.id)
    } else {
        None
    };
    Ok(AuditPage { items, next_before })
}
