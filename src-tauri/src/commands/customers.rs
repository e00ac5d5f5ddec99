use chrono::Utc;
use desk_app::commands::customers::{CreateCustomer, ListCustomers};
use desk_app::profiles::Workspace;
use desk_domain::DeskError;
use desk_domain::customer::{Customer, CustomerListRequest, CustomerPage, NewCustomerInput};
use tauri::State;

#[tauri::command]
pub async fn create_customer(
    desk: State<'_, Workspace>,
    input: NewCustomerInput,
) -> Result<Customer, DeskError> {
    desk.execute(CreateCustomer(input), Utc::now()).await
}

#[tauri::command]
pub async fn list_customers(
    desk: State<'_, Workspace>,
    request: CustomerListRequest,
) -> Result<CustomerPage, DeskError> {
    desk.execute(ListCustomers(request), Utc::now()).await
}
