//! The signed-in session, shared through context, and the idle sign-out.

use desk_domain::Permission;
use desk_domain::commands::{GetSessionState, SignOut};
use desk_domain::staff::{Session, SessionState};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api;

/// Which screen the window shows before and after sign-in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Gate {
    /// Asking the backend.
    Loading,
    /// No staff account yet: set-up.
    SetUp,
    /// Sign-in, with an optional notice (e.g. "signed out after 15 minutes").
    SignIn(Option<String>),
    /// Signed in.
    Open(Session),
    /// The connection profiles, before sign-in (signed in, they are a route of the shell).
    Profiles,
}

/// App-wide session state, provided by `App`.
#[derive(Debug, Clone, Copy)]
pub struct SessionContext {
    /// What the window shows.
    pub gate: RwSignal<Gate>,
}

impl SessionContext {
    /// The context provided by `App`.
    pub fn get() -> Self {
        expect_context::<Self>()
    }

    /// Whether the signed-in person may do `permission` (false when signed out).
    pub fn may(&self, permission: Permission) -> bool {
        self.gate.with(|gate| match gate {
            Gate::Open(session) => session.may(permission),
            _ => false,
        })
    }

    /// Who is signed in right now (`None` before sign-in), without subscribing to it.
    pub fn session_untracked(&self) -> Option<Session> {
        self.gate.with_untracked(|gate| match gate {
            Gate::Open(session) => Some(session.clone()),
            _ => None,
        })
    }

    /// Opens the app for `session`.
    pub fn open(&self, session: Session) {
        self.gate.set(Gate::Open(session));
    }

    /// Shows the screen the backend's `state` calls for.
    pub fn follow(&self, state: SessionState) {
        self.gate.set(match state {
            SessionState::NeedsFirstAdmin => Gate::SetUp,
            SessionState::SignedOut => Gate::SignIn(None),
            SessionState::SignedIn(session) => Gate::Open(session),
        });
    }

    /// Leaves the profiles screen for whatever the backend says comes next.
    pub fn leave_profiles(&self) {
        let context = *self;
        spawn_local(async move {
            match api::call(&GetSessionState {}).await {
                Ok(state) => context.follow(state),
                Err(error) => context.gate.set(Gate::SignIn(Some(error.summary()))),
            }
        });
    }

    /// Signs out in the backend and shows sign-in with `notice`.
    pub fn sign_out(&self, notice: Option<String>) {
        let gate = self.gate;
        spawn_local(async move {
            // Even if the backend call fails, the window must stop showing records.
            let _ = api::call(&SignOut {}).await;
            gate.set(Gate::SignIn(notice));
        });
    }
}
