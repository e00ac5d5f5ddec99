//! Set-up, sign-in, sign-out and one's own password.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use desk_domain::audit::FieldChange;
use desk_domain::commands as names;
use desk_domain::staff::{
    ChangePasswordInput, FirstAdminInput, Role, Session, SessionState, SignInInput, fields,
};
use desk_domain::{DeskError, Email, FieldError, FieldErrorCode, NewPassword};

use crate::audit::{Attribution, actions, entry, signed_out};
use crate::desk::{Caller, Command, Desk};
use crate::internal_error;
use crate::lockout::retry_hint;
use crate::staff::{NewAccount, insert_account};

/// What a refused sign-in says, whatever the reason: the answer must not tell whether
/// an account exists for the email.
pub const SIGN_IN_REFUSED: &str = "Email or password is not right.";

/// Where the app starts.
#[derive(Debug)]
pub struct GetSessionState;

#[async_trait]
impl Command for GetSessionState {
    const NAME: &'static str = names::SESSION_STATE;
    type Output = SessionState;

    async fn run(
        self,
        desk: &Desk,
        caller: Caller,
        _: DateTime<Utc>,
    ) -> Result<SessionState, DeskError> {
        if let Caller::Staff(actor) = caller {
            return Ok(SessionState::SignedIn(desk.session_for(actor.staff)));
        }
        let count = desk
            .store()
            .count_staff()
            .await
            .map_err(|error| internal_error("counting staff accounts", &error))?;
        Ok(if count == 0 {
            SessionState::NeedsFirstAdmin
        } else {
            SessionState::SignedOut
        })
    }
}

/// Creates the first administrator on an empty store and signs them in.
#[derive(Debug)]
pub struct CreateFirstAdmin(pub FirstAdminInput);

#[async_trait]
impl Command for CreateFirstAdmin {
    const NAME: &'static str = names::CREATE_FIRST_ADMIN;
    type Output = Session;

    async fn run(self, desk: &Desk, _: Caller, now: DateTime<Utc>) -> Result<Session, DeskError> {
        let input = self.0;
        let account = NewAccount {
            email: &input.email,
            display_name: &input.display_name,
            roles: &[Role::Administrator],
            password: Some(&input.password),
        };
        let created = insert_account(desk, None, account, true, now).await?;
        desk.start_session(created.staff.id, now);
        Ok(desk.session_for(created.staff))
    }
}

/// Signs in with email and password.
#[derive(Debug)]
pub struct SignIn(pub SignInInput);

#[async_trait]
impl Command for SignIn {
    const NAME: &'static str = names::SIGN_IN;
    type Output = Session;

    async fn run(self, desk: &Desk, _: Caller, now: DateTime<Utc>) -> Result<Session, DeskError> {
        let input = self.0;
        let refused = || DeskError::SignInFailed {
            message: SIGN_IN_REFUSED.to_owned(),
        };
        let typed = Attribution {
            id: None,
            email: input.email.trim().to_owned(),
        };
        let record = match Email::parse(fields::EMAIL, &input.email) {
            Ok(email) => desk
                .store()
                .staff_by_email(&email.unique_key())
                .await
                .map_err(|error| internal_error("looking up a staff account", &error))?,
            Err(_) => None,
        };
        let password = input.password.expose();
        let Some(record) = record else {
            // Same work as for a real account: a dummy verification and one audit write.
            desk.passwords().verify(password, None).await?;
            let failed = entry(
                &typed,
                now,
                actions::SIGN_IN_FAILED,
                "staff",
                String::new(),
                vec![FieldChange::added("reason", "unknown email")],
            );
            desk.record(&failed).await?;
            return Err(refused());
        };
        let who = Attribution {
            id: Some(record.member.id),
            email: record.member.email.to_string(),
        };
        let staff_id = record.member.id.to_string();
        let lockout = desk.settings().lockout;
        if let Some(until) = record
            .locked_until
            .filter(|until| lockout.is_locked(Some(*until), now))
        {
            desk.passwords().verify(password, None).await?;
            let failed = entry(
                &who,
                now,
                actions::SIGN_IN_FAILED,
                "staff",
                staff_id,
                vec![FieldChange::added("reason", "locked")],
            );
            desk.record(&failed).await?;
            return Err(DeskError::SignInFailed {
                message: format!(
                    "This account is locked after too many failed sign-ins. {}",
                    retry_hint(until, now)
                ),
            });
        }
        let verification = desk
            .passwords()
            .verify(password, Some(record.password_hash.clone()))
            .await?;
        if !verification.matches || !record.member.active {
            let reason = if record.member.active {
                "wrong password"
            } else {
                "inactive account"
            };
            let failed = entry(
                &who,
                now,
                actions::SIGN_IN_FAILED,
                "staff",
                staff_id.clone(),
                vec![FieldChange::added("reason", reason)],
            );
            let locked = entry(
                &who,
                now,
                actions::LOCKED_OUT,
                "staff",
                staff_id,
                vec![FieldChange::added(
                    "locked_until",
                    lockout.rule_at(now).lock_until.to_rfc3339(),
                )],
            );
            let outcome = desk
                .store()
                .record_failed_sign_in(record.member.id, lockout.rule_at(now), &failed, &locked)
                .await
                .map_err(|error| internal_error("recording a failed sign-in", &error))?;
            return Err(match outcome.locked_until {
                Some(until) => DeskError::SignInFailed {
                    message: format!(
                        "Too many failed sign-ins: this account is now locked. {}",
                        retry_hint(until, now)
                    ),
                },
                None => refused(),
            });
        }
        let rehash = if verification.needs_rehash {
            Some(desk.passwords().hash(password).await?)
        } else {
            None
        };
        let signed_in = entry(&who, now, actions::SIGNED_IN, "staff", staff_id, Vec::new());
        let member = desk
            .store()
            .record_sign_in(record.member.id, now, rehash.as_deref(), &signed_in)
            .await
            .map_err(|error| internal_error("recording a sign-in", &error))?;
        desk.start_session(member.id, now);
        Ok(desk.session_for(member))
    }
}

/// Signs out (nothing happens when nobody is signed in).
#[derive(Debug)]
pub struct SignOut;

#[async_trait]
impl Command for SignOut {
    const NAME: &'static str = names::SIGN_OUT;
    type Output = ();

    async fn run(self, desk: &Desk, caller: Caller, now: DateTime<Utc>) -> Result<(), DeskError> {
        desk.end_session();
        if let Caller::Staff(actor) = caller {
            let audit = signed_out(&actor.attribution(), actor.staff.id, now, "signed out");
            desk.record(&audit).await?;
        }
        Ok(())
    }
}

/// Changes the signed-in person's own password.
#[derive(Debug)]
pub struct ChangeOwnPassword(pub ChangePasswordInput);

#[async_trait]
impl Command for ChangeOwnPassword {
    const NAME: &'static str = names::CHANGE_OWN_PASSWORD;
    type Output = ();

    async fn run(self, desk: &Desk, caller: Caller, now: DateTime<Utc>) -> Result<(), DeskError> {
        let actor = caller.actor()?;
        let input = self.0;
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
            actions::STAFF_PASSWORD_CHANGED,
            "staff",
            actor.staff.id.to_string(),
            Vec::new(),
        );
        desk.store()
            .set_password_hash(actor.staff.id, &hash, &audit)
            .await
            .map_err(|error| internal_error("storing a new password", &error))
    }
}
