use desk_domain::customer::{Customer, NewCustomer, NewCustomerInput, fields};
use desk_domain::{FieldError, all_currency_codes};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api;
use crate::components::text_field::{TextField, focus_first_invalid, recheck_field, show_failure};

const FORM: &str = "customer";
const DEFAULT_CURRENCY: &str = "EUR";

/// "Add customer": checks every field with `desk-domain` before sending, shows each
/// problem beside its field (the backend's too, such as an email already in use), and
/// keeps what was typed until the customer is saved.
#[component]
pub fn AddCustomerForm(on_added: Callback<Customer>) -> impl IntoView {
    let email = RwSignal::new(String::new());
    let first_name = RwSignal::new(String::new());
    let last_name = RwSignal::new(String::new());
    let currency = RwSignal::new(DEFAULT_CURRENCY.to_owned());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let banner = RwSignal::new(None::<String>);
    let saving = RwSignal::new(false);
    let email_input = NodeRef::<leptos::html::Input>::new();

    let current_input = move || NewCustomerInput {
        email: email.get_untracked(),
        first_name: first_name.get_untracked(),
        last_name: last_name.get_untracked(),
        preferred_currency: currency.get_untracked(),
    };
    // Re-checks one field with the shared parser while the person corrects it: its
    // message goes as soon as the value is right, and other fields keep theirs
    // (including messages only the backend can give, such as "already in use").
    let recheck = recheck_field(errors, move || {
        NewCustomer::parse(&current_input())
            .err()
            .unwrap_or_default()
    });

    let submit = move |event: SubmitEvent| {
        event.prevent_default();
        if saving.get_untracked() {
            return;
        }
        banner.set(None);
        let input = current_input();
        if let Err(problems) = NewCustomer::parse(&input) {
            focus_first_invalid(FORM, &problems);
            errors.set(problems);
            return;
        }
        errors.set(Vec::new());
        saving.set(true);
        spawn_local(async move {
            match api::customers::create_customer(&input).await {
                Ok(customer) => {
                    email.set(String::new());
                    first_name.set(String::new());
                    last_name.set(String::new());
                    on_added.run(customer);
                    if let Some(input) = email_input.get_untracked() {
                        let _ = input.focus();
                    }
                }
                Err(error) => {
                    show_failure(FORM, &error, errors, banner);
                }
            }
            saving.set(false);
        });
    };

    view! {
        <form class="customer-form" id="add-customer" novalidate on:submit=submit>
            <h2 id="add-customer-heading">"Add customer"</h2>
            <Show when=move || banner.get().is_some()>
                <p class="banner error" role="alert" id="add-customer-banner">{move || banner.get()}</p>
            </Show>
            <TextField
                form=FORM
                name=fields::EMAIL
                label="Email"
                input_type="email"
                value=email
                errors=errors
                recheck=recheck
                node_ref=email_input
            />
            <TextField form=FORM name=fields::FIRST_NAME label="First name" value=first_name errors=errors recheck=recheck />
            <TextField form=FORM name=fields::LAST_NAME label="Last name" value=last_name errors=errors recheck=recheck />
            <TextField
                form=FORM
                name=fields::PREFERRED_CURRENCY
                label="Preferred currency"
                value=currency
                errors=errors
                recheck=recheck
                list="currency-codes"
                hint="ISO 4217 code, e.g. EUR, USD, CHF"
            />
            <datalist id="currency-codes">
                {all_currency_codes()
                    .into_iter()
                    .map(|(code, name)| view! { <option value=code>{name}</option> })
                    .collect_view()}
            </datalist>
            <div class="actions">
                <button type="submit" class="primary" id="add-customer-submit" disabled=move || saving.get()>
                    {move || if saving.get() { "Saving…" } else { "Add customer" }}
                </button>
            </div>
        </form>
    }
}
