use std::future::Future;

use desk_domain::DeskError;
use desk_domain::commands::ListCustomers;
use desk_domain::customer::{Customer, CustomerCursor, CustomerId, CustomerListRequest};

use crate::api;
use crate::components::data_table::{Page, PagedSource};

/// The customer list, sorted by last name then first name, a page at a time.
#[derive(Debug, Clone, Copy, Default)]
pub struct CustomerSource;

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
        async move {
            let request = CustomerListRequest {
                after,
                limit,
                ..CustomerListRequest::default()
            };
            let page = api::call(&ListCustomers { request }).await?;
            Ok(Page {
                rows: page.items,
                next: page.next,
            })
        }
    }
}
