//! Saved views of the customer list: choose one (its columns, filters and sort), save
//! the list as it is now under a name, mark one as the view the list opens with.

use desk_domain::commands::{DeleteCustomerView, SaveCustomerView};
use desk_domain::custom_attribute::AttributeDefinition;
use desk_domain::customer_list::CustomerQuery;
use desk_domain::customer_view::{CustomerView, CustomerViewInput, ViewId};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api;
use desk_domain::customer_columns::CustomerColumn;

/// Shows `view`: its columns (those that still exist) and its query.
pub fn apply_view(
    view: &CustomerView,
    query: RwSignal<CustomerQuery>,
    columns: RwSignal<Vec<CustomerColumn>>,
    attributes: &[AttributeDefinition],
) {
    let chosen: Vec<CustomerColumn> = view
        .columns
        .iter()
        .filter_map(|key| CustomerColumn::from_key(key, attributes))
        .collect();
    columns.set(if chosen.is_empty() {
        CustomerColumn::defaults()
    } else {
        chosen
    });
    query.set(view.query.clone());
}

/// The view picker and the save-view form.
#[component]
pub fn ViewPicker(
    views: RwSignal<Vec<CustomerView>>,
    /// The view shown now, if it is a saved one.
    current: RwSignal<Option<ViewId>>,
    query: RwSignal<CustomerQuery>,
    columns: RwSignal<Vec<CustomerColumn>>,
    attributes: RwSignal<Vec<AttributeDefinition>>,
    /// Says what happened, in the list's status line.
    status: RwSignal<Option<String>>,
) -> impl IntoView {
    let name = RwSignal::new(String::new());
    let is_default = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let choose = move |event: leptos::ev::Event| {
        let chosen = event_target_value(&event);
        if chosen.is_empty() {
            current.set(None);
            columns.set(CustomerColumn::defaults());
            query.set(CustomerQuery::default());
            return;
        }
        let view = views.with_untracked(|views| {
            views
                .iter()
                .find(|view| view.id.0.to_string() == chosen)
                .cloned()
        });
        if let Some(view) = view {
            apply_view(&view, query, columns, &attributes.get_untracked());
            current.set(Some(view.id));
            name.set(view.name.clone());
            is_default.set(view.is_default);
        }
    };
    let save = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let typed = name.get_untracked();
        // Saving under the shown view's name saves over it; another name is a new view.
        let over = current.get_untracked().filter(|id| {
            views.with_untracked(|views| {
                views.iter().any(|view| {
                    view.id == *id && view.name.trim().eq_ignore_ascii_case(typed.trim())
                })
            })
        });
        let input = CustomerViewInput {
            id: over,
            name: typed,
            columns: columns
                .with_untracked(|columns| columns.iter().map(CustomerColumn::key).collect()),
            query: query.get_untracked(),
            is_default: is_default.get_untracked(),
        };
        spawn_local(async move {
            match api::call(&SaveCustomerView { input }).await {
                Ok(saved) => {
                    error.set(None);
                    views.update(|views| {
                        views.retain(|view| view.id != saved.id);
                        if saved.is_default {
                            views.iter_mut().for_each(|view| view.is_default = false);
                        }
                        views.push(saved.clone());
                        views.sort_by_key(|view| view.name.to_lowercase());
                    });
                    current.set(Some(saved.id));
                    status.set(Some(format!("View \"{}\" saved.", saved.name)));
                }
                Err(failure) => {
                    error.set(Some(failure.field_errors().first().map_or_else(
                        || failure.summary(),
                        |problem| problem.message.clone(),
                    )))
                }
            }
        });
    };
    let delete = move |_| {
        let Some(id) = current.get_untracked() else {
            return;
        };
        spawn_local(async move {
            match api::call(&DeleteCustomerView { id }).await {
                Ok(()) => {
                    let gone = views.with_untracked(|views| {
                        views
                            .iter()
                            .find(|view| view.id == id)
                            .map(|view| view.name.clone())
                    });
                    views.update(|views| views.retain(|view| view.id != id));
                    current.set(None);
                    status.set(Some(format!(
                        "View \"{}\" deleted.",
                        gone.unwrap_or_default()
                    )));
                }
                Err(failure) => error.set(Some(failure.summary())),
            }
        });
    };

    view! {
        <div class="view-picker">
        <label for="customer-view" class="visually-hidden">"View"</label>
        <select
            id="customer-view"
            on:change=choose
            prop:value=move || current.get().map(|id| id.0.to_string()).unwrap_or_default()
        >
            <option value="">"Standard view"</option>
            {move || views.get().into_iter().map(|view| {
                let label = if view.is_default { format!("{} (opens with)", view.name) } else { view.name.clone() };
                view! { <option value=view.id.0.to_string()>{label}</option> }
            }).collect_view()}
        </select>
        <details class="views" id="customer-view-save">
            <summary>"Save view"</summary>
            <form class="filter-grid" on:submit=save novalidate>
                <label for="view-name">"Name"</label>
                <input id="view-name" type="text" autocomplete="off" prop:value=move || name.get() on:input=move |event| name.set(event_target_value(&event)) />
                <span></span>
                <label class="check" for="view-default">
                    <input id="view-default" type="checkbox" prop:checked=move || is_default.get() on:change=move |event| is_default.set(event_target_checked(&event)) />
                    "Open the list with this view"
                </label>
                {move || error.get().map(|message| view! { <span></span><p class="field-error" id="view-name-error" role="alert">{message}</p> })}
                <span></span>
                <div>
                    <button type="submit" class="small" id="view-save">"Save view"</button>
                    " "
                    <Show when=move || current.get().is_some()>
                        <button type="button" class="secondary small" id="view-delete" on:click=delete>"Delete this view"</button>
                    </Show>
                </div>
            </form>
        </details>
        </div>
    }
}
