//! One group (route `groups/:id`): its fields and its customers, paged, each with
//! View (the customer's page); "Edit customer group" at the top right; Delete after
//! a confirmation that names the group.

use desk_domain::Permission;
use desk_domain::commands::{DeleteGroup, GetGroup};
use desk_domain::customer::Customer;
use desk_domain::customer_group::{CustomerGroup, GroupId};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};

use super::sources::MemberSource;
use super::{GROUPS, customers, edit_path, set_flash, take_flash};
use crate::api;
use crate::components::data_table::{DataTable, PagedList};
use crate::local_time::local_date_time;
use crate::session::SessionContext;

#[component]
pub fn GroupPage() -> impl IntoView {
    let params = use_params_map();
    let id = params
        .with_untracked(|params| params.get_str("id").map(str::parse::<uuid::Uuid>))
        .and_then(Result::ok)
        .map(GroupId);
    let loaded = RwSignal::new(None::<Result<CustomerGroup, String>>);
    match id {
        Some(id) => spawn_local(async move {
            loaded.set(Some(
                api::call(&GetGroup { id })
                    .await
                    .map_err(|error| error.summary()),
            ));
        }),
        None => loaded.set(Some(Err("There is no such customer group.".into()))),
    }
    move || match loaded.get() {
        None => view! { <p class="empty">"Loading…"</p> }.into_any(),
        Some(Ok(group)) => view! { <GroupView group=group /> }.into_any(),
        Some(Err(message)) => view! {
            <section class="list-pane wide">
                <p class="banner error" role="alert" id="group-error">{message}</p>
                <A href=GROUPS attr:class="link">"Back to customer groups"</A>
            </section>
        }
        .into_any(),
    }
}

#[component]
fn GroupView(group: CustomerGroup) -> impl IntoView {
    let session = SessionContext::get();
    let may_manage = session.may(Permission::ManageGroups);
    // A sales rep sees their companies' groups, not the customers in them.
    let may_see_customers = session.may(Permission::ViewCustomers);
    let status = RwSignal::new(take_flash());
    let confirming = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let list = PagedList::new(MemberSource { group: group.id });
    let navigate = use_navigate();
    let id = group.id;
    let name = group.name.clone();
    let delete = {
        let name = name.clone();
        move |_| {
            let name = name.clone();
            let navigate = navigate.clone();
            spawn_local(async move {
                match api::call(&DeleteGroup { id }).await {
                    Ok(()) => {
                        set_flash(format!("Customer group \"{name}\" deleted."));
                        navigate(GROUPS, Default::default());
                    }
                    Err(failure) => {
                        confirming.set(false);
                        error.set(Some(failure.messages()));
                    }
                }
            });
        }
    };
    let head = || {
        view! {
            <colgroup><col /><col /><col /><col style:width="9rem" /><col style:width="6rem" /></colgroup>
            <thead>
                <tr>
                    <th scope="col">"Last name"</th>
                    <th scope="col">"First name"</th>
                    <th scope="col">"Email"</th>
                    <th scope="col">"Customer ID"</th>
                    <th scope="col" class="actions">"Actions"</th>
                </tr>
            </thead>
        }
    };
    let cells = |customer: Customer| {
        view! {
            <td class="last-name">{customer.last_name.to_string()}</td>
            <td class="first-name">{customer.first_name.to_string()}</td>
            <td class="email">{customer.email.to_string()}</td>
            <td class="customer-ref">{customer.customer_ref.clone()}</td>
            <td class="actions">
                <A href=format!("/customers/{}", customer.id) attr:class="link" attr:id=format!("view-customer-{}", customer.id)>"View"</A>
            </td>
        }
    };
    let description = if group.description.is_empty() {
        "—".to_owned()
    } else {
        group.description.clone()
    };

    view! {
        <section class="list-pane wide" aria-labelledby="group-heading">
            <div class="pane-header">
                <h2 id="group-heading">{format!("Customer group: {}", group.name)}</h2>
                <div class="actions">
                    <A href=GROUPS attr:class="link" attr:id="group-back">"All customer groups"</A>
                    {may_manage.then(|| view! {
                        " "
                        <A href=edit_path(id) attr:class="button primary" attr:id="group-edit">"Edit customer group"</A>
                    })}
                </div>
            </div>
            <p class="status" role="status" id="group-status">{move || status.get()}</p>
            {move || error.get().map(|message| view! { <p class="banner error" role="alert" id="group-error">{message}</p> })}
            <dl class="details" id="group-details">
                <dt>"Name"</dt><dd id="group-name">{group.name.clone()}</dd>
                <dt>"Description"</dt><dd id="group-description-text">{description}</dd>
                <dt>"Customers"</dt><dd id="group-count">{group.member_count.to_string()}</dd>
                <dt>"Created"</dt><dd>{local_date_time(group.created_at)}</dd>
                <dt>"Changed"</dt><dd>{local_date_time(group.updated_at)}</dd>
            </dl>
            {may_see_customers.then(|| view! {
                <h3>"Customers"</h3>
                <DataTable
                    id="group-members"
                    list=list
                    columns=&[]
                    head=head
                    cells=cells
                    loading_text="Loading customers…"
                    empty_text="No customer is assigned to this group."
                />
            })}
            {may_manage.then(|| view! {
                <div class="danger-zone">
                    {move || if confirming.get() {
                        let delete = delete.clone();
                        view! {
                            <p id="group-delete-confirm" role="alert">
                                {format!("Delete the customer group \"{}\"? Its {} stay; they are only unassigned.", name, customers(group.member_count))}
                            </p>
                            <button type="button" class="danger" id="group-delete-yes" on:click=delete>"Delete group"</button>
                            " "
                            <button type="button" class="secondary" id="group-delete-no" on:click=move |_| confirming.set(false)>"Keep it"</button>
                        }.into_any()
                    } else {
                        view! {
                            <button type="button" class="secondary" id="group-delete" on:click=move |_| {
                                status.set(None);
                                confirming.set(true);
                            }>"Delete group…"</button>
                        }.into_any()
                    }}
                </div>
            })}
        </section>
    }
}
