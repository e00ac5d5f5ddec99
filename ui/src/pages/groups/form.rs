//! Adding and editing a group, in the seed's two steps: *General information* (name
//! and description), then *Customers*. Next goes to the second step, or its tab
//! does; Save saves both steps in one transaction, from either step.

use std::collections::BTreeSet;

use desk_domain::DeskError;
use desk_domain::commands::{CreateGroup, GetGroup, UpdateGroup};
use desk_domain::customer::CustomerId;
use desk_domain::customer_group::{
    CustomerGroup, GroupId, GroupInput, GroupUpdate, MAX_GROUP_DESCRIPTION_CHARS, NewGroupRequest,
    SavedGroup, fields,
};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};

use super::assigned::AssignedCustomers;
use super::picker::{CustomerPicker, InGroup, Picks};
use super::{GROUPS, customers, group_path, set_flash};
use crate::api;
use crate::components::form::{Form, FormBanner, SubmitButton};
use crate::components::text_field::TextField;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    General,
    Customers,
}

/// "Add customer group".
#[component]
pub fn AddGroupPage() -> impl IntoView {
    view! { <GroupForm existing=None /> }
}

/// "Edit customer group" (route `groups/:id/edit`).
#[component]
pub fn EditGroupPage() -> impl IntoView {
    let params = use_params_map();
    let id = params
        .with_untracked(|params| params.get_str("id").map(str::parse::<uuid::Uuid>))
        .and_then(Result::ok)
        .map(GroupId);
    let loaded = RwSignal::new(None::<Result<CustomerGroup, String>>);
    if let Some(id) = id {
        spawn_local(async move {
            loaded.set(Some(
                api::call(&GetGroup { id })
                    .await
                    .map_err(|error| error.summary()),
            ));
        });
    } else {
        loaded.set(Some(Err("There is no such customer group.".into())));
    }
    move || match loaded.get() {
        None => view! { <p class="empty">"Loading…"</p> }.into_any(),
        Some(Ok(group)) => view! { <GroupForm existing=Some(group) /> }.into_any(),
        Some(Err(message)) => {
            view! { <p class="banner error" role="alert" id="group-form-error">{message}</p> }
                .into_any()
        }
    }
}

#[component]
fn GroupForm(existing: Option<CustomerGroup>) -> impl IntoView {
    let opened = existing
        .as_ref()
        .map(CustomerGroup::input)
        .unwrap_or_default();

    let name = RwSignal::new(opened.name.clone());
    let description = RwSignal::new(opened.description.clone());
    let step = RwSignal::new(Step::General);
    let picks = Picks::new();
    let removed = RwSignal::new(BTreeSet::<CustomerId>::new());
    let remove_all = RwSignal::new(false);
    // Customers already in the group (and staying) show as such in the picker.
    let in_group = existing.as_ref().map(|group| InGroup {
        name: group.name.clone(),
        removed,
        remove_all,
    });
    let form = Form::new("group", move || {
        let input = GroupInput {
            name: name.get_untracked(),
            description: description.get_untracked(),
        };
        input.parse().map(|_| input)
    });
    let navigate = use_navigate();
    let saved = move |saved: SavedGroup, verb: &str| {
        let mut message = format!("Customer group \"{}\" {verb}.", saved.group.name);
        if saved.added > 0 {
            message.push_str(&format!(" {} assigned.", customers(saved.added)));
        }
        if saved.removed > 0 {
            message.push_str(&format!(" {} unassigned.", customers(saved.removed)));
        }
        set_flash(message);
        navigate(&group_path(saved.group.id), Default::default());
    };
    let title = if existing.is_some() {
        "Edit customer group"
    } else {
        "Add customer group"
    };
    let submit = {
        let existing = existing.clone();
        let saved = saved.clone();
        move |event: leptos::ev::SubmitEvent| {
            let saved = saved.clone();
            match existing.clone() {
                None => form.submit(
                    move |input| CreateGroup {
                        request: NewGroupRequest {
                            input,
                            customers: picks.picked(),
                        },
                    },
                    move |answer| saved(answer, "added"),
                )(event),
                Some(group) => {
                    let opened = group.input();
                    form.submit(
                        move |input| UpdateGroup {
                            update: GroupUpdate {
                                id: group.id,
                                version: group.version,
                                opened: opened.clone(),
                                input,
                                add: picks.picked(),
                                remove: removed.with_untracked(|ids| ids.iter().copied().collect()),
                                remove_all: remove_all.get_untracked(),
                            },
                        },
                        move |answer| saved(answer, "saved"),
                    )(event)
                }
            }
        }
    };
    // Next checks the first step before the second.
    let next = move |_| match (GroupInput {
        name: name.get_untracked(),
        description: description.get_untracked(),
    })
    .parse()
    {
        Ok(_) => step.set(Step::Customers),
        Err(problems) => form.state().show_problems(problems),
    };
    let conflict = move || match form.last_error() {
        Some(DeskError::EditConflict { fields: stored, .. }) => Some(
            stored
                .iter()
                .map(|value| {
                    format!(
                        "{} is now \"{}\"",
                        if value.field == fields::NAME {
                            "The name"
                        } else {
                            "The description"
                        },
                        value.stored
                    )
                })
                .collect::<Vec<_>>()
                .join("; "),
        ),
        _ => None,
    };
    let cancel = existing
        .as_ref()
        .map_or_else(|| GROUPS.to_owned(), |group| group_path(group.id));
    let tab = move |which: Step, id: &'static str, label: &'static str| {
        view! {
            <button
                type="button"
                role="tab"
                class="tab"
                id=id
                aria-selected=move || if step.get() == which { "true" } else { "false" }
                on:click=move |_| step.set(which)
            >
                {label}
            </button>
        }
    };
    let existing_group = existing.clone();

    view! {
        <section class="list-pane wide" aria-labelledby="group-form-heading">
            <div class="pane-header">
                <h2 id="group-form-heading">{title}</h2>
                <A href=cancel attr:class="link" attr:id="group-cancel">"Cancel"</A>
            </div>
            <form id="group-form" class="group-form" on:submit=submit novalidate>
                <div role="tablist" class="tabs" aria-label="Steps">
                    {tab(Step::General, "tab-general", "General information")}
                    {tab(Step::Customers, "tab-customers", "Customers")}
                </div>
                <FormBanner form=form id="group-form-banner" />
                {move || conflict().map(|message| view! {
                    <p class="banner error" role="alert" id="group-conflict">
                        "Someone else changed this group since you opened it: " {message}
                        ". Your version is still in the form; save again to keep it."
                    </p>
                })}
                <div role="tabpanel" aria-labelledby="tab-general" hidden=move || step.get() != Step::General>
                    <TextField form=form name=fields::NAME label="Name" value=name />
                    <div class="field" class:invalid=move || form.state().message(fields::DESCRIPTION).is_some()>
                        <label for="group-description">"Description (optional)"</label>
                        <textarea
                            id="group-description"
                            rows="4"
                            maxlength=MAX_GROUP_DESCRIPTION_CHARS.to_string()
                            prop:value=move || description.get()
                            on:input=move |event| description.set(event_target_value(&event))
                        ></textarea>
                        <p class="field-error" id="group-description-error" aria-live="polite">
                            {move || form.state().message(fields::DESCRIPTION)}
                        </p>
                    </div>
                    <div class="form-actions">
                        <button type="button" class="secondary" id="group-next" on:click=next>"Next"</button>
                        <SubmitButton form=form id="group-save" label="Save" busy_label="Saving…" />
                    </div>
                </div>
                <div role="tabpanel" aria-labelledby="tab-customers" hidden=move || step.get() != Step::Customers>
                    {existing_group.map(|group| view! {
                        <AssignedCustomers group=group.id assigned=group.member_count removed=removed remove_all=remove_all />
                        <h3>"Add customers"</h3>
                    })}
                    <CustomerPicker picks=picks in_group=in_group.clone() />
                    <p class="field-error" id="group-customers-error" aria-live="polite">
                        {move || form.state().message(fields::CUSTOMERS)}
                    </p>
                    <div class="form-actions">
                        <SubmitButton form=form id="group-save-customers" label="Save" busy_label="Saving…" />
                    </div>
                </div>
            </form>
        </section>
    }
}
