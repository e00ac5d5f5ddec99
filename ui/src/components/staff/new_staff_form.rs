use desk_domain::staff::{CreatedStaff, NewStaffInput, Role, fields};
use desk_domain::{Email, FieldError, FieldErrorCode, NewPassword, PersonName, Sensitive};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api;
use crate::components::staff::role_choices::RoleChoices;
use crate::components::text_field::{TextField, focus_first_invalid, recheck_field, show_failure};

const FORM: &str = "staff";

/// "New staff member": a typed initial password, or none to have one generated.
#[component]
pub fn NewStaffForm(on_created: Callback<CreatedStaff>) -> impl IntoView {
    let email = RwSignal::new(String::new());
    let display_name = RwSignal::new(String::new());
    let roles = RwSignal::new(vec![Role::SupportAgent]);
    let password = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let banner = RwSignal::new(None::<String>);
    let saving = RwSignal::new(false);

    let check = move || -> Vec<FieldError> {
        let typed_email = email.get_untracked();
        let typed_password = password.get_untracked();
        let mut problems: Vec<FieldError> = [
            Email::parse(fields::EMAIL, &typed_email).err(),
            PersonName::parse(
                fields::DISPLAY_NAME,
                "display name",
                &display_name.get_untracked(),
            )
            .err(),
        ]
        .into_iter()
        .flatten()
        .collect();
        if roles.with_untracked(Vec::is_empty) {
            problems.push(FieldError::new(
                fields::ROLES,
                FieldErrorCode::InvalidChoice,
                "Tick at least one role.",
            ));
        }
        if !typed_password.is_empty()
            && let Err(problem) = NewPassword::parse(
                fields::PASSWORD,
                &Sensitive::new(typed_password),
                &typed_email,
            )
        {
            problems.push(problem);
        }
        problems
    };
    let recheck = recheck_field(errors, check);
    let roles_error = move || {
        errors.with(|errors| {
            errors
                .iter()
                .find(|error| error.field == fields::ROLES)
                .map(|error| error.message.clone())
        })
    };
    let submit = move |event: SubmitEvent| {
        event.prevent_default();
        banner.set(None);
        let problems = check();
        if !problems.is_empty() {
            focus_first_invalid(FORM, &problems);
            errors.set(problems);
            return;
        }
        errors.set(Vec::new());
        saving.set(true);
        let input = NewStaffInput {
            email: email.get_untracked(),
            display_name: display_name.get_untracked(),
            roles: roles.get_untracked(),
            password: Sensitive::new(password.get_untracked()),
        };
        spawn_local(async move {
            match api::staff::create_staff(&input).await {
                Ok(created) => {
                    email.set(String::new());
                    display_name.set(String::new());
                    password.set(String::new());
                    on_created.run(created);
                }
                Err(error) => {
                    show_failure(FORM, &error, errors, banner);
                }
            }
            saving.set(false);
        });
    };

    view! {
        <form class="staff-form" id="new-staff" novalidate on:submit=submit>
            <h2 id="new-staff-heading">"New staff member"</h2>
            <Show when=move || banner.get().is_some()>
                <p class="banner error" role="alert">{move || banner.get()}</p>
            </Show>
            <TextField form=FORM name=fields::EMAIL label="Email" input_type="email" value=email errors=errors recheck=recheck />
            <TextField form=FORM name=fields::DISPLAY_NAME label="Display name" value=display_name errors=errors recheck=recheck />
            <fieldset class="field" class:invalid=move || roles_error().is_some()>
                <legend>"Roles"</legend>
                <RoleChoices id_prefix="staff-role".to_owned() selected=roles />
                <p class="field-error" id="staff-roles-error" aria-live="polite">{roles_error}</p>
            </fieldset>
            <TextField
                form=FORM
                name=fields::PASSWORD
                label="Initial password (optional)"
                input_type="password"
                autocomplete="new-password"
                value=password
                errors=errors
                recheck=recheck
                hint="Leave empty to generate a one-time password, shown once."
            />
            <div class="actions">
                <button type="submit" class="primary" id="new-staff-submit" disabled=move || saving.get()>
                    "Create account"
                </button>
            </div>
        </form>
    }
}
