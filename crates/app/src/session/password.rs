use chrono::{DateTime, Utc};
use desk_domain::audit::{AuditAction, EntityType};
use desk_domain::staff::{ChangePasswordInput, fields};
use desk_domain::{DeskError, FieldError, FieldErrorCode, NewPassword};
use desk_store::Effects;

use crate::audit::entry;
use crate::desk::{Actor, Desk};
use crate::internal_error;

/// Changes the signed-in person's own password, after proving it is them.
pub async fn change_own_password(
    desk: &Desk,
    actor: &Actor,
    input: &ChangePasswordInput,
    now: DateTime<Utc>,
) -> Result<(), DeskError> {
    let new_password = NewPassword::parse(
        fields::NEW_PASSWORD,
        &input.new_password,
        actor.staff.email.as_str(),
    );
    let record = desk
        .store()
        .staff_by_id(actor.staff.id)
        .await
        .map_err(|error| internal_error("reading the signed-in account", &error))?
        .ok_or(DeskError::NotSignedIn)?;
    let verification = desk
        .passwords()
        .verify(input.current_password.expose(), Some(record.password_hash))
        .await?;
    let mut problems = Vec::new();
    if !verification.matches {
        problems.push(FieldError::new(
            fields::CURRENT_PASSWORD,
            FieldErrorCode::WrongPassword,
            "This is not your current password.",
        ));
    }
    if let Err(problem) = &new_password {
        problems.push(problem.clone());
    }
    let new_password = match new_password {
        Ok(password) if problems.is_empty() => password,
        _ => return Err(DeskError::Validation { fields: problems }),
    };
    let hash = desk.passwords().hash(new_password.expose()).await?;
    let audit = entry(
        &actor.attribution(),
        now,
        AuditAction::StaffPasswordChanged,
        EntityType::Staff,
        actor.staff.id.to_string(),
        Vec::new(),
    );
    desk.store()
        .set_password_hash(actor.staff.id, &hash, &Effects::audit(audit))
        .await
        .map_err(|error| internal_error("storing a new password", &error))
}
