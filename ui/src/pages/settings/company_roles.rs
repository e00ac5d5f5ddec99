//! Company roles (seed 004): the built-in Member, Buyer and Company admin, and roles
//! of the administrators' own, each a set of policies granted for the member's own
//! records or the whole company's. Members get the most permissive result of their
//! roles; storefronts read the same table.

use desk_domain::commands::{DeleteCompanyRole, GetCompanyRoles, SaveCompanyRole};
use desk_domain::company_role::{CompanyRole, CompanyRoleId, Grant, Policy, Reach};
use desk_domain::company_role_form::{CompanyRoleInput, fields};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api;
use crate::components::form::{Form, FormBanner, SubmitButton};
use crate::components::table::{Column, Table};
use crate::components::text_field::TextField;

const COLUMNS: &[Column] = &[
    Column::sized("Role", "22%"),
    Column::new("May"),
    Column::sized("", "10rem"),
];

/// "View orders (the whole company's), Place orders (their own)".
fn grants_text(grants: &[Grant]) -> String {
    grants
        .iter()
        .map(|grant| format!("{} ({})", grant.policy.label(), grant.reach.label()))
        .collect::<Vec<_>>()
        .join(", ")
}

#[component]
pub fn CompanyRolesPage() -> impl IntoView {
    let roles = RwSignal::new(Vec::<CompanyRole>::new());
    let status = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<String>);
    spawn_local(async move {
        match api::call(&GetCompanyRoles {}).await {
            Ok(loaded) => roles.set(loaded),
            Err(failure) => error.set(Some(failure.messages())),
        }
    });
    let editing = RwSignal::new(None::<CompanyRoleId>);
    let name = RwSignal::new(String::new());
    // Per policy: "" (not granted), "own" or "company".
    let reaches: Vec<(Policy, RwSignal<String>)> = Policy::ALL
        .iter()
        .map(|policy| (*policy, RwSignal::new(String::new())))
        .collect();
    let reaches = StoredValue::new(reaches);
    let clear = move || {
        editing.set(None);
        name.set(String::new());
        reaches.with_value(|all| all.iter().for_each(|(_, reach)| reach.set(String::new())));
    };
    let edit = move |role: CompanyRole| {
        status.set(None);
        editing.set(Some(role.id));
        name.set(role.name.clone());
        reaches.with_value(|all| {
            for (policy, reach) in all {
                let granted = role.grants.iter().find(|grant| grant.policy == *policy);
                reach.set(granted.map_or_else(String::new, |grant| grant.reach.code().to_owned()));
            }
        });
    };
    let form = Form::new("company-role", move || {
        let input = CompanyRoleInput {
            id: editing.get_untracked(),
            name: name.get_untracked(),
            grants: reaches.with_value(|all| {
                all.iter()
                    .filter_map(|(policy, reach)| {
                        Reach::from_code(&reach.get_untracked()).map(|reach| Grant {
                            policy: *policy,
                            reach,
                        })
                    })
                    .collect()
            }),
        };
        input.parse().map(|_| input)
    });
    let submit = form.submit(
        |input| SaveCompanyRole { input },
        move |saved: Vec<CompanyRole>| {
            let named = name.get_untracked();
            status.set(Some(match editing.get_untracked() {
                Some(_) => format!("Company role \"{}\" saved.", named.trim()),
                None => format!("Company role \"{}\" added.", named.trim()),
            }));
            roles.set(saved);
            clear();
        },
    );
    let remove = move |role: CompanyRole| {
        spawn_local(async move {
            error.set(None);
            match api::call(&DeleteCompanyRole { id: role.id }).await {
                Ok(saved) => {
                    roles.set(saved);
                    status.set(Some(format!("Company role \"{}\" removed.", role.name)));
                }
                Err(failure) => error.set(Some(failure.messages())),
            }
        });
    };
    let state = form.state();
    let policy_rows = reaches.with_value(|all| {
        all.iter()
            .map(|(policy, reach)| {
                let reach = *reach;
                let id = format!("company-role-{}", policy.code());
                let label_for = id.clone();
                view! {
                    <div class="field inline">
                        <label for=label_for class="policy-label">{policy.label()}</label>
                        <select id=id
                            on:change=move |event| reach.set(event_target_value(&event))
                            prop:value=move || reach.get()>
                            <option value="">"No"</option>
                            <option value="own">"Their own"</option>
                            <option value="company">"The whole company's"</option>
                        </select>
                    </div>
                }
            })
            .collect_view()
    });
    view! {
        <div class="settings-columns wide">
            <section aria-labelledby="company-roles-heading">
                <div class="pane-header">
                    <h2 id="company-roles-heading">"Company roles"</h2>
                    <p class="status" role="status" id="company-roles-status">{move || status.get()}</p>
                </div>
                <p class="intro">"What a company's members may do in the storefront. A member with several roles gets, per policy, the widest reach any of them grants."</p>
                {move || error.get().map(|message| view! { <p class="banner error" role="alert" id="company-roles-error">{message}</p> })}
                <Table
                    id="company-role-list"
                    columns=COLUMNS
                    rows=roles
                    key=|role: &CompanyRole| format!("{role:?}")
                    row=move |role: CompanyRole| {
                        let key = role.built_in.clone().unwrap_or_else(|| role.name.to_lowercase().replace(' ', "-"));
                        let (editing_role, removed_role) = (role.clone(), role.clone());
                        let custom = role.built_in.is_none();
                        view! {
                            <tr id=format!("company-role-row-{key}")>
                                <td>{role.name.clone()}{(!custom).then_some(" (built in)")}</td>
                                <td>{grants_text(&role.grants)}</td>
                                <td>
                                    {custom.then(|| view! {
                                        <button type="button" class="secondary small edit" on:click=move |_| edit(editing_role.clone())>"Edit"</button>
                                        " "
                                        <button type="button" class="secondary small danger remove" on:click=move |_| remove(removed_role.clone())>"Remove"</button>
                                    })}
                                </td>
                            </tr>
                        }
                    }
                />
            </section>
            <form class="settings-form" id="company-role-form" novalidate on:submit=submit>
                <h3>{move || if editing.get().is_some() { "Edit company role" } else { "Add a company role" }}</h3>
                <FormBanner form=form id="company-role-banner" />
                <TextField form=form name=fields::NAME label="Name" value=name />
                <fieldset class="policies" aria-describedby="company-role-policies-error">
                    <legend>"May"</legend>
                    {policy_rows}
                    <p class="field-error" id="company-role-policies-error">{move || state.message(fields::POLICIES)}</p>
                </fieldset>
                <div class="actions">
                    <Show when=move || editing.get().is_some()>
                        <button type="button" class="secondary" id="company-role-cancel" on:click=move |_| clear()>"Cancel"</button>
                    </Show>
                    <SubmitButton form=form id="company-role-save" label="Save role" busy_label="Saving…" />
                </div>
            </form>
        </div>
    }
}
