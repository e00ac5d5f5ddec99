//! Sign-in: one public function, and one small step per way it can end.

use chrono::{DateTime, Utc};
use desk_domain::audit::{AuditAction, EntityType, FieldChange};
use desk_domain::staff::{Session, SignInInput, fields, sign_in_email_for_audit};
use desk_domain::{DeskError, Email};
use desk_store::{Effects, StaffRecord};

use crate::audit::{Attribution, entry, locked_out};
use crate::desk::{Actor, Desk};
use crate::internal_error;
use crate::lockout::retry_hint;

/// What a refused sign-in says, whatever the reason: the answer must not tell whether
/// an account exists for the email.
pub const SIGN_IN_REFUSED: &str = "Email or password is not right.";

fn refused() -> DeskError {
    DeskError::SignInFailed {
        message: SIGN_IN_REFUSED.to_owned(),
    }
}

/// The audit entry of a refused sign-in, with its reason.
fn failure(who: &Attribution, entity_id: String, reason: &str, now: DateTime<Utc>) -> Effects {
    Effects::audit(entry(
        who,
        now,
        AuditAction::SignInFailed,
        EntityType::Staff,
        entity_id,
        vec![FieldChange::added("reason", reason)],
    ))
}

/// Sign-ins checked at once in this process. Each check costs an argon2id hash (tens
/// of MB and a core for a fraction of a second); a flood of attempts waits its turn
/// instead of exhausting memory or starving every other command.
const CONCURRENT_SIGN_INS: usize = 2;

static SIGN_IN_SLOTS: tokio::sync::Semaphore =
    tokio::sync::Semaphore::const_new(CONCURRENT_SIGN_INS);

/// How long an attempt waits for a slot before it is turned away.
const SIGN_IN_QUEUE_WAIT: std::time::Duration = std::time::Duration::from_secs(10);

/// Signs in with email and password. A wrong email and a wrong password get the same
/// answer and the same work (a dummy verification and one audit write); five failures
/// in a row lock the account for a while, counted in the store across desktops.
pub async fn sign_in(
    desk: &Desk,
    input: &SignInInput,
    now: DateTime<Utc>,
) -> Result<Session, DeskError> {
    let _slot = match tokio::time::timeout(SIGN_IN_QUEUE_WAIT, SIGN_IN_SLOTS.acquire()).await {
        Ok(Ok(slot)) => slot,
        _ => {
            return Err(DeskError::SignInFailed {
                message: "Too many sign-ins are being checked right now. Try again in a moment."
                    .to_owned(),
            });
        }
    };
    check_credentials(desk, input, now).await
}

async fn check_credentials(
    desk: &Desk,
    input: &SignInInput,
    now: DateTime<Utc>,
) -> Result<Session, DeskError> {
    if let Some(shared) = desk.shared_login() {
        let login = &shared.login;
        // The server checks this password; signing in is connecting (SwitchProfile).
        return Err(DeskError::SignInFailed {
            message: format!(
                "This connection signs in with the database login \"{login}\": enter its \
                 password on the sign-in screen of the connection."
            ),
        });
    }
    let record = match Email::parse(fields::EMAIL, &input.email) {
        Ok(email) => desk
            .store()?
            .staff_by_email(&email.unique_key())
            .await
            .map_err(|error| internal_error("looking up a staff account", &error))?,
        Err(_) => None,
    };
    let Some(record) = record else {
        return refuse_unknown_email(desk, input, now).await;
    };
    let lockout = desk.settings().lockout;
    // The attempt is counted before the password is checked, in one statement that
    // also checks the lock: parallel attempts cannot get more guesses than are left.
    let reservation = desk
        .store()?
        .reserve_sign_in(record.member.id, now, lockout.max_failures)
        .await
        .map_err(|error| internal_error("counting a sign-in attempt", &error))?;
    let Some(reservation) = reservation else {
        let until = record
            .locked_until
            .filter(|until| lockout.is_locked(Some(*until), now));
        return refuse_locked(desk, input, &record, until, now).await;
    };
    let password = input.password.expose();
    let hash = desk
        .store()?
        .password_hash(record.member.id)
        .await
        .map_err(|error| internal_error("reading a password hash", &error))?;
    let verification = desk.passwords().verify(password, hash).await?;
    if !verification.matches || !record.member.active {
        return count_failure(desk, &record, now).await;
    }
    if record.must_change_password
        && record
            .password_expires_at
            .is_some_and(|expires| expires <= now)
    {
        let id = record.member.id.to_string();
        desk.record(failure(
            &attribution(&record),
            id,
            "one-time password expired",
            now,
        ))
        .await?;
        return Err(DeskError::SignInFailed {
            message: "Your one-time password has expired (they work for 24 hours). Ask an \
                      administrator for a new one."
                .to_owned(),
        });
    }
    let rehash = if verification.needs_rehash {
        Some(desk.passwords().hash(password).await?)
    } else {
        None
    };
    let signed_in = entry(
        &attribution(&record),
        now,
        AuditAction::SignedIn,
        EntityType::Staff,
        record.member.id.to_string(),
        Vec::new(),
    );
    let member = desk
        .store()?
        .record_sign_in(
            record.member.id,
            now,
            reservation,
            rehash.as_deref(),
            &Effects::audit(signed_in),
        )
        .await
        .map_err(|error| internal_error("recording a sign-in", &error))?;
    desk.start_session(member.id, record.session_epoch, now);
    desk.session_for(Actor {
        staff: member,
        must_change_password: record.must_change_password,
    })
    .await
}

fn attribution(record: &StaffRecord) -> Attribution {
    Attribution {
        id: Some(record.member.id),
        email: record.member.email.to_string(),
    }
}

/// No account has this email: the same work as for a real one, then the same answer.
async fn refuse_unknown_email(
    desk: &Desk,
    input: &SignInInput,
    now: DateTime<Utc>,
) -> Result<Session, DeskError> {
    desk.passwords()
        .verify(input.password.expose(), None)
        .await?;
    // Only what parses as an email is kept: a password typed into the wrong field
    // must not land in the permanent log.
    let typed = Attribution {
        id: None,
        email: sign_in_email_for_audit(&input.email)
            .unwrap_or_else(|| "(not an email address)".to_owned()),
    };
    desk.record(failure(&typed, String::new(), "unknown email", now))
        .await?;
    Err(refused())
}

/// The account is locked, or its last attempts before a lock are all being checked
/// right now: no verification against its hash.
async fn refuse_locked(
    desk: &Desk,
    input: &SignInInput,
    record: &StaffRecord,
    until: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Result<Session, DeskError> {
    desk.passwords()
        .verify(input.password.expose(), None)
        .await?;
    let id = record.member.id.to_string();
    desk.record(failure(&attribution(record), id, "locked", now))
        .await?;
    Err(DeskError::SignInFailed {
        message: match until {
            Some(until) => format!(
                "This account is locked after too many failed sign-ins. {}",
                retry_hint(until, now)
            ),
            None => "Too many sign-in attempts for this account are being checked at once. \
                     Try again in a moment."
                .to_owned(),
        },
    })
}

/// A wrong password (or an inactive account): counted atomically by the store, which
/// locks the account when this failure is one too many.
async fn count_failure(
    desk: &Desk,
    record: &StaffRecord,
    now: DateTime<Utc>,
) -> Result<Session, DeskError> {
    let who = attribution(record);
    let id = record.member.id.to_string();
    let reason = if record.member.active {
        "wrong password"
    } else {
        "inactive account"
    };
    let rule = desk.settings().lockout.rule_at(now);
    let locked = Effects::audit(locked_out(&who, record.member.id, now, rule.lock_until));
    let outcome = desk
        .store()?
        .record_failed_sign_in(
            record.member.id,
            rule,
            &failure(&who, id, reason, now),
            &locked,
        )
        .await
        .map_err(|error| internal_error("recording a failed sign-in", &error))?;
    Err(match outcome.locked_until {
        Some(until) => DeskError::SignInFailed {
            message: format!(
                "Too many failed sign-ins: this account is now locked. {}",
                retry_hint(until, now)
            ),
        },
        None => refused(),
    })
}
