use desk_domain::Permission;
use desk_domain::customer::{Customer, CustomerId};
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::components::Outlet;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::location::State;
use wasm_bindgen::JsCast;

use super::add_customer_form::AddCustomerForm;
use super::source::CustomerSource;
use super::{FROM_LIST, details_path};
use crate::components::data_table::{DataTable, PagedList};
use crate::components::table::Column;
use crate::session::SessionContext;

const COLUMNS: &[Column] = &[
    Column::new("Last name"),
    Column::new("First name"),
    Column::sized("Email", "40%"),
    Column::sized("Currency", "6rem"),
];

/// The Customers screen: the list, the form that adds to it, and (as the child route
/// `:id`) one customer's details over the list.
#[component]
pub fn CustomersPage() -> impl IntoView {
    let status = RwSignal::new(None::<String>);
    let list = PagedList::new(CustomerSource);
    let location = use_location();
    let details_open = Memo::new(move |_| {
        location
            .pathname
            .with(|path| path.trim_end_matches('/') != "/customers")
    });
    let last_opened = StoredValue::new(None::<CustomerId>);

    let navigate = use_navigate();
    let open = Callback::new(move |customer: Customer| {
        last_opened.set_value(Some(customer.id));
        navigate(
            &details_path(customer.id),
            NavigateOptions {
                state: State::new(Some(FROM_LIST.into())),
                scroll: false,
                ..Default::default()
            },
        );
    });
    // Back from the details, the keyboard is where it was: on the row that was opened.
    Effect::new(move |was_open: Option<bool>| {
        let open = details_open.get();
        if was_open == Some(true)
            && !open
            && let Some(id) = last_opened.get_value()
        {
            request_animation_frame(move || focus_row(id));
        }
        open
    });
    let on_added = Callback::new(move |customer: Customer| {
        status.set(Some(format!(
            "Added {} {} ({}).",
            customer.first_name, customer.last_name, customer.email
        )));
        // From the top: the new customer may sort anywhere in the list.
        list.reload();
    });

    view! {
        <section class="list-pane" aria-labelledby="customers-heading">
            // Hidden, not removed, under the details: the list keeps its rows and place.
            <div class="list-body" class:covered=move || details_open.get()>
                <div class="pane-header">
                    <h2 id="customers-heading">"Customers"</h2>
                    <p class="status" id="customers-status" role="status">{move || status.get()}</p>
                </div>
                <DataTable
                    id="customer-list"
                    list=list
                    columns=COLUMNS
                    cells=customer_cells
                    loading_text="Loading customers…"
                    empty_text="No customers yet."
                    on_open=open
                />
            </div>
            <Outlet />
        </section>
        // Reviewers see the list only; the backend refuses them anyway.
        {SessionContext::get().may(Permission::EditCustomers).then(|| view! {
            <aside class="form-pane" aria-labelledby="add-customer-heading">
                <AddCustomerForm on_added=on_added />
            </aside>
        })}
    }
}

fn customer_cells(customer: Customer) -> impl IntoView {
    let (email, email_title) = (customer.email.to_string(), customer.email.to_string());
    view! {
        <td class="last-name">{customer.last_name.to_string()}</td>
        <td class="first-name">{customer.first_name.to_string()}</td>
        <td class="email" title=email_title>{email}</td>
        <td class="currency">{customer.preferred_currency.to_string()}</td>
    }
}

fn focus_row(id: CustomerId) {
    let selector = format!("#customer-list tr[data-key=\"{id}\"]");
    if let Ok(Some(row)) = document().query_selector(&selector)
        && let Ok(row) = row.dyn_into::<web_sys::HtmlElement>()
    {
        let _ = row.focus();
    }
}
