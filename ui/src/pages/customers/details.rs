use desk_domain::DeskError;
use desk_domain::all_currency_codes;
use desk_domain::commands::GetCustomer;
use desk_domain::customer::{Customer, CustomerId};
use leptos::ev;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_params_map};

use super::FROM_LIST;
use crate::api;
use crate::local_time::local_date_time;

const NOT_FOUND: &str =
    "This customer does not exist (any more). Go back to the list and pick another.";

/// What the details show.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Shown {
    Loading,
    Customer(Box<Customer>),
    Failed(String),
}

/// One customer, read-only, over the list (route `customers/:id`). Escape or the
/// Back button (the window's, or the one here) returns to the list.
#[component]
pub fn CustomerDetailsPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| {
        params
            .with(|params| params.get_str("id").map(str::parse::<uuid::Uuid>))
            .and_then(Result::ok)
            .map(CustomerId)
    });
    let shown = RwSignal::new(Shown::Loading);
    Effect::new(move |_| {
        let Some(wanted) = id.get() else {
            shown.set(Shown::Failed(NOT_FOUND.into()));
            return;
        };
        shown.set(Shown::Loading);
        spawn_local(async move {
            let answer = api::call(&GetCustomer { id: wanted }).await;
            if id.try_get_untracked() != Some(Some(wanted)) {
                // Another customer is shown by now, or none.
                return;
            }
            shown.set(match answer {
                Ok(customer) => Shown::Customer(Box::new(customer)),
                Err(DeskError::NotFound { .. }) => Shown::Failed(NOT_FOUND.into()),
                Err(error) => Shown::Failed(error.summary()),
            });
        });
    });

    let navigate = use_navigate();
    let leave = move || {
        if came_from_list() {
            // Back in history: the list as it was, and Forward comes here again.
            if let Ok(history) = window().history() {
                let _ = history.back();
            }
        } else {
            navigate(
                "/customers",
                NavigateOptions {
                    replace: true,
                    ..Default::default()
                },
            );
        }
    };
    let escape = window_event_listener(ev::keydown, {
        let leave = leave.clone();
        move |event| {
            if event.key() == "Escape" && !event.default_prevented() {
                event.prevent_default();
                leave();
            }
        }
    });
    on_cleanup(move || escape.remove());
    // The keyboard starts here, so Enter or Space on the button goes back at once.
    let back_button = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |_| {
        if let Some(button) = back_button.get() {
            let _ = button.focus();
        }
    });

    view! {
        <section class="details-pane" id="customer-details" aria-labelledby="customer-details-heading">
            <div class="pane-header">
                <h2 id="customer-details-heading">"Customer"</h2>
                <button
                    type="button"
                    class="secondary"
                    id="customer-details-back"
                    node_ref=back_button
                    on:click=move |_| leave()
                >
                    "Back to the list"
                </button>
            </div>
            {move || match shown.get() {
                Shown::Loading => view! {
                    <p class="empty" id="customer-details-loading">"Loading…"</p>
                }
                .into_any(),
                Shown::Customer(customer) => view! { <CustomerFacts customer=*customer /> }.into_any(),
                Shown::Failed(message) => view! {
                    <p class="banner error" role="alert" id="customer-details-error">{message}</p>
                }
                .into_any(),
            }}
            <p class="hint">"Esc returns to the list."</p>
        </section>
    }
}

/// The customer's fields, each with a stable id.
#[component]
fn CustomerFacts(customer: Customer) -> impl IntoView {
    let currency = customer.preferred_currency.to_string();
    let currency_name = all_currency_codes()
        .into_iter()
        .find(|(code, _)| *code == currency)
        .map(|(_, name)| format!(" ({name})"))
        .unwrap_or_default();
    view! {
        <dl class="details">
            <dt>"Name"</dt>
            <dd id="customer-details-name">{format!("{} {}", customer.first_name, customer.last_name)}</dd>
            <dt>"Email"</dt>
            <dd id="customer-details-email">{customer.email.to_string()}</dd>
            <dt>"Preferred currency"</dt>
            <dd id="customer-details-currency">{currency}{currency_name}</dd>
            <dt>"Created"</dt>
            <dd id="customer-details-created">
                <time datetime=customer.created_at.to_rfc3339()>{local_date_time(customer.created_at)}</time>
            </dd>
        </dl>
    }
}

/// Whether this history entry was pushed by opening a row of the list.
fn came_from_list() -> bool {
    window()
        .history()
        .and_then(|history| history.state())
        .ok()
        .and_then(|state| state.as_string())
        .is_some_and(|state| state == FROM_LIST)
}
