use desk_domain::staff::{ChangePasswordInput, fields};
use desk_domain::{FieldError, FieldErrorCode, NewPassword, Sensitive};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api;
use crate::components::text_field::{TextField, focus_first_invalid, recheck_field, show_failure};
use crate::session::{Gate, SessionContext};

const FORM: &str = "account";
const CONFIRM: &str = "confirm_password";

/// Changing one's own password.
#[component]
pub fn AccountPage() -> impl IntoView {
    let context = SessionContext::get();
    let email = context.gate.with_untracked(|gate| match gate {
        Gate::Open(session) => session.staff.email.to_string(),
        _ => String::new(),
    });
    let current = RwSignal::new(String::new());
    let new_password = RwSignal::new(String::new());
    let confirm = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let status = RwSignal::new(None::<String>);
    let banner = RwSignal::new(None::<String>);
    let saving = RwSignal::new(false);

    let check = {
        let email = email.clone();
        move || -> Vec<FieldError> {
            let mut problems = Vec::new();
            if current.get_untracked().is_empty() {
                problems.push(FieldError::new(
                    fields::CURRENT_PASSWORD,
                    FieldErrorCode::Required,
                    "Enter your current password.",
                ));
            }
            let typed = Sensitive::new(new_password.get_untracked());
            if let Err(problem) = NewPassword::parse(fields::NEW_PASSWORD, &typed, &email) {
                problems.push(problem);
            }
            if confirm.get_untracked() != new_password.get_untracked() {
                problems.push(FieldError::new(
                    CONFIRM,
                    FieldErrorCode::InvalidChoice,
                    "This does not match the new password.",
                ));
            }
            problems
        }
    };
    let recheck = recheck_field(errors, check.clone());
    let submit = move |event: SubmitEvent| {
        event.prevent_default();
        status.set(None);
        banner.set(None);
        let problems = check();
        if !problems.is_empty() {
            focus_first_invalid(FORM, &problems);
            errors.set(problems);
            return;
        }
        errors.set(Vec::new());
        saving.set(true);
        let input = ChangePasswordInput {
            current_password: Sensitive::new(current.get_untracked()),
            new_password: Sensitive::new(new_password.get_untracked()),
        };
        spawn_local(async move {
            match api::session::change_own_password(&input).await {
                Ok(()) => {
                    current.set(String::new());
                    new_password.set(String::new());
                    confirm.set(String::new());
                    status.set(Some("Your password was changed.".into()));
                }
                Err(error) => {
                    show_failure(FORM, &error, errors, banner);
                }
            }
            saving.set(false);
        });
    };

    view! {
        <section class="panel narrow" aria-labelledby="account-heading">
            <form id="change-password" novalidate on:submit=submit>
                <h2 id="account-heading">"Change your password"</h2>
                <p class="status" role="status" id="account-status">{move || status.get()}</p>
                <Show when=move || banner.get().is_some()>
                    <p class="banner error" role="alert">{move || banner.get()}</p>
                </Show>
                <TextField form=FORM name=fields::CURRENT_PASSWORD label="Current password" input_type="password" autocomplete="current-password" value=current errors=errors recheck=recheck />
                <TextField form=FORM name=fields::NEW_PASSWORD label="New password" input_type="password" autocomplete="new-password" value=new_password errors=errors recheck=recheck hint="At least 12 characters, not a common password." />
                <TextField form=FORM name=CONFIRM label="New password again" input_type="password" autocomplete="new-password" value=confirm errors=errors recheck=recheck />
                <div class="actions">
                    <button type="submit" class="primary" id="change-password-submit" disabled=move || saving.get()>
                        "Change password"
                    </button>
                </div>
            </form>
        </section>
    }
}
