use desk_domain::commands::ListProfiles;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api;
use crate::session::{Gate, SessionContext};

/// "Connected to Local · Change connection": which store this is, and the way to the
/// connection profiles before sign-in.
#[component]
pub fn ConnectionLink() -> impl IntoView {
    let context = SessionContext::get();
    let active = RwSignal::new(None::<String>);
    spawn_local(async move {
        if let Ok(view) = api::call(&ListProfiles {}).await {
            active.set(
                view.profiles
                    .into_iter()
                    .find(|summary| summary.active)
                    .map(|summary| summary.profile.name),
            );
        }
    });
    view! {
        <p class="connection">
            "Connected to "
            <strong id="active-profile">{move || active.get().unwrap_or_else(|| "…".into())}</strong>
            " · "
            <button type="button" class="link" id="profiles-open" on:click=move |_| context.gate.set(Gate::Profiles)>
                "Change connection"
            </button>
        </p>
    }
}
