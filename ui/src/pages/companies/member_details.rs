//! "Edit" on a member (seed 004: "edit their basic information"): the member's name,
//! phone and locale, checked by the customer form's own parser and saved as an edit
//! of their customer record at the version it was opened (someone else's change in
//! between is named, not overwritten).

use desk_domain::commands::{GetCustomer, GetCustomerChoices, UpdateCustomer};
use desk_domain::customer::{
    Customer, CustomerChoices, CustomerDetails, CustomerId, CustomerUpdate,
};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api;
use crate::components::choice_field::SelectField;
use crate::components::form::{Form, FormBanner, SubmitButton};
use crate::components::text_field::TextField;
use crate::pages::customers::local_today;

/// The panel for `customer`; `on_saved` hears "… saved.", `on_close` Cancel.
#[component]
pub fn MemberDetailsPanel(
    customer: CustomerId,
    on_saved: Callback<String>,
    on_close: Callback<()>,
) -> impl IntoView {
    let loaded = RwSignal::new(None::<Result<(Customer, CustomerChoices), String>>);
    spawn_local(async move {
        let answer = match (
            api::call(&GetCustomer { id: customer }).await,
            api::call(&GetCustomerChoices {}).await,
        ) {
            (Ok(found), Ok(choices)) => Ok((found, choices)),
            (Err(failure), _) | (_, Err(failure)) => Err(failure.messages()),
        };
        loaded.set(Some(answer));
    });
    move || match loaded.get() {
        None => view! { <p class="status">"Loading…"</p> }.into_any(),
        Some(Err(message)) => {
            view! { <p class="banner error" role="alert" id="member-details-error">{message}</p> }
                .into_any()
        }
        Some(Ok((found, choices))) => {
            view! { <DetailsForm customer=found choices=choices on_saved on_close /> }.into_any()
        }
    }
}

#[component]
fn DetailsForm(
    customer: Customer,
    choices: CustomerChoices,
    on_saved: Callback<String>,
    on_close: Callback<()>,
) -> impl IntoView {
    let opened = customer.input();
    let first_name = RwSignal::new(opened.first_name.clone());
    let last_name = RwSignal::new(opened.last_name.clone());
    let phone = RwSignal::new(opened.phone.clone());
    let locale = RwSignal::new(opened.locale.clone());
    let locales = Signal::derive({
        let locales = choices.locales.clone();
        move || {
            locales
                .iter()
                .map(|tag| (tag.clone(), tag.clone()))
                .collect::<Vec<_>>()
        }
    });
    let base = StoredValue::new(opened.clone());
    let parse_with = StoredValue::new(choices);
    let form = Form::new("member-details", move || {
        let mut details = base.get_value();
        details.first_name = first_name.get_untracked();
        details.last_name = last_name.get_untracked();
        details.phone = phone.get_untracked();
        details.locale = locale.get_untracked();
        CustomerDetails::parse(&details, &parse_with.get_value(), local_today()).map(|_| details)
    });
    let (id, version) = (customer.id, customer.version);
    let submit = form.submit(
        move |details| UpdateCustomer {
            update: CustomerUpdate {
                id,
                version,
                opened: base.get_value(),
                details,
            },
        },
        move |saved| {
            on_saved.run(format!(
                "{} {} saved.",
                saved.customer.first_name, saved.customer.last_name
            ));
        },
    );
    view! {
        <form class="panel" id="member-details" aria-label="Basic information" on:submit=submit novalidate>
            <h4>{format!("Basic information of {} {}", customer.first_name, customer.last_name)}</h4>
            <FormBanner form=form id="member-details-banner" />
            <TextField form=form name="first_name" label="First name" value=first_name autocomplete="given-name" />
            <TextField form=form name="last_name" label="Last name" value=last_name autocomplete="family-name" />
            <TextField form=form name="phone" label="Phone" value=phone input_type="tel" autocomplete="tel" hint="With the country code, e.g. +49 30 1234567." />
            <SelectField form=form name="locale" label="Locale" value=locale options=locales empty="None" />
            <div class="form-actions">
                <button type="button" class="secondary" id="member-details-cancel" on:click=move |_| on_close.run(())>"Cancel"</button>
                <SubmitButton form=form id="member-details-save" label="Save" busy_label="Saving…" />
            </div>
        </form>
    }
}
