//! Signing in to a shared Postgres store: every staff member connects with their own
//! database login, so connecting is signing in. The server checks the password (and
//! one-time passwords' expiry); the app then reads whose account the login is.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use desk_domain::profile::{Profile, ProfileTarget};
use desk_domain::staff::SessionState;
use desk_domain::{DeskError, Sensitive};
use desk_store::{ConnectError, Effects, SignInReservation, Store};

use super::connection_failure::connection_failed;
use super::saved_password;
use super::workspace::Workspace;
use crate::audit::{Attribution, entry};
use crate::desk::{Actor, Desk};
use crate::internal_error;
use crate::session::session_state;
use desk_domain::audit::{AuditAction, EntityType};

/// What connecting to a profile's store came to.
pub(super) struct Connected {
    /// The desk to switch to.
    pub desk: Desk,
    /// The screen it opens on.
    pub state: SessionState,
}

/// Connects to `profile`'s store with `password` and works out who that is. For a
/// shared store: the staff member whose login it is, signed in at once; the schema
/// owner on a store without staff, to set up its first administrator; anyone else is
/// refused. A local store opens signed out, as before.
pub(super) async fn connect(
    workspace: &Workspace,
    profile: &Profile,
    password: Option<&Sensitive<String>>,
    now: DateTime<Utc>,
) -> Result<Connected, DeskError> {
    let store = workspace
        .opener()
        .open(&profile.target, password)
        .await
        .map_err(|error| refused(profile, &error))?;
    // A shared store's sessions run on its server's clock, from their first moment.
    let now = store.database_now().await.ok().flatten().unwrap_or(now);
    let ProfileTarget::Postgres { user, .. } = &profile.target else {
        let desk = workspace.owner_desk(store);
        let state = session_state(&desk, None).await?;
        return Ok(Connected { desk, state });
    };
    let record = store
        .staff_for_this_login()
        .await
        .map_err(|error| internal_error("reading whose login this is", &error))?;
    let Some(record) = record else {
        return owner_or_stranger(workspace, profile, user, store).await;
    };
    if !record.member.active {
        return Err(DeskError::SignInFailed {
            message: "This account has been deactivated. Ask an administrator.".into(),
        });
    }
    let desk = workspace.signed_out_desk(profile, Some(store.clone()));
    let signed_in = entry(
        &Attribution {
            id: Some(record.member.id),
            email: record.member.email.to_string(),
        },
        now,
        AuditAction::SignedIn,
        EntityType::Staff,
        record.member.id.to_string(),
        Vec::new(),
    );
    // The server checked the password; nothing was reserved.
    let member = store
        .record_sign_in(
            record.member.id,
            now,
            SignInReservation { failures_before: 0 },
            None,
            &Effects::audit(signed_in),
        )
        .await
        .map_err(|error| internal_error("recording a sign-in", &error))?;
    desk.start_session(member.id, record.session_epoch, now);
    let session = desk
        .session_for(Actor {
            staff: member,
            must_change_password: record.must_change_password,
        })
        .await?;
    Ok(Connected {
        desk,
        state: SessionState::SignedIn(session),
    })
}

/// A login that is no staff member: the schema owner may set up the first
/// administrator of an empty store; nobody else gets in.
async fn owner_or_stranger(
    workspace: &Workspace,
    profile: &Profile,
    login: &str,
    store: Arc<dyn Store>,
) -> Result<Connected, DeskError> {
    let staff = store
        .count_staff()
        .await
        .map_err(|error| internal_error("counting staff accounts", &error))?;
    if staff > 0 {
        return Err(DeskError::SignInFailed {
            message: format!(
                "The database login \"{login}\" is not a staff member of \"{}\". Use the \
                 login an administrator gave you.",
                profile.name
            ),
        });
    }
    let desk = workspace.owner_desk(store);
    Ok(Connected {
        desk,
        state: SessionState::NeedsFirstAdmin,
    })
}

/// A refused connection: a wrong password is a failed sign-in (one message whatever
/// the reason, as for a local store); anything else is told on its form field.
fn refused(profile: &Profile, error: &ConnectError) -> DeskError {
    match error {
        ConnectError::Authentication => {
            // The server refused it and will keep its own record (log_connections); the
            // app can write to no store it could not reach, so it logs what it saw.
            tracing::warn!(profile = %profile.name, target = %profile.target, "sign-in refused by the server");
            DeskError::SignInFailed {
                message: "The server refused this password (or the one-time password has \
                      expired, or the account is deactivated)."
                    .into(),
            }
        }
        other => connection_failed(&profile.name, other),
    }
}

impl Workspace {
    /// After signing out of a shared store: the connection (made with the person's
    /// login) is closed, and the next person signs in afresh.
    pub fn disconnect_shared(&self) {
        // Any desk on a Postgres profile: a staff login's, or the schema owner's after
        // setting up the first administrator (the owner's connection is for set-up,
        // never for the app's own sign-in).
        if let Ok(profile) = self.active()
            && matches!(profile.target, ProfileTarget::Postgres { .. })
        {
            let signed_out = self.signed_out_desk(&profile, None);
            self.switch_to(&profile, signed_out);
        }
    }

    /// After the person changed their own password on a shared store: the desk goes on
    /// with connections made with the new one, and a password saved for this
    /// connection is replaced by it.
    pub async fn reconnect_shared(
        &self,
        desk: &Desk,
        new_password: &Sensitive<String>,
    ) -> Result<(), DeskError> {
        let shared = desk.shared_login().ok_or(DeskError::NotSignedIn)?.clone();
        let store = self
            .opener()
            .open(&shared.target, Some(new_password))
            .await
            .map_err(|error| connection_failed(&shared.profile, &error))?;
        desk.replace_store(store);
        let (name, target, password) = (shared.profile, shared.target, new_password.clone());
        self.with_secrets(move |secrets| {
            if matches!(saved_password::read(secrets, &name, &target), Ok(Some(_))) {
                let _ = saved_password::write(secrets, &name, &target, &password);
            }
        })
        .await
    }

    /// Whether `password` opens the open profile's shared store: the server's answer to
    /// "is this the login's current password?".
    pub async fn opens_active_store(
        &self,
        password: &Sensitive<String>,
    ) -> Result<bool, DeskError> {
        let desk = self.desk();
        let shared = desk.shared_login().ok_or(DeskError::NotSignedIn)?;
        match self.opener().check(&shared.target, Some(password)).await {
            Ok(_) => Ok(true),
            Err(ConnectError::Authentication) => Ok(false),
            Err(other) => Err(connection_failed(&shared.profile, &other)),
        }
    }
}
