use desk_domain::commands::{GetCustomerChoices, UpdateCustomer};
use desk_domain::customer::{
    Customer, CustomerChoices, CustomerDetails, CustomerUpdate, SavedCustomer, emails_on_update,
    plan_emails,
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
    let before = (customer.active, customer.on_hold);
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
    // A conflict comes back as an error: keep its stored values and version.
    Effect::new(move |_| {
        if let Some(DeskError::EditConflict {
            version: stored_version,
            fields,
            ..
        }) = form.last_error()
        {
            version.set(stored_version);
            conflict.set(fields);
        }
    });
    let planned = move || {
        values.active.track();
        values.on_hold.track();
        let details = values.input();
        plan_emails(
            emails_on_update(before, (details.active, details.on_hold)),
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
