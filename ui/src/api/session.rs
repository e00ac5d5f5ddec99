use desk_domain::DeskError;
use desk_domain::commands::{
    CHANGE_OWN_PASSWORD, CREATE_FIRST_ADMIN, SESSION_STATE, SIGN_IN, SIGN_OUT,
};
use desk_domain::staff::{
    ChangePasswordInput, FirstAdminInput, Session, SessionState, SignInInput,
};

use super::invoke::{Input, NoArgs, invoke};

/// Set-up, sign-in, or who is signed in. Also keeps an active session alive.
pub async fn session_state() -> Result<SessionState, DeskError> {
    invoke(SESSION_STATE, &NoArgs {}).await
}

/// Creates the first administrator and signs them in.
pub async fn create_first_admin(input: &FirstAdminInput) -> Result<Session, DeskError> {
    invoke(CREATE_FIRST_ADMIN, &Input { input }).await
}

/// Signs in.
pub async fn sign_in(input: &SignInInput) -> Result<Session, DeskError> {
    invoke(SIGN_IN, &Input { input }).await
}

/// Signs out.
pub async fn sign_out() -> Result<(), DeskError> {
    invoke(SIGN_OUT, &NoArgs {}).await
}

/// Changes the signed-in person's password.
pub async fn change_own_password(input: &ChangePasswordInput) -> Result<(), DeskError> {
    invoke(CHANGE_OWN_PASSWORD, &Input { input }).await
}
