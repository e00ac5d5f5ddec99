//! One open store with its password hasher, settings and the session of this window.
//! [`Desk::authorize`] is the policy check every command passes first.

use std::sync::{Arc, Mutex, RwLock};

use chrono::{DateTime, Duration, Utc};
use desk_domain::staff::{Session, StaffId, StaffMember};
use desk_domain::{DeskError, Permission, Requirement};
use desk_store::{Effects, Store};

use crate::audit::{self, Attribution};
use crate::command::{Access, Staff};
use crate::email::DeliveryPolicy;
use crate::lockout::LockoutPolicy;
use crate::passwords::Passwords;
use crate::{internal_error, policy};

/// Settings a desk runs with.
#[derive(Debug, Clone)]
pub struct DeskSettings {
    /// Without any command for this long, the session ends.
    pub idle_timeout: Duration,
    /// When failed sign-ins lock an account.
    pub lockout: LockoutPolicy,
    /// How the outbox is delivered.
    pub delivery: DeliveryPolicy,
}

impl Default for DeskSettings {
    fn default() -> Self {
        Self {
            idle_timeout: Duration::minutes(15),
            lockout: LockoutPolicy::default(),
            delivery: DeliveryPolicy::default(),
        }
    }
}

/// Which shared store a desk signs in to, and as whom.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SharedLogin {
    /// The connection profile's name.
    pub profile: String,
    /// Its database login.
    pub login: String,
    /// Where it was connected, as it was then: a later edit of the profiles file must
    /// not send this person's passwords elsewhere.
    pub target: desk_domain::profile::ProfileTarget,
}

/// How long a session lasts at most, however active: after it, sign in again.
pub const SESSION_LIFETIME: Duration = Duration::hours(12);

/// The signed-in staff member, as commands see them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    /// Their account.
    pub staff: StaffMember,
    /// Signed in with a one-time password: only changing it is allowed.
    pub must_change_password: bool,
}

impl Actor {
    /// How audit entries name them.
    pub fn attribution(&self) -> Attribution {
        Attribution {
            id: Some(self.staff.id),
            email: self.staff.email.to_string(),
        }
    }
}

#[derive(Debug, Clone)]
struct OpenSession {
    staff_id: StaffId,
    started: DateTime<Utc>,
    last_seen: DateTime<Utc>,
    /// The account's epoch when the session started; a password change, reset or
    /// deactivation raises it, ending the session.
    epoch: i64,
}

/// The application: the store, the password hasher, the session of this window.
#[derive(Debug)]
pub struct Desk {
    /// `None` on a shared store nobody has signed in to: there is no connection
    /// without someone's login. Replaced when the person's own password changes (the
    /// connections were opened with the old one).
    store: RwLock<Option<Arc<dyn Store>>>,
    /// On a shared store: the profile and the database login this window signs in
    /// with.
    shared: Option<SharedLogin>,
    passwords: Passwords,
    settings: DeskSettings,
    session: Mutex<Option<OpenSession>>,
}

impl Desk {
    /// A desk over `store` (a local file, or a shared store reached with the schema
    /// owner's login), with nobody signed in: the app checks passwords itself.
    pub fn new(store: Arc<dyn Store>, passwords: Passwords, settings: DeskSettings) -> Self {
        Self {
            store: RwLock::new(Some(store)),
            shared: None,
            passwords,
            settings,
            session: Mutex::new(None),
        }
    }

    /// A desk for a shared store whose server checks `login`'s password; connected
    /// (with `store`) once someone has signed in, not before.
    pub fn shared(
        login: SharedLogin,
        store: Option<Arc<dyn Store>>,
        passwords: Passwords,
        settings: DeskSettings,
    ) -> Self {
        Self {
            store: RwLock::new(store),
            shared: Some(login),
            passwords,
            settings,
            session: Mutex::new(None),
        }
    }

    /// The store (for use cases). Refused on a shared store before sign-in, which is
    /// as far as the policy check lets a command get there anyway.
    pub fn store(&self) -> Result<Arc<dyn Store>, DeskError> {
        self.store
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
            .ok_or(DeskError::NotSignedIn)
    }

    /// Goes on with `store`: the same database reached with the person's new password.
    pub(crate) fn replace_store(&self, store: Arc<dyn Store>) {
        *self
            .store
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(store);
    }

    /// The database login a shared store is signed in to with; `None` on a local
    /// store (and a shared one reached with the owner's login).
    pub fn shared_login(&self) -> Option<&SharedLogin> {
        self.shared.as_ref()
    }

    /// The password hasher (for use cases).
    pub fn passwords(&self) -> &Passwords {
        &self.passwords
    }

    /// The settings (for use cases).
    pub fn settings(&self) -> &DeskSettings {
        &self.settings
    }

    /// The current caller, if they meet `requirement` at `now`, with their scope. With a
    /// one-time password, only public commands and `change_own_password` pass.
    pub async fn authorize(
        &self,
        command: &str,
        requirement: Requirement,
        now: DateTime<Utc>,
    ) -> Result<Access, DeskError> {
        let actor = self.current_actor(now).await?;
        policy::check_requirement(
            requirement,
            actor.as_ref().map(|actor| actor.staff.roles.as_slice()),
        )?;
        if actor
            .as_ref()
            .is_some_and(|actor| actor.must_change_password)
            && requirement != Requirement::Public
            && command != policy::CHANGE_OWN_PASSWORD
        {
            return Err(DeskError::Unauthorized {
                message: "You signed in with a one-time password: choose your own password \
                          first."
                    .into(),
            });
        }
        Ok(match actor {
            None => Access::Anonymous,
            Some(actor) => Access::Staff(Staff {
                scope: policy::scope_of(actor.staff.id, &actor.staff.roles),
                actor,
            }),
        })
    }

    /// Who is signed in, re-read from the store so that a deactivation, a role change
    /// or a password change elsewhere takes effect at once. Ends a session idle for
    /// longer than the store's idle time, or older than [`SESSION_LIFETIME`].
    async fn current_actor(&self, now: DateTime<Utc>) -> Result<Option<Actor>, DeskError> {
        let Some(open) = self.lock_session().clone() else {
            return Ok(None);
        };
        let store = self.store()?;
        let record = store
            .staff_by_id(open.staff_id)
            .await
            .map_err(|error| internal_error("reading the signed-in account", &error))?;
        let Some(record) = record.filter(|record| record.member.active) else {
            self.end_session();
            return Ok(None);
        };
        let actor = Actor {
            must_change_password: record.must_change_password,
            staff: record.member,
        };
        let ended = if record.session_epoch != open.epoch {
            Some("password changed or account reset elsewhere")
        } else if now - open.started > SESSION_LIFETIME {
            Some("12-hour session limit")
        } else if now - open.last_seen > self.idle_timeout().await? {
            Some("idle")
        } else {
            None
        };
        if let Some(reason) = ended {
            self.end_session();
            let audit = audit::signed_out(&actor.attribution(), actor.staff.id, now, reason);
            self.record(Effects::audit(audit)).await?;
            if self.shared.is_some() {
                // The connection is the person's login: it ends with their session.
                *self
                    .store
                    .write()
                    .unwrap_or_else(std::sync::PoisonError::into_inner) = None;
            }
            return Ok(None);
        }
        self.touch_session(now);
        Ok(Some(actor))
    }

    /// The time a command runs at: on a shared store signed in to with a staff login,
    /// the database server's clock (sessions, lockouts and the audit log then agree
    /// across desktops whose clocks do not); otherwise `now`, this computer's.
    pub async fn clock(&self, now: DateTime<Utc>) -> Result<DateTime<Utc>, DeskError> {
        if self.shared.is_none() {
            return Ok(now);
        }
        let Ok(store) = self.store() else {
            return Ok(now);
        };
        let server = store
            .database_now()
            .await
            .map_err(|error| internal_error("reading the server's clock", &error))?;
        Ok(server.unwrap_or(now))
    }

    /// The store's idle time (administrators set it), or the default where the store
    /// cannot say.
    pub async fn idle_timeout(&self) -> Result<Duration, DeskError> {
        let Ok(store) = self.store() else {
            return Ok(self.settings.idle_timeout);
        };
        let minutes = store
            .idle_timeout_minutes()
            .await
            .map_err(|error| internal_error("reading the idle time", &error))?;
        Ok(Duration::minutes(i64::from(minutes)))
    }

    fn lock_session(&self) -> std::sync::MutexGuard<'_, Option<OpenSession>> {
        // A panic while holding this lock cannot leave the Option half-written.
        self.session
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Opens the session of `staff_id`, whose account is at `epoch`.
    pub(crate) fn start_session(&self, staff_id: StaffId, epoch: i64, now: DateTime<Utc>) {
        *self.lock_session() = Some(OpenSession {
            staff_id,
            started: now,
            last_seen: now,
            epoch,
        });
    }

    /// Keeps the session open: the person did something at `now`.
    fn touch_session(&self, now: DateTime<Utc>) {
        if let Some(open) = self.lock_session().as_mut() {
            open.last_seen = now;
        }
    }

    /// After the person changed their own password (raising the epoch, which ends
    /// their other sessions): this session goes on at the new epoch.
    pub(crate) fn follow_own_epoch(&self, epoch: i64) {
        if let Some(open) = self.lock_session().as_mut() {
            open.epoch = epoch;
        }
    }

    /// Ends the session, if any.
    pub(crate) fn end_session(&self) {
        *self.lock_session() = None;
    }

    /// Commits the effects of an event that changes no record (a sign-out, a refused
    /// sign-in, a profile change) to this desk's store, in one transaction.
    /// On a shared store nobody has signed in to there is nowhere to write, and
    /// nothing happened there to record.
    pub async fn record(&self, effects: Effects) -> Result<(), DeskError> {
        let Ok(store) = self.store() else {
            return Ok(());
        };
        store
            .record(&effects)
            .await
            .map_err(|error| internal_error("writing the audit log", &error))
    }

    /// The session the UI gets for `actor`.
    pub(crate) async fn session_for(&self, actor: Actor) -> Result<Session, DeskError> {
        let permissions: Vec<Permission> = policy::permissions_of(&actor.staff.roles)
            .into_iter()
            .collect();
        let minutes = self.idle_timeout().await?.num_minutes();
        Ok(Session {
            staff: actor.staff,
            permissions,
            idle_timeout_minutes: u32::try_from(minutes).unwrap_or(u32::MAX),
            must_change_password: actor.must_change_password,
        })
    }
}
