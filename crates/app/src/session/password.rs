use chrono::{DateTime, Utc};
use desk_domain::audit::{AuditAction, EntityType, FieldChange};
use desk_domain::staff::{ChangePasswordInput, fields};
use desk_domain::{DeskError, FieldError, FieldErrorCode, NewPassword};
use desk_store::Effects;

use crate::audit::entry;
use crate::desk::{Actor, Desk};
use crate::internal_error;
use crate::stored_password::StoredPassword;

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
    // Guessing the current password at an unlocked desktop is throttled like sign-in,
    // on the same count: the attempt is reserved before the password is checked.
    let lockout = desk.settings().lockout;
    let reserved = desk
        .store()
        .reserve_sign_in(actor.staff.id, now, lockout.max_failures)
        .await
        .map_err(|error| internal_error("counting a password check", &error))?;
    if reserved.is_none() {
        return Err(DeskError::Validation {
            fields: vec![FieldError::new(
                fields::CURRENT_PASSWORD,
                FieldErrorCode::WrongPassword,
                "Too many wrong current passwords: your account is locked for a while. \
                 Ask an administrator, or try again later.",
            )],
        });
    }
    let verification = desk
        .passwords()
        .verify(input.current_password.expose(), Some(record.password_hash))
        .await?;
    let mut problems = Vec::new();
    if !verification.matches {
        count_wrong_current_password(desk, actor, now).await?;
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
    let stored = StoredPassword::own(desk.passwords(), new_password.expose()).await?;
    let audit = entry(
        &actor.attribution(),
        now,
        AuditAction::StaffPasswordChanged,
        EntityType::Staff,
        actor.staff.id.to_string(),
        Vec::new(),
    );
    desk.store()
        .set_password(actor.staff.id, &stored.secrets(), &Effects::audit(audit))
        .await
        .map_err(|error| internal_error("storing a new password", &error))
}

/// A wrong current password: audited, and counted (possibly locking the account) as a
/// failed sign-in is. The attempt was counted when it was reserved; a right one takes
/// the count back when the new password is stored.
async fn count_wrong_current_password(
    desk: &Desk,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<(), DeskError> {
    let id = actor.staff.id.to_string();
    let rule = desk.settings().lockout.rule_at(now);
    let refused = entry(
        &actor.attribution(),
        now,
        AuditAction::PasswordChangeRefused,
        EntityType::Staff,
        id.clone(),
        vec![FieldChange::added("reason", "wrong current password")],
    );
    let locked = entry(
        &actor.attribution(),
        now,
        AuditAction::LockedOut,
        EntityType::Staff,
        id,
        vec![FieldChange::added(
            "locked_until",
            rule.lock_until.to_rfc3339(),
        )],
    );
    desk.store()
        .record_failed_sign_in(
            actor.staff.id,
            rule,
            &Effects::audit(refused),
            &Effects::audit(locked),
        )
        .await
        .map(drop)
        .map_err(|error| internal_error("recording a wrong current password", &error))
}
