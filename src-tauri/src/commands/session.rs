use chrono::Utc;
use desk_app::commands::session::{
    ChangeOwnPassword, CreateFirstAdmin, GetSessionState, SignIn, SignOut,
};
use desk_app::profiles::Workspace;
use desk_domain::DeskError;
use desk_domain::staff::{
    ChangePasswordInput, FirstAdminInput, Session, SessionState, SignInInput,
};
use tauri::State;

#[tauri::command]
pub async fn session_state(desk: State<'_, Workspace>) -> Result<SessionState, DeskError> {
    desk.execute(GetSessionState, Utc::now()).await
}

#[tauri::command]
pub async fn create_first_admin(
    desk: State<'_, Workspace>,
    input: FirstAdminInput,
) -> Result<Session, DeskError> {
    desk.execute(CreateFirstAdmin(input), Utc::now()).await
}

#[tauri::command]
pub async fn sign_in(desk: State<'_, Workspace>, input: SignInInput) -> Result<Session, DeskError> {
    desk.execute(SignIn(input), Utc::now()).await
}

#[tauri::command]
pub async fn sign_out(desk: State<'_, Workspace>) -> Result<(), DeskError> {
    desk.execute(SignOut, Utc::now()).await
}

#[tauri::command]
pub async fn change_own_password(
    desk: State<'_, Workspace>,
    input: ChangePasswordInput,
) -> Result<(), DeskError> {
    desk.execute(ChangeOwnPassword(input), Utc::now()).await
}
