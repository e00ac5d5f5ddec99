use chrono::Utc;
use desk_app::commands::staff::{
    CreateStaff, DeactivateStaff, ListStaff, ResetStaffPassword, SetStaffRoles,
};
use desk_app::profiles::Workspace;
use desk_domain::staff::{CreatedStaff, NewStaffInput, SetRolesInput, StaffId, StaffMember};
use desk_domain::{DeskError, Sensitive};
use tauri::State;

#[tauri::command]
pub async fn list_staff(desk: State<'_, Workspace>) -> Result<Vec<StaffMember>, DeskError> {
    desk.execute(ListStaff, Utc::now()).await
}

#[tauri::command]
pub async fn create_staff(
    desk: State<'_, Workspace>,
    input: NewStaffInput,
) -> Result<CreatedStaff, DeskError> {
    desk.execute(CreateStaff(input), Utc::now()).await
}

#[tauri::command]
pub async fn set_staff_roles(
    desk: State<'_, Workspace>,
    input: SetRolesInput,
) -> Result<StaffMember, DeskError> {
    desk.execute(SetStaffRoles(input), Utc::now()).await
}

#[tauri::command]
pub async fn deactivate_staff(
    desk: State<'_, Workspace>,
    staff_id: StaffId,
) -> Result<StaffMember, DeskError> {
    desk.execute(DeactivateStaff(staff_id), Utc::now()).await
}

#[tauri::command]
pub async fn reset_staff_password(
    desk: State<'_, Workspace>,
    staff_id: StaffId,
) -> Result<Sensitive<String>, DeskError> {
    desk.execute(ResetStaffPassword(staff_id), Utc::now()).await
}
