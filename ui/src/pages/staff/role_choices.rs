use desk_domain::staff::Role;
use leptos::prelude::*;

/// One check box per role; `selected` holds the ticked ones.
#[component]
pub fn RoleChoices(
    /// Prefix of the check boxes' ids: `{id_prefix}-{role code}`.
    id_prefix: String,
    selected: RwSignal<Vec<Role>>,
    /// Runs after every tick or untick.
    #[prop(optional)]
    on_change: Option<Callback<()>>,
) -> impl IntoView {
    Role::ALL
        .into_iter()
        .map(|role| {
            let id = format!("{id_prefix}-{}", role.code());
            let label_for = id.clone();
            view! {
                <label class="check" for=label_for>
                    <input
                        type="checkbox"
                        id=id
                        prop:checked=move || selected.with(|roles| roles.contains(&role))
                        on:change=move |event| {
                            let ticked = event_target_checked(&event);
                            selected.update(|roles| {
                                roles.retain(|other| *other != role);
                                if ticked {
                                    roles.push(role);
                                    roles.sort();
                                }
                            });
                            if let Some(on_change) = on_change {
                                on_change.run(());
                            }
                        }
                    />
                    {role.label()}
                </label>
            }
        })
        .collect_view()
}
