//! Customer commands.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use desk_domain::DeskError;
use desk_domain::commands as names;
use desk_domain::customer::{Customer, CustomerListRequest, CustomerPage, NewCustomerInput};

use crate::customers;
use crate::desk::{Caller, Command, Desk};

/// Adds a customer.
#[derive(Debug)]
pub struct CreateCustomer(pub NewCustomerInput);

#[async_trait]
impl Command for CreateCustomer {
    const NAME: &'static str = names::CREATE_CUSTOMER;
    type Output = Customer;

    async fn run(
        self,
        desk: &Desk,
        caller: Caller,
        now: DateTime<Utc>,
    ) -> Result<Customer, DeskError> {
        let by = caller.actor()?.attribution();
        customers::create_customer(desk.store(), &by, &self.0, now).await
    }
}

/// A page of the customer list.
#[derive(Debug)]
pub struct ListCustomers(pub CustomerListRequest);

#[async_trait]
impl Command for ListCustomers {
    const NAME: &'static str = names::LIST_CUSTOMERS;
    type Output = CustomerPage;

    async fn run(
        self,
        desk: &Desk,
        _: Caller,
        _: DateTime<Utc>,
    ) -> Result<CustomerPage, DeskError> {
        customers::list_customers(desk.store(), &self.0).await
    }
}
