//! The Address book tab of a company's profile (seed 004): billing and shipping
//! addresses, one default of each; add one, edit, delete, or make it the default.

use desk_domain::commands::{
    DeleteCompanyAddress, GetCompanyAddresses, SaveCompanyAddress, SetDefaultCompanyAddress,
};
use desk_domain::company::CompanyId;
use desk_domain::company_address::{
    AddressKind, CompanyAddress, CompanyAddressInput, CompanyAddressRef, CompanyAddressSave, fields,
};
use desk_domain::customer_fields::all_countries;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api;
use crate::components::choice_field::{CheckField, SelectField};
use crate::components::form::{Form, FormBanner, SubmitButton};
use crate::components::text_field::TextField;

#[component]
pub fn AddressBookTab(company: CompanyId, may_manage: bool) -> impl IntoView {
    let addresses = RwSignal::new(Vec::<CompanyAddress>::new());
    let status = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<String>);
    // The address being edited; `None` while the form adds one.
    let editing = RwSignal::new(None::<CompanyAddress>);
    let load = move || {
        spawn_local(async move {
            match api::call(&GetCompanyAddresses { id: company }).await {
                Ok(found) => addresses.set(found),
                Err(failure) => error.set(Some(failure.messages())),
            }
        });
    };
    load();
    let act = move |address: CompanyAddress, delete: bool| {
        spawn_local(async move {
            error.set(None);
            let target = CompanyAddressRef {
                company,
                id: address.id,
            };
            let answer = if delete {
                api::call(&DeleteCompanyAddress { address: target }).await
            } else {
                api::call(&SetDefaultCompanyAddress { address: target }).await
            };
            match answer {
                Ok(()) => {
                    status.set(Some(if delete {
                        format!("Address \"{}\" removed.", address.details.one_line())
                    } else {
                        format!(
                            "\"{}\" is now the default {} address.",
                            address.details.one_line(),
                            address.kind.label().to_lowercase()
                        )
                    }));
                    load();
                }
                Err(failure) => error.set(Some(failure.messages())),
            }
        });
    };
    let rows = move || {
        addresses
            .get()
            .into_iter()
            .map(|address| {
                let key = address.id.to_string();
                let actions = may_manage.then(|| {
                    let (a1, a2, a3) = (address.clone(), address.clone(), address.clone());
                    view! {
                        <button type="button" class="link" id=format!("edit-address-{key}")
                            on:click=move |_| editing.set(Some(a1.clone()))>"Edit"</button>
                        {(!address.is_default).then(|| view! {
                            <button type="button" class="link" id=format!("default-address-{key}")
                                on:click=move |_| act(a2.clone(), false)>"Make default"</button>
                        })}
                        <button type="button" class="link danger" id=format!("delete-address-{key}")
                            on:click=move |_| act(a3.clone(), true)>"Delete"</button>
                    }
                });
                view! {
                    <tr data-key=key.clone()>
                        <td class="kind">{address.kind.label()}</td>
                        <td class="address">{address.details.one_line()}</td>
                        <td class="default">{if address.is_default { "Default" } else { "" }}</td>
                        <td class="actions">{actions}</td>
                    </tr>
                }
            })
            .collect_view()
    };

    view! {
        <div id="company-addresses-tab">
            <p class="status" role="status" id="addresses-status">{move || status.get()}</p>
            {move || error.get().map(|message| view! { <p class="banner error" role="alert" id="addresses-error">{message}</p> })}
            <table class="data-table" id="company-addresses">
                <thead>
                    <tr>
                        <th scope="col">"Kind"</th>
                        <th scope="col">"Address"</th>
                        <th scope="col">"Default"</th>
                        <th scope="col" class="actions">"Actions"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
            {move || addresses.with(Vec::is_empty).then(|| view! { <p class="empty" id="company-addresses-empty">"No addresses yet."</p> })}
            {may_manage.then(|| view! {
                <AddressForm
                    company=company
                    editing=editing
                    on_saved=Callback::new(move |message: String| {
                        status.set(Some(message));
                        load();
                    })
                />
            })}
        </div>
    }
}

/// Adding an address, or editing the one in `editing`. One form stays on the tab:
/// Edit fills it, and saving or Cancel empties it for the next address.
#[component]
fn AddressForm(
    company: CompanyId,
    editing: RwSignal<Option<CompanyAddress>>,
    on_saved: Callback<String>,
) -> impl IntoView {
    let kind = RwSignal::new(AddressKind::Shipping.code().to_owned());
    let line1 = RwSignal::new(String::new());
    let line2 = RwSignal::new(String::new());
    let postal_code = RwSignal::new(String::new());
    let city = RwSignal::new(String::new());
    let region = RwSignal::new(String::new());
    let country = RwSignal::new(String::new());
    let make_default = RwSignal::new(false);
    // Edit fills the fields; saving or Cancel (editing back to none) empties them.
    Effect::new(move |_| {
        let current = editing.get();
        let opened = current
            .as_ref()
            .map(|address| address.details.input())
            .unwrap_or_default();
        line1.set(opened.line1);
        line2.set(opened.line2);
        postal_code.set(opened.postal_code);
        city.set(opened.city);
        region.set(opened.region);
        country.set(opened.country);
        make_default.set(false);
        if let Some(address) = current {
            kind.set(address.kind.code().to_owned());
        }
    });
    let countries = Signal::derive(all_countries);
    let kinds = Signal::derive(|| {
        [AddressKind::Billing, AddressKind::Shipping]
            .into_iter()
            .map(|kind| (kind.code().to_owned(), kind.label().to_owned()))
            .collect::<Vec<_>>()
    });
    let form = Form::new("company-address", move || {
        let input = CompanyAddressInput {
            line1: line1.get_untracked(),
            line2: line2.get_untracked(),
            postal_code: postal_code.get_untracked(),
            city: city.get_untracked(),
            region: region.get_untracked(),
            country: country.get_untracked(),
        };
        input.parse_as("").map(|_| input)
    });
    let submit = form.submit(
        move |input| SaveCompanyAddress {
            save: CompanyAddressSave {
                company,
                id: editing.with_untracked(|current| current.as_ref().map(|address| address.id)),
                kind: AddressKind::from_code(&kind.get_untracked()).unwrap_or_default(),
                input,
                make_default: make_default.get_untracked(),
            },
        },
        move |()| {
            let edited = editing.with_untracked(Option::is_some);
            editing.set(None);
            on_saved.run(if edited {
                "Address saved.".to_owned()
            } else {
                "Address added.".to_owned()
            });
        },
    );
    let adding = move || editing.with(Option::is_none);
    let title = move || {
        if adding() {
            "Add an address"
        } else {
            "Edit address"
        }
    };

    view! {
        <form id="company-address-form" class="panel" on:submit=submit novalidate>
            <h4>{title}</h4>
            <FormBanner form=form id="company-address-banner" />
            <div hidden=move || !adding()>
                <SelectField form=form name="kind" label="Kind" value=kind options=kinds />
            </div>
            <TextField form=form name=fields::LINE1 label="Street and number" value=line1 autocomplete="address-line1" />
            <TextField form=form name=fields::LINE2 label="More address (optional)" value=line2 autocomplete="address-line2" />
            <TextField form=form name=fields::POSTAL_CODE label="Postal code" value=postal_code autocomplete="postal-code" />
            <TextField form=form name=fields::CITY label="City" value=city autocomplete="address-level2" />
            <TextField form=form name=fields::REGION label="Region (optional)" value=region autocomplete="address-level1" />
            <SelectField form=form name=fields::COUNTRY label="Country" value=country options=countries empty="Choose a country" />
            <div hidden=move || !adding()>
                <CheckField form=form name="make_default" label="Make it the default of its kind" value=make_default />
            </div>
            <div class="form-actions">
                <button type="button" class="secondary" id="company-address-cancel" hidden=adding on:click=move |_| editing.set(None)>"Cancel"</button>
                <SubmitButton form=form id="company-address-save" label="Save address" busy_label="Saving…" />
            </div>
        </form>
    }
}
