//! Customer commands: thin adapters over the use cases.

use async_trait::async_trait;
use desk_domain::DeskError;
use desk_domain::commands::{
    CreateCustomer, GetCustomer, GetCustomerChoices, ListCustomers, MarkCustomerVerified,
    UpdateCustomer,
};
use desk_domain::customer::{
    CreatedCustomer, Customer, CustomerChoices, CustomerPage, SavedCustomer,
};

use crate::command::{Command, Context, Staff};

#[async_trait]
impl Command for GetCustomerChoices {
    type Caller = Staff;

    async fn run(self, cx: &Context<'_>, _: Staff) -> Result<CustomerChoices, DeskError> {
        super::customer_choices(&*cx.desk.store()?).await
    }
}

#[async_trait]
impl Command for CreateCustomer {
    type Caller = Staff;

    async fn run(self, cx: &Context<'_>, caller: Staff) -> Result<CreatedCustomer, DeskError> {
        let by = caller.actor.attribution();
        let store = cx.desk.store()?;
        super::create_customer(&*store, cx.desk.passwords(), &by, &self.input, cx.now).await
    }
}

#[async_trait]
impl Command for UpdateCustomer {
    type Caller = Staff;

    async fn run(self, cx: &Context<'_>, caller: Staff) -> Result<SavedCustomer, DeskError> {
        let by = caller.actor.attribution();
        super::update_customer(&*cx.desk.store()?, &by, &self.update, cx.now).await
    }
}

#[async_trait]
impl Command for MarkCustomerVerified {
    type Caller = Staff;

    async fn run(self, cx: &Context<'_>, caller: Staff) -> Result<Customer, DeskError> {
        let by = caller.actor.attribution();
        super::mark_customer_verified(&*cx.desk.store()?, &by, self.id, cx.now).await
    }
}

#[async_trait]
impl Command for ListCustomers {
    type Caller = Staff;

    async fn run(self, cx: &Context<'_>, _: Staff) -> Result<CustomerPage, DeskError> {
        super::list_customers(&*cx.desk.store()?, &self.request).await
    }
}

#[async_trait]
impl Command for GetCustomer {
    type Caller = Staff;

    async fn run(self, cx: &Context<'_>, _: Staff) -> Result<Customer, DeskError> {
        super::get_customer(&*cx.desk.store()?, self.id).await
    }
}
