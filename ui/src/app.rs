use leptos::prelude::*;
use leptos_router::components::Router;

use crate::api;
use crate::idle;
use crate::pages::profiles::SignedOutProfilesPage;
use crate::pages::session::{ChangePasswordFirstPage, SetUpPage, SharedSignInPage, SignInPage};
use crate::session::{Gate, SessionContext};
use crate::shell::Shell;

/// The window: set-up on an empty store, sign-in, or the signed-in shell with its
/// routes. The router wraps them all, so every screen can link and navigate.
#[component]
pub fn App() -> impl IntoView {
    let context = SessionContext {
        gate: RwSignal::new(Gate::Loading),
        idle_minutes: RwSignal::new(None),
    };
    provide_context(context);
    idle::watch(context);

    context.refresh(None);

    // What went wrong at start-up (a damaged profiles file, a store that could not be
    // opened), said once, above whichever screen opens.
    let startup_notice = RwSignal::new(None::<String>);
    leptos::task::spawn_local(async move {
        if let Ok(Some(notice)) = api::call(&desk_domain::commands::TakeStartupNotice {}).await {
            startup_notice.set(Some(notice));
        }
    });

    // Any command that finds the session gone (deactivated, idle, signed out
    // elsewhere) sends the window back to sign-in.
    let handle = window_event_listener_untyped(api::SIGNED_OUT_EVENT, move |_| {
        if context
            .gate
            .with_untracked(|gate| matches!(gate, Gate::Open(_) | Gate::ChangePassword(_)))
        {
            context.gate.set(Gate::Loading);
            context.refresh(Some("You were signed out. Sign in again to go on.".into()));
        }
    });
    std::mem::forget(handle);

    view! {
        {move || startup_notice.get().map(|notice| view! {
            <div class="banner info startup-notice" role="status" id="startup-notice">
                <span>{notice}</span>
                <button type="button" class="secondary small" id="startup-notice-dismiss"
                    on:click=move |_| startup_notice.set(None)>"Dismiss"</button>
            </div>
        })}
        <Router>
            {move || match context.gate.get() {
                Gate::Loading => {
                    view! { <p class="loading" id="app-loading">"Opening Customer Desk…"</p> }.into_any()
                }
                Gate::SetUp => view! { <SetUpPage /> }.into_any(),
                Gate::SignIn(notice) => view! { <SignInPage notice=notice /> }.into_any(),
                Gate::SharedSignIn { profile, login, notice } => {
                    view! { <SharedSignInPage profile=profile login=login notice=notice /> }.into_any()
                }
                Gate::ChangePassword(session) => {
                    view! { <ChangePasswordFirstPage session=session /> }.into_any()
                }
                Gate::Open(session) => view! { <Shell session=session /> }.into_any(),
                Gate::Profiles => view! { <SignedOutProfilesPage /> }.into_any(),
            }}
        </Router>
    }
}
