use desk_domain::commands::GetSessionState;
use desk_domain::staff::SessionState;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::Router;

use crate::api;
use crate::idle;
use crate::pages::profiles::SignedOutProfilesPage;
use crate::pages::session::{SetUpPage, SignInPage};
use crate::session::{Gate, SessionContext};
use crate::shell::Shell;

/// The window: set-up on an empty store, sign-in, or the signed-in shell with its
/// routes. The router wraps them all, so every screen can link and navigate.
#[component]
pub fn App() -> impl IntoView {
    let context = SessionContext {
        gate: RwSignal::new(Gate::Loading),
    };
    provide_context(context);
    idle::watch(context);

    spawn_local(async move {
        let gate = match api::call(&GetSessionState {}).await {
            Ok(SessionState::NeedsFirstAdmin) => Gate::SetUp,
            Ok(SessionState::SignedOut) => Gate::SignIn(None),
            Ok(SessionState::SignedIn(session)) => Gate::Open(session),
            Err(error) => Gate::SignIn(Some(error.summary())),
        };
        context.gate.set(gate);
    });

    // Any command that finds the session gone (deactivated, idle, signed out
    // elsewhere) sends the window back to sign-in.
    let handle = window_event_listener_untyped(api::SIGNED_OUT_EVENT, move |_| {
        if context
            .gate
            .with_untracked(|gate| matches!(gate, Gate::Open(_)))
        {
            context.gate.set(Gate::SignIn(Some(
                "You were signed out. Sign in again to go on.".into(),
            )));
        }
    });
    std::mem::forget(handle);

    view! {
        <Router>
            {move || match context.gate.get() {
                Gate::Loading => {
                    view! { <p class="loading" id="app-loading">"Opening Customer Desk…"</p> }.into_any()
                }
                Gate::SetUp => view! { <SetUpPage /> }.into_any(),
                Gate::SignIn(notice) => view! { <SignInPage notice=notice /> }.into_any(),
                Gate::Open(session) => view! { <Shell session=session /> }.into_any(),
                Gate::Profiles => view! { <SignedOutProfilesPage /> }.into_any(),
            }}
        </Router>
    }
}
