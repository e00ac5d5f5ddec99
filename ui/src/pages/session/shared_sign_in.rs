//! Sign-in to a shared store: the server checks the password of the connection's own
//! database login, so signing in is connecting with it.

use desk_domain::Sensitive;
use desk_domain::commands::SwitchProfile;
use desk_domain::profile::SwitchProfileInput;
use desk_domain::staff::fields;
use leptos::prelude::*;

use super::connection_link::ConnectionLink;
use crate::components::form::{Form, FormBanner, SubmitButton};
use crate::components::text_field::TextField;
use crate::session::SessionContext;

/// The login (from the connection) and its password.
#[component]
pub fn SharedSignInPage(profile: String, login: String, notice: Option<String>) -> impl IntoView {
    let context = SessionContext::get();
    let password = RwSignal::new(String::new());
    let password_input = NodeRef::<leptos::html::Input>::new();
    let form = Form::new("shared-signin", move || {
        Ok(SwitchProfileInput {
            name: profile.clone(),
            password: Sensitive::new(password.get_untracked()),
        })
    })
    .on_failure(move || {
        password.set(String::new());
        if let Some(input) = password_input.get_untracked() {
            let _ = input.focus();
        }
    });
    let submit = form.submit(
        |input| SwitchProfile { input },
        move |state| context.follow(state),
    );

    view! {
        <main class="gate">
            <form class="gate-card" id="shared-signin-form" novalidate on:submit=submit>
                <h1>"Sign in to Customer Desk"</h1>
                <ConnectionLink />
                {notice.map(|notice| view! { <p class="banner info" role="status" id="signin-notice">{notice}</p> })}
                <FormBanner form=form id="shared-signin-error" />
                <p class="field-static">
                    "Database login: " <strong id="shared-signin-login">{login}</strong>
                </p>
                <TextField
                    form=form
                    name=fields::PASSWORD
                    label="Password"
                    input_type="password"
                    autocomplete="current-password"
                    value=password
                    node_ref=password_input
                    hint="The server checks it. Leave empty to use the password saved on this computer."
                />
                <div class="actions">
                    <SubmitButton form=form id="shared-signin-submit" label="Sign in" busy_label="Signing in…" />
                </div>
            </form>
        </main>
    }
}
