//! The profile use cases. They are public (needed before sign-in) and change only this
//! desktop's settings; each change is recorded in the audit log of the open store.

use chrono::{DateTime, Utc};
use desk_domain::audit::{AuditAction, EntityType, FieldChange};
use desk_domain::profile::{
    ConnectionCheck, PasswordState, Profile, ProfileInput, ProfileSummary, ProfilesView,
    SwitchProfileInput, fields,
};
use desk_domain::staff::SessionState;
use desk_domain::{DeskError, FieldError, FieldErrorCode, Sensitive};
use desk_store::Effects;

use super::connection_failure::connection_failed;
use super::saved_password;
use super::secrets::SecretError;
use super::shared_store;
use super::workspace::Workspace;
use crate::audit::{Attribution, entry, signed_out};
use crate::desk::Actor;
use crate::internal_error;

fn who(signed_in: Option<&Actor>) -> Attribution {
    match signed_in {
        Some(actor) => actor.attribution(),
        None => Attribution {
            id: None,
            email: "(not signed in)".to_owned(),
        },
    }
}

/// Records a profile action in the open store's audit log, naming whoever is signed in.
pub(super) async fn record(
    workspace: &Workspace,
    signed_in: Option<&Actor>,
    now: DateTime<Utc>,
    action: AuditAction,
    name: &str,
    changes: Vec<FieldChange>,
) -> Result<(), DeskError> {
    let audit = entry(
        &who(signed_in),
        now,
        action,
        EntityType::Profile,
        name.to_owned(),
        changes,
    );
    workspace.desk().record(Effects::audit(audit)).await
}

/// The profiles screen: every profile, whether its password is saved, and whether a
/// keyring is there at all.
pub async fn list_profiles(workspace: &Workspace) -> Result<ProfilesView, DeskError> {
    let document = workspace.load()?;
    let active = workspace.active_profile();
    let profiles: Vec<Profile> = document.profiles.clone();
    let (problem, saved) = workspace
        .with_secrets(move |secrets| {
            let problem = secrets.probe().err().map(|error| error.to_string());
            // Saved means saved for the target as it is now (see `saved_password`).
            let saved: Vec<bool> = profiles
                .iter()
                .map(|profile| {
                    matches!(
                        saved_password::read(secrets, &profile.name, &profile.target),
                        Ok(Some(_))
                    )
                })
                .collect();
            (problem, saved)
        })
        .await?;
    let profiles = document
        .profiles
        .into_iter()
        .zip(saved)
        .map(|(profile, saved)| ProfileSummary {
            active: profile.name == active,
            password: match (profile.uses_password(), saved) {
                (false, _) => PasswordState::NotNeeded,
                (true, true) => PasswordState::Saved,
                (true, false) => PasswordState::NotSaved,
            },
            profile,
        })
        .collect();
    Ok(ProfilesView {
        profiles,
        keyring_problem: problem,
    })
}

/// Adds or edits (and possibly renames) a profile; a typed password goes to the
/// keyring when asked to, never to the file.
pub async fn save_profile(
    workspace: &Workspace,
    signed_in: Option<&Actor>,
    input: ProfileInput,
    now: DateTime<Utc>,
) -> Result<ProfilesView, DeskError> {
    let profile = input
        .parse()
        .map_err(|fields| DeskError::Validation { fields })?;
    let _guard = workspace.lock_changes().await;
    let mut document = workspace.load()?;
    let original = input
        .original_name
        .clone()
        .filter(|name| document.find(name).is_some());
    let renamed = original.as_deref().is_some_and(|old| old != profile.name);
    let clashes = document.find(&profile.name).is_some() && (original.is_none() || renamed);
    if clashes {
        return Err(DeskError::Conflict {
            fields: vec![FieldError::new(
                fields::NAME,
                FieldErrorCode::AlreadyInUse,
                format!("There is already a connection named \"{}\".", profile.name),
            )],
        });
    }
    let before = original
        .as_deref()
        .and_then(|old| document.find(old))
        .map(|profile| profile.target.to_string());
    document.upsert(original.as_deref(), profile.clone());
    workspace.save(&document)?;

    let typed = (!input.password.expose().is_empty()).then(|| input.password.clone());
    let name = profile.name.clone();
    let old_name = original.clone();
    let uses_password = profile.uses_password();
    let save_password = input.save_password;
    let target = profile.target.clone();
    workspace
        .with_secrets(move |secrets| -> Result<(), SecretError> {
            if let Some(old) = old_name.as_deref().filter(|old| *old != name) {
                // A rename carries the saved password over to the new name, if the
                // target is still the one it was saved for.
                if typed.is_none()
                    && let Some(saved) = saved_password::read(secrets, old, &target)?
                {
                    saved_password::write(secrets, &name, &target, &saved)?;
                }
                secrets.delete(old)?;
                crate::email::smtp_password::rename(secrets, old, &name)?;
            }
            match typed {
                Some(password) if uses_password && save_password => {
                    saved_password::write(secrets, &name, &target, &password)
                }
                _ if !uses_password || !save_password => secrets.delete(&name),
                // Kept only while the target is the one it was saved for: a password
                // saved for one server is never offered to another.
                _ if saved_password::read(secrets, &name, &target)?.is_none() => {
                    secrets.delete(&name)
                }
                _ => Ok(()),
            }
        })
        .await?
        // Without a keyring the profile is still saved; the view says the password
        // will be asked for.
        .or_else(|error| match error {
            SecretError::Unavailable(_) => Ok(()),
            SecretError::Failed(reason) => Err(internal_error("saving a password", &reason)),
        })?;
    let change = match before {
        Some(old) => FieldChange::changed("target", old, profile.target.to_string()),
        None => FieldChange::added("target", profile.target.to_string()),
    };
    record(
        workspace,
        signed_in,
        now,
        AuditAction::ProfileSaved,
        &profile.name,
        vec![change],
    )
    .await?;
    list_profiles(workspace).await
}

async fn password_for(
    workspace: &Workspace,
    profile: &Profile,
    typed: &Sensitive<String>,
    saved_under: &str,
) -> Result<Option<Sensitive<String>>, DeskError> {
    if !profile.uses_password() {
        return Ok(None);
    }
    if !typed.expose().is_empty() {
        return Ok(Some(typed.clone()));
    }
    let name = saved_under.to_owned();
    let target = profile.target.clone();
    Ok(workspace
        .with_secrets(move |secrets| saved_password::read(secrets, &name, &target))
        .await?
        .ok()
        .flatten())
}

/// Tries the form's settings without saving them. A failure comes back on the field
/// of the form the person should look at. Each test is recorded in the open store's
/// audit log, with where it went, whether a saved password was used, and the outcome.
pub async fn test_profile(
    workspace: &Workspace,
    signed_in: Option<&Actor>,
    input: ProfileInput,
    now: DateTime<Utc>,
) -> Result<ConnectionCheck, DeskError> {
    let profile = input
        .parse()
        .map_err(|fields| DeskError::Validation { fields })?;
    let saved_under = input
        .original_name
        .clone()
        .unwrap_or_else(|| profile.name.clone());
    let password = password_for(workspace, &profile, &input.password, &saved_under).await?;
    let outcome = workspace
        .opener()
        .check(&profile.target, password.as_ref())
        .await;
    let password_used = match (&password, input.password.expose().is_empty()) {
        (None, _) => "none",
        (Some(_), true) => "saved",
        (Some(_), false) => "typed",
    };
    let result = match &outcome {
        Ok(message) => message.clone(),
        Err(error) => format!("failed: {error}"),
    };
    record(
        workspace,
        signed_in,
        now,
        AuditAction::ProfileTested,
        &profile.name,
        vec![
            FieldChange::added("target", profile.target.to_string()),
            FieldChange::added("password", password_used),
            FieldChange::added("result", result),
        ],
    )
    .await?;
    let message = outcome.map_err(|error| connection_failed(&profile.name, &error))?;
    Ok(ConnectionCheck { message })
}

/// Opens another profile's store; whoever was signed in is signed out.
pub async fn switch_profile(
    workspace: &Workspace,
    signed_in: Option<&Actor>,
    input: SwitchProfileInput,
    now: DateTime<Utc>,
) -> Result<SessionState, DeskError> {
    let _guard = workspace.lock_changes().await;
    let mut document = workspace.load()?;
    let profile = document
        .find(&input.name)
        .cloned()
        .ok_or(DeskError::NotFound {
            entity: desk_domain::EntityKind::Profile,
            id: input.name.clone(),
        })?;
    let password = password_for(workspace, &profile, &input.password, &profile.name).await?;
    if profile.uses_password() && password.is_none() {
        return Err(DeskError::Validation {
            fields: vec![FieldError::new(
                fields::PASSWORD,
                FieldErrorCode::Required,
                format!(
                    "No password is saved for \"{}\". Enter it to connect.",
                    profile.name
                ),
            )],
        });
    }
    let connected = shared_store::connect(workspace, &profile, password.as_ref(), now).await?;
    let previous = workspace.active_profile();
    // Sign out of the store being left, so its audit log says so.
    if let Some(actor) = signed_in {
        let audit = signed_out(
            &actor.attribution(),
            actor.staff.id,
            now,
            "switched connection",
        );
        // Best effort: the store being left may be the one that is failing.
        let _ = workspace.desk().record(Effects::audit(audit)).await;
    }
    workspace.switch_to(&profile, connected.desk);
    document.active = profile.name.clone();
    workspace.save(&document)?;
    record(
        workspace,
        None,
        now,
        AuditAction::ProfileSwitched,
        &profile.name,
        vec![FieldChange::changed(
            "active",
            previous,
            profile.name.clone(),
        )],
    )
    .await?;
    // Signed in (a shared store's own login), set-up, or sign-in.
    Ok(connected.state)
}

/// Removes a profile and its saved password; never the open one.
pub async fn remove_profile(
    workspace: &Workspace,
    signed_in: Option<&Actor>,
    name: String,
    now: DateTime<Utc>,
) -> Result<ProfilesView, DeskError> {
    let _guard = workspace.lock_changes().await;
    if workspace.active_profile() == name {
        return Err(DeskError::Validation {
            fields: vec![FieldError::new(
                fields::NAME,
                FieldErrorCode::InvalidChoice,
                "This connection is open. Switch to another one before removing it.",
            )],
        });
    }
    let mut document = workspace.load()?;
    let profile = document.find(&name).cloned().ok_or(DeskError::NotFound {
        entity: desk_domain::EntityKind::Profile,
        id: name.clone(),
    })?;
    document.remove(&name);
    workspace.save(&document)?;
    let key = name.clone();
    // Its database password and the SMTP password saved for its store go with it.
    let _ = workspace
        .with_secrets(move |secrets| {
            (
                secrets.delete(&key),
                crate::email::smtp_password::forget(secrets, &key),
            )
        })
        .await?;
    record(
        workspace,
        signed_in,
        now,
        AuditAction::ProfileRemoved,
        &name,
        vec![FieldChange {
            field: "target".into(),
            old: Some(profile.target.to_string()),
            new: None,
        }],
    )
    .await?;
    list_profiles(workspace).await
}
