use desk_domain::staff::{SignInInput, fields};
use desk_domain::{FieldError, Sensitive};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api;
use crate::components::profiles::connection_link::ConnectionLink;
use crate::components::text_field::TextField;
use crate::session::SessionContext;

const FORM: &str = "signin";

/// Email and password. A refusal shows one message, whatever was wrong.
#[component]
pub fn SignInPage(notice: Option<String>) -> impl IntoView {
    let context = SessionContext::get();
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let banner = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let password_input = NodeRef::<leptos::html::Input>::new();
    let no_recheck = Callback::new(|_: &'static str| {});

    let submit = move |event: SubmitEvent| {
        event.prevent_default();
        if busy.get_untracked() {
            return;
        }
        banner.set(None);
        busy.set(true);
        let input = SignInInput {
            email: email.get_untracked(),
            password: Sensitive::new(password.get_untracked()),
        };
        spawn_local(async move {
            match api::session::sign_in(&input).await {
                Ok(session) => context.open(session),
                Err(error) => {
                    banner.set(Some(error.summary()));
                    password.set(String::new());
                    if let Some(input) = password_input.get_untracked() {
                        let _ = input.focus();
                    }
                    busy.set(false);
                }
            }
        });
    };

    view! {
        <main class="gate">
            <form class="gate-card" id="signin-form" novalidate on:submit=submit>
                <h1>"Sign in to Customer Desk"</h1>
                <ConnectionLink />
                {notice.map(|notice| view! { <p class="banner info" role="status" id="signin-notice">{notice}</p> })}
                <Show when=move || banner.get().is_some()>
                    <p class="banner error" role="alert" id="signin-error">{move || banner.get()}</p>
                </Show>
                <TextField form=FORM name=fields::EMAIL label="Email" input_type="email" autocomplete="username" value=email errors=errors recheck=no_recheck />
                <TextField
                    form=FORM
                    name=fields::PASSWORD
                    label="Password"
                    input_type="password"
                    autocomplete="current-password"
                    value=password
                    errors=errors
                    recheck=no_recheck
                    node_ref=password_input
                />
                <div class="actions">
                    <button type="submit" class="primary" id="signin-submit" disabled=move || busy.get()>
                        {move || if busy.get() { "Signing in…" } else { "Sign in" }}
                    </button>
                </div>
            </form>
        </main>
    }
}
