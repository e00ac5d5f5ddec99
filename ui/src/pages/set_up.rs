use desk_domain::staff::{FirstAdminInput, fields};
use desk_domain::{Email, FieldError, NewPassword, PersonName, Sensitive};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api;
use crate::components::profiles::connection_link::ConnectionLink;
use crate::components::text_field::{TextField, focus_first_invalid, recheck_field, show_failure};
use crate::session::SessionContext;

const FORM: &str = "setup";

/// First run on an empty store: creates the first administrator.
#[component]
pub fn SetUpPage() -> impl IntoView {
    let context = SessionContext::get();
    let email = RwSignal::new(String::new());
    let display_name = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let banner = RwSignal::new(None::<String>);
    let saving = RwSignal::new(false);

    let check = move || -> Vec<FieldError> {
        let typed_email = email.get_untracked();
        [
            Email::parse(fields::EMAIL, &typed_email).err(),
            PersonName::parse(
                fields::DISPLAY_NAME,
                "display name",
                &display_name.get_untracked(),
            )
            .err(),
            NewPassword::parse(
                fields::PASSWORD,
                &Sensitive::new(password.get_untracked()),
                &typed_email,
            )
            .err(),
        ]
        .into_iter()
        .flatten()
        .collect()
    };
    let recheck = recheck_field(errors, check);
    let submit = move |event: SubmitEvent| {
        event.prevent_default();
        if saving.get_untracked() {
            return;
        }
        let problems = check();
        if !problems.is_empty() {
            focus_first_invalid(FORM, &problems);
            errors.set(problems);
            return;
        }
        errors.set(Vec::new());
        banner.set(None);
        saving.set(true);
        let input = FirstAdminInput {
            email: email.get_untracked(),
            display_name: display_name.get_untracked(),
            password: Sensitive::new(password.get_untracked()),
        };
        spawn_local(async move {
            match api::session::create_first_admin(&input).await {
                Ok(session) => context.open(session),
                Err(error) => {
                    show_failure(FORM, &error, errors, banner);
                    saving.set(false);
                }
            }
        });
    };

    view! {
        <main class="gate">
            <form class="gate-card" id="setup-form" novalidate on:submit=submit>
                <h1>"Welcome to Customer Desk"</h1>
                <ConnectionLink />
                <p class="lead">
                    "This store has no staff accounts yet. Create the first administrator; \
                     they can add everyone else."
                </p>
                <Show when=move || banner.get().is_some()>
                    <p class="banner error" role="alert" id="setup-banner">{move || banner.get()}</p>
                </Show>
                <TextField form=FORM name=fields::EMAIL label="Email" input_type="email" autocomplete="username" value=email errors=errors recheck=recheck />
                <TextField form=FORM name=fields::DISPLAY_NAME label="Display name" autocomplete="name" value=display_name errors=errors recheck=recheck />
                <TextField
                    form=FORM
                    name=fields::PASSWORD
                    label="Password"
                    input_type="password"
                    autocomplete="new-password"
                    value=password
                    errors=errors
                    recheck=recheck
                    hint="At least 12 characters; a few unrelated words work well."
                />
                <div class="actions">
                    <button type="submit" class="primary" id="setup-submit" disabled=move || saving.get()>
                        {move || if saving.get() { "Creating…" } else { "Create administrator" }}
                    </button>
                </div>
            </form>
        </main>
    }
}
