//! The customer form's fields, shared by "Add customer" and the edit form: one signal
//! per field, read into the domain's `CustomerInput` for checking and sending.

use std::collections::BTreeMap;

use desk_domain::custom_attribute::{AttributeDefinition, AttributeKind, FIELD_PREFIX, field_name};
use desk_domain::customer::{CustomerChoices, CustomerInput, fields};
use desk_domain::customer_fields::{Gender, Salutation};
use desk_domain::{CurrencyCode, StoredValue};
use leptos::prelude::*;

use crate::components::choice_field::{CheckField, SelectField};
use crate::components::form::FormState;
use crate::components::text_field::TextField;

/// One signal per field of the customer form.
#[derive(Debug, Clone, Copy)]
pub struct CustomerFields {
    pub customer_ref: RwSignal<String>,
    pub email: RwSignal<String>,
    pub salutation: RwSignal<String>,
    pub first_name: RwSignal<String>,
    pub last_name: RwSignal<String>,
    pub gender: RwSignal<String>,
    pub date_of_birth: RwSignal<String>,
    pub phone: RwSignal<String>,
    pub company: RwSignal<String>,
    pub locale: RwSignal<String>,
    pub preferred_currency: RwSignal<String>,
    pub preferred_site: RwSignal<String>,
    pub restriction: RwSignal<String>,
    pub active: RwSignal<bool>,
    pub on_hold: RwSignal<bool>,
    pub attributes: RwSignal<BTreeMap<String, String>>,
}

impl CustomerFields {
    /// Fields holding `input`.
    pub fn new(input: &CustomerInput) -> Self {
        let text = |value: &String| RwSignal::new(value.clone());
        Self {
            customer_ref: text(&input.customer_ref),
            email: text(&input.email),
            salutation: text(&input.salutation),
            first_name: text(&input.first_name),
            last_name: text(&input.last_name),
            gender: text(&input.gender),
            date_of_birth: text(&input.date_of_birth),
            phone: text(&input.phone),
            company: text(&input.company),
            locale: text(&input.locale),
            preferred_currency: text(&input.preferred_currency),
            preferred_site: text(&input.preferred_site),
            restriction: text(&input.restriction),
            active: RwSignal::new(input.active),
            on_hold: RwSignal::new(input.on_hold),
            attributes: RwSignal::new(input.attributes.clone()),
        }
    }

    /// Puts `input` into the fields.
    pub fn fill(&self, input: &CustomerInput) {
        self.customer_ref.set(input.customer_ref.clone());
        self.email.set(input.email.clone());
        self.salutation.set(input.salutation.clone());
        self.first_name.set(input.first_name.clone());
        self.last_name.set(input.last_name.clone());
        self.gender.set(input.gender.clone());
        self.date_of_birth.set(input.date_of_birth.clone());
        self.phone.set(input.phone.clone());
        self.company.set(input.company.clone());
        self.locale.set(input.locale.clone());
        self.preferred_currency
            .set(input.preferred_currency.clone());
        self.preferred_site.set(input.preferred_site.clone());
        self.restriction.set(input.restriction.clone());
        self.active.set(input.active);
        self.on_hold.set(input.on_hold);
        self.attributes.set(input.attributes.clone());
    }

    /// What the fields hold now (untracked).
    pub fn input(&self) -> CustomerInput {
        CustomerInput {
            customer_ref: self.customer_ref.get_untracked(),
            email: self.email.get_untracked(),
            salutation: self.salutation.get_untracked(),
            first_name: self.first_name.get_untracked(),
            last_name: self.last_name.get_untracked(),
            gender: self.gender.get_untracked(),
            date_of_birth: self.date_of_birth.get_untracked(),
            phone: self.phone.get_untracked(),
            company: self.company.get_untracked(),
            locale: self.locale.get_untracked(),
            preferred_currency: self.preferred_currency.get_untracked(),
            preferred_site: self.preferred_site.get_untracked(),
            restriction: self.restriction.get_untracked(),
            active: self.active.get_untracked(),
            on_hold: self.on_hold.get_untracked(),
            attributes: self
                .attributes
                .get_untracked()
                .into_iter()
                .filter(|(_, value)| !value.trim().is_empty())
                .collect(),
        }
    }

    /// Sets the text field `field` to `value` (taking a stored value after a conflict).
    pub fn set(&self, field: &str, value: &str) {
        let flag = value == "yes";
        match field {
            fields::CUSTOMER_REF => self.customer_ref.set(value.to_owned()),
            fields::EMAIL => self.email.set(value.to_owned()),
            fields::SALUTATION => self.salutation.set(value.to_owned()),
            fields::FIRST_NAME => self.first_name.set(value.to_owned()),
            fields::LAST_NAME => self.last_name.set(value.to_owned()),
            fields::GENDER => self.gender.set(value.to_owned()),
            fields::DATE_OF_BIRTH => self.date_of_birth.set(value.to_owned()),
            fields::PHONE => self.phone.set(value.to_owned()),
            fields::COMPANY => self.company.set(value.to_owned()),
            fields::LOCALE => self.locale.set(value.to_owned()),
            fields::PREFERRED_CURRENCY => self.preferred_currency.set(value.to_owned()),
            fields::PREFERRED_SITE => self.preferred_site.set(value.to_owned()),
            fields::RESTRICTION => self.restriction.set(value.to_owned()),
            fields::ACTIVE => self.active.set(flag),
            fields::ON_HOLD => self.on_hold.set(flag),
            other => {
                if let Some(code) = other.strip_prefix(FIELD_PREFIX) {
                    self.attributes
                        .update(|all| drop(all.insert(code.to_owned(), value.to_owned())));
                }
            }
        }
    }
}

/// Today in the person's own time zone, for the date-of-birth check.
pub fn local_today() -> chrono::NaiveDate {
    let now = js_sys::Date::new_0();
    chrono::NaiveDate::from_ymd_opt(
        now.get_full_year() as i32,
        now.get_month() + 1,
        now.get_date(),
    )
    .unwrap_or_default()
}

fn salutations() -> Vec<(String, String)> {
    Salutation::ALL
        .iter()
        .map(|s| (s.code().to_owned(), s.label().to_owned()))
        .collect()
}

fn genders() -> Vec<(String, String)> {
    Gender::ALL
        .iter()
        .map(|g| (g.code().to_owned(), g.label().to_owned()))
        .collect()
}

/// Seed 001's details (customer ID, email, salutation, names, gender, date of birth,
/// phone, company, locale, currency) and seed 003's restrictions and activation.
/// `conflict` holds the values stored now after an edit conflict, shown per field.
#[component]
pub fn CustomerFieldset(
    #[prop(into)] form: FormState,
    values: CustomerFields,
    #[prop(into)] choices: Signal<CustomerChoices>,
    /// Whether the customer ID may be typed (only when adding).
    editable_ref: bool,
    #[prop(optional)] conflict: Option<RwSignal<Vec<StoredValue>>>,
) -> impl IntoView {
    let currencies = Signal::derive(move || {
        choices
            .get()
            .currencies
            .into_iter()
            .map(|code| {
                let name = CurrencyCode::from_trusted(code.clone()).name();
                (code.clone(), format!("{code} – {name}"))
            })
            .collect::<Vec<_>>()
    });
    let locales = Signal::derive(move || {
        choices
            .get()
            .locales
            .into_iter()
            .map(|tag| (tag.clone(), tag))
            .collect::<Vec<_>>()
    });
    let sites = Signal::derive(move || {
        choices
            .get()
            .sites
            .into_iter()
            .map(|site| (site.code, site.name))
            .collect::<Vec<_>>()
    });
    let stored = move |field: &str| {
        conflict.and_then(|conflict| {
            conflict.with(|values| {
                values
                    .iter()
                    .find(|value| value.field == field)
                    .map(|value| value.stored.clone())
            })
        })
    };
    // The value stored now beside a field, after a conflict, with "Use this value".
    let theirs_for = move |field: String| {
        move || {
            stored(&field).map(|value| {
                let shown = if value.is_empty() {
                    "(empty)".to_owned()
                } else {
                    value.clone()
                };
                let field = field.clone();
                let take_field = field.clone();
                view! {
                    <p class="conflict" id=format!("{}-stored", form.input_id(&field))>
                        "Now stored: " <strong>{shown}</strong> " "
                        <button type="button" class="link" id=format!("{}-take", form.input_id(&field))
                            on:click=move |_| {
                                values.set(&take_field, &value);
                                if let Some(conflict) = conflict {
                                    conflict.update(|all| all.retain(|v| v.field != take_field));
                                }
                            }>"Use this value"</button>
                    </p>
                }
            })
        }
    };
    let theirs = move |field: &'static str| theirs_for(field.to_owned());
    view! {
        <fieldset>
            <legend>"Details"</legend>
            {if editable_ref {
                view! {
                    <TextField form=form name=fields::CUSTOMER_REF label="Customer ID (optional)"
                        value=values.customer_ref hint="Leave empty to have one generated." />
                }.into_any()
            } else {
                view! {
                    <p class="field"><span class="label">"Customer ID"</span> " "
                        <strong id="customer-fixed-ref">{move || values.customer_ref.get()}</strong></p>
                }.into_any()
            }}
            <TextField form=form name=fields::EMAIL label="Email" input_type="email" value=values.email />
            {theirs(fields::EMAIL)}
            <SelectField form=form name=fields::SALUTATION label="Salutation" value=values.salutation
                options=Signal::derive(salutations) empty="—" />
            {theirs(fields::SALUTATION)}
            <TextField form=form name=fields::FIRST_NAME label="First name" value=values.first_name />
            {theirs(fields::FIRST_NAME)}
            <TextField form=form name=fields::LAST_NAME label="Last name" value=values.last_name />
            {theirs(fields::LAST_NAME)}
            <SelectField form=form name=fields::GENDER label="Gender (optional)" value=values.gender
                options=Signal::derive(genders) empty="—" />
            {theirs(fields::GENDER)}
            <TextField form=form name=fields::DATE_OF_BIRTH label="Date of birth (optional)"
                input_type="date" value=values.date_of_birth />
            {theirs(fields::DATE_OF_BIRTH)}
            <TextField form=form name=fields::PHONE label="Phone (optional)" input_type="tel"
                value=values.phone hint="Any notation; without a country code, the site's country is assumed." />
            {theirs(fields::PHONE)}
            <TextField form=form name=fields::COMPANY label="Company (optional)" value=values.company />
            {theirs(fields::COMPANY)}
            <SelectField form=form name=fields::LOCALE label="Locale" value=values.locale
                options=locales empty="The site's locale" />
            {theirs(fields::LOCALE)}
            <SelectField form=form name=fields::PREFERRED_CURRENCY label="Preferred currency"
                value=values.preferred_currency options=currencies />
            {theirs(fields::PREFERRED_CURRENCY)}
            <SelectField form=form name=fields::PREFERRED_SITE label="Preferred site"
                value=values.preferred_site options=sites empty="—" />
            {theirs(fields::PREFERRED_SITE)}
        </fieldset>
        <fieldset>
            <legend>"Restrictions"</legend>
            <SelectField form=form name=fields::RESTRICTION label="Restriction (overrides the preferred site)"
                value=values.restriction options=sites empty="None: the preferred site applies" />
            {theirs(fields::RESTRICTION)}
        </fieldset>
        {move || {
            let definitions = choices.get().attributes;
            (!definitions.is_empty()).then(|| view! {
                <fieldset id=format!("{}-attributes", form.input_id("custom"))>
                    <legend>"Custom attributes"</legend>
                    {definitions.into_iter().map(|definition| {
                        let field = field_name(&definition.code);
                        view! {
                            <AttributeField form=form values=values definition=definition />
                            {theirs_for(field)}
                        }
                    }).collect_view()}
                </fieldset>
            })
        }}
        <fieldset>
            <legend>"Activation"</legend>
            <CheckField form=form name=fields::ACTIVE label="Active" value=values.active />
            {theirs(fields::ACTIVE)}
            <CheckField form=form name=fields::ON_HOLD label="On hold" value=values.on_hold />
            {theirs(fields::ON_HOLD)}
        </fieldset>
    }
}

/// The input of one custom attribute, by its kind, with its message beside it.
#[component]
fn AttributeField(
    form: FormState,
    values: CustomerFields,
    definition: AttributeDefinition,
) -> impl IntoView {
    let field = field_name(&definition.code);
    let id = form.input_id(&field);
    let error_id = format!("{id}-error");
    let code = definition.code.clone();
    let current = {
        let code = code.clone();
        move || {
            values
                .attributes
                .with(|all| all.get(&code).cloned().unwrap_or_default())
        }
    };
    let set = {
        let code = code.clone();
        move |value: String| {
            values
                .attributes
                .update(|all| drop(all.insert(code.clone(), value)));
        }
    };
    let message_field = leptos::prelude::StoredValue::new(field.clone());
    let message = move || message_field.with_value(|field| form.message(field));
    let label = if definition.required {
        definition.label.clone()
    } else {
        format!("{} (optional)", definition.label)
    };
    let input = match definition.kind {
        AttributeKind::Boolean | AttributeKind::Choice => {
            let options: Vec<(String, String)> = if definition.kind == AttributeKind::Boolean {
                vec![("yes".into(), "Yes".into()), ("no".into(), "No".into())]
            } else {
                definition
                    .choices
                    .iter()
                    .map(|c| (c.clone(), c.clone()))
                    .collect()
            };
            let current_for_options = current.clone();
            view! {
                <select id=id.clone() aria-describedby=error_id.clone()
                    prop:value=current.clone()
                    on:change=move |event| set(event_target_value(&event))>
                    <option value="">"—"</option>
                    {options.into_iter().map(|(value, text)| {
                        let chosen = current_for_options() == value;
                        view! { <option value=value selected=chosen>{text}</option> }
                    }).collect_view()}
                </select>
            }
            .into_any()
        }
        kind => {
            let input_type = match kind {
                AttributeKind::Number => "text",
                AttributeKind::Date => "date",
                _ => "text",
            };
            view! {
                <input id=id.clone() type=input_type aria-describedby=error_id.clone()
                    prop:value=current.clone()
                    on:input=move |event| set(event_target_value(&event)) />
            }
            .into_any()
        }
    };
    view! {
        <div class="field" class:invalid=move || message().is_some()>
            <label for=id>{label}</label>
            {input}
            <p class="field-error" id=error_id aria-live="polite">{message}</p>
        </div>
    }
}
