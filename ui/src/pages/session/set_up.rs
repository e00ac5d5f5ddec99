use desk_domain::Sensitive;
use desk_domain::commands::CreateFirstAdmin;
use desk_domain::staff::{FirstAdmin, FirstAdminInput, fields};
use leptos::prelude::*;

use super::connection_link::ConnectionLink;
use crate::components::form::{Form, FormBanner, SubmitButton};
use crate::components::text_field::TextField;
use crate::session::SessionContext;

/// First run on an empty store: creates the first administrator.
#[component]
pub fn SetUpPage() -> impl IntoView {
    let context = SessionContext::get();
    let email = RwSignal::new(String::new());
    let display_name = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    // The same parser as the backend's: what passes here passes there, bar conflicts.
    let form = Form::new("setup", move || {
        let input = FirstAdminInput {
            email: email.get_untracked(),
            display_name: display_name.get_untracked(),
            password: Sensitive::new(password.get_untracked()),
        };
        FirstAdmin::parse(&input).map(|_| input)
    });
    let submit = form.submit(
        |input| CreateFirstAdmin { input },
        move |session| context.open(session),
    );

    view! {
        <main class="gate">
            <form class="gate-card" id="setup-form" novalidate on:submit=submit>
                <h1>"Welcome to Customer Desk"</h1>
                <ConnectionLink />
                <p class="lead">
                    "This store has no staff accounts yet. Create the first administrator; \
                     they can add everyone else."
                </p>
                <FormBanner form=form id="setup-banner" />
                <TextField form=form name=fields::EMAIL label="Email" input_type="email" autocomplete="username" value=email />
                <TextField form=form name=fields::DISPLAY_NAME label="Display name" autocomplete="name" value=display_name />
                <TextField
                    form=form
                    name=fields::PASSWORD
                    label="Password"
                    input_type="password"
                    autocomplete="new-password"
                    value=password
                    hint="At least 12 characters; a few unrelated words work well."
                />
                <div class="actions">
                    <SubmitButton form=form id="setup-submit" label="Create administrator" busy_label="Creating…" />
                </div>
            </form>
        </main>
    }
}
