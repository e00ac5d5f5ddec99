//! The Addresses section of a customer's page: every address with its default
//! badges, "Make default billing/shipping", Edit, Remove (asked once more), and the
//! address form for adding or editing one.

use desk_domain::commands::{DeleteAddress, GetCustomerAddresses, SaveAddress, SetDefaultAddress};
use desk_domain::customer::CustomerId;
use desk_domain::customer_address::{
    Address, AddressDefault, AddressDetails, AddressId, AddressInput, AddressSave, fields,
};
use desk_domain::customer_fields::{Salutation, all_countries};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api;
use crate::components::choice_field::SelectField;
use crate::components::form::{Form, FormBanner, SubmitButton};
use crate::components::text_field::TextField;

/// What the address form is doing.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Editing {
    Nothing,
    Adding,
    Changing(Box<Address>),
}

#[component]
pub fn CustomerAddresses(customer: CustomerId, may_edit: bool) -> impl IntoView {
    let addresses = RwSignal::new(Vec::<Address>::new());
    let status = RwSignal::new(None::<String>);
    let editing = RwSignal::new(Editing::Nothing);
    let removing = RwSignal::new(None::<AddressId>);
    spawn_local(async move {
        match api::call(&GetCustomerAddresses { id: customer }).await {
            Ok(loaded) => addresses.set(loaded),
            Err(error) => status.set(Some(error.summary())),
        }
    });
    let make_default = move |id: AddressId, which: AddressDefault| {
        spawn_local(async move {
            match api::call(&SetDefaultAddress { id, which }).await {
                Ok(now) => {
                    addresses.set(now);
                    status.set(Some(match which {
                        AddressDefault::Billing => "Default billing address changed.".into(),
                        AddressDefault::Shipping => "Default shipping address changed.".into(),
                    }));
                }
                Err(error) => status.set(Some(error.summary())),
            }
        });
    };
    let remove = move |id: AddressId| {
        spawn_local(async move {
            match api::call(&DeleteAddress { id }).await {
                Ok(now) => {
                    addresses.set(now);
                    removing.set(None);
                    status.set(Some("Address removed.".into()));
                }
                Err(error) => status.set(Some(error.summary())),
            }
        });
    };
    let row = move |address: Address| {
        let id = address.id;
        let key = address.address_ref.clone();
        let element_id = format!("address-{key}");
        let shown_key = key.clone();
        let name = format!(
            "{} {}",
            address.details.first_name, address.details.last_name
        );
        let badges = [
            address.is_default_billing.then_some("Default billing"),
            address.is_default_shipping.then_some("Default shipping"),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ");
        let tags = address.details.tags.join(", ");
        let (billing, shipping) = (address.is_default_billing, address.is_default_shipping);
        let for_edit = address.clone();
        view! {
            <li class="address" id=element_id>
                <p><strong>{shown_key}</strong> " " <span class="badges">{badges}</span></p>
                <p>{name}{address.details.company.clone().map(|c| format!(", {c}"))}</p>
                <p class="one-line">{address.one_line()}</p>
                {(!tags.is_empty()).then(|| view! { <p class="hint">"Tags: "{tags}</p> })}
                {may_edit.then(move || view! {
                    <div class="actions">
                        {(!billing).then(|| view! {
                            <button type="button" class="secondary make-billing"
                                on:click=move |_| make_default(id, AddressDefault::Billing)>"Make default billing"</button>
                        })}
                        {(!shipping).then(|| view! {
                            <button type="button" class="secondary make-shipping"
                                on:click=move |_| make_default(id, AddressDefault::Shipping)>"Make default shipping"</button>
                        })}
                        <button type="button" class="secondary edit-address"
                            on:click=move |_| editing.set(Editing::Changing(Box::new(for_edit.clone())))>"Edit"</button>
                        <button type="button" class="secondary remove-address"
                            on:click=move |_| removing.set(Some(id))>"Remove"</button>
                    </div>
                    <Show when=move || removing.get() == Some(id)>
                        <p class="banner warning" role="alert">
                            {format!("Remove the address {key}? ")}
                            <button type="button" class="danger confirm-remove"
                                on:click=move |_| remove(id)>"Yes, remove it"</button>
                            " "
                            <button type="button" class="secondary" on:click=move |_| removing.set(None)>"Keep it"</button>
                        </p>
                    </Show>
                })}
            </li>
        }
    };
    view! {
        <section class="customer-section" id="customer-addresses" aria-labelledby="customer-addresses-heading">
            <h3 id="customer-addresses-heading">"Addresses"</h3>
            <p class="status" role="status" id="customer-addresses-status">{move || status.get()}</p>
            <ul class="addresses">
                {move || {
                    let all = addresses.get();
                    if all.is_empty() {
                        view! { <li class="empty">"No addresses yet."</li> }.into_any()
                    } else {
                        all.into_iter().map(row).collect_view().into_any()
                    }
                }}
            </ul>
            {may_edit.then(|| view! {
                {move || match editing.get() {
                    Editing::Nothing => view! {
                        <button type="button" id="add-address" on:click=move |_| editing.set(Editing::Adding)>"Add address"</button>
                    }.into_any(),
                    Editing::Adding => view! {
                        <AddressForm customer=customer address=None
                            on_saved=Callback::new(move |now: Vec<Address>| {
                                addresses.set(now);
                                editing.set(Editing::Nothing);
                                status.set(Some("Address added.".into()));
                            })
                            on_cancel=Callback::new(move |()| editing.set(Editing::Nothing)) />
                    }.into_any(),
                    Editing::Changing(address) => view! {
                        <AddressForm customer=customer address=Some(*address)
                            on_saved=Callback::new(move |now: Vec<Address>| {
                                addresses.set(now);
                                editing.set(Editing::Nothing);
                                status.set(Some("Address saved.".into()));
                            })
                            on_cancel=Callback::new(move |()| editing.set(Editing::Nothing)) />
                    }.into_any(),
                }}
            })}
        </section>
    }
}

/// Adds an address (`address` `None`) or edits one at the version it was opened at.
#[component]
fn AddressForm(
    customer: CustomerId,
    address: Option<Address>,
    on_saved: Callback<Vec<Address>>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let start = address
        .as_ref()
        .map(|a| a.details.input(&a.address_ref))
        .unwrap_or_default();
    let id = address.as_ref().map(|a| a.id);
    let version = RwSignal::new(address.as_ref().map_or(0, |a| a.version));
    let text = |value: &String| RwSignal::new(value.clone());
    let address_ref = text(&start.address_ref);
    let salutation = text(&start.salutation);
    let first_name = text(&start.first_name);
    let last_name = text(&start.last_name);
    let company = text(&start.company);
    let line1 = text(&start.line1);
    let line2 = text(&start.line2);
    let line3 = text(&start.line3);
    let city = text(&start.city);
    let postal_code = text(&start.postal_code);
    let region = text(&start.region);
    let country = text(&start.country);
    let phone = text(&start.phone);
    let comment = text(&start.comment);
    let tags = text(&start.tags);
    let read = move || AddressInput {
        address_ref: address_ref.get_untracked(),
        salutation: salutation.get_untracked(),
        first_name: first_name.get_untracked(),
        last_name: last_name.get_untracked(),
        company: company.get_untracked(),
        line1: line1.get_untracked(),
        line2: line2.get_untracked(),
        line3: line3.get_untracked(),
        city: city.get_untracked(),
        postal_code: postal_code.get_untracked(),
        region: region.get_untracked(),
        country: country.get_untracked(),
        phone: phone.get_untracked(),
        comment: comment.get_untracked(),
        tags: tags.get_untracked(),
    };
    let form = Form::new("address", move || {
        let input = read();
        AddressDetails::parse(&input).map(|_| AddressSave {
            customer_id: customer,
            id,
            version: version.get_untracked(),
            input,
        })
    });
    let submit = form.submit(|save| SaveAddress { save }, move |now| on_saved.run(now));
    // After a conflict, the next save goes against the version now stored; the banner
    // says what happened and the values stay as typed.
    Effect::new(move |_| {
        if let Some(desk_domain::DeskError::EditConflict {
            version: stored, ..
        }) = form.last_error()
        {
            version.set(stored);
        }
    });
    let salutations = Signal::derive(|| {
        Salutation::ALL
            .iter()
            .map(|s| (s.code().to_owned(), s.label().to_owned()))
            .collect::<Vec<_>>()
    });
    let countries = Signal::derive(all_countries);
    let title = if id.is_some() {
        "Edit address"
    } else {
        "Add address"
    };
    view! {
        <form class="customer-form address-form" id="address-form" novalidate on:submit=submit>
            <h4>{title}</h4>
            <FormBanner form=form id="address-banner" />
            {id.is_none().then(|| view! {
                <TextField form=form name=fields::ADDRESS_REF label="Address ID (optional)" value=address_ref
                    hint="Leave empty to have one generated." />
            })}
            <SelectField form=form name=fields::SALUTATION label="Salutation" value=salutation options=salutations empty="—" />
            <TextField form=form name=fields::FIRST_NAME label="First name" value=first_name />
            <TextField form=form name=fields::LAST_NAME label="Last name" value=last_name />
            <TextField form=form name=fields::COMPANY label="Company (optional)" value=company />
            <TextField form=form name=fields::LINE1 label="Address line 1" value=line1 />
            <TextField form=form name=fields::LINE2 label="Address line 2 (optional)" value=line2 />
            <TextField form=form name=fields::LINE3 label="Address line 3 (optional)" value=line3 />
            <TextField form=form name=fields::POSTAL_CODE label="Postal code" value=postal_code />
            <TextField form=form name=fields::CITY label="City" value=city />
            <TextField form=form name=fields::REGION label="Region (optional)" value=region />
            <SelectField form=form name=fields::COUNTRY label="Country" value=country options=countries empty="Choose a country" />
            <TextField form=form name=fields::PHONE label="Phone (optional)" input_type="tel" value=phone />
            <TextField form=form name=fields::COMMENT label="Comment (optional)" value=comment />
            <TextField form=form name=fields::TAGS label="Tags (optional)" value=tags hint="Separated by commas." />
            <div class="actions">
                <button type="button" class="secondary" id="address-cancel" on:click=move |_| on_cancel.run(())>"Cancel"</button>
                <SubmitButton form=form id="address-save" label="Save address" busy_label="Saving…" />
            </div>
        </form>
    }
}
