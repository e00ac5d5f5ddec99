use desk_domain::DeskError;
use desk_domain::audit::{AuditFilter, AuditPage};
use desk_store::Store;

use crate::internal_error;

/// The most entries one page of the audit screen holds.
pub const MAX_AUDIT_PAGE: u32 = 200;

/// One page of the audit log, newest first.
pub async fn list_audit(store: &dyn Store, filter: &AuditFilter) -> Result<AuditPage, DeskError> {
    let limit = filter.limit.clamp(1, MAX_AUDIT_PAGE);
    // One row more than asked tells whether another page follows without a COUNT.
    let mut items = store
        .list_audit(filter, limit + 1)
        .await
        .map_err(|error| internal_error("reading the audit log", &error))?;
    let has_more = items.len() > limit as usize;
    items.truncate(limit as usize);
    let next_before = if has_more {
        items.last().map(|entry| entry.id)
    } else {
        None
    };
    Ok(AuditPage { items, next_before })
}
