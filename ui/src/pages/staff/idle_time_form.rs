//! The store's idle time: after how many minutes without activity every desktop on
//! this store signs out. A setting of the store, for administrators, not of a file
//! each person could edit.

use desk_domain::commands::SetIdleTimeout;
use desk_domain::staff::IdleTimeoutInput;
use leptos::prelude::*;

use crate::components::form::{Form, FormBanner, SubmitButton};
use crate::components::text_field::TextField;
use crate::session::SessionContext;

/// "Sign out after N minutes without activity".
#[component]
pub fn IdleTimeForm() -> impl IntoView {
    let context = SessionContext::get();
    let current = context.idle_minutes.get_untracked().unwrap_or_else(|| {
        context
            .session_untracked()
            .map(|session| session.idle_timeout_minutes)
            .unwrap_or(15)
    });
    let minutes = RwSignal::new(current.to_string());
    let status = RwSignal::new(None::<String>);
    let form = Form::new("idle", move || {
        let input = IdleTimeoutInput {
            minutes: minutes.get_untracked(),
        };
        input
            .parse()
            .map(|_| input)
            .map_err(|problem| vec![problem])
    })
    .on_failure(move || status.set(None));
    let submit = form.submit(
        |input| SetIdleTimeout { input },
        move |saved: u32| {
            // This window's own timer follows at once; other desktops at their next
            // command.
            context.idle_minutes.set(Some(saved));
            let unit = if saved == 1 { "minute" } else { "minutes" };
            status.set(Some(format!(
                "Everyone on this store is signed out after {saved} {unit} without activity."
            )));
        },
    );
    view! {
        <form id="idle-time-form" novalidate on:submit=submit>
            <h3>"Signing out when idle"</h3>
            <p class="status" role="status" id="idle-time-status">{move || status.get()}</p>
            <FormBanner form=form />
            <TextField form=form name=IdleTimeoutInput::FIELD label="Minutes without activity" value=minutes
                hint="1 to 240. Applies to every desktop on this store." />
            <div class="actions">
                <SubmitButton form=form id="idle-time-submit" label="Save" />
            </div>
        </form>
    }
}
