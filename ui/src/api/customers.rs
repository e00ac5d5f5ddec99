use desk_domain::DeskError;
use desk_domain::commands::{CREATE_CUSTOMER, LIST_CUSTOMERS};
use desk_domain::customer::{Customer, CustomerListRequest, CustomerPage, NewCustomerInput};
use serde::Serialize;

use super::invoke::{Input, invoke};

#[derive(Serialize)]
struct ListArgs<'a> {
    request: &'a CustomerListRequest,
}

/// Adds a customer.
pub async fn create_customer(input: &NewCustomerInput) -> Result<Customer, DeskError> {
    invoke(CREATE_CUSTOMER, &Input { input }).await
}

/// Fetches one page of the name-ordered list.
pub async fn list_customers(request: &CustomerListRequest) -> Result<CustomerPage, DeskError> {
    invoke(LIST_CUSTOMERS, &ListArgs { request }).await
}
