//! The application's front door: [`Desk::execute`] checks the policy for every command
//! before it runs, so no command can skip the check. The shell calls nothing else.

use std::sync::{Arc, Mutex};

use async_trait::async_trait;
use chrono::{DateTime, Duration, Utc};
use desk_domain::staff::{Role, Session, StaffId, StaffMember};
use desk_domain::{DeskError, Permission};
use desk_store::Store;

use crate::audit::{self, Attribution};
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
}

impl Default for DeskSettings {
    fn default() -> Self {
        Self {
            idle_timeout: Duration::minutes(15),
            lockout: LockoutPolicy::default(),
        }
    }
}

/// The signed-in staff member, as commands see them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    /// Their account.
    pub staff: StaffMember,
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

/// Who is calling: nobody yet, or a signed-in staff member.
#[derive(Debug, Clone)]
pub enum Caller {
    /// No session (before sign-in, after sign-out or the idle time).
    Anonymous,
    /// A signed-in staff member, re-read from the store for this command.
    Staff(Actor),
}

impl Caller {
    /// The signed-in staff member; commands that required a session always have one.
    pub fn actor(&self) -> Result<&Actor, DeskError> {
        match self {
            Self::Staff(actor) => Ok(actor),
            Self::Anonymous => Err(DeskError::NotSignedIn),
        }
    }
}

/// One command the UI can run: its name (for the policy table) and what it does.
#[async_trait]
pub trait Command: Send {
    /// The name in `desk_domain::commands`.
    const NAME: &'static str;
    /// What it returns.
    type Output: Send;
    /// Runs it for `caller`, who has already passed the policy check.
    async fn run(
        self,
        desk: &Desk,
        caller: Caller,
        now: DateTime<Utc>,
    ) -> Result<Self::Output, DeskError>;
}

#[derive(Debug, Clone)]
struct OpenSession {
    staff_id: StaffId,
    last_seen: DateTime<Utc>,
}

/// The application: the store, the password hasher, the session of this window.
#[derive(Debug)]
pub struct Desk {
    store: Arc<dyn Store>,
    passwords: Passwords,
    settings: DeskSettings,
    session: Mutex<Option<OpenSession>>,
}

impl Desk {
    /// A desk over `store`, with nobody signed in.
    pub fn new(store: Arc<dyn Store>, passwords: Passwords, settings: DeskSettings) -> Self {
        Self {
            store,
            passwords,
            settings,
            session: Mutex::new(None),
        }
    }

    /// The store (for use cases).
    pub fn store(&self) -> &dyn Store {
        self.store.as_ref()
    }

    /// The password hasher (for use cases).
    pub fn passwords(&self) -> &Passwords {
        &self.passwords
    }

    /// The settings (for use cases).
    pub fn settings(&self) -> &DeskSettings {
        &self.settings
    }

    /// Runs `command` at `now` after checking the policy for the current caller.
    pub async fn execute<C: Command>(
        &self,
        command: C,
        now: DateTime<Utc>,
    ) -> Result<C::Output, DeskError> {
        let caller = self.authorize(C::NAME, now).await?;
        command.run(self, caller, now).await
    }

    /// The current caller, if the policy lets them run `command` at `now`.
    pub async fn authorize(&self, command: &str, now: DateTime<Utc>) -> Result<Caller, DeskError> {
        let caller = self.current_caller(now).await?;
        let roles: Option<&[Role]> = match &caller {
            Caller::Anonymous => None,
            Caller::Staff(actor) => Some(&actor.staff.roles),
        };
        policy::check(command, roles)?;
        Ok(caller)
    }

    /// Who is signed in, re-read from the store so that a deactivation or a role
    /// change elsewhere takes effect at once. Ends a session idle for too long.
    async fn current_caller(&self, now: DateTime<Utc>) -> Result<Caller, DeskError> {
        let Some(open) = self.lock_session().clone() else {
            return Ok(Caller::Anonymous);
        };
        let record = self
            .store
            .staff_by_id(open.staff_id)
            .await
            .map_err(|error| internal_error("reading the signed-in account", &error))?;
        let Some(record) = record.filter(|record| record.member.active) else {
            self.end_session();
            return Ok(Caller::Anonymous);
        };
        let actor = Actor {
            staff: record.member,
        };
        if now - open.last_seen > self.settings.idle_timeout {
            self.end_session();
            let audit = audit::signed_out(&actor.attribution(), actor.staff.id, now, "idle");
            self.record(&audit).await?;
            return Ok(Caller::Anonymous);
        }
        self.start_session(open.staff_id, now);
        Ok(Caller::Staff(actor))
    }

    fn lock_session(&self) -> std::sync::MutexGuard<'_, Option<OpenSession>> {
        // A panic while holding this lock cannot leave the Option half-written.
        self.session
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Opens (or refreshes) the session of `staff_id`.
    pub(crate) fn start_session(&self, staff_id: StaffId, now: DateTime<Utc>) {
        *self.lock_session() = Some(OpenSession {
            staff_id,
            last_seen: now,
        });
    }

    /// Ends the session, if any.
    pub(crate) fn end_session(&self) {
        *self.lock_session() = None;
    }

    /// Appends an entry that goes with no other write (sign-in failures, sign-outs,
    /// profile changes) to the audit log of this desk's store.
    pub async fn record(&self, entry: &desk_domain::audit::AuditEntry) -> Result<(), DeskError> {
        self.store
            .append_audit(entry)
            .await
            .map_err(|error| internal_error("writing the audit log", &error))
    }

    /// The session the UI gets for `staff`.
    pub(crate) fn session_for(&self, staff: StaffMember) -> Session {
        let permissions: Vec<Permission> =
            policy::permissions_of(&staff.roles).into_iter().collect();
        let minutes = self.settings.idle_timeout.num_minutes();
        Session {
            staff,
            permissions,
            idle_timeout_minutes: u32::try_from(minutes).unwrap_or(u32::MAX),
        }
    }
}
