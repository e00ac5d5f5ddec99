//! One open store with its password hasher, settings and the session of this window.
//! [`Desk::authorize`] is the policy check every command passes first.

use std::sync::{Arc, Mutex};

use chrono::{DateTime, Duration, Utc};
use desk_domain::staff::{Session, StaffId, StaffMember};
use desk_domain::{DeskError, Permission, Requirement};
use desk_store::{Effects, Store};

use crate::audit::{self, Attribution};
use crate::command::{Access, Staff};
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

    /// The current caller, if they meet `requirement` at `now`, with their scope.
    pub async fn authorize(
        &self,
        requirement: Requirement,
        now: DateTime<Utc>,
    ) -> Result<Access, DeskError> {
        let actor = self.current_actor(now).await?;
        policy::check_requirement(
            requirement,
            actor.as_ref().map(|actor| actor.staff.roles.as_slice()),
        )?;
        Ok(match actor {
            None => Access::Anonymous,
            Some(actor) => Access::Staff(Staff {
                scope: policy::scope_of(actor.staff.id, &actor.staff.roles),
                actor,
            }),
        })
    }

    /// Who is signed in, re-read from the store so that a deactivation or a role
    /// change elsewhere takes effect at once. Ends a session idle for too long.
    async fn current_actor(&self, now: DateTime<Utc>) -> Result<Option<Actor>, DeskError> {
        let Some(open) = self.lock_session().clone() else {
            return Ok(None);
        };
        let record = self
            .store
            .staff_by_id(open.staff_id)
            .await
            .map_err(|error| internal_error("reading the signed-in account", &error))?;
        let Some(record) = record.filter(|record| record.member.active) else {
            self.end_session();
            return Ok(None);
        };
        let actor = Actor {
            staff: record.member,
        };
        if now - open.last_seen > self.settings.idle_timeout {
            self.end_session();
            let audit = audit::signed_out(&actor.attribution(), actor.staff.id, now, "idle");
            self.record(Effects::audit(audit)).await?;
            return Ok(None);
        }
        self.start_session(open.staff_id, now);
        Ok(Some(actor))
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

    /// Commits the effects of an event that changes no record (a sign-out, a refused
    /// sign-in, a profile change) to this desk's store, in one transaction.
    pub async fn record(&self, effects: Effects) -> Result<(), DeskError> {
        self.store
            .record(&effects)
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
