use desk_domain::commands::{GetCustomerChoices, UpdateCustomer};
use desk_domain::customer::{
    Customer, CustomerChoices, CustomerDetails, CustomerInput, CustomerUpdate, SavedCustomer,
    emails_on_update, fields as field_names, input_values, plan_emails,
};
use desk_domain::{DeskError, StoredValue};
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::add_customer_form::email_items;
use super::fields::{CustomerFields, CustomerFieldset, local_today};
use crate::api;
use crate::components::form::{Form, FormBanner, SubmitButton};

/// Edits `customer` as opened. If someone else saves the customer meanwhile, saving
/// is refused and each field shows what is stored now beside the person's own value,
/// to keep either; the next save goes against the version now stored.
#[component]
pub fn EditCustomerForm(
    customer: Customer,
    on_saved: Callback<Customer>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let choices = RwSignal::new(CustomerChoices::default());
    let values = CustomerFields::new(&customer.input());
    let version = RwSignal::new(customer.version);
    // The values the form started from: after a conflict, the ones stored then.
    let opened = RwSignal::new(customer.input());
    let conflict = RwSignal::new(Vec::<StoredValue>::new());
    let id = customer.id;
    spawn_local(async move {
        if let Ok(loaded) = api::call(&GetCustomerChoices {}).await {
            choices.set(loaded);
        }
    });
    let form = Form::new("edit-customer", move || {
        let details = values.input();
        CustomerDetails::parse(&details, &choices.get_untracked(), local_today()).map(|_| {
            CustomerUpdate {
                id,
                version: version.get_untracked(),
                opened: opened.get_untracked(),
                details,
            }
        })
    });
    let submit = form.submit(
        |update| UpdateCustomer { update },
        move |saved: SavedCustomer| {
            conflict.set(Vec::new());
            on_saved.run(saved.customer);
        },
    );
    // A conflict comes back as an error with what someone else changed: a field the
    // person left as it was takes the stored value; one they changed too shows both.
    Effect::new(move |_| {
        if let Some(DeskError::EditConflict {
            version: stored_version,
            fields,
            ..
        }) = form.last_error()
        {
            let started = opened.get_untracked();
            let mine = values.input();
            let mut clashes = Vec::new();
            let mut now_opened = started.clone();
            let started_values = input_values(&started);
            let mine_values = input_values(&mine);
            for stored in fields {
                let was = started_values.iter().find(|(f, _)| *f == stored.field);
                let is = mine_values.iter().find(|(f, _)| *f == stored.field);
                if was.map(|(_, v)| v) == is.map(|(_, v)| v) {
                    values.set(&stored.field, &stored.stored);
                } else {
                    clashes.push(stored.clone());
                }
                set_input(&mut now_opened, &stored.field, &stored.stored);
            }
            opened.set(now_opened);
            version.set(stored_version);
            conflict.set(clashes);
        }
    });
    let planned = move || {
        values.active.track();
        values.on_hold.track();
        values.email.track();
        let details = values.input();
        let before = opened.get();
        let email_changed =
            before.email.trim().to_lowercase() != details.email.trim().to_lowercase();
        plan_emails(
            emails_on_update(
                (before.active, before.on_hold),
                (details.active, details.on_hold),
                email_changed,
            ),
            choices.get().email_site(&details),
        )
    };
    view! {
        <form class="customer-form" id="edit-customer" novalidate on:submit=submit>
            <h3>"Edit customer"</h3>
            <FormBanner form=form id="edit-customer-banner" />
            <CustomerFieldset form=form values=values choices=choices editable_ref=false conflict=conflict />
            <section class="planned-emails">
                <h3>"Saving sends"</h3>
                <ul id="edit-customer-emails">{move || email_items(planned())}</ul>
            </section>
            <div class="actions">
                <button type="button" class="secondary" id="edit-customer-cancel"
                    on:click=move |_| on_cancel.run(())>"Cancel"</button>
                <SubmitButton form=form id="edit-customer-save" label="Save changes" busy_label="Saving…" />
            </div>
        </form>
    }
}

/// Sets the field `field` of `input` to `value` (its form spelling; flags `yes`/`no`).
fn set_input(input: &mut CustomerInput, field: &str, value: &str) {
    let text = value.to_owned();
    match field {
        field_names::EMAIL => input.email = text,
        field_names::SALUTATION => input.salutation = text,
        field_names::FIRST_NAME => input.first_name = text,
        field_names::LAST_NAME => input.last_name = text,
        field_names::GENDER => input.gender = text,
        field_names::DATE_OF_BIRTH => input.date_of_birth = text,
        field_names::PHONE => input.phone = text,
        field_names::COMPANY => input.company = text,
        field_names::LOCALE => input.locale = text,
        field_names::PREFERRED_CURRENCY => input.preferred_currency = text,
        field_names::PREFERRED_SITE => input.preferred_site = text,
        field_names::RESTRICTION => input.restriction = text,
        field_names::ACTIVE => input.active = value == "yes",
        field_names::ON_HOLD => input.on_hold = value == "yes",
        _ => {}
    }
}
