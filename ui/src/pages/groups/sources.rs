//! Where the groups screens get their rows, a page at a time.

use std::future::Future;

use desk_domain::DeskError;
use desk_domain::commands::{GetGroupMembers, ListGroups};
use desk_domain::customer::{Customer, CustomerId};
use desk_domain::customer_group::{
    CustomerGroup, GroupCursor, GroupId, GroupListRequest, GroupMembersRequest, GroupQuery,
};
use desk_domain::customer_list::CustomerCursor;

use crate::api;
use crate::components::data_table::{Page, PagedSource};

/// The groups list for one sort and search.
#[derive(Debug, Clone, Default)]
pub struct GroupSource {
    pub query: GroupQuery,
}

impl PagedSource for GroupSource {
    type Row = CustomerGroup;
    type Cursor = GroupCursor;
    type Key = GroupId;

    fn key(row: &CustomerGroup) -> GroupId {
        row.id
    }

    fn fetch(
        &self,
        after: Option<GroupCursor>,
        limit: u32,
    ) -> impl Future<Output = Result<Page<CustomerGroup, GroupCursor>, DeskError>> + use<> {
        let query = self.query.clone();
        async move {
            let page = api::call(&ListGroups {
                request: GroupListRequest {
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

/// One group's customers, by last name.
#[derive(Debug, Clone, Default)]
pub struct MemberSource {
    pub group: GroupId,
}

impl PagedSource for MemberSource {
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
        let id = self.group;
        async move {
            let page = api::call(&GetGroupMembers {
                request: GroupMembersRequest { id, after, limit },
            })
            .await?;
            Ok(Page {
                rows: page.items,
                next: page.next,
            })
        }
    }
}
