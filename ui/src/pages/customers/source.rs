use std::future::Future;

use desk_domain::DeskError;
use desk_domain::commands::{GetGroupsOfCustomers, ListCustomers};
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
    /// Whether rows carry the names of their groups (the Customer groups column),
    /// for those who may see groups.
    pub with_groups: bool,
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
        let with_groups = self.with_groups;
        async move {
            let request = CustomerListRequest {
                query,
                after,
                limit,
            };
            let mut page = api::call(&ListCustomers { request }).await?;
            if with_groups && !page.items.is_empty() {
                let ids = page.items.iter().map(|customer| customer.id).collect();
                let groups = api::call(&GetGroupsOfCustomers { ids }).await?;
                for (customer, of) in page.items.iter_mut().zip(groups) {
                    customer.groups = of.groups.into_iter().map(|group| group.name).collect();
                }
            }
            Ok(Page {
                rows: page.items,
                next: page.next,
            })
        }
    }
}
