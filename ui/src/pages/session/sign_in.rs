use desk_domain::Sensitive;
use desk_domain::commands::SignIn;
use desk_domain::staff::{SignInInput, fields};
use leptos::prelude::*;

use super::connection_link::ConnectionLink;
use crate::components::form::{Form, FormBanner, SubmitButton};
use crate::components::text_field::TextField;
use crate::session::SessionContext;

/// Email and password. A refusal shows one message, whatever was wrong.
#[component]
pub fn SignInPage(notice: Option<String>) -> impl IntoView {
    let context = SessionContext::get();
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let password_input = NodeRef::<leptos::html::Input>::new();
    // Nothing to check before sending: the backend gives one answer for a wrong email
    // or password, so the form gives no hint either.
    let form = Form::new("signin", move || {
        Ok(SignInInput {
            email: email.get_untracked(),
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
        |input| SignIn { input },
        move |session| context.open(session),
    );

    view! {
        <main class="gate">
            <form class="gate-card" id="signin-form" novalidate on:submit=submit>
                <h1>"Sign in to Customer Desk"</h1>
                <ConnectionLink />
                {notice.map(|notice| view! { <p class="banner info" role="status" id="signin-notice">{notice}</p> })}
                <FormBanner form=form id="signin-error" />
                <TextField form=form name=fields::EMAIL label="Email" input_type="email" autocomplete="username" value=email />
                <TextField
                    form=form
                    name=fields::PASSWORD
                    label="Password"
                    input_type="password"
                    autocomplete="current-password"
                    value=password
                    node_ref=password_input
                />
                <div class="actions">
                    <SubmitButton form=form id="signin-submit" label="Sign in" busy_label="Signing in…" />
                </div>
            </form>
        </main>
    }
}
