//! Customers: what the form sends, what it parses into, what the store keeps and what
//! lists return. Every field of seeds 001 and 003 is checked here, once, for the UI's
//! inline messages and again by the backend (the check that counts).

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::bounds::{chars_over, too_long};
use crate::characters::{check_visible, nfc};
use crate::custom_attribute::{AttributeDefinition, field_name, parse_values};
use crate::customer_fields::{
    CountryCode, Gender, PhoneNumber, Salutation, parse_custom_id, parse_date_of_birth,
};
use crate::email_template::TemplateKind;
use crate::field::Keep;
use crate::locale_tag::LocaleTag;
use crate::{CurrencyCode, Email, FieldError, FieldErrorCode, PersonName, Sensitive};

// The list's request and page live beside the sort and filters they carry.
pub use crate::customer_list::{CustomerCursor, CustomerListRequest, CustomerPage, MAX_PAGE_SIZE};

/// Form field names of the customer form. The UI puts messages beside the input with
/// the same name, so these spellings are part of the invoke contract.
pub mod fields {
    /// The customer ID (custom, or empty to generate one).
    pub const CUSTOMER_REF: &str = "customer_ref";
    /// The email input.
    pub const EMAIL: &str = "email";
    /// Salutation.
    pub const SALUTATION: &str = "salutation";
    /// The first-name input.
    pub const FIRST_NAME: &str = "first_name";
    /// The last-name input.
    pub const LAST_NAME: &str = "last_name";
    /// Gender.
    pub const GENDER: &str = "gender";
    /// Date of birth.
    pub const DATE_OF_BIRTH: &str = "date_of_birth";
    /// Phone.
    pub const PHONE: &str = "phone";
    /// Company (free text, not a B2B company).
    pub const COMPANY: &str = "company";
    /// Locale.
    pub const LOCALE: &str = "locale";
    /// The preferred-currency input.
    pub const PREFERRED_CURRENCY: &str = "preferred_currency";
    /// Preferred site.
    pub const PREFERRED_SITE: &str = "preferred_site";
    /// Restriction (a site; overrides the preferred site when set).
    pub const RESTRICTION: &str = "restriction";
    /// Active.
    pub const ACTIVE: &str = "active";
    /// On hold.
    pub const ON_HOLD: &str = "on_hold";
    /// Whether the customer confirmed their email address.
    pub const VERIFIED: &str = "verified";
    /// The initial password, when typed.
    pub const PASSWORD: &str = "password";
    /// The list position a page request continues after (no input shows it; a
    /// message on it goes to the banner).
    pub const AFTER: &str = "after";
}

/// A customer's internal identifier (a UUID v7, so ids sort roughly by creation). The
/// default is the nil id, which no customer has.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct CustomerId(pub Uuid);

impl std::fmt::Display for CustomerId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// A site a customer may prefer or be restricted to, as the form offers it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SiteChoice {
    /// The site's code.
    pub code: String,
    /// As people know it.
    pub name: String,
    /// The country of its default locale (`CH` for `de-CH`), the default region of
    /// phone numbers typed without a country code.
    pub country: Option<String>,
    /// Whether it has a storefront URL, which links in emails need.
    pub has_storefront: bool,
}

/// What the customer form may offer and start with: the store's enabled currencies,
/// locales and sites, and the activation defaults of the system preferences. The UI
/// checks a form against these; the backend checks again against the store's own.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerChoices {
    /// Enabled currencies (ISO 4217), the default first.
    pub currencies: Vec<String>,
    /// Enabled locales (BCP 47), the default first.
    pub locales: Vec<String>,
    /// The store's sites.
    pub sites: Vec<SiteChoice>,
    /// `customerActiveOnCreation`.
    pub active_on_creation: bool,
    /// `customerOnHoldOnCreation`.
    pub on_hold_on_creation: bool,
    /// The custom attributes administrators defined, in form order.
    #[serde(default)]
    pub attributes: Vec<AttributeDefinition>,
}

impl CustomerChoices {
    /// A blank form for a new customer: the default currency, the activation defaults.
    pub fn new_customer_input(&self) -> CustomerInput {
        CustomerInput {
            preferred_currency: self.currencies.first().cloned().unwrap_or_default(),
            active: self.active_on_creation,
            on_hold: self.on_hold_on_creation,
            ..CustomerInput::default()
        }
    }

    fn site(&self, code: &str) -> Option<&SiteChoice> {
        self.sites.iter().find(|site| site.code == code)
    }

    /// The site a customer's emails link to: the restriction, else the preferred
    /// site, else the store's default site.
    pub fn email_site(&self, input: &CustomerInput) -> Option<&SiteChoice> {
        [input.restriction.trim(), input.preferred_site.trim()]
            .into_iter()
            .find(|code| !code.is_empty())
            .and_then(|code| self.site(code))
            .or_else(|| self.site(crate::site::DEFAULT_SITE))
            .or_else(|| self.sites.first())
    }
}

/// The customer form as typed: the raw text of each field, unchecked.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerInput {
    /// Empty to generate one.
    pub customer_ref: String,
    /// As typed.
    pub email: String,
    /// A [`Salutation`] code, or empty.
    pub salutation: String,
    /// As typed.
    pub first_name: String,
    /// As typed.
    pub last_name: String,
    /// A [`Gender`] code, or empty.
    pub gender: String,
    /// `YYYY-MM-DD`, or empty.
    pub date_of_birth: String,
    /// In any usual notation, or empty.
    pub phone: String,
    /// Free text, or empty.
    pub company: String,
    /// One of the store's locales, or empty.
    pub locale: String,
    /// One of the store's currencies, e.g. `eur`.
    pub preferred_currency: String,
    /// A site code, or empty.
    pub preferred_site: String,
    /// A site code, or empty.
    pub restriction: String,
    /// Whether the customer may sign in and shop.
    pub active: bool,
    /// Whether the account is held for checks.
    pub on_hold: bool,
    /// Custom attribute values as typed, by attribute code.
    #[serde(default)]
    pub attributes: BTreeMap<String, String>,
}

/// The longest free-text company name on a customer.
pub const MAX_COMPANY_CHARS: usize = 200;

/// A customer's details that passed every check and may be stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerDetails {
    /// `None` to generate one (only when adding).
    pub customer_ref: Option<String>,
    /// Trimmed, syntactically valid.
    pub email: Email,
    /// Optional.
    pub salutation: Option<Salutation>,
    /// Trimmed, 1 to 100 characters.
    pub first_name: PersonName,
    /// Trimmed, 1 to 100 characters.
    pub last_name: PersonName,
    /// Optional.
    pub gender: Option<Gender>,
    /// In the past, at most 120 years ago.
    pub date_of_birth: Option<NaiveDate>,
    /// E.164.
    pub phone: Option<PhoneNumber>,
    /// Free text, at most [`MAX_COMPANY_CHARS`].
    pub company: Option<String>,
    /// One of the store's locales.
    pub locale: Option<LocaleTag>,
    /// One of the store's currencies.
    pub preferred_currency: CurrencyCode,
    /// One of the store's sites.
    pub preferred_site: Option<String>,
    /// One of the store's sites; overrides the preferred site.
    pub restriction: Option<String>,
    /// Whether the customer may sign in and shop.
    pub active: bool,
    /// Whether the account is held for checks.
    pub on_hold: bool,
    /// Custom attribute values in their stored form, by code.
    pub attributes: BTreeMap<String, String>,
}

impl CustomerDetails {
    /// Checks every field against `choices` and `today` (for the date of birth) and
    /// reports every problem at once, in form order, so a person fixes the form in
    /// one pass.
    pub fn parse(
        input: &CustomerInput,
        choices: &CustomerChoices,
        today: NaiveDate,
    ) -> Result<Self, Vec<FieldError>> {
        let mut problems = Vec::new();
        let mut keep = Keep(&mut problems);
        let customer_ref = keep.take(parse_custom_id(fields::CUSTOMER_REF, &input.customer_ref));
        let email = keep.take(Email::parse(fields::EMAIL, &input.email));
        let salutation = keep.take(parse_code(
            fields::SALUTATION,
            &input.salutation,
            Salutation::from_code,
            "Choose Mr, Mrs, Ms, Mx or Dr, or leave it empty.",
        ));
        let first_name = keep.take(PersonName::parse(
            fields::FIRST_NAME,
            "first name",
            &input.first_name,
        ));
        let last_name = keep.take(PersonName::parse(
            fields::LAST_NAME,
            "last name",
            &input.last_name,
        ));
        let gender = keep.take(parse_code(
            fields::GENDER,
            &input.gender,
            Gender::from_code,
            "Choose female, male or diverse, or leave it empty.",
        ));
        let date_of_birth = keep.take(parse_date_of_birth(
            fields::DATE_OF_BIRTH,
            &input.date_of_birth,
            today,
        ));
        let preferred_site = keep.take(parse_site(
            fields::PREFERRED_SITE,
            &input.preferred_site,
            choices,
        ));
        let restriction = keep.take(parse_site(fields::RESTRICTION, &input.restriction, choices));
        let locale = keep.take(parse_locale(&input.locale, choices));
        // Numbers typed without a country code are read as the country of the site
        // that applies (the restriction overrides the preferred site), else the
        // locale's region.
        let region = restriction
            .as_ref()
            .and_then(Option::as_deref)
            .or_else(|| preferred_site.as_ref().and_then(Option::as_deref))
            .and_then(|code| choices.site(code))
            .and_then(|site| site.country.clone())
            .or_else(|| {
                locale
                    .as_ref()
                    .and_then(Option::as_ref)
                    .and_then(|tag| region_of(tag.as_str()))
            })
            .map(CountryCode::from_trusted);
        let phone = keep.take(PhoneNumber::parse(
            fields::PHONE,
            &input.phone,
            region.as_ref(),
        ));
        let company = keep.take(parse_company(&input.company));
        let preferred_currency = keep.take(parse_currency(&input.preferred_currency, choices));
        let attributes = parse_values(&choices.attributes, &input.attributes)
            .map_err(|problems| keep.0.extend(problems))
            .ok();
        match (
            customer_ref,
            email,
            salutation,
            first_name,
            last_name,
            gender,
            date_of_birth,
            phone,
            company,
            locale,
            preferred_currency,
            preferred_site,
            restriction,
        ) {
            (
                Some(customer_ref),
                Some(email),
                Some(salutation),
                Some(first_name),
                Some(last_name),
                Some(gender),
                Some(date_of_birth),
                Some(phone),
                Some(company),
                Some(locale),
                Some(preferred_currency),
                Some(preferred_site),
                Some(restriction),
            ) if attributes.is_some() => Ok(Self {
                customer_ref,
                email,
                salutation,
                first_name,
                last_name,
                gender,
                date_of_birth,
                phone,
                company,
                locale,
                preferred_currency,
                preferred_site,
                restriction,
                active: input.active,
                on_hold: input.on_hold,
                attributes: attributes.unwrap_or_default(),
            }),
            _ => {
                problems.sort_by_key(|problem| form_position(&problem.field));
                Err(problems)
            }
        }
    }
}

impl CustomerDetails {
    /// The form these details read back as, with `customer_ref` as the customer ID:
    /// what audit entries record and edit conflicts compare.
    pub fn input(&self, customer_ref: &str) -> CustomerInput {
        let text = |value: Option<&str>| value.unwrap_or_default().to_owned();
        CustomerInput {
            customer_ref: customer_ref.to_owned(),
            email: self.email.as_str().to_owned(),
            salutation: text(self.salutation.map(Salutation::code)),
            first_name: self.first_name.as_str().to_owned(),
            last_name: self.last_name.as_str().to_owned(),
            gender: text(self.gender.map(Gender::code)),
            date_of_birth: self
                .date_of_birth
                .map(|date| date.format("%Y-%m-%d").to_string())
                .unwrap_or_default(),
            phone: text(self.phone.as_ref().map(PhoneNumber::as_str)),
            company: text(self.company.as_deref()),
            locale: text(self.locale.as_ref().map(LocaleTag::as_str)),
            preferred_currency: self.preferred_currency.as_str().to_owned(),
            preferred_site: text(self.preferred_site.as_deref()),
            restriction: text(self.restriction.as_deref()),
            active: self.active,
            on_hold: self.on_hold,
            attributes: self.attributes.clone(),
        }
    }
}

/// Where a field sits in the form, so messages come in the order people read them.
fn form_position(field: &str) -> usize {
    const ORDER: [&str; 13] = [
        fields::CUSTOMER_REF,
        fields::EMAIL,
        fields::SALUTATION,
        fields::FIRST_NAME,
        fields::LAST_NAME,
        fields::GENDER,
        fields::DATE_OF_BIRTH,
        fields::PHONE,
        fields::COMPANY,
        fields::LOCALE,
        fields::PREFERRED_CURRENCY,
        fields::PREFERRED_SITE,
        fields::RESTRICTION,
    ];
    ORDER
        .iter()
        .position(|known| *known == field)
        .unwrap_or(ORDER.len())
}

fn parse_code<T>(
    field: &str,
    raw: &str,
    from_code: fn(&str) -> Option<T>,
    message: &str,
) -> Result<Option<T>, FieldError> {
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        return Ok(None);
    }
    from_code(&trimmed.to_ascii_lowercase())
        .map(Some)
        .ok_or_else(|| FieldError::new(field, FieldErrorCode::InvalidChoice, message))
}

fn parse_site(
    field: &str,
    raw: &str,
    choices: &CustomerChoices,
) -> Result<Option<String>, FieldError> {
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        return Ok(None);
    }
    match choices.site(trimmed) {
        Some(site) => Ok(Some(site.code.clone())),
        None => Err(FieldError::new(
            field,
            FieldErrorCode::InvalidChoice,
            format!(
                "There is no site \"{trimmed}\": choose one of {}.",
                list_of(choices.sites.iter().map(|site| site.name.as_str()))
            ),
        )),
    }
}

fn parse_locale(raw: &str, choices: &CustomerChoices) -> Result<Option<LocaleTag>, FieldError> {
    if raw.trim().is_empty() {
        return Ok(None);
    }
    let tag = LocaleTag::parse(fields::LOCALE, raw)?;
    if choices
        .locales
        .iter()
        .any(|enabled| enabled == tag.as_str())
    {
        Ok(Some(tag))
    } else {
        Err(FieldError::new(
            fields::LOCALE,
            FieldErrorCode::InvalidChoice,
            format!(
                "{} is not one of the store's locales: choose one of {}, or ask an \
                 administrator to add it under Settings.",
                tag.as_str(),
                list_of(choices.locales.iter().map(String::as_str))
            ),
        ))
    }
}

fn parse_currency(raw: &str, choices: &CustomerChoices) -> Result<CurrencyCode, FieldError> {
    let code = CurrencyCode::parse(fields::PREFERRED_CURRENCY, raw)?;
    if choices
        .currencies
        .iter()
        .any(|enabled| enabled == code.as_str())
    {
        Ok(code)
    } else {
        Err(FieldError::new(
            fields::PREFERRED_CURRENCY,
            FieldErrorCode::InvalidChoice,
            format!(
                "{} is not one of the store's currencies: choose one of {}, or ask an \
                 administrator to add it under Settings.",
                code.as_str(),
                list_of(choices.currencies.iter().map(String::as_str))
            ),
        ))
    }
}

fn parse_company(raw: &str) -> Result<Option<String>, FieldError> {
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        return Ok(None);
    }
    let normalized = nfc(trimmed);
    if let Some(chars) = chars_over(&normalized, MAX_COMPANY_CHARS) {
        return Err(too_long(
            fields::COMPANY,
            "company",
            MAX_COMPANY_CHARS,
            chars,
        ));
    }
    check_visible(fields::COMPANY, "company", &normalized)?;
    Ok(Some(normalized))
}

/// The region subtag of a locale tag (`CH` in `de-CH`, `TW` in `zh-Hant-TW`).
pub fn region_of(tag: &str) -> Option<String> {
    tag.split('-')
        .skip(1)
        .find(|part| part.len() == 2 && part.chars().all(|c| c.is_ascii_alphabetic()))
        .map(str::to_ascii_uppercase)
}

fn list_of<'a>(items: impl Iterator<Item = &'a str>) -> String {
    let items: Vec<&str> = items.collect();
    match items.as_slice() {
        [] => "none yet".to_owned(),
        [only] => (*only).to_owned(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

/// How a new customer gets a password (seed 001's password token, or seed 003's
/// initial password). Staff never learn a password the customer chooses.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PasswordSetupInput {
    /// None now: the customer can ask for a link on the storefront.
    #[default]
    Later,
    /// Email a link to set one.
    SendLink,
    /// An initial password typed by staff.
    Typed {
        /// As typed.
        password: Sensitive<String>,
    },
    /// An initial password generated by the app and shown once.
    Generate,
}

impl PasswordSetupInput {
    /// Whether the customer gets an initial password.
    pub fn sets_initial_password(&self) -> bool {
        matches!(self, Self::Typed { .. } | Self::Generate)
    }
}

/// The emails saving a new customer sends, in order: the verification email always
/// (seed 001); a set-password link when asked for; an initial password, in the words
/// that fit the activation flags (seed 003: usable now, or "being prepared").
pub fn emails_on_create(
    password: &PasswordSetupInput,
    active: bool,
    on_hold: bool,
) -> Vec<TemplateKind> {
    let mut emails = vec![TemplateKind::Verification];
    match password {
        PasswordSetupInput::Later => {}
        PasswordSetupInput::SendLink => emails.push(TemplateKind::PasswordToken),
        PasswordSetupInput::Typed { .. } | PasswordSetupInput::Generate => {
            emails.push(if active && !on_hold {
                TemplateKind::InitialPassword
            } else {
                TemplateKind::AccountPrepared
            });
        }
    }
    emails
}

/// The emails saving a change sends: a verification email to a new address (the
/// status goes with the address), and "your account is now active" when the customer
/// becomes active and not on hold (seed 003). `before` and `after` are (active, on
/// hold).
pub fn emails_on_update(
    before: (bool, bool),
    after: (bool, bool),
    email_changed: bool,
) -> Vec<TemplateKind> {
    let usable = |(active, on_hold): (bool, bool)| active && !on_hold;
    let mut emails = Vec::new();
    if email_changed {
        emails.push(TemplateKind::Verification);
    }
    if usable(after) && !usable(before) {
        emails.push(TemplateKind::AccountActive);
    }
    emails
}

/// An email a save will send, or would send but cannot, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlannedEmail {
    /// Which message.
    pub kind: TemplateKind,
    /// `None` when it will be queued; else why it will not be.
    pub not_sent: Option<String>,
}

impl TemplateKind {
    /// Whether its message carries a single-use link, which needs a storefront URL.
    pub fn needs_link(self) -> bool {
        matches!(
            self,
            Self::Verification | Self::PasswordToken | Self::Invitation
        )
    }
}

/// `kinds` as they will go out through `site`: messages with a link are held back
/// when the site has no storefront URL, saying so, so the form can tell beforehand.
pub fn plan_emails(kinds: Vec<TemplateKind>, site: Option<&SiteChoice>) -> Vec<PlannedEmail> {
    kinds
        .into_iter()
        .map(|kind| PlannedEmail {
            kind,
            not_sent: match site {
                _ if !kind.needs_link() => None,
                Some(site) if site.has_storefront => None,
                Some(site) => Some(format!(
                    "not sent: the site {} has no storefront URL for its link (Settings, Sites)",
                    site.name
                )),
                None => Some("not sent: the store has no site to link to".to_owned()),
            },
        })
        .collect()
}

/// An email staff can send a customer again from their page.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CustomerEmail {
    /// The verification link (while Unverified).
    #[default]
    Verification,
    /// A link to set a password.
    SetPasswordLink,
}

impl CustomerEmail {
    /// The template it is written from.
    pub fn template(self) -> TemplateKind {
        match self {
            Self::Verification => TemplateKind::Verification,
            Self::SetPasswordLink => TemplateKind::PasswordToken,
        }
    }
}

/// What "Send verification email" / "Send set-password link" sends.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerEmailRequest {
    /// To whom.
    pub id: CustomerId,
    /// Which email.
    pub email: CustomerEmail,
}

/// What the "Add customer" stepper sends.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewCustomerRequest {
    /// Details, restrictions and activation.
    pub details: CustomerInput,
    /// The password step.
    pub password: PasswordSetupInput,
}

/// A customer just added: the record, the emails queued, and a generated initial
/// password, shown this once and never again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreatedCustomer {
    /// As stored.
    pub customer: Customer,
    /// The emails, in order: queued, or held back and why.
    pub emails: Vec<PlannedEmail>,
    /// Only when the app generated it.
    pub generated_password: Option<Sensitive<String>>,
}

/// A customer after a save, with the emails the save queued or held back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedCustomer {
    /// As stored now.
    pub customer: Customer,
    /// In order.
    pub emails: Vec<PlannedEmail>,
}

/// What the edit form sends: the details, and the version and values they were
/// opened at (so a conflict can tell someone else's changes from the person's own).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerUpdate {
    /// Which customer.
    pub id: CustomerId,
    /// [`Customer::version`] when the form was opened.
    pub version: i64,
    /// The form as it was opened ([`Customer::input`] of that version).
    pub opened: CustomerInput,
    /// The form.
    pub details: CustomerInput,
}

/// Whether the customer confirmed their email address.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verification {
    /// Not yet (every customer added in the back office starts so).
    Unverified,
    /// By the link in the verification email, or by staff.
    Verified,
}

impl Verification {
    /// How screens name it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Unverified => "Unverified",
            Self::Verified => "Verified",
        }
    }
}

/// A stored customer as screens show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Customer {
    /// Internal identifier.
    pub id: CustomerId,
    /// The customer ID people use (custom or generated); reserved for good.
    pub customer_ref: String,
    /// The generated reference for external use.
    pub customer_number: String,
    /// As entered (trimmed).
    pub email: Email,
    /// Optional.
    pub salutation: Option<Salutation>,
    /// As entered (trimmed).
    pub first_name: PersonName,
    /// As entered (trimmed).
    pub last_name: PersonName,
    /// Optional.
    pub gender: Option<Gender>,
    /// Optional.
    pub date_of_birth: Option<NaiveDate>,
    /// E.164.
    pub phone: Option<PhoneNumber>,
    /// Free text.
    pub company: Option<String>,
    /// BCP 47.
    pub locale: Option<LocaleTag>,
    /// ISO 4217.
    pub preferred_currency: CurrencyCode,
    /// A site code.
    pub preferred_site: Option<String>,
    /// A site code.
    pub restriction: Option<String>,
    /// Whether the customer may sign in and shop.
    pub active: bool,
    /// Whether the account is held for checks.
    pub on_hold: bool,
    /// When they confirmed their email address; `None` while Unverified.
    pub verified_at: Option<DateTime<Utc>>,
    /// When they registered on a storefront, if they did.
    pub registered_at: Option<DateTime<Utc>>,
    /// Their last successful sign-in on a storefront.
    pub last_login_at: Option<DateTime<Utc>>,
    /// When the record was created, in UTC.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
    /// Raised by every change; an edit names the version it started from.
    pub version: i64,
    /// When the personal data was erased, if it was.
    pub erased_at: Option<DateTime<Utc>>,
    /// Custom attribute values, by code.
    #[serde(default)]
    pub attributes: BTreeMap<String, String>,
    /// The names of the groups they are in, by name, where a screen asked for them
    /// (the list's Customer groups column); empty elsewhere.
    #[serde(default)]
    pub groups: Vec<String>,
}

impl Customer {
    /// Unverified or Verified.
    pub fn verification(&self) -> Verification {
        if self.verified_at.is_some() {
            Verification::Verified
        } else {
            Verification::Unverified
        }
    }

    /// "Ann Lee".
    pub fn full_name(&self) -> String {
        format!("{} {}", self.first_name, self.last_name)
    }

    /// The form, filled with this customer's values, for editing.
    pub fn input(&self) -> CustomerInput {
        self.details().input(&self.customer_ref)
    }

    /// This customer's details, as a form would parse into them.
    pub fn details(&self) -> CustomerDetails {
        CustomerDetails {
            customer_ref: Some(self.customer_ref.clone()),
            email: self.email.clone(),
            salutation: self.salutation,
            first_name: self.first_name.clone(),
            last_name: self.last_name.clone(),
            gender: self.gender,
            date_of_birth: self.date_of_birth,
            phone: self.phone.clone(),
            company: self.company.clone(),
            locale: self.locale.clone(),
            preferred_currency: self.preferred_currency.clone(),
            preferred_site: self.preferred_site.clone(),
            restriction: self.restriction.clone(),
            active: self.active,
            on_hold: self.on_hold,
            attributes: self.attributes.clone(),
        }
    }
}

/// How a flag (active, on hold, verified) reads in audit entries and edit conflicts:
/// one spelling, whether the change came from the form or a bulk action.
pub fn flag_value(on: bool) -> &'static str {
    if on { "yes" } else { "no" }
}

/// The form fields of [`CustomerInput`] as (field name, value) pairs, in form order;
/// flags read as [`flag_value`]. Audit entries and edit conflicts compare these.
pub fn input_values(input: &CustomerInput) -> Vec<(String, String)> {
    let flag = |on: bool| flag_value(on).to_owned();
    let fixed: Vec<(&'static str, String)> = vec![
        (fields::CUSTOMER_REF, input.customer_ref.clone()),
        (fields::EMAIL, input.email.clone()),
        (fields::SALUTATION, input.salutation.clone()),
        (fields::FIRST_NAME, input.first_name.clone()),
        (fields::LAST_NAME, input.last_name.clone()),
        (fields::GENDER, input.gender.clone()),
        (fields::DATE_OF_BIRTH, input.date_of_birth.clone()),
        (fields::PHONE, input.phone.clone()),
        (fields::COMPANY, input.company.clone()),
        (fields::LOCALE, input.locale.clone()),
        (fields::PREFERRED_CURRENCY, input.preferred_currency.clone()),
        (fields::PREFERRED_SITE, input.preferred_site.clone()),
        (fields::RESTRICTION, input.restriction.clone()),
        (fields::ACTIVE, flag(input.active)),
        (fields::ON_HOLD, flag(input.on_hold)),
    ];
    fixed
        .into_iter()
        .map(|(field, value)| (field.to_owned(), value))
        .chain(
            input
                .attributes
                .iter()
                .map(|(code, value)| (field_name(code), value.clone())),
        )
        .collect()
}

/// The fields whose values differ between `a` and `b`, with both values (a field one
/// side lacks reads empty), in form order: what an audit entry or a conflict lists.
pub fn differing_fields(a: &CustomerInput, b: &CustomerInput) -> Vec<(String, String, String)> {
    let a_values = input_values(a);
    let b_values = input_values(b);
    let value_in = |values: &[(String, String)], field: &str| {
        values
            .iter()
            .find(|(name, _)| name == field)
            .map(|(_, value)| value.clone())
            .unwrap_or_default()
    };
    let mut names: Vec<String> = a_values.iter().map(|(name, _)| name.clone()).collect();
    for (name, _) in &b_values {
        if !names.contains(name) {
            names.push(name.clone());
        }
    }
    names
        .into_iter()
        .filter_map(|name| {
            let (old, new) = (value_in(&a_values, &name), value_in(&b_values, &name));
            (old != new).then_some((name, old, new))
        })
        .collect()
}

/// How screens and the history name a form field.
pub fn field_label(field: &str) -> &'static str {
    match field {
        fields::CUSTOMER_REF => "Customer ID",
        fields::EMAIL => "Email",
        fields::SALUTATION => "Salutation",
        fields::FIRST_NAME => "First name",
        fields::LAST_NAME => "Last name",
        fields::GENDER => "Gender",
        fields::DATE_OF_BIRTH => "Date of birth",
        fields::PHONE => "Phone",
        fields::COMPANY => "Company",
        fields::LOCALE => "Locale",
        fields::PREFERRED_CURRENCY => "Preferred currency",
        fields::PREFERRED_SITE => "Preferred site",
        fields::RESTRICTION => "Restriction",
        fields::ACTIVE => "Active",
        fields::ON_HOLD => "On hold",
        fields::VERIFIED => "Verified",
        fields::PASSWORD => "Password",
        _ => "Other",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).expect("a date")
    }

    fn choices() -> CustomerChoices {
        CustomerChoices {
            currencies: vec!["EUR".into(), "CHF".into()],
            locales: vec!["en".into(), "de-CH".into()],
            sites: vec![
                SiteChoice {
                    code: "default".into(),
                    name: "Default".into(),
                    country: None,
                    has_storefront: false,
                },
                SiteChoice {
                    code: "ch".into(),
                    name: "Swiss shop".into(),
                    country: Some("CH".into()),
                    has_storefront: true,
                },
            ],
            active_on_creation: true,
            on_hold_on_creation: false,
            attributes: vec![crate::custom_attribute::AttributeDefinition {
                code: "tier".into(),
                label: "Loyalty tier".into(),
                other_labels: Vec::new(),
                kind: crate::custom_attribute::AttributeKind::Choice,
                required: false,
                choices: vec!["Gold".into(), "Silver".into()],
            }],
        }
    }

    fn valid() -> CustomerInput {
        CustomerInput {
            email: " ann@example.com ".into(),
            first_name: " Ann ".into(),
            last_name: "Lee".into(),
            preferred_currency: "chf".into(),
            active: true,
            ..CustomerInput::default()
        }
    }

    fn problem(input: CustomerInput) -> (String, FieldErrorCode, String) {
        let problems = CustomerDetails::parse(&input, &choices(), today()).expect_err("invalid");
        assert_eq!(problems.len(), 1, "{problems:?}");
        let only = &problems[0];
        (only.field.clone(), only.code, only.message.clone())
    }

    #[test]
    fn the_two_mandatory_fields_and_names_are_enough() {
        let details = CustomerDetails::parse(&valid(), &choices(), today()).expect("valid");
        assert_eq!(details.email.as_str(), "ann@example.com");
        assert_eq!(details.first_name.as_str(), "Ann");
        assert_eq!(details.preferred_currency.as_str(), "CHF");
        assert_eq!(details.customer_ref, None, "generated when empty");
        assert_eq!(details.phone, None);
    }

    #[test]
    fn every_field_parses_into_its_stored_form() {
        let input = CustomerInput {
            customer_ref: " CUST-00042 ".into(),
            salutation: "DR".into(),
            gender: "diverse".into(),
            date_of_birth: "1985-04-23".into(),
            phone: "044 668 18 00".into(),
            company: "  Acme  AG ".into(),
            locale: "de_ch".into(),
            preferred_site: "ch".into(),
            restriction: "default".into(),
            on_hold: true,
            ..valid()
        };
        let details = CustomerDetails::parse(&input, &choices(), today()).expect("valid");
        assert_eq!(details.customer_ref.as_deref(), Some("CUST-00042"));
        assert_eq!(details.salutation, Some(Salutation::Dr));
        assert_eq!(details.gender, Some(Gender::Diverse));
        assert_eq!(details.date_of_birth, NaiveDate::from_ymd_opt(1985, 4, 23));
        assert_eq!(
            details.phone.as_ref().map(PhoneNumber::as_str),
            Some("+41446681800"),
            "read as a Swiss number: the preferred site is in Switzerland"
        );
        assert_eq!(details.company.as_deref(), Some("Acme  AG"));
        assert_eq!(
            details.locale.as_ref().map(LocaleTag::as_str),
            Some("de-CH")
        );
        assert_eq!(details.preferred_site.as_deref(), Some("ch"));
        assert_eq!(details.restriction.as_deref(), Some("default"));
        assert!(details.active && details.on_hold);
    }

    #[test]
    fn the_locale_region_is_the_phone_default_without_a_site() {
        let input = CustomerInput {
            phone: "044 668 18 00".into(),
            locale: "de-CH".into(),
            ..valid()
        };
        let details = CustomerDetails::parse(&input, &choices(), today()).expect("valid");
        assert_eq!(details.phone.expect("a phone").as_str(), "+41446681800");
    }

    #[test]
    fn each_bad_field_says_what_to_do() {
        let cases: Vec<(CustomerInput, &str, FieldErrorCode, &str)> = vec![
            (
                CustomerInput {
                    customer_ref: "a b".into(),
                    ..valid()
                },
                fields::CUSTOMER_REF,
                FieldErrorCode::InvalidCharacters,
                "Use only letters a-z, digits, dots, hyphens and underscores, like CUST-00042; or leave it empty to have one generated.",
            ),
            (
                CustomerInput {
                    salutation: "Sir".into(),
                    ..valid()
                },
                fields::SALUTATION,
                FieldErrorCode::InvalidChoice,
                "Choose Mr, Mrs, Ms, Mx or Dr, or leave it empty.",
            ),
            (
                CustomerInput {
                    gender: "x".into(),
                    ..valid()
                },
                fields::GENDER,
                FieldErrorCode::InvalidChoice,
                "Choose female, male or diverse, or leave it empty.",
            ),
            (
                CustomerInput {
                    date_of_birth: "2030-01-01".into(),
                    ..valid()
                },
                fields::DATE_OF_BIRTH,
                FieldErrorCode::OutOfRange,
                "A date of birth is in the past: check the year.",
            ),
            (
                CustomerInput {
                    phone: "12".into(),
                    ..valid()
                },
                fields::PHONE,
                FieldErrorCode::InvalidPhone,
                "\"12\" is not a phone number: include the country code, like +41 44 668 18 00.",
            ),
            (
                CustomerInput {
                    locale: "fr".into(),
                    ..valid()
                },
                fields::LOCALE,
                FieldErrorCode::InvalidChoice,
                "fr is not one of the store's locales: choose one of en or de-CH, or ask an administrator to add it under Settings.",
            ),
            (
                CustomerInput {
                    preferred_currency: "USD".into(),
                    ..valid()
                },
                fields::PREFERRED_CURRENCY,
                FieldErrorCode::InvalidChoice,
                "USD is not one of the store's currencies: choose one of EUR or CHF, or ask an administrator to add it under Settings.",
            ),
            (
                CustomerInput {
                    preferred_site: "us".into(),
                    ..valid()
                },
                fields::PREFERRED_SITE,
                FieldErrorCode::InvalidChoice,
                "There is no site \"us\": choose one of Default or Swiss shop.",
            ),
            (
                CustomerInput {
                    company: "Acme\u{200b}".into(),
                    ..valid()
                },
                fields::COMPANY,
                FieldErrorCode::InvalidCharacters,
                "",
            ),
        ];
        for (input, field, code, message) in cases {
            let (got_field, got_code, got_message) = problem(input);
            assert_eq!((got_field.as_str(), got_code), (field, code));
            if !message.is_empty() {
                assert_eq!(got_message, message);
            }
        }
    }

    #[test]
    fn custom_attributes_are_checked_with_the_rest_and_come_last() {
        let mut input = CustomerInput {
            phone: "12".into(),
            ..valid()
        };
        input.attributes.insert("tier".into(), "Bronze".into());
        let problems = CustomerDetails::parse(&input, &choices(), today()).expect_err("invalid");
        let order: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(order, [fields::PHONE, "attr.tier"]);
        input.phone.clear();
        input.attributes.insert("tier".into(), " Gold ".into());
        let details = CustomerDetails::parse(&input, &choices(), today()).expect("valid");
        assert_eq!(
            details.attributes.get("tier").map(String::as_str),
            Some("Gold")
        );
        let mut changed = details.input("C-1");
        changed.attributes.insert("tier".into(), "Silver".into());
        assert_eq!(
            differing_fields(&details.input("C-1"), &changed),
            [(
                "attr.tier".to_owned(),
                "Gold".to_owned(),
                "Silver".to_owned()
            )]
        );
    }

    #[test]
    fn every_problem_is_reported_at_once_in_form_order() {
        let input = CustomerInput {
            email: "nope".into(),
            first_name: String::new(),
            phone: "x".into(),
            preferred_currency: "XXX".into(),
            customer_ref: "no way".into(),
            ..valid()
        };
        let problems = CustomerDetails::parse(&input, &choices(), today()).expect_err("invalid");
        let order: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(
            order,
            [
                fields::CUSTOMER_REF,
                fields::EMAIL,
                fields::FIRST_NAME,
                fields::PHONE,
                fields::PREFERRED_CURRENCY
            ]
        );
    }

    #[test]
    fn a_stored_customer_fills_the_form_it_came_from() {
        let input = CustomerInput {
            customer_ref: "CUST-1".into(),
            salutation: "mx".into(),
            gender: "female".into(),
            date_of_birth: "1990-02-03".into(),
            phone: "+41446681800".into(),
            company: "Acme".into(),
            locale: "de-CH".into(),
            preferred_currency: "CHF".into(),
            preferred_site: "ch".into(),
            on_hold: true,
            ..valid()
        };
        let d = CustomerDetails::parse(&input, &choices(), today()).expect("valid");
        let now = DateTime::<Utc>::UNIX_EPOCH;
        let customer = Customer {
            id: CustomerId::default(),
            customer_ref: "CUST-1".into(),
            customer_number: "4817293055".into(),
            email: d.email,
            salutation: d.salutation,
            first_name: d.first_name,
            last_name: d.last_name,
            gender: d.gender,
            date_of_birth: d.date_of_birth,
            phone: d.phone,
            company: d.company,
            locale: d.locale,
            preferred_currency: d.preferred_currency,
            preferred_site: d.preferred_site,
            restriction: d.restriction,
            active: d.active,
            on_hold: d.on_hold,
            verified_at: None,
            registered_at: None,
            last_login_at: None,
            created_at: now,
            updated_at: now,
            version: 1,
            erased_at: None,
            attributes: BTreeMap::new(),
            groups: Vec::new(),
        };
        let expected = CustomerInput {
            email: "ann@example.com".into(),
            first_name: "Ann".into(),
            ..input
        };
        assert_eq!(customer.input(), expected);
        assert_eq!(customer.verification(), Verification::Unverified);
        assert_eq!(customer.full_name(), "Ann Lee");
    }

    #[test]
    fn emails_follow_the_password_choice_and_the_activation_flags() {
        use TemplateKind::*;
        let typed = PasswordSetupInput::Typed {
            password: Sensitive::new("x".into()),
        };
        assert_eq!(
            emails_on_create(&PasswordSetupInput::Later, true, false),
            [Verification]
        );
        assert_eq!(
            emails_on_create(&PasswordSetupInput::SendLink, false, true),
            [Verification, PasswordToken]
        );
        assert_eq!(
            emails_on_create(&typed, true, false),
            [Verification, InitialPassword]
        );
        assert_eq!(
            emails_on_create(&PasswordSetupInput::Generate, false, true),
            [Verification, AccountPrepared]
        );
        assert_eq!(
            emails_on_create(&typed, true, true),
            [Verification, AccountPrepared]
        );
        assert_eq!(
            emails_on_update((false, true), (true, false), false),
            [AccountActive]
        );
        assert_eq!(
            emails_on_update((true, true), (true, false), false),
            [AccountActive]
        );
        assert_eq!(emails_on_update((true, false), (true, false), false), []);
        assert_eq!(emails_on_update((false, false), (true, true), false), []);
        assert_eq!(
            emails_on_update((false, false), (true, false), true),
            [Verification, AccountActive]
        );
    }

    #[test]
    fn link_emails_wait_for_a_storefront_url_and_say_so() {
        let choices = choices();
        let swiss = CustomerInput {
            preferred_site: "ch".into(),
            ..valid()
        };
        let restricted = CustomerInput {
            restriction: "default".into(),
            ..swiss.clone()
        };
        assert_eq!(
            choices.email_site(&swiss).map(|s| s.code.as_str()),
            Some("ch")
        );
        assert_eq!(
            choices.email_site(&restricted).map(|s| s.code.as_str()),
            Some("default"),
            "the restriction overrides the preferred site"
        );
        let kinds = vec![TemplateKind::Verification, TemplateKind::InitialPassword];
        let through_swiss = plan_emails(kinds.clone(), choices.email_site(&swiss));
        assert!(through_swiss.iter().all(|email| email.not_sent.is_none()));
        let through_default = plan_emails(kinds, choices.email_site(&restricted));
        assert_eq!(
            through_default[0].not_sent.as_deref(),
            Some("not sent: the site Default has no storefront URL for its link (Settings, Sites)")
        );
        assert_eq!(through_default[1].not_sent, None, "no link in it");
    }
}
