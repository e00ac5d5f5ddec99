//! The first-run offer on an empty customer list: add a small demo set to try the
//! list, search and filters on, instead of typing customers in one by one.

use desk_domain::commands::LoadDemoCustomers;
use desk_domain::customer_list::CustomerQuery;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::source::CustomerSource;
use crate::api;
use crate::components::data_table::PagedList;

/// Shown while the store has no customers at all (not merely none for a filter).
#[component]
pub fn DemoOffer(
    list: PagedList<CustomerSource>,
    query: RwSignal<CustomerQuery>,
    status: RwSignal<Option<String>>,
) -> impl IntoView {
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let shown = move || list.is_empty() && query.with(|query| query.filter.is_empty());
    let load = move |_| {
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            match api::call(&LoadDemoCustomers {}).await {
                Ok(added) => {
                    status.set(Some(format!("Added {added} demo customers.")));
                    list.reload();
                }
                Err(failure) => {
                    error.set(Some(failure.field_errors().first().map_or_else(
                        || failure.summary(),
                        |problem| problem.message.clone(),
                    )))
                }
            }
            busy.set(false);
        });
    };
    view! {
        <Show when=shown>
            <div class="banner" id="demo-offer">
                <p>"Add customers with the form, or try the list on a demo set of 200 customers from eleven countries (they are ordinary customers: edit or erase them like any other)."</p>
                <button type="button" class="secondary" id="load-demo" disabled=move || busy.get() on:click=load>
                    {move || if busy.get() { "Adding demo customers…" } else { "Add 200 demo customers" }}
                </button>
                {move || error.get().map(|message| view! { <p class="field-error" role="alert">{message}</p> })}
            </div>
        </Show>
    }
}
