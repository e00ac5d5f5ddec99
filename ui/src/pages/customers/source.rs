use std::future::Future;

use desk_domain::DeskError;
use desk_domain::commands::ListCustomers;
use desk_domain::customer::{Customer, CustomerCursor, CustomerId, CustomerListRequest};
use desk_domain::customer_list::CustomerQuery;

use crate::api;
use crate::components::data_table::{Page, PagedSource};

/// The customer list for one query (sort, filters, search), a page at a time. A new
/// query is a new source: the list starts again from the top, and answers for the
/// old one are dropped.
#[derive(Debug, Clone, Default)]
pub struct CustomerSource {
    pub query: CustomerQuery,
}

impl PagedSource for CustomerSource {
    type Row = Customer;
    type Cursor = CustomerCursor;
    type Key = CustomerId;

    fn key(row: &Customer) -> CustomerId {
        row.id
    }

    fn fetch(
        &self,
        after: Option<CustomerCursor>,
        limit: u32,
    ) -> impl Future<Output = Result<Page<Customer, CustomerCursor>, DeskError>> + use<> {
        let query = self.query.clone();
        async move {
            let request = CustomerListRequest {
                query,
                after,
                limit,
            };
            let page = api::call(&ListCustomers { request }).await?;
            Ok(Page {
                rows: page.items,
                next: page.next,
            })
        }
    }
}
