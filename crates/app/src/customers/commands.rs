//! Customer commands: thin adapters over the use cases.

use async_trait::async_trait;
use desk_domain::DeskError;
use desk_domain::commands::{CreateCustomer, GetCustomer, ListCustomers};
use desk_domain::customer::{Customer, CustomerPage};

use crate::command::{Command, Context, Staff};

#[async_trait]
impl Command for CreateCustomer {
    type Caller = Staff;

    async fn run(self, cx: &Context<'_>, caller: Staff) -> Result<Customer, DeskError> {
        let by = caller.actor.attribution();
        super::create_customer(&*cx.desk.store()?, &by, &self.input, cx.now).await
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
