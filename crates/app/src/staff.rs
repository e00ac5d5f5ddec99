//! Creating staff accounts, shared by set-up and staff management.

use chrono::{DateTime, SubsecRound, Utc};
use desk_domain::audit::FieldChange;
use desk_domain::staff::{CreatedStaff, Role, StaffId, fields};
use desk_domain::{
    DeskError, Email, FieldError, FieldErrorCode, NewPassword, PersonName, Sensitive,
};
use desk_store::{NewStaffRecord, StoreError, UniqueField};

use crate::audit::{Attribution, actions, entry};
use crate::desk::{Actor, Desk};
use crate::internal_error;
use crate::passwords::generate_one_time_password;

/// A new account as typed: `password` `None` (or empty) asks for a generated one.
#[derive(Debug, Clone, Copy)]
pub struct NewAccount<'a> {
    /// As typed.
    pub email: &'a str,
    /// As typed.
    pub display_name: &'a str,
    /// At least one.
    pub roles: &'a [Role],
    /// As typed, or `None` to generate a one-time password.
    pub password: Option<&'a Sensitive<String>>,
}

/// The roles as a readable list for the audit log: "administrator, reviewer".
pub fn roles_text(roles: &[Role]) -> String {
    roles
        .iter()
        .map(|role| role.code())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Checks that at least one role is ticked; returns them sorted and without repeats.
pub fn parse_roles(roles: &[Role]) -> Result<Vec<Role>, FieldError> {
    let mut roles = roles.to_vec();
    roles.sort();
    roles.dedup();
    if roles.is_empty() {
        return Err(FieldError::new(
            fields::ROLES,
            FieldErrorCode::InvalidChoice,
            "Tick at least one role.",
        ));
    }
    Ok(roles)
}

/// Validates and stores a new account; `by` is the administrator creating it (`None`
/// for the first administrator, who creates themselves).
pub async fn insert_account(
    desk: &Desk,
    by: Option<&Actor>,
    account: NewAccount<'_>,
    only_if_first: bool,
    now: DateTime<Utc>,
) -> Result<CreatedStaff, DeskError> {
    let email = Email::parse(fields::EMAIL, account.email);
    let display_name =
        PersonName::parse(fields::DISPLAY_NAME, "display name", account.display_name);
    let roles = parse_roles(account.roles);
    let typed = account
        .password
        .filter(|password| !password.expose().is_empty());
    let email_text = email
        .as_ref()
        .map(|email| email.as_str().to_owned())
        .unwrap_or_default();
    let password =
        typed.map(|password| NewPassword::parse(fields::PASSWORD, password, &email_text));
    let problems: Vec<FieldError> = [
        email.as_ref().err().cloned(),
        display_name.as_ref().err().cloned(),
        roles.as_ref().err().cloned(),
        password
            .as_ref()
            .and_then(|result| result.as_ref().err().cloned()),
    ]
    .into_iter()
    .flatten()
    .collect();
    let (Ok(email), Ok(display_name), Ok(roles)) = (email, display_name, roles) else {
        return Err(DeskError::Validation { fields: problems });
    };
    if !problems.is_empty() {
        return Err(DeskError::Validation { fields: problems });
    }
    let (password, generated) = match password {
        Some(Ok(password)) => (password.expose().to_owned(), false),
        _ => (generate_one_time_password(), true),
    };
    let hash = desk.passwords().hash(&password).await?;
    let id = StaffId(uuid::Uuid::now_v7());
    let created_at = now.trunc_subsecs(6);
    let attribution = match by {
        Some(actor) => actor.attribution(),
        None => Attribution {
            id: Some(id),
            email: email.to_string(),
        },
    };
    let audit = entry(
        &attribution,
        created_at,
        actions::STAFF_CREATED,
        "staff",
        id.to_string(),
        vec![
            FieldChange::added(fields::EMAIL, email.as_str()),
            FieldChange::added(fields::DISPLAY_NAME, display_name.as_str()),
            FieldChange::added(fields::ROLES, roles_text(&roles)),
        ],
    );
    let record = NewStaffRecord {
        id,
        email: &email,
        display_name: &display_name,
        roles: &roles,
        password_hash: &hash,
        created_at,
    };
    let staff = desk
        .store()
        .insert_staff(&record, only_if_first, &audit)
        .await
        .map_err(|error| match error {
            StoreError::Duplicate(UniqueField::StaffEmail) => DeskError::Conflict {
                fields: vec![FieldError::new(
                    fields::EMAIL,
                    FieldErrorCode::AlreadyInUse,
                    format!("{email} already has a staff account."),
                )],
            },
            StoreError::NotFirst => DeskError::Unauthorized {
                message: "Customer Desk is already set up on this store; sign in instead.".into(),
            },
            other => internal_error("creating a staff account", &other),
        })?;
    Ok(CreatedStaff {
        staff,
        initial_password: generated.then(|| Sensitive::new(password)),
    })
}
