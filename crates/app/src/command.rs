//! The one shape of a command on the backend side: a `desk_domain::Rpc` value plus
//! how it runs. [`crate::profiles::Workspace::execute`] is the only way to run one,
//! and it checks the command's requirement before anything else.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use desk_domain::{DeskError, Rpc};

use crate::desk::{Actor, Desk};
use crate::policy::Scope;
use crate::profiles::Workspace;

/// What a command runs with: the workspace (profiles), the desk of the open store,
/// and the time it was called at (passed in, so tests control it).
#[derive(Debug)]
pub struct Context<'a> {
    /// Profiles and the secrets of this desktop.
    pub workspace: &'a Workspace,
    /// The open store, its password hasher and session.
    pub desk: &'a Desk,
    /// When the command was called.
    pub now: DateTime<Utc>,
}

/// Who passed the policy check.
#[derive(Debug, Clone)]
pub enum Access {
    /// Nobody is signed in (only public commands get this far).
    Anonymous,
    /// A signed-in staff member.
    Staff(Staff),
}

/// The caller of a command that needs a session: who, and which records they may see.
#[derive(Debug, Clone)]
pub struct Staff {
    /// The signed-in staff member, re-read from the store for this command.
    pub actor: Actor,
    /// The rows their roles let them see; use cases filter by it.
    pub scope: Scope,
}

/// The caller of a public command: perhaps somebody is signed in.
#[derive(Debug, Clone)]
pub struct Visitor(pub Option<Actor>);

/// How a command receives its caller: [`Staff`] for commands that need a session
/// (they never ask again), [`Visitor`] for public ones.
pub trait Caller: Sized + Send + 'static {
    /// The caller from what the policy check found.
    fn from_access(access: Access) -> Result<Self, DeskError>;
}

impl Caller for Staff {
    fn from_access(access: Access) -> Result<Self, DeskError> {
        match access {
            Access::Staff(staff) => Ok(staff),
            Access::Anonymous => Err(DeskError::NotSignedIn),
        }
    }
}

impl Caller for Visitor {
    fn from_access(access: Access) -> Result<Self, DeskError> {
        Ok(Self(match access {
            Access::Staff(staff) => Some(staff.actor),
            Access::Anonymous => None,
        }))
    }
}

/// A command the backend can run: a thin adapter from the command's value to one use
/// case. Its name, output and requirement come from `desk_domain::commands`.
#[async_trait]
pub trait Command: Rpc {
    /// [`Staff`] or [`Visitor`].
    type Caller: Caller;

    /// Runs it; the caller has passed the policy check.
    async fn run(self, cx: &Context<'_>, caller: Self::Caller) -> Result<Self::Output, DeskError>;
}
