use desk_domain::commands::{DeactivateStaff, ResetStaffPassword, SetStaffRoles};
use desk_domain::staff::{Role, SetRolesInput, StaffId, StaffMember};
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::role_choices::RoleChoices;
use crate::api;
use crate::components::table::Column;

/// What the page shows after an action on a row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowOutcome {
    /// A sentence for the status line.
    Done(String),
    /// A one-time password to show once.
    OneTimePassword {
        /// Whose it is.
        name: String,
        /// The password itself.
        password: String,
    },
    /// An error to show.
    Failed(String),
}

/// The staff table's columns.
pub const COLUMNS: &[Column] = &[
    Column::new("Name"),
    Column::new("Email"),
    Column::new("Roles"),
    Column::new("Status"),
    Column::new("Last sign-in (UTC)"),
    Column::new("Actions"),
];

/// Everything a row shows, so a changed account is drawn again.
pub fn row_key(member: &StaffMember) -> (StaffId, Vec<Role>, bool) {
    (member.id, member.roles.clone(), member.active)
}

/// One account with its actions: roles, reset password, deactivate.
#[component]
pub fn StaffRow(member: StaffMember, on_outcome: Callback<RowOutcome>) -> impl IntoView {
    let id: StaffId = member.id;
    let name = member.display_name.to_string();
    let editing = RwSignal::new(false);
    let roles = RwSignal::new(member.roles.clone());
    let confirming_deactivate = RwSignal::new(false);
    let confirming_reset = RwSignal::new(false);
    let roles_text = member
        .roles
        .iter()
        .map(|role: &Role| role.label())
        .collect::<Vec<_>>()
        .join(", ");
    let last = member
        .last_sign_in_at
        .map(|at| at.format("%Y-%m-%d %H:%M").to_string())
        .unwrap_or_else(|| "never".into());
    let row_id = format!("staff-{}", member.email.as_str().replace(['@', '.'], "-"));
    let roles_prefix = format!("{row_id}-role");

    let save_roles = {
        let name = name.clone();
        move |_| {
            let input = SetRolesInput {
                staff_id: id,
                roles: roles.get_untracked(),
            };
            let name = name.clone();
            spawn_local(async move {
                match api::call(&SetStaffRoles { input }).await {
                    Ok(_) => {
                        editing.set(false);
                        on_outcome.run(RowOutcome::Done(format!("Roles of {name} saved.")));
                    }
                    Err(error) => on_outcome.run(RowOutcome::Failed(error.messages())),
                }
            });
        }
    };
    let deactivate = {
        let name = name.clone();
        move |_| {
            if !confirming_deactivate.get_untracked() {
                confirming_deactivate.set(true);
                return;
            }
            let name = name.clone();
            spawn_local(async move {
                match api::call(&DeactivateStaff { staff_id: id }).await {
                    Ok(_) => on_outcome.run(RowOutcome::Done(format!("{name} was deactivated."))),
                    Err(error) => on_outcome.run(RowOutcome::Failed(error.messages())),
                }
                confirming_deactivate.set(false);
            });
        }
    };
    let reset = {
        let name = name.clone();
        move |_| {
            if !confirming_reset.get_untracked() {
                confirming_reset.set(true);
                return;
            }
            let name = name.clone();
            spawn_local(async move {
                match api::call(&ResetStaffPassword { staff_id: id }).await {
                    Ok(password) => on_outcome.run(RowOutcome::OneTimePassword {
                        name,
                        password: password.expose().clone(),
                    }),
                    Err(error) => on_outcome.run(RowOutcome::Failed(error.messages())),
                }
                confirming_reset.set(false);
            });
        }
    };

    view! {
        <tr id=row_id class:inactive=!member.active>
            <td>{name.clone()}</td>
            <td class="email">{member.email.to_string()}</td>
            <td class="roles">
                <Show when=move || editing.get() fallback={
                    let roles_text = roles_text.clone();
                    move || roles_text.clone()
                }>
                    <div class="role-editor">
                        <RoleChoices id_prefix=roles_prefix.clone() selected=roles />
                        <button type="button" class="primary small save-roles" on:click=save_roles.clone()>"Save"</button>
                        <button type="button" class="secondary small" on:click=move |_| editing.set(false)>"Cancel"</button>
                    </div>
                </Show>
            </td>
            <td>{if member.active { "Active" } else { "Deactivated" }}</td>
            <td>{last}</td>
            <td class="row-actions">
                {member.active.then(|| view! {
                    <button type="button" class="secondary small edit-roles" on:click=move |_| editing.set(true)>"Roles…"</button>
                    <button type="button" class="secondary small reset" on:click=reset.clone()>
                        {move || if confirming_reset.get() { "Confirm reset" } else { "Reset password" }}
                    </button>
                    <button type="button" class="danger small deactivate" on:click=deactivate.clone()>
                        {move || if confirming_deactivate.get() { "Confirm deactivation" } else { "Deactivate" }}
                    </button>
                })}
            </td>
        </tr>
    }
}
