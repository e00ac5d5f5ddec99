use std::future::Future;

use desk_domain::DeskError;
use desk_domain::audit::{AuditEntry, AuditFilter};
use desk_domain::commands::ListAudit;
use uuid::Uuid;

use crate::api;
use crate::components::data_table::{Page, PagedSource};

/// The audit log under one set of filters, newest first, a page at a time.
#[derive(Debug, Clone, Default)]
pub struct AuditSource {
    /// Who, what kind of record, when; its `before` and `limit` are the table's.
    pub filter: AuditFilter,
}

impl PagedSource for AuditSource {
    type Row = AuditEntry;
    type Cursor = Uuid;
    type Key = Uuid;

    fn key(row: &AuditEntry) -> Uuid {
        row.id
    }

    fn fetch(
        &self,
        after: Option<Uuid>,
        limit: u32,
    ) -> impl Future<Output = Result<Page<AuditEntry, Uuid>, DeskError>> + use<> {
        let filter = AuditFilter {
            before: after,
            limit,
            ..self.filter.clone()
        };
        async move {
            let page = api::call(&ListAudit { filter }).await?;
            Ok(Page {
                rows: page.items,
                next: page.next_before,
            })
        }
    }
}
