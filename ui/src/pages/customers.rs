use desk_domain::Permission;
use desk_domain::customer::{Customer, CustomerCursor, CustomerListRequest};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api;
use crate::components::customers::add_customer_form::AddCustomerForm;
use crate::components::customers::customer_list::CustomerList;
use crate::session::SessionContext;

/// Rows fetched per page of the list.
const PAGE_SIZE: u32 = 50;

/// What the list shows: the rows loaded so far and where the next page starts.
#[derive(Clone, Default)]
pub struct LoadedCustomers {
    pub rows: Vec<Customer>,
    pub next: Option<CustomerCursor>,
}

/// The Customers screen: the list, and the form that adds to it.
#[component]
pub fn CustomersPage() -> impl IntoView {
    let loaded = RwSignal::new(LoadedCustomers::default());
    let loading = RwSignal::new(false);
    let load_error = RwSignal::new(None::<String>);
    let status = RwSignal::new(None::<String>);

    // Loads a page after `after` (the first page when `None`), appending to or
    // replacing what is shown.
    let load = move |after: Option<CustomerCursor>| {
        loading.set(true);
        spawn_local(async move {
            let first_page = after.is_none();
            let request = CustomerListRequest {
                after,
                limit: PAGE_SIZE,
            };
            match api::customers::list_customers(&request).await {
                Ok(page) => {
                    load_error.set(None);
                    loaded.update(|loaded| {
                        if first_page {
                            loaded.rows.clear();
                        }
                        loaded.rows.extend(page.items);
                        loaded.next = page.next;
                    });
                }
                Err(error) => load_error.set(Some(error.summary())),
            }
            loading.set(false);
        });
    };
    load(None);

    let on_added = Callback::new(move |customer: Customer| {
        status.set(Some(format!(
            "Added {} {} ({}).",
            customer.first_name, customer.last_name, customer.email
        )));
        // Reload from the top: the new customer may sort anywhere in the list.
        load(None);
    });
    let load_more = Callback::new(move |()| load(loaded.with_untracked(|l| l.next.clone())));

    view! {
        <section class="list-pane" aria-labelledby="customers-heading">
            <div class="pane-header">
                <h2 id="customers-heading">"Customers"</h2>
                <p class="status" id="customers-status" role="status">{move || status.get()}</p>
            </div>
            <Show when=move || load_error.get().is_some()>
                <p class="banner error" role="alert">{move || load_error.get()}</p>
            </Show>
            <CustomerList loaded=loaded.read_only() loading=loading.read_only() load_more=load_more />
        </section>
        // Reviewers see the list only; the backend refuses them anyway.
        {SessionContext::get().may(Permission::EditCustomers).then(|| view! {
            <aside class="form-pane" aria-labelledby="add-customer-heading">
                <AddCustomerForm on_added=on_added />
            </aside>
        })}
    }
}
