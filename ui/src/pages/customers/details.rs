use desk_domain::commands::{
    EraseCustomer, ExportCustomer, GetCustomer, GetCustomerChoices, GetCustomerGroups,
    MarkCustomerVerified, SendCustomerEmail,
};
use desk_domain::custom_attribute::AttributeDefinition;
use desk_domain::customer::{Customer, CustomerId, Verification};
use desk_domain::customer::{CustomerEmail, CustomerEmailRequest};
use desk_domain::customer_export::ExportRequest;
use desk_domain::customer_group::GroupLink;
use desk_domain::{DeskError, Permission};
use leptos::ev;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::NavigateOptions;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};

use super::FROM_LIST;
use super::addresses::CustomerAddresses;
use super::edit_customer_form::EditCustomerForm;
use super::history::CustomerHistory;
use super::notes::CustomerNotes;
use crate::api;
use crate::local_time::local_date_time;
use crate::session::SessionContext;

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
    let status = RwSignal::new(None::<String>);
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
            <p class="status" role="status" id="customer-details-status">{move || status.get()}</p>
            {move || match shown.get() {
                Shown::Loading => view! {
                    <p class="empty" id="customer-details-loading">"Loading…"</p>
                }
                .into_any(),
                Shown::Customer(customer) => view! {
                    <CustomerView customer=*customer status=status on_changed=Callback::new(move |changed: Customer| {
                        shown.set(Shown::Customer(Box::new(changed)));
                    }) />
                }.into_any(),
                Shown::Failed(message) => view! {
                    <p class="banner error" role="alert" id="customer-details-error">{message}</p>
                }
                .into_any(),
            }}
            <p class="hint">"Esc returns to the list."</p>
        </section>
    }
}

/// The customer's fields, with Edit and Mark verified for those who may change them.
#[component]
fn CustomerView(
    customer: Customer,
    on_changed: Callback<Customer>,
    /// Lives with the page, so a message outlasts the view it is about.
    status: RwSignal<Option<String>>,
) -> impl IntoView {
    let editing = RwSignal::new(false);
    let definitions = RwSignal::new(Vec::<AttributeDefinition>::new());
    spawn_local(async move {
        if let Ok(choices) = api::call(&GetCustomerChoices {}).await {
            definitions.set(choices.attributes);
        }
    });
    let may_edit = SessionContext::get().may(Permission::EditCustomers);
    let id = customer.id;
    let verified = customer.verification() == Verification::Verified;
    let mark_verified = move |_| {
        spawn_local(async move {
            match api::call(&MarkCustomerVerified { id }).await {
                Ok(changed) => {
                    status.set(Some("Marked verified.".into()));
                    on_changed.run(changed);
                }
                Err(error) => status.set(Some(error.summary())),
            }
        });
    };
    let send = move |email: CustomerEmail| {
        spawn_local(async move {
            match api::call(&SendCustomerEmail {
                request: CustomerEmailRequest { id, email },
            })
            .await
            {
                Ok(sent) => status.set(Some(format!("{} queued.", sent.kind.label()))),
                Err(error) => status.set(Some(error.messages())),
            }
        });
    };
    let erasing = RwSignal::new(false);
    let erased = customer.erased_at.is_some();
    let erase = move |_| {
        spawn_local(async move {
            match api::call(&EraseCustomer { id }).await {
                Ok(changed) => {
                    erasing.set(false);
                    status.set(Some(format!(
                        "Personal data erased; the customer ID {} stays reserved.",
                        changed.customer_ref
                    )));
                    on_changed.run(changed);
                }
                Err(error) => status.set(Some(error.messages())),
            }
        });
    };
    let file_name = format!("{}-personal-data.json", customer.customer_ref);
    let export = move |_| {
        let file_name = file_name.clone();
        spawn_local(async move {
            let Some(path) = api::choose_save_path(&file_name, "JSON", "json").await else {
                return;
            };
            match api::call(&ExportCustomer {
                request: ExportRequest { id, path },
            })
            .await
            {
                Ok(file) => status.set(Some(format!(
                    "Personal data exported to {} ({} bytes).",
                    file.path, file.bytes
                ))),
                Err(error) => status.set(Some(error.messages())),
            }
        });
    };
    let question = format!(
        "Erase the personal data of {} ({})? Their name, contact details, addresses and \
         notes are removed for good, and past history entries lose their values; the \
         customer ID stays reserved. This cannot be undone.",
        customer.full_name(),
        customer.email
    );
    let shown = customer.clone();
    view! {
        {move || if editing.get() {
            view! {
                <EditCustomerForm
                    customer=shown.clone()
                    on_saved=Callback::new(move |saved: Customer| {
                        editing.set(false);
                        status.set(Some(format!("Saved {}.", saved.full_name())));
                        on_changed.run(saved);
                    })
                    on_cancel=Callback::new(move |()| editing.set(false))
                />
            }.into_any()
        } else {
            view! {
                <CustomerFacts customer=shown.clone() definitions=definitions />
                {may_edit.then(|| {
                    let question = question.clone();
                    let export = export.clone();
                    view! {
                    <div class="actions">
                        {(!erased).then(|| view! {
                            <button type="button" id="customer-edit" on:click=move |_| editing.set(true)>"Edit"</button>
                        })}
                        {(!verified && !erased).then(|| view! {
                            <button type="button" class="secondary" id="customer-mark-verified"
                                on:click=mark_verified>"Mark verified"</button>
                        })}
                        {(!verified && !erased).then(|| view! {
                            <button type="button" class="secondary" id="customer-send-verification"
                                on:click=move |_| send(CustomerEmail::Verification)>"Send verification email"</button>
                        })}
                        {(!erased).then(|| view! {
                            <button type="button" class="secondary" id="customer-send-password-link"
                                on:click=move |_| send(CustomerEmail::SetPasswordLink)>"Send set-password link"</button>
                        })}
                        <button type="button" class="secondary" id="customer-export"
                            on:click=export>"Export personal data…"</button>
                        {(!erased).then(|| view! {
                            <button type="button" class="danger" id="customer-erase"
                                on:click=move |_| erasing.set(true)>"Erase personal data…"</button>
                        })}
                    </div>
                    <Show when=move || erasing.get()>
                        <div class="banner warning" role="alert" id="customer-erase-confirm">
                            <p>{question.clone()}</p>
                            <button type="button" class="danger" id="customer-erase-yes" on:click=erase>
                                "Erase personal data"</button>
                            " "
                            <button type="button" class="secondary" id="customer-erase-no"
                                on:click=move |_| erasing.set(false)>"Keep it"</button>
                        </div>
                    </Show>
                }})}
            }.into_any()
        }}
        <CustomerGroups customer=id />
        <CustomerOrders customer=id />
        <CustomerAddresses customer=id may_edit=may_edit />
        <CustomerNotes customer=id may_edit=may_edit />
        // Rebuilt with each change of the customer, so a save shows at once.
        <CustomerHistory customer=id />
    }
}

/// The groups the customer is in, each a link to the group's page.
#[component]
fn CustomerGroups(customer: CustomerId) -> impl IntoView {
    let groups = RwSignal::new(None::<Vec<GroupLink>>);
    spawn_local(async move {
        if let Ok(found) = api::call(&GetCustomerGroups { id: customer }).await {
            groups.set(Some(found));
        }
    });
    let may_view_groups = SessionContext::get().may(Permission::ViewGroups);
    view! {
        <section class="customer-groups" aria-labelledby="customer-groups-heading">
            <h3 id="customer-groups-heading">"Customer groups"</h3>
            <p id="customer-groups">
                {move || match groups.get() {
                    None => view! { "…" }.into_any(),
                    Some(found) if found.is_empty() => view! { "In no customer group." }.into_any(),
                    Some(found) => found
                        .into_iter()
                        .enumerate()
                        .map(|(index, group)| {
                            let separator = if index == 0 { "" } else { ", " };
                            let link = if may_view_groups {
                                view! { <A href=format!("/groups/{}", group.id) attr:class="link">{group.name.clone()}</A> }.into_any()
                            } else {
                                view! { {group.name.clone()} }.into_any()
                            };
                            view! { {separator}{link} }
                        })
                        .collect_view()
                        .into_any(),
                }}
            </p>
        </section>
    }
}

/// The customer's order history, with totals per currency.
#[component]
fn CustomerOrders(customer: CustomerId) -> impl IntoView {
    let summary = RwSignal::new(None);
    spawn_local(async move {
        summary.set(Some(
            api::call(&desk_domain::commands::GetCustomerOrders { id: customer })
                .await
                .map_err(|error| error.summary()),
        ));
    });
    view! {
        <section class="customer-orders" aria-labelledby="customer-orders-heading">
            <h3 id="customer-orders-heading">"Orders"</h3>
            <crate::components::order_history::OrderHistory id="customer-orders" summary=summary with_customer=false />
        </section>
    }
}

/// The customer's fields, each with a stable id; empty optional fields say so.
#[component]
fn CustomerFacts(
    customer: Customer,
    definitions: RwSignal<Vec<AttributeDefinition>>,
) -> impl IntoView {
    let values = customer.attributes.clone();
    let attributes = move || {
        definitions
            .get()
            .into_iter()
            .filter_map(|definition| {
                values.get(&definition.code).map(|value| {
                    let id = format!("customer-details-attr-{}", definition.code);
                    view! { <dt>{definition.label.clone()}</dt><dd id=id>{value.clone()}</dd> }
                })
            })
            .collect_view()
    };
    let or_dash = |value: Option<String>| value.unwrap_or_else(|| "—".to_owned());
    let currency = customer.preferred_currency.to_string();
    let currency_name = customer.preferred_currency.name();
    let flags = match (customer.active, customer.on_hold) {
        (true, false) => "Active",
        (true, true) => "Active, on hold",
        (false, true) => "Inactive, on hold",
        (false, false) => "Inactive",
    };
    let time = |at: Option<chrono::DateTime<chrono::Utc>>| match at {
        Some(at) => {
            view! { <time datetime=at.to_rfc3339()>{local_date_time(at)}</time> }.into_any()
        }
        None => view! { "Never" }.into_any(),
    };
    view! {
        <dl class="details">
            <dt>"Name"</dt>
            <dd id="customer-details-name">{
                let salutation = customer.salutation.map(|s| format!("{} ", s.label())).unwrap_or_default();
                format!("{salutation}{} {}", customer.first_name, customer.last_name)
            }</dd>
            <dt>"Customer ID"</dt>
            <dd id="customer-details-ref">{customer.customer_ref.clone()}</dd>
            <dt>"Customer number"</dt>
            <dd id="customer-details-number">{customer.customer_number.clone()}</dd>
            <dt>"Email"</dt>
            <dd id="customer-details-email">{customer.email.to_string()}</dd>
            <dt>"Status"</dt>
            <dd id="customer-details-status-value">{customer.verification().label()}", "{flags}</dd>
            <dt>"Gender"</dt>
            <dd id="customer-details-gender">{or_dash(customer.gender.map(|g| g.label().to_owned()))}</dd>
            <dt>"Date of birth"</dt>
            <dd id="customer-details-date_of_birth">{or_dash(customer.date_of_birth.map(|d| d.format("%-d %B %Y").to_string()))}</dd>
            <dt>"Phone"</dt>
            <dd id="customer-details-phone">{or_dash(customer.phone.as_ref().map(|p| p.as_str().to_owned()))}</dd>
            <dt>"Company"</dt>
            <dd id="customer-details-company">{or_dash(customer.company.clone())}</dd>
            <dt>"Locale"</dt>
            <dd id="customer-details-locale">{or_dash(customer.locale.as_ref().map(|l| l.as_str().to_owned()))}</dd>
            <dt>"Preferred currency"</dt>
            <dd id="customer-details-currency">{currency}" ("{currency_name}")"</dd>
            <dt>"Preferred site"</dt>
            <dd id="customer-details-site">{or_dash(customer.preferred_site.clone())}</dd>
            <dt>"Restriction"</dt>
            <dd id="customer-details-restriction">{or_dash(customer.restriction.clone())}</dd>
            <dt>"Created"</dt>
            <dd id="customer-details-created">{time(Some(customer.created_at))}</dd>
            <dt>"Last changed"</dt>
            <dd id="customer-details-updated">{time(Some(customer.updated_at))}</dd>
            <dt>"Last login"</dt>
            <dd id="customer-details-last-login">{time(customer.last_login_at)}</dd>
            {attributes}
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
