use chrono::{DateTime, Utc};
use desk_domain::DeskError;
use desk_domain::staff::{FirstAdminInput, Session, SessionState};
use desk_store::Effects;

use crate::audit::signed_out;
use crate::desk::{Actor, Desk};
use crate::internal_error;
use crate::staff::create_first_admin;

/// Where the app starts: the open session, set-up on an empty store, or sign-in.
pub async fn session_state(
    desk: &Desk,
    signed_in: Option<Actor>,
) -> Result<SessionState, DeskError> {
    if let Some(actor) = signed_in {
        return Ok(SessionState::SignedIn(desk.session_for(actor).await?));
    }
    if let Some(shared) = desk.shared_login() {
        return Ok(SessionState::SharedSignIn {
            profile: shared.profile.clone(),
            login: shared.login.clone(),
        });
    }
    let count = desk
        .store()?
        .count_staff()
        .await
        .map_err(|error| internal_error("counting staff accounts", &error))?;
    Ok(if count == 0 {
        SessionState::NeedsFirstAdmin
    } else {
        SessionState::SignedOut
    })
}

/// Creates the first administrator of an empty store and signs them in.
pub async fn start_as_first_admin(
    desk: &Desk,
    input: &FirstAdminInput,
    now: DateTime<Utc>,
) -> Result<Session, DeskError> {
    let admin = create_first_admin(desk, input, now).await?;
    // A new account starts at epoch 0, with the password its owner chose.
    desk.start_session(admin.id, 0, now);
    desk.session_for(Actor {
        staff: admin,
        must_change_password: false,
    })
    .await
}

/// Ends the session (nothing happens when nobody is signed in).
pub async fn sign_out(
    desk: &Desk,
    signed_in: Option<Actor>,
    now: DateTime<Utc>,
) -> Result<(), DeskError> {
    desk.end_session();
    if let Some(actor) = signed_in {
        let audit = signed_out(&actor.attribution(), actor.staff.id, now, "signed out");
        desk.record(Effects::audit(audit)).await?;
    }
    Ok(())
}
