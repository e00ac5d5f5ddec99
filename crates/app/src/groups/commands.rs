//! Customer group commands: thin adapters over the use cases.

use async_trait::async_trait;
use desk_domain::DeskError;
use desk_domain::commands::{
    BulkAssignGroup, CreateGroup, DeleteGroup, GetCustomerGroups, GetGroup, GetGroupMembers,
    GetGroupsOfCustomers, ListGroups, UpdateGroup,
};
use desk_domain::customer_bulk::BulkProgress;
use desk_domain::customer_group::{
    CustomerGroup, CustomerGroups, GroupLink, GroupPage, SavedGroup,
};
use desk_domain::customer_list::CustomerPage;

use crate::command::{Command, Context, Staff};

#[async_trait]
impl Command for ListGroups {
    type Caller = Staff;

    async fn run(self, cx: &Context<'_>, caller: Staff) -> Result<GroupPage, DeskError> {
        super::list_groups(&*cx.desk.store()?, caller.scope, &self.request).await
    }
}

#[async_trait]
impl Command for GetGroup {
    type Caller = Staff;

    async fn run(self, cx: &Context<'_>, caller: Staff) -> Result<CustomerGroup, DeskError> {
        super::get_group(&*cx.desk.store()?, caller.scope, self.id).await
    }
}

#[async_trait]
impl Command for GetGroupMembers {
    type Caller = Staff;

    async fn run(self, cx: &Context<'_>, caller: Staff) -> Result<CustomerPage, DeskError> {
        super::group_members(&*cx.desk.store()?, caller.scope, &self.request).await
    }
}

#[async_trait]
impl Command for CreateGroup {
    type Caller = Staff;

    async fn run(self, cx: &Context<'_>, caller: Staff) -> Result<SavedGroup, DeskError> {
        let by = caller.actor.attribution();
        super::create_group(&*cx.desk.store()?, &by, &self.request, cx.now).await
    }
}

#[async_trait]
impl Command for UpdateGroup {
    type Caller = Staff;

    async fn run(self, cx: &Context<'_>, caller: Staff) -> Result<SavedGroup, DeskError> {
        let by = caller.actor.attribution();
        super::update_group(&*cx.desk.store()?, &by, &self.update, cx.now).await
    }
}

#[async_trait]
impl Command for DeleteGroup {
    type Caller = Staff;

    async fn run(self, cx: &Context<'_>, caller: Staff) -> Result<(), DeskError> {
        let by = caller.actor.attribution();
        super::delete_group(&*cx.desk.store()?, &by, self.id, cx.now).await
    }
}

#[async_trait]
impl Command for GetCustomerGroups {
    type Caller = Staff;

    async fn run(self, cx: &Context<'_>, _: Staff) -> Result<Vec<GroupLink>, DeskError> {
        super::customer_groups(&*cx.desk.store()?, self.id).await
    }
}

#[async_trait]
impl Command for GetGroupsOfCustomers {
    type Caller = Staff;

    async fn run(self, cx: &Context<'_>, _: Staff) -> Result<Vec<CustomerGroups>, DeskError> {
        super::groups_of_customers(&*cx.desk.store()?, &self.ids).await
    }
}

#[async_trait]
impl Command for BulkAssignGroup {
    type Caller = Staff;

    async fn run(self, cx: &Context<'_>, caller: Staff) -> Result<BulkProgress, DeskError> {
        let by = caller.actor.attribution();
        super::bulk_assign_group(&*cx.desk.store()?, &by, &self.request, cx.now).await
    }
}
