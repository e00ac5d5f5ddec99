//! The signed-in person's own account: changing their password.

use desk_domain::commands::ChangeOwnPassword;
use desk_domain::staff::{ChangePasswordInput, fields};
use desk_domain::{FieldError, FieldErrorCode, NewPassword, Sensitive};
use leptos::prelude::*;

use crate::components::form::{Form, FormBanner, SubmitButton};
use crate::components::text_field::TextField;
use crate::session::SessionContext;

/// The "new password again" field; it never leaves the form.
const CONFIRM: &str = "confirm_password";

/// Changing one's own password.
#[component]
pub fn AccountPage() -> impl IntoView {
    view! {
        <section class="panel narrow" aria-labelledby="account-heading">
            <h2 id="account-heading">"Change your password"</h2>
            <ChangePasswordForm />
        </section>
    }
}

/// The change-password form; `on_changed` runs after a change is stored.
#[component]
pub fn ChangePasswordForm(#[prop(optional)] on_changed: Option<Callback<()>>) -> impl IntoView {
    let email = SessionContext::get()
        .session_untracked()
        .map(|session| session.staff.email.to_string())
        .unwrap_or_default();
    let current = RwSignal::new(String::new());
    let new_password = RwSignal::new(String::new());
    let confirm = RwSignal::new(String::new());
    let status = RwSignal::new(None::<String>);

    let form = Form::new("account", move || {
        let input = ChangePasswordInput {
            current_password: Sensitive::new(current.get_untracked()),
            new_password: Sensitive::new(new_password.get_untracked()),
        };
        let problems = check(&input, &confirm.get_untracked(), &email);
        if problems.is_empty() {
            Ok(input)
        } else {
            Err(problems)
        }
    })
    .on_failure(move || status.set(None));
    let submit = form.submit(
        |input| ChangeOwnPassword { input },
        move |()| {
            current.set(String::new());
            new_password.set(String::new());
            confirm.set(String::new());
            status.set(Some("Your password was changed.".into()));
            if let Some(on_changed) = on_changed {
                on_changed.run(());
            }
        },
    );

    view! {
        <form id="change-password" novalidate on:submit=submit>
                <p class="status" role="status" id="account-status">{move || status.get()}</p>
                <FormBanner form=form />
                <TextField form=form name=fields::CURRENT_PASSWORD label="Current password" input_type="password" autocomplete="current-password" value=current />
                <TextField form=form name=fields::NEW_PASSWORD label="New password" input_type="password" autocomplete="new-password" value=new_password hint="At least 12 characters, not a common password." />
                <TextField form=form name=CONFIRM label="New password again" input_type="password" autocomplete="new-password" value=confirm />
                <div class="actions">
                    <SubmitButton form=form id="change-password-submit" label="Change password" />
                </div>
        </form>
    }
}

/// Every problem of the form, in form order: the current password is needed (the
/// backend checks it), the new one must meet the policy, and both copies must match.
fn check(input: &ChangePasswordInput, confirm: &str, email: &str) -> Vec<FieldError> {
    let mut problems = Vec::new();
    if input.current_password.expose().is_empty() {
        problems.push(FieldError::new(
            fields::CURRENT_PASSWORD,
            FieldErrorCode::Required,
            "Enter your current password.",
        ));
    }
    if let Err(problem) = NewPassword::parse(fields::NEW_PASSWORD, &input.new_password, email) {
        problems.push(problem);
    }
    if confirm != input.new_password.expose() {
        problems.push(FieldError::new(
            CONFIRM,
            FieldErrorCode::InvalidChoice,
            "This does not match the new password.",
        ));
    }
    problems
}
