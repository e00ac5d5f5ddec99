use chrono::Utc;
use desk_app::profiles::{
    ListProfiles, RemoveProfile, SaveProfile, SwitchProfile, TestProfile, Workspace,
};
use desk_domain::DeskError;
use desk_domain::profile::{ConnectionCheck, ProfileInput, ProfilesView, SwitchProfileInput};
use desk_domain::staff::SessionState;
use tauri::State;

#[tauri::command]
pub async fn list_profiles(workspace: State<'_, Workspace>) -> Result<ProfilesView, DeskError> {
    workspace.execute_workspace(ListProfiles, Utc::now()).await
}

#[tauri::command]
pub async fn save_profile(
    workspace: State<'_, Workspace>,
    input: ProfileInput,
) -> Result<ProfilesView, DeskError> {
    workspace
        .execute_workspace(SaveProfile(input), Utc::now())
        .await
}

#[tauri::command]
pub async fn test_profile(
    workspace: State<'_, Workspace>,
    input: ProfileInput,
) -> Result<ConnectionCheck, DeskError> {
    workspace
        .execute_workspace(TestProfile(input), Utc::now())
        .await
}

#[tauri::command]
pub async fn switch_profile(
    workspace: State<'_, Workspace>,
    input: SwitchProfileInput,
) -> Result<SessionState, DeskError> {
    workspace
        .execute_workspace(SwitchProfile(input), Utc::now())
        .await
}

#[tauri::command]
pub async fn remove_profile(
    workspace: State<'_, Workspace>,
    name: String,
) -> Result<ProfilesView, DeskError> {
    workspace
        .execute_workspace(RemoveProfile(name), Utc::now())
        .await
}
