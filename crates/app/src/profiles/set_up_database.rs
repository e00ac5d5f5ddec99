//! "Set up / upgrade this database": a shared store's schema is changed only by its
//! owner's login, typed for this once and never saved. Staff logins cannot change it,
//! and the app refuses to open a store whose schema it does not know.

use chrono::{DateTime, Utc};
use desk_domain::audit::{AuditAction, FieldChange};
use desk_domain::profile::{ConnectionCheck, ProfileTarget, SetUpDatabaseInput, set_up_fields};
use desk_domain::{DeskError, EntityKind, FieldError, FieldErrorCode};

use super::connection_failure::connection_failed;
use super::manage::record;
use super::workspace::Workspace;
use crate::desk::Actor;

/// Sets up or upgrades the database of the profile `input.profile` names, connecting
/// with the owner's login and password instead of the profile's own.
pub async fn set_up_database(
    workspace: &Workspace,
    signed_in: Option<&Actor>,
    input: &SetUpDatabaseInput,
    now: DateTime<Utc>,
) -> Result<ConnectionCheck, DeskError> {
    let profile = workspace
        .load()?
        .find(&input.profile)
        .cloned()
        .ok_or_else(|| DeskError::NotFound {
            entity: EntityKind::Profile,
            id: input.profile.clone(),
        })?;
    let ProfileTarget::Postgres {
        host,
        port,
        database,
        tls_mode,
        ca_file,
        ..
    } = profile.target.clone()
    else {
        return Err(DeskError::Validation {
            fields: vec![FieldError::new(
                set_up_fields::OWNER_LOGIN,
                FieldErrorCode::InvalidChoice,
                "A local file is set up when it is opened; this is for shared Postgres stores.",
            )],
        });
    };
    let owner_login = input.owner_login.trim();
    let mut problems = Vec::new();
    if owner_login.is_empty() {
        problems.push(FieldError::new(
            set_up_fields::OWNER_LOGIN,
            FieldErrorCode::Required,
            "Enter the login that owns the database.",
        ));
    }
    if input.owner_password.expose().is_empty() {
        problems.push(FieldError::new(
            set_up_fields::OWNER_PASSWORD,
            FieldErrorCode::Required,
            "Enter the owner's password.",
        ));
    }
    if !problems.is_empty() {
        return Err(DeskError::Validation { fields: problems });
    }
    let as_owner = ProfileTarget::Postgres {
        host,
        port,
        database,
        user: owner_login.to_owned(),
        tls_mode,
        ca_file,
    };
    let upgrade = workspace
        .opener()
        .set_up(&as_owner, Some(&input.owner_password))
        .await
        .map_err(|error| connection_failed(&profile.name, &error))?;
    let message = match upgrade.from {
        None => format!(
            "\"{}\" is set up (schema version {}). Its first administrator is created by \
             connecting with the owner's login once.",
            profile.name, upgrade.to
        ),
        Some(from) if from == upgrade.to => format!(
            "\"{}\" is up to date already (schema version {from}).",
            profile.name
        ),
        Some(from) => format!(
            "\"{}\" is upgraded from schema version {from} to {}.",
            profile.name, upgrade.to
        ),
    };
    record(
        workspace,
        signed_in,
        now,
        AuditAction::DatabaseSetUp,
        &profile.name,
        vec![
            FieldChange::added("target", as_owner.to_string()),
            FieldChange::changed(
                "schema",
                upgrade
                    .from
                    .map_or("none".to_owned(), |from| from.to_string()),
                upgrade.to.to_string(),
            ),
        ],
    )
    .await?;
    Ok(ConnectionCheck { message })
}
