//! The Members tab of a company's profile (seed 004): customers who belong to the
//! company with their roles, status and whether they are the contact person; add
//! members from existing customers through a search (over the whole customer list),
//! change a member's roles, see their effective policies and where each comes from,
//! make them the contact person, deactivate or remove them, and edit their basic
//! information (name, phone, locale).

use desk_domain::Permission;
use desk_domain::commands::{
    AddCompanyMembers, GetCompanyMembers, GetCompanyRoles, GetMemberPolicies, ListCustomers,
    UpdateCompanyMember,
};
use desk_domain::company::CompanyId;
use desk_domain::company_member::{
    AddMembers, CompanyMember, MemberChange, MemberPolicies, MemberRef, MemberUpdate,
    MembersRequest,
};
use desk_domain::company_role::{CompanyRole, CompanyRoleId};
use desk_domain::customer::{Customer, CustomerId};
use desk_domain::customer_list::{CustomerListRequest, CustomerQuery};
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::member_details::MemberDetailsPanel;
use crate::api;
use crate::session::SessionContext;

/// How many customers the add search shows.
const SEARCH_RESULTS: u32 = 8;

#[component]
pub fn MembersTab(company: CompanyId, may_manage: bool) -> impl IntoView {
    let members = RwSignal::new(Vec::<CompanyMember>::new());
    let more = RwSignal::new(None::<desk_domain::company_member::MemberCursor>);
    let roles = RwSignal::new(Vec::<CompanyRole>::new());
    let status = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<String>);
    let policies = RwSignal::new(None::<(String, MemberPolicies)>);
    // The member whose roles are being changed, and the roles ticked.
    let role_edit = RwSignal::new(None::<(CompanyMember, Vec<CompanyRoleId>)>);
    // The member whose basic information is being edited.
    let details_edit = RwSignal::new(None::<CustomerId>);
    let may_edit_people = SessionContext::get().may(Permission::EditCustomers);
    let load = move |after: Option<desk_domain::company_member::MemberCursor>| {
        spawn_local(async move {
            let append = after.is_some();
            match api::call(&GetCompanyMembers {
                request: MembersRequest {
                    company,
                    after,
                    limit: 100,
                },
            })
            .await
            {
                Ok(page) => {
                    members.update(|shown| {
                        if !append {
                            shown.clear();
                        }
                        shown.extend(page.items);
                    });
                    more.set(page.next);
                }
                Err(failure) => error.set(Some(failure.messages())),
            }
        });
    };
    load(None);
    spawn_local(async move {
        if let Ok(loaded) = api::call(&GetCompanyRoles {}).await {
            roles.set(loaded);
        }
    });
    let apply = move |member: CompanyMember, change: MemberChange, done: String| {
        spawn_local(async move {
            error.set(None);
            match api::call(&UpdateCompanyMember {
                update: MemberUpdate {
                    company,
                    customer: member.customer,
                    change,
                },
            })
            .await
            {
                Ok(()) => {
                    status.set(Some(done));
                    load(None);
                }
                Err(failure) => error.set(Some(failure.messages())),
            }
        });
    };
    let show_policies = move |member: CompanyMember| {
        spawn_local(async move {
            match api::call(&GetMemberPolicies {
                member: MemberRef {
                    company,
                    customer: member.customer,
                },
            })
            .await
            {
                Ok(found) => policies.set(Some((member.name(), found))),
                Err(failure) => error.set(Some(failure.messages())),
            }
        });
    };
    let rows = move || {
        members
            .get()
            .into_iter()
            .map(|member| {
                let name = member.name();
                let role_names = member
                    .roles
                    .iter()
                    .map(|role| role.name.clone())
                    .collect::<Vec<_>>()
                    .join(", ");
                let key = member.customer.to_string();
                let status_text = if member.active { "Active" } else { "Deactivated" };
                let contact = member.contact;
                let actions = may_manage.then(|| {
                    let (m1, m2, m3, m4, m5) = (
                        member.clone(),
                        member.clone(),
                        member.clone(),
                        member.clone(),
                        member.clone(),
                    );
                    let (n1, n2, n3) = (name.clone(), name.clone(), name.clone());
                    let active = member.active;
                    let customer = member.customer;
                    view! {
                        {may_edit_people.then(|| view! {
                            <button type="button" class="link" id=format!("edit-member-{key}")
                                on:click=move |_| details_edit.set(Some(customer))>
                                "Edit"
                            </button>
                        })}
                        {(!contact).then(|| view! {
                            <button type="button" class="link" id=format!("make-contact-{key}")
                                on:click=move |_| apply(m1.clone(), MemberChange::MakeContact, format!("{n1} is now the contact person."))>
                                "Make contact person"
                            </button>
                        })}
                        <button type="button" class="link" id=format!("toggle-active-{key}")
                            on:click=move |_| {
                                let done = if active { format!("{n2} deactivated.") } else { format!("{n2} activated.") };
                                apply(m2.clone(), MemberChange::Active(!active), done)
                            }>
                            {if active { "Deactivate" } else { "Activate" }}
                        </button>
                        <button type="button" class="link danger" id=format!("remove-{key}")
                            on:click=move |_| apply(m3.clone(), MemberChange::Remove, format!("{n3} removed from the company."))>
                            "Remove"
                        </button>
                        <button type="button" class="link" id=format!("roles-{key}")
                            on:click=move |_| {
                                let held = m5.roles.iter().map(|role| role.id).collect();
                                role_edit.set(Some((m5.clone(), held)));
                            }>
                            "Roles"
                        </button>
                        <button type="button" class="link" id=format!("policies-{key}")
                            on:click=move |_| show_policies(m4.clone())>
                            "Policies"
                        </button>
                    }
                });
                view! {
                    <tr data-key=key.clone()>
                        <td class="name">{name.clone()}</td>
                        <td class="email">{member.email.clone()}</td>
                        <td class="phone">{member.phone.clone().unwrap_or_default()}</td>
                        <td class="locale">{member.locale.clone().unwrap_or_default()}</td>
                        <td class="roles">{role_names}</td>
                        <td class="status">{status_text}</td>
                        <td class="contact">{if contact { "Contact person" } else { "" }}</td>
                        <td class="actions">{actions}</td>
                    </tr>
                }
            })
            .collect_view()
    };

    view! {
        <div id="company-members-tab">
            <p class="status" role="status" id="members-status">{move || status.get()}</p>
            {move || error.get().map(|message| view! { <p class="banner error" role="alert" id="members-error">{message}</p> })}
            <table class="data-table" id="company-members">
                <thead>
                    <tr>
                        <th scope="col">"Name"</th>
                        <th scope="col">"Email"</th>
                        <th scope="col">"Phone"</th>
                        <th scope="col">"Locale"</th>
                        <th scope="col">"Roles"</th>
                        <th scope="col">"Status"</th>
                        <th scope="col">"Contact"</th>
                        <th scope="col" class="actions">"Actions"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
            {move || members.with(Vec::is_empty).then(|| view! { <p class="empty" id="company-members-empty">"No members yet."</p> })}
            {move || more.get().map(|cursor| view! {
                <button type="button" class="secondary" id="members-more" on:click=move |_| load(Some(cursor.clone()))>"Show more members"</button>
            })}
            {move || policies.get().map(|(name, found)| view! { <PoliciesPanel name=name policies=found /> })}
            {move || details_edit.get().map(|customer| view! {
                <MemberDetailsPanel
                    customer=customer
                    on_saved=Callback::new(move |message: String| {
                        details_edit.set(None);
                        status.set(Some(message));
                        load(None);
                    })
                    on_close=Callback::new(move |()| details_edit.set(None))
                />
            })}
            {move || role_edit.get().map(|(member, _)| {
                let name = member.name();
                let save_member = member.clone();
                let ticks = roles
                    .get()
                    .into_iter()
                    .map(|role| {
                        let id = role.id;
                        let tick_id = format!("member-role-{}", role.built_in.clone().unwrap_or_else(|| id.to_string()));
                        let label_for = tick_id.clone();
                        view! {
                            <label class="check" for=label_for>
                                <input
                                    type="checkbox"
                                    id=tick_id
                                    prop:checked=move || role_edit.with(|edit| edit.as_ref().is_some_and(|(_, held)| held.contains(&id)))
                                    on:change=move |event| {
                                        let on = event_target_checked(&event);
                                        role_edit.update(|edit| {
                                            if let Some((_, held)) = edit {
                                                held.retain(|other| *other != id);
                                                if on {
                                                    held.push(id);
                                                }
                                            }
                                        });
                                    }
                                />
                                {role.name.clone()}
                            </label>
                        }
                    })
                    .collect_view();
                view! {
                    <section class="panel" id="member-roles" aria-label="Roles">
                        <h4>{format!("Roles of {name}")}</h4>
                        <fieldset class="checks">{ticks}</fieldset>
                        <div class="form-actions">
                            <button type="button" class="secondary" id="member-roles-cancel" on:click=move |_| role_edit.set(None)>"Cancel"</button>
                            <button type="button" class="primary" id="member-roles-save"
                                on:click=move |_| {
                                    let held = role_edit.with_untracked(|edit| edit.as_ref().map(|(_, held)| held.clone()).unwrap_or_default());
                                    role_edit.set(None);
                                    apply(save_member.clone(), MemberChange::Roles(held), format!("Roles of {} saved.", save_member.name()));
                                }>
                                "Save roles"
                            </button>
                        </div>
                    </section>
                }
            })}
            {may_manage.then(|| view! { <AddMembersPanel company=company roles=roles on_added=Callback::new(move |message: String| { status.set(Some(message)); load(None); }) /> })}
        </div>
    }
}

/// A member's effective policies, each with its reach and the roles it comes from.
#[component]
fn PoliciesPanel(name: String, policies: MemberPolicies) -> impl IntoView {
    let items = policies
        .effective
        .iter()
        .map(|effective| {
            view! {
                <li>
                    <strong>{effective.policy.label()}</strong>
                    {format!(": {} (from {})", effective.reach.label(), effective.from.join(", "))}
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="panel" id="member-policies" aria-label="Effective policies">
            <h4>{format!("What {name} may do")}</h4>
            {if policies.effective.is_empty() {
                view! { <p>"Nothing: their roles grant no policies."</p> }.into_any()
            } else {
                view! { <ul>{items}</ul> }.into_any()
            }}
        </section>
    }
}

/// "Add members": search the customers, tick the roles, add.
#[component]
fn AddMembersPanel(
    company: CompanyId,
    roles: RwSignal<Vec<CompanyRole>>,
    on_added: Callback<String>,
) -> impl IntoView {
    let search = RwSignal::new(String::new());
    let found = RwSignal::new(Vec::<Customer>::new());
    let chosen_roles = RwSignal::new(Vec::<CompanyRoleId>::new());
    let error = RwSignal::new(None::<String>);
    // Member is ticked until the person chooses.
    Effect::new(move |_| {
        roles.with(|roles| {
            if chosen_roles.with_untracked(Vec::is_empty)
                && let Some(member) = roles
                    .iter()
                    .find(|role| role.built_in.as_deref() == Some("member"))
            {
                chosen_roles.set(vec![member.id]);
            }
        });
    });
    let run_search = move || {
        let typed = search.get_untracked();
        spawn_local(async move {
            if typed.trim().is_empty() {
                found.set(Vec::new());
                return;
            }
            let mut query = CustomerQuery::default();
            query.filter.search = typed.clone();
            match api::call(&ListCustomers {
                request: CustomerListRequest {
                    query,
                    after: None,
                    limit: SEARCH_RESULTS,
                },
            })
            .await
            {
                // An answer to earlier typing does not replace a later one's.
                Ok(page) if search.get_untracked() == typed => found.set(page.items),
                Ok(_) => {}
                Err(failure) => error.set(Some(failure.messages())),
            }
        });
    };
    let add = move |customer: Customer| {
        let role_ids = chosen_roles.get_untracked();
        spawn_local(async move {
            error.set(None);
            match api::call(&AddCompanyMembers {
                request: AddMembers {
                    company,
                    customers: vec![customer.id],
                    roles: role_ids,
                },
            })
            .await
            {
                Ok(added) if added.added == 0 => error.set(Some(format!(
                    "{} {} is a member already.",
                    customer.first_name, customer.last_name
                ))),
                Ok(_) => on_added.run(format!(
                    "{} {} added as a member.",
                    customer.first_name, customer.last_name
                )),
                Err(failure) => error.set(Some(failure.messages())),
            }
        });
    };
    let role_ticks = move || {
        roles
            .get()
            .into_iter()
            .map(|role| {
                let id = role.id;
                let tick_id = format!(
                    "add-role-{}",
                    role.built_in.clone().unwrap_or_else(|| id.to_string())
                );
                let label_for = tick_id.clone();
                view! {
                    <label class="check" for=label_for>
                        <input
                            type="checkbox"
                            id=tick_id
                            prop:checked=move || chosen_roles.with(|chosen| chosen.contains(&id))
                            on:change=move |event| {
                                let on = event_target_checked(&event);
                                chosen_roles.update(|chosen| {
                                    chosen.retain(|other| *other != id);
                                    if on {
                                        chosen.push(id);
                                    }
                                });
                            }
                        />
                        {role.name.clone()}
                    </label>
                }
            })
            .collect_view()
    };
    let results = move || {
        found
            .get()
            .into_iter()
            .map(|customer| {
                let key = customer.id.to_string();
                let label = format!("{} {} <{}>", customer.first_name, customer.last_name, customer.email);
                let chosen = customer.clone();
                view! {
                    <li>
                        {label}
                        " "
                        <button type="button" class="link" id=format!("add-member-{key}") on:click=move |_| add(chosen.clone())>"Add"</button>
                    </li>
                }
            })
            .collect_view()
    };

    view! {
        <section class="panel" id="add-members" aria-labelledby="add-members-heading">
            <h4 id="add-members-heading">"Add members from existing customers"</h4>
            <fieldset class="checks">
                <legend>"Their roles"</legend>
                {role_ticks}
            </fieldset>
            <label for="member-search">"Search customers by name or email"</label>
            <input
                id="member-search"
                type="search"
                autocomplete="off"
                prop:value=move || search.get()
                on:input=move |event| {
                    search.set(event_target_value(&event));
                    run_search();
                }
            />
            {move || error.get().map(|message| view! { <p class="banner error" role="alert" id="add-members-error">{message}</p> })}
            <ul id="member-search-results">{results}</ul>
        </section>
    }
}
