use desk_domain::profile::{PasswordState, Profile, ProfileSummary};
use leptos::prelude::*;

use crate::components::table::Column;

/// The profile table's columns.
pub const COLUMNS: &[Column] = &[
    Column::new("Name"),
    Column::new("Store"),
    Column::new("Password"),
    Column::new("Status"),
    Column::new("Actions"),
];

/// Everything a row shows (a summary holds no secret), so a changed profile is
/// drawn again.
pub fn row_key(summary: &ProfileSummary) -> String {
    format!("{summary:?}")
}

/// One profile with its actions; the open one can be edited but not switched to or
/// removed.
#[component]
pub fn ProfileRow(
    summary: ProfileSummary,
    on_switch: Callback<String>,
    on_edit: Callback<Profile>,
    on_remove: Callback<String>,
    on_set_up: Callback<Profile>,
) -> impl IntoView {
    let name = summary.profile.name.clone();
    let row_id = format!("profile-row-{}", slug(&name));
    let password = match summary.password {
        PasswordState::NotNeeded => "—",
        PasswordState::Saved => "Saved in keyring",
        PasswordState::NotSaved => "Asked when connecting",
    };
    let profile = summary.profile.clone();
    let shared = matches!(
        profile.target,
        desk_domain::profile::ProfileTarget::Postgres { .. }
    );
    let set_up_profile = profile.clone();
    let (switch_name, remove_name) = (name.clone(), name.clone());
    view! {
        <tr id=row_id>
            <td class="name">{name}</td>
            <td class="target">{summary.profile.target.to_string()}</td>
            <td>{password}</td>
            <td>{if summary.active { "Open" } else { "" }}</td>
            <td class="row-actions">
                {(!summary.active).then(|| view! {
                    <button type="button" class="primary small switch" on:click=move |_| on_switch.run(switch_name.clone())>"Switch"</button>
                })}
                <button type="button" class="secondary small edit" on:click=move |_| on_edit.run(profile.clone())>"Edit"</button>
                {shared.then(|| view! {
                    <button type="button" class="secondary small set-up" on:click=move |_| on_set_up.run(set_up_profile.clone())>"Set up / upgrade"</button>
                })}
                {(!summary.active).then(|| view! {
                    <button type="button" class="danger small remove" on:click=move |_| on_remove.run(remove_name.clone())>"Remove"</button>
                })}
            </td>
        </tr>
    }
}

/// A profile name as an id part: "Head office" → `head-office`.
fn slug(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect()
}
