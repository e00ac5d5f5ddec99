//! Creating and editing a company (seed 004): name, tax ID, customer group and sales
//! representative are required; a website and a billing address are optional and
//! "can speed up a billing process". Every field is checked as it is left, with the
//! same rules the backend applies again.

use desk_domain::DeskError;
use desk_domain::commands::{CreateCompany, GetCompany, GetCompanyChoices, UpdateCompany};
use desk_domain::company::CompanyId;
use desk_domain::company_address::CompanyAddressInput;
use desk_domain::company_form::{CompanyInput, fields};
use desk_domain::company_list::{Company, CompanyChoices, CompanyUpdate};
use desk_domain::customer_fields::all_countries;
use desk_domain::customer_group::GroupId;
use desk_domain::staff::StaffId;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};

use super::{COMPANIES, company_path, set_flash};
use crate::api;
use crate::components::choice_field::{CheckField, SelectField};
use crate::components::form::{Form, FormBanner, SubmitButton};
use crate::components::text_field::TextField;

// The billing address's fields, as the domain names them (prefix `billing_`).
const LINE1: &str = "billing_line1";
const LINE2: &str = "billing_line2";
const POSTAL_CODE: &str = "billing_postal_code";
const CITY: &str = "billing_city";
const REGION: &str = "billing_region";
const COUNTRY: &str = "billing_country";

/// "Create" on the companies list.
#[component]
pub fn CreateCompanyPage() -> impl IntoView {
    view! { <CompanyForm existing=None /> }
}

/// "Edit company" (route `companies/:id/edit`).
#[component]
pub fn EditCompanyPage() -> impl IntoView {
    let params = use_params_map();
    let id = params
        .with_untracked(|params| params.get_str("id").map(str::parse::<uuid::Uuid>))
        .and_then(Result::ok)
        .map(CompanyId);
    let loaded = RwSignal::new(None::<Result<Company, String>>);
    match id {
        Some(id) => spawn_local(async move {
            loaded.set(Some(
                api::call(&GetCompany { id })
                    .await
                    .map_err(|error| error.summary()),
            ));
        }),
        None => loaded.set(Some(Err("There is no such company.".into()))),
    }
    move || match loaded.get() {
        None => view! { <p class="empty">"Loading…"</p> }.into_any(),
        Some(Ok(company)) => view! { <CompanyForm existing=Some(company) /> }.into_any(),
        Some(Err(message)) => {
            view! { <p class="banner error" role="alert" id="company-form-error">{message}</p> }
                .into_any()
        }
    }
}

/// The billing address's fields, as typed.
#[derive(Clone, Copy)]
struct BillingFields {
    line1: RwSignal<String>,
    line2: RwSignal<String>,
    postal_code: RwSignal<String>,
    city: RwSignal<String>,
    region: RwSignal<String>,
    country: RwSignal<String>,
}

impl BillingFields {
    fn new(opened: Option<&CompanyAddressInput>) -> Self {
        let value = |field: fn(&CompanyAddressInput) -> &String| {
            RwSignal::new(opened.map(field).cloned().unwrap_or_default())
        };
        Self {
            line1: value(|a| &a.line1),
            line2: value(|a| &a.line2),
            postal_code: value(|a| &a.postal_code),
            city: value(|a| &a.city),
            region: value(|a| &a.region),
            country: value(|a| &a.country),
        }
    }

    /// The address typed; `None` when every field is empty (it is optional).
    fn input(self) -> Option<CompanyAddressInput> {
        let input = CompanyAddressInput {
            line1: self.line1.get_untracked(),
            line2: self.line2.get_untracked(),
            postal_code: self.postal_code.get_untracked(),
            city: self.city.get_untracked(),
            region: self.region.get_untracked(),
            country: self.country.get_untracked(),
        };
        let empty = [
            &input.line1,
            &input.line2,
            &input.postal_code,
            &input.city,
            &input.region,
            &input.country,
        ]
        .iter()
        .all(|value| value.trim().is_empty());
        (!empty).then_some(input)
    }
}

#[component]
fn CompanyForm(existing: Option<Company>) -> impl IntoView {
    let opened = existing.as_ref().map(Company::input).unwrap_or_default();
    let name = RwSignal::new(opened.name.clone());
    let tax_id = RwSignal::new(opened.tax_id.clone());
    let group = RwSignal::new(opened.group.map(|id| id.to_string()).unwrap_or_default());
    let sales_rep = RwSignal::new(
        opened
            .sales_rep
            .map(|id| id.to_string())
            .unwrap_or_default(),
    );
    let website = RwSignal::new(opened.website.clone());
    let active = RwSignal::new(opened.active);
    let billing = BillingFields::new(opened.billing.as_ref());
    let choices = RwSignal::new(CompanyChoices::default());
    let choices_error = RwSignal::new(None::<String>);
    spawn_local(async move {
        match api::call(&GetCompanyChoices {}).await {
            Ok(loaded) => choices.set(loaded),
            Err(error) => choices_error.set(Some(error.summary())),
        }
    });
    let group_options = Signal::derive(move || {
        choices.with(|choices| {
            choices
                .groups
                .iter()
                .map(|group| (group.id.to_string(), group.name.clone()))
                .collect::<Vec<_>>()
        })
    });
    let rep_options = Signal::derive(move || {
        choices.with(|choices| {
            choices
                .sales_reps
                .iter()
                .map(|rep| (rep.id.to_string(), rep.name.clone()))
                .collect::<Vec<_>>()
        })
    });
    let countries = Signal::derive(all_countries);
    let form = Form::new("company", move || {
        let input = CompanyInput {
            name: name.get_untracked(),
            tax_id: tax_id.get_untracked(),
            group: group.get_untracked().parse().ok().map(GroupId),
            sales_rep: sales_rep.get_untracked().parse().ok().map(StaffId),
            website: website.get_untracked(),
            active: active.get_untracked(),
            billing: billing.input(),
        };
        input.parse().map(|_| input)
    });
    let navigate = use_navigate();
    let saved = move |company: Company, verb: &str| {
        set_flash(format!("Company \"{}\" {verb}.", company.row.name));
        navigate(&company_path(company.row.id), Default::default());
    };
    let submit = {
        let existing = existing.clone();
        move |event: leptos::ev::SubmitEvent| {
            let saved = saved.clone();
            match existing.clone() {
                None => form.submit(
                    |input| CreateCompany { input },
                    move |company| saved(company, "created"),
                )(event),
                Some(company) => form.submit(
                    move |input| UpdateCompany {
                        update: CompanyUpdate {
                            id: company.row.id,
                            version: company.version,
                            input,
                        },
                    },
                    move |company| saved(company, "saved"),
                )(event),
            }
        }
    };
    let conflict = move || match form.last_error() {
        Some(DeskError::EditConflict { fields: stored, .. }) => Some(
            stored
                .iter()
                .map(|value| format!("{} is now \"{}\"", field_label(&value.field), value.stored))
                .collect::<Vec<_>>()
                .join("; "),
        ),
        _ => None,
    };
    let title = if existing.is_some() {
        "Edit company"
    } else {
        "Create company"
    };
    let cancel = existing.as_ref().map_or_else(
        || COMPANIES.to_owned(),
        |company| company_path(company.row.id),
    );
    let billing_note = if existing.is_some() {
        "Billing address (optional). It is the company's default billing address; \
         remove addresses in its Address book."
    } else {
        "Billing address (optional). It can speed up billing; it becomes the company's \
         default billing address."
    };

    view! {
        <section class="list-pane wide" aria-labelledby="company-form-heading">
            <div class="pane-header">
                <h2 id="company-form-heading">{title}</h2>
                <A href=cancel attr:class="link" attr:id="company-cancel">"Cancel"</A>
            </div>
            <form id="company-form" class="company-form" on:submit=submit novalidate>
                <FormBanner form=form id="company-form-banner" />
                {move || choices_error.get().map(|message| view! {
                    <p class="banner error" role="alert" id="company-choices-error">
                        "The customer groups and sales reps could not be loaded: " {message}
                    </p>
                })}
                {move || conflict().map(|message| view! {
                    <p class="banner error" role="alert" id="company-conflict">
                        "Someone else changed this company since you opened it: " {message}
                        ". Reload the company to see their changes; your form is kept until you leave."
                    </p>
                })}
                <fieldset>
                    <legend>"Company"</legend>
                    <TextField form=form name=fields::NAME label="Name" value=name />
                    <TextField
                        form=form
                        name=fields::TAX_ID
                        label="Tax ID"
                        value=tax_id
                        hint="A VAT number with its country prefix, like DE136695976, or the local tax number."
                    />
                    <SelectField form=form name=fields::GROUP label="Customer group" value=group options=group_options empty="Choose a customer group" />
                    <SelectField form=form name=fields::SALES_REP label="Sales representative" value=sales_rep options=rep_options empty="Choose a sales rep" />
                    <TextField
                        form=form
                        name=fields::WEBSITE
                        label="Website (optional)"
                        value=website
                        input_type="url"
                        hint="Like https://acme.example; https:// is added when left out."
                    />
                    <CheckField form=form name=fields::ACTIVE label="Active (the company's members may order)" value=active />
                </fieldset>
                <fieldset>
                    <legend>{billing_note}</legend>
                    <TextField form=form name=LINE1 label="Street and number" value=billing.line1 autocomplete="address-line1" />
                    <TextField form=form name=LINE2 label="More address (optional)" value=billing.line2 autocomplete="address-line2" />
                    <TextField form=form name=POSTAL_CODE label="Postal code" value=billing.postal_code autocomplete="postal-code" />
                    <TextField form=form name=CITY label="City" value=billing.city autocomplete="address-level2" />
                    <TextField form=form name=REGION label="Region (optional)" value=billing.region autocomplete="address-level1" />
                    <SelectField form=form name=COUNTRY label="Country" value=billing.country options=countries empty="Choose a country" />
                </fieldset>
                <div class="form-actions">
                    <SubmitButton form=form id="company-save" label="Save" busy_label="Saving…" />
                </div>
            </form>
        </section>
    }
}

/// A field's name in words, for the conflict message.
fn field_label(field: &str) -> &'static str {
    match field {
        fields::NAME => "The name",
        fields::TAX_ID => "The tax ID",
        fields::GROUP => "The customer group",
        fields::SALES_REP => "The sales rep",
        fields::WEBSITE => "The website",
        fields::ACTIVE => "The status",
        _ => "A field",
    }
}
