use desk_domain::all_currency_codes;
use desk_domain::commands::CreateCustomer;
use desk_domain::customer::{Customer, NewCustomer, NewCustomerInput, fields};
use leptos::prelude::*;

use crate::components::form::{Form, FormBanner, SubmitButton};
use crate::components::text_field::TextField;

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
    let email_input = NodeRef::<leptos::html::Input>::new();

    let form = Form::new("customer", move || {
        let input = NewCustomerInput {
            email: email.get_untracked(),
            first_name: first_name.get_untracked(),
            last_name: last_name.get_untracked(),
            preferred_currency: currency.get_untracked(),
        };
        NewCustomer::parse(&input).map(|_| input)
    });
    let submit = form.submit(
        |input| CreateCustomer { input },
        move |customer| {
            email.set(String::new());
            first_name.set(String::new());
            last_name.set(String::new());
            on_added.run(customer);
            // Ready for the next customer.
            if let Some(input) = email_input.get_untracked() {
                let _ = input.focus();
            }
        },
    );

    view! {
        <form class="customer-form" id="add-customer" novalidate on:submit=submit>
            <h2 id="add-customer-heading">"Add customer"</h2>
            <FormBanner form=form id="add-customer-banner" />
            <TextField form=form name=fields::EMAIL label="Email" input_type="email" value=email node_ref=email_input />
            <TextField form=form name=fields::FIRST_NAME label="First name" value=first_name />
            <TextField form=form name=fields::LAST_NAME label="Last name" value=last_name />
            <TextField
                form=form
                name=fields::PREFERRED_CURRENCY
                label="Preferred currency"
                value=currency
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
                <SubmitButton form=form id="add-customer-submit" label="Add customer" busy_label="Saving…" />
            </div>
        </form>
    }
}
