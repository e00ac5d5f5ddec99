//! Changing one's own password: proving it is them (the app checks the hash on a local
//! store; the server checks the login's password on a shared one), then storing the
//! new one, which ends the person's other sessions and any one-time password.

use chrono::{DateTime, Utc};
use desk_domain::audit::{AuditAction, EntityType, FieldChange};
use desk_domain::staff::{ChangePasswordInput, fields};
use desk_domain::{DeskError, FieldError, FieldErrorCode, NewPassword};
use desk_store::Effects;

use crate::audit::{entry, locked_out};
use crate::desk::{Actor, Desk};
use crate::internal_error;
use crate::stored_password::StoredPassword;

/// On a local store: checks the current password against the stored hash, counted
/// like a sign-in, then stores the new one.
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
    // The new password is checked first: a refusal for it must not count as a wrong
    // current password.
    if let Err(problem) = &new_password {
        return Err(DeskError::Validation {
            fields: vec![problem.clone()],
        });
    }
    let store = desk.store()?;
    // Guessing the current password at an unlocked desktop is throttled like sign-in,
    // on the same count: the attempt is reserved before the password is checked.
    let lockout = desk.settings().lockout;
    let reserved = store
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
    let hash = store
        .password_hash(actor.staff.id)
        .await
        .map_err(|error| internal_error("reading a password hash", &error))?;
    let verification = desk
        .passwords()
        .verify(input.current_password.expose(), hash)
        .await?;
    if !verification.matches {
        count_wrong_current_password(desk, actor, now).await?;
    }
    store_new_password(desk, actor, verification.matches, new_password, now).await
}

/// On a shared store: `current_is_right` is the server's answer to the current
/// password (a connection with it was accepted or refused; the server throttles
/// guesses there). A wrong one is audited.
pub async fn change_shared_password(
    desk: &Desk,
    actor: &Actor,
    input: &ChangePasswordInput,
    current_is_right: bool,
    now: DateTime<Utc>,
) -> Result<(), DeskError> {
    let new_password = NewPassword::parse(
        fields::NEW_PASSWORD,
        &input.new_password,
        actor.staff.email.as_str(),
    );
    if !current_is_right {
        desk.record(Effects::audit(refusal(actor, now))).await?;
    }
    store_new_password(desk, actor, current_is_right, new_password, now).await
}

async fn store_new_password(
    desk: &Desk,
    actor: &Actor,
    current_is_right: bool,
    new_password: Result<NewPassword, FieldError>,
    now: DateTime<Utc>,
) -> Result<(), DeskError> {
    let mut problems = Vec::new();
    if !current_is_right {
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
    let store = desk.store()?;
    store
        .set_password(actor.staff.id, &stored.secrets(), &Effects::audit(audit))
        .await
        .map_err(|error| internal_error("storing a new password", &error))?;
    // The change raised the account's epoch, ending the person's other sessions; this
    // one goes on.
    let record = store
        .staff_by_id(actor.staff.id)
        .await
        .map_err(|error| internal_error("reading the signed-in account", &error))?
        .ok_or(DeskError::NotSignedIn)?;
    desk.follow_own_epoch(record.session_epoch);
    Ok(())
}

fn refusal(actor: &Actor, now: DateTime<Utc>) -> desk_domain::audit::AuditEntry {
    entry(
        &actor.attribution(),
        now,
        AuditAction::PasswordChangeRefused,
        EntityType::Staff,
        actor.staff.id.to_string(),
        vec![FieldChange::added("reason", "wrong current password")],
    )
}

/// A wrong current password on a local store: audited, and counted (possibly locking
/// the account) as a failed sign-in is. The attempt was counted when it was reserved;
/// a right one takes the count back when the new password is stored.
async fn count_wrong_current_password(
    desk: &Desk,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<(), DeskError> {
    let rule = desk.settings().lockout.rule_at(now);
    let locked = locked_out(&actor.attribution(), actor.staff.id, now, rule.lock_until);
    desk.store()?
        .record_failed_sign_in(
            actor.staff.id,
            rule,
            &Effects::audit(refusal(actor, now)),
            &Effects::audit(locked),
        )
        .await
        .map(drop)
        .map_err(|error| internal_error("recording a wrong current password", &error))
}
