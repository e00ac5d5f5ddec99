use chrono::Utc;
use desk_domain::DeskError;
use desk_domain::customer::{Customer, CustomerListRequest, CustomerPage, NewCustomerInput};
use tauri::State;

use crate::state::DeskState;

/// `desk_domain::commands::CREATE_CUSTOMER`
#[tauri::command]
pub async fn create_customer(
    state: State<'_, DeskState>,
    input: NewCustomerInput,
) -> Result<Customer, DeskError> {
    desk_app::customers::create_customer(state.store.as_ref(), &input, Utc::now()).await
}

/// `desk_domain::commands::LIST_CUSTOMERS`
#[tauri::command]
pub async fn list_customers(
    state: State<'_, DeskState>,
    request: CustomerListRequest,
) -> Result<CustomerPage, DeskError> {
    desk_app::customers::list_customers(state.store.as_ref(), &request).await
}
