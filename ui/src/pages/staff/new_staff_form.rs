use desk_domain::Sensitive;
use desk_domain::commands::CreateStaff;
use desk_domain::staff::{CreatedStaff, NewStaff, NewStaffInput, Role, fields};
use leptos::prelude::*;

use super::role_choices::RoleChoices;
use crate::components::form::{Form, FormBanner, SubmitButton};
use crate::components::text_field::TextField;

/// "New staff member": a typed initial password, or none to have one generated.
#[component]
pub fn NewStaffForm(on_created: Callback<CreatedStaff>) -> impl IntoView {
    let email = RwSignal::new(String::new());
    let display_name = RwSignal::new(String::new());
    let roles = RwSignal::new(vec![Role::SupportAgent]);
    let password = RwSignal::new(String::new());

    // The backend's own parser: roles, and the password only when one is typed.
    let form = Form::new("staff", move || {
        let input = NewStaffInput {
            email: email.get_untracked(),
            display_name: display_name.get_untracked(),
            roles: roles.get_untracked(),
            password: Sensitive::new(password.get_untracked()),
        };
        NewStaff::parse(&input).map(|_| input)
    });
    let submit = form.submit(
        |input| CreateStaff { input },
        move |created| {
            email.set(String::new());
            display_name.set(String::new());
            password.set(String::new());
            on_created.run(created);
        },
    );
    let state = form.state();
    let roles_error = move || state.message(fields::ROLES);

    view! {
        <form class="staff-form" id="new-staff" novalidate on:submit=submit>
            <h2 id="new-staff-heading">"New staff member"</h2>
            <FormBanner form=form />
            <TextField form=form name=fields::EMAIL label="Email" input_type="email" value=email />
            <TextField form=form name=fields::DISPLAY_NAME label="Display name" value=display_name />
            // Focusable by script only, so a "tick a role" problem can take the focus.
            <fieldset
                class="field"
                id=state.input_id(fields::ROLES)
                tabindex="-1"
                aria-describedby="staff-roles-error"
                class:invalid=move || roles_error().is_some()
            >
                <legend>"Roles"</legend>
                <RoleChoices
                    id_prefix="staff-role".to_owned()
                    selected=roles
                    on_change=Callback::new(move |()| {
                        if roles_error().is_some() {
                            state.recheck(fields::ROLES);
                        }
                    })
                />
                <p class="field-error" id="staff-roles-error" aria-live="polite">{roles_error}</p>
            </fieldset>
            <TextField
                form=form
                name=fields::PASSWORD
                label="Initial password (optional)"
                input_type="password"
                autocomplete="new-password"
                value=password
                hint="Leave empty to generate a one-time password, shown once."
            />
            <div class="actions">
                <SubmitButton form=form id="new-staff-submit" label="Create account" />
            </div>
        </form>
    }
}
