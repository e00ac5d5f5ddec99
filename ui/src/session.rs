//! The signed-in session, shared through context, and the idle sign-out.

use desk_domain::Permission;
use desk_domain::staff::Session;
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

    /// Opens the app for `session`.
    pub fn open(&self, session: Session) {
        self.gate.set(Gate::Open(session));
    }

    /// Signs out in the backend and shows sign-in with `notice`.
    pub fn sign_out(&self, notice: Option<String>) {
        let gate = self.gate;
        spawn_local(async move {
            // Even if the backend call fails, the window must stop showing records.
            let _ = api::session::sign_out().await;
            gate.set(Gate::SignIn(notice));
        });
    }
}
