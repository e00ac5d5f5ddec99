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
    /// Sign-in to a shared store: the password of the connection's database login.
    SharedSignIn {
        /// The open connection profile.
        profile: String,
        /// Its database login.
        login: String,
        /// Why the window is here, if it says.
        notice: Option<String>,
    },
    /// Signed in with a one-time password: choosing one's own comes first.
    ChangePassword(Session),
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
    /// The store's idle time when an administrator changed it during this session
    /// (the session itself carries the value it started with).
    pub idle_minutes: RwSignal<Option<u32>>,
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

    /// Opens the app for `session` (or asks for a new password first).
    pub fn open(&self, session: Session) {
        self.idle_minutes.set(None);
        self.gate.set(if session.must_change_password {
            Gate::ChangePassword(session)
        } else {
            Gate::Open(session)
        });
    }

    /// Shows the screen the backend's `state` calls for.
    pub fn follow(&self, state: SessionState) {
        self.follow_with(state, None);
    }

    /// Shows the screen `state` calls for, with `notice` on a sign-in screen.
    pub fn follow_with(&self, state: SessionState, notice: Option<String>) {
        match state {
            SessionState::NeedsFirstAdmin => self.gate.set(Gate::SetUp),
            SessionState::SignedOut => self.gate.set(Gate::SignIn(notice)),
            SessionState::SharedSignIn { profile, login } => self.gate.set(Gate::SharedSignIn {
                profile,
                login,
                notice,
            }),
            SessionState::SignedIn(session) => self.open(session),
        }
    }

    /// Asks the backend where the window stands now and goes there, with `notice` on
    /// a sign-in screen.
    pub fn refresh(&self, notice: Option<String>) {
        let context = *self;
        spawn_local(async move {
            match api::call(&GetSessionState {}).await {
                Ok(state) => context.follow_with(state, notice),
                Err(error) => context.gate.set(Gate::SignIn(Some(error.summary()))),
            }
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
        let context = *self;
        // The window stops showing records at once, whatever the backend says.
        context.gate.set(Gate::Loading);
        spawn_local(async move {
            let _ = api::call(&SignOut {}).await;
            context.refresh(notice);
        });
    }
}
