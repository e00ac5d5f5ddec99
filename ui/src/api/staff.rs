use desk_domain::commands::{
    CREATE_STAFF, DEACTIVATE_STAFF, LIST_STAFF, RESET_STAFF_PASSWORD, SET_STAFF_ROLES,
};
use desk_domain::staff::{CreatedStaff, NewStaffInput, SetRolesInput, StaffId, StaffMember};
use desk_domain::{DeskError, Sensitive};
use serde::Serialize;

use super::invoke::{Input, NoArgs, invoke};

// Tauri turns snake_case argument names into camelCase on the JS side.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Staff {
    staff_id: StaffId,
}

/// Every staff account.
pub async fn list_staff() -> Result<Vec<StaffMember>, DeskError> {
    invoke(LIST_STAFF, &NoArgs {}).await
}

/// Creates an account.
pub async fn create_staff(input: &NewStaffInput) -> Result<CreatedStaff, DeskError> {
    invoke(CREATE_STAFF, &Input { input }).await
}

/// Replaces someone's roles.
pub async fn set_staff_roles(input: &SetRolesInput) -> Result<StaffMember, DeskError> {
    invoke(SET_STAFF_ROLES, &Input { input }).await
}

/// Deactivates an account.
pub async fn deactivate_staff(staff_id: StaffId) -> Result<StaffMember, DeskError> {
    invoke(DEACTIVATE_STAFF, &Staff { staff_id }).await
}

/// Gives someone a one-time password (returned once).
pub async fn reset_staff_password(staff_id: StaffId) -> Result<Sensitive<String>, DeskError> {
    invoke(RESET_STAFF_PASSWORD, &Staff { staff_id }).await
}
