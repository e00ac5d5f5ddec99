//! Where the companies list gets its rows, a page at a time.

use std::future::Future;

use desk_domain::DeskError;
use desk_domain::commands::ListCompanies;
use desk_domain::company::CompanyId;
use desk_domain::company_list::{CompanyCursor, CompanyListRequest, CompanyQuery, CompanyRow};

use crate::api;
use crate::components::data_table::{Page, PagedSource};

/// The companies list for one sort, search and filter.
#[derive(Debug, Clone, Default)]
pub struct CompanySource {
    pub query: CompanyQuery,
}

impl PagedSource for CompanySource {
    type Row = CompanyRow;
    type Cursor = CompanyCursor;
    type Key = CompanyId;

    fn key(row: &CompanyRow) -> CompanyId {
        row.id
    }

    fn fetch(
        &self,
        after: Option<CompanyCursor>,
        limit: u32,
    ) -> impl Future<Output = Result<Page<CompanyRow, CompanyCursor>, DeskError>> + use<> {
        let query = self.query.clone();
        async move {
            let page = api::call(&ListCompanies {
                request: CompanyListRequest {
                    query,
                    after,
                    limit,
                },
            })
            .await?;
            Ok(Page {
                rows: page.items,
                next: page.next,
            })
        }
    }
}
