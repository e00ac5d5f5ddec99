use desk_domain::DeskError;
use desk_domain::audit::{AuditFilter, AuditPage};
use desk_domain::commands::LIST_AUDIT;
use serde::Serialize;

use super::invoke::invoke;

#[derive(Serialize)]
struct Args<'a> {
    filter: &'a AuditFilter,
}

/// A page of the audit log.
pub async fn list_audit(filter: &AuditFilter) -> Result<AuditPage, DeskError> {
    invoke(LIST_AUDIT, &Args { filter }).await
}
