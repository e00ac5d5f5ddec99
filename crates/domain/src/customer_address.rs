//! A customer's addresses (seed 003 and the Spryker guide): many per customer, each
//! with a custom or generated address ID, one default billing and one default
//! shipping address (the first address is both until changed).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::bounds::{chars_over, too_long};
use crate::characters::{check_visible, nfc};
use crate::customer::CustomerId;
use crate::customer_fields::{CountryCode, PhoneNumber, Salutation};
use crate::field::Keep;
use crate::postal_code::parse_postal_code;
use crate::{FieldError, FieldErrorCode, PersonName};

/// Form field names of the address form.
pub mod fields {
    /// Address ID (custom, or empty to generate one).
    pub const ADDRESS_REF: &str = "address_ref";
    /// Salutation.
    pub const SALUTATION: &str = "salutation";
    /// First name.
    pub const FIRST_NAME: &str = "first_name";
    /// Last name.
    pub const LAST_NAME: &str = "last_name";
    /// Company name.
    pub const COMPANY: &str = "company";
    /// Address line 1.
    pub const LINE1: &str = "line1";
    /// Address line 2.
    pub const LINE2: &str = "line2";
    /// Address line 3.
    pub const LINE3: &str = "line3";
    /// City.
    pub const CITY: &str = "city";
    /// Postal code.
    pub const POSTAL_CODE: &str = "postal_code";
    /// Region (state, county, province).
    pub const REGION: &str = "region";
    /// Country (ISO 3166-1 alpha-2).
    pub const COUNTRY: &str = "country";
    /// Phone.
    pub const PHONE: &str = "phone";
    /// Comment.
    pub const COMMENT: &str = "comment";
    /// Tags, comma-separated.
    pub const TAGS: &str = "tags";
}

/// An address's identifier.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct AddressId(pub Uuid);

impl std::fmt::Display for AddressId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// The address form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddressInput {
    /// Empty to generate one.
    pub address_ref: String,
    /// A [`Salutation`] code, or empty.
    pub salutation: String,
    /// As typed.
    pub first_name: String,
    /// As typed.
    pub last_name: String,
    /// Optional.
    pub company: String,
    /// Required.
    pub line1: String,
    /// Optional.
    pub line2: String,
    /// Optional.
    pub line3: String,
    /// Required.
    pub city: String,
    /// Checked against the country's rule where one is known.
    pub postal_code: String,
    /// Optional.
    pub region: String,
    /// ISO 3166-1 alpha-2, required.
    pub country: String,
    /// Optional; without a country code, read as the address's country.
    pub phone: String,
    /// Optional.
    pub comment: String,
    /// Comma-separated, optional.
    pub tags: String,
}

/// The longest address line, city, region or company.
pub const MAX_LINE_CHARS: usize = 200;
/// The longest comment.
pub const MAX_COMMENT_CHARS: usize = 1_000;
/// At most this many tags, each at most [`MAX_TAG_CHARS`].
pub const MAX_TAGS: usize = 20;
/// The longest tag.
pub const MAX_TAG_CHARS: usize = 40;

/// An address that passed every check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddressDetails {
    /// `None` to generate one (only when adding).
    pub address_ref: Option<String>,
    /// Optional.
    pub salutation: Option<Salutation>,
    /// Required.
    pub first_name: PersonName,
    /// Required.
    pub last_name: PersonName,
    /// Optional.
    pub company: Option<String>,
    /// Required.
    pub line1: String,
    /// Optional.
    pub line2: Option<String>,
    /// Optional.
    pub line3: Option<String>,
    /// Required.
    pub city: String,
    /// In the country's written form.
    pub postal_code: Option<String>,
    /// Optional.
    pub region: Option<String>,
    /// ISO 3166-1 alpha-2.
    pub country: CountryCode,
    /// E.164.
    pub phone: Option<PhoneNumber>,
    /// Optional.
    pub comment: Option<String>,
    /// Trimmed, without duplicates, in the order typed.
    pub tags: Vec<String>,
}

impl AddressDetails {
    /// Checks every field and reports every problem at once, in form order.
    pub fn parse(input: &AddressInput) -> Result<Self, Vec<FieldError>> {
        let mut problems = Vec::new();
        let mut keep = Keep(&mut problems);
        let address_ref = keep.take(
            crate::customer_fields::parse_custom_id(fields::ADDRESS_REF, &input.address_ref)
                .map_err(|mut problem| {
                    problem.message = problem.message.replace("customer ID", "address ID");
                    problem
                }),
        );
        let salutation = keep.take(parse_salutation(&input.salutation));
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
        let text = |field, label, raw: &str, cap| optional_text(field, label, raw, cap);
        let company = keep.take(text(
            fields::COMPANY,
            "company",
            &input.company,
            MAX_LINE_CHARS,
        ));
        let line1 = keep.take(required(
            text(fields::LINE1, "address line", &input.line1, MAX_LINE_CHARS),
            fields::LINE1,
            "Enter the street and number.",
        ));
        let line2 = keep.take(text(
            fields::LINE2,
            "address line",
            &input.line2,
            MAX_LINE_CHARS,
        ));
        let line3 = keep.take(text(
            fields::LINE3,
            "address line",
            &input.line3,
            MAX_LINE_CHARS,
        ));
        let city = keep.take(required(
            text(fields::CITY, "city", &input.city, MAX_LINE_CHARS),
            fields::CITY,
            "Enter a city.",
        ));
        let country = keep.take(CountryCode::parse(fields::COUNTRY, &input.country));
        let postal_code = keep.take(parse_postal_code(
            fields::POSTAL_CODE,
            &input.postal_code,
            country.as_ref(),
        ));
        let region = keep.take(text(
            fields::REGION,
            "region",
            &input.region,
            MAX_LINE_CHARS,
        ));
        // A number without a country code is read as one of the address's country.
        let phone = keep.take(PhoneNumber::parse(
            fields::PHONE,
            &input.phone,
            country.as_ref(),
        ));
        let comment = keep.take(text(
            fields::COMMENT,
            "comment",
            &input.comment,
            MAX_COMMENT_CHARS,
        ));
        let tags = keep.take(parse_tags(&input.tags));
        let all = (|| {
            Some(Self {
                address_ref: address_ref?,
                salutation: salutation?,
                first_name: first_name?,
                last_name: last_name?,
                company: company?,
                line1: line1?,
                line2: line2?,
                line3: line3?,
                city: city?,
                postal_code: postal_code?,
                region: region?,
                country: country?,
                phone: phone?,
                comment: comment?,
                tags: tags?,
            })
        })();
        match all {
            Some(address) if problems.is_empty() => Ok(address),
            _ => {
                problems.sort_by_key(|problem| position(&problem.field));
                Err(problems)
            }
        }
    }

    /// The form these details read back as, with `address_ref` as the address ID.
    pub fn input(&self, address_ref: &str) -> AddressInput {
        let text = |value: &Option<String>| value.clone().unwrap_or_default();
        AddressInput {
            address_ref: address_ref.to_owned(),
            salutation: self
                .salutation
                .map(Salutation::code)
                .unwrap_or_default()
                .to_owned(),
            first_name: self.first_name.as_str().to_owned(),
            last_name: self.last_name.as_str().to_owned(),
            company: text(&self.company),
            line1: self.line1.clone(),
            line2: text(&self.line2),
            line3: text(&self.line3),
            city: self.city.clone(),
            postal_code: text(&self.postal_code),
            region: text(&self.region),
            country: self.country.as_str().to_owned(),
            phone: self
                .phone
                .as_ref()
                .map(|p| p.as_str().to_owned())
                .unwrap_or_default(),
            comment: text(&self.comment),
            tags: self.tags.join(", "),
        }
    }
}

fn position(field: &str) -> usize {
    const ORDER: [&str; 15] = [
        fields::ADDRESS_REF,
        fields::SALUTATION,
        fields::FIRST_NAME,
        fields::LAST_NAME,
        fields::COMPANY,
        fields::LINE1,
        fields::LINE2,
        fields::LINE3,
        fields::CITY,
        fields::POSTAL_CODE,
        fields::REGION,
        fields::COUNTRY,
        fields::PHONE,
        fields::COMMENT,
        fields::TAGS,
    ];
    ORDER
        .iter()
        .position(|known| *known == field)
        .unwrap_or(ORDER.len())
}

pub(crate) fn required(
    value: Result<Option<String>, FieldError>,
    field: &str,
    message: &str,
) -> Result<String, FieldError> {
    value?.ok_or_else(|| FieldError::new(field, FieldErrorCode::Required, message))
}

fn parse_salutation(raw: &str) -> Result<Option<Salutation>, FieldError> {
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        return Ok(None);
    }
    Salutation::from_code(&trimmed.to_ascii_lowercase())
        .map(Some)
        .ok_or_else(|| {
            FieldError::new(
                fields::SALUTATION,
                FieldErrorCode::InvalidChoice,
                "Choose Mr, Mrs, Ms, Mx or Dr, or leave it empty.",
            )
        })
}

/// Trimmed NFC text of at most `cap` characters without invisible characters; empty
/// is `None`.
pub(crate) fn optional_text(
    field: &str,
    label: &str,
    raw: &str,
    cap: usize,
) -> Result<Option<String>, FieldError> {
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        return Ok(None);
    }
    let normalized = nfc(trimmed);
    if let Some(chars) = chars_over(&normalized, cap) {
        return Err(too_long(field, label, cap, chars));
    }
    if field != fields::COMMENT {
        check_visible(field, label, &normalized)?;
    }
    Ok(Some(normalized))
}

fn parse_tags(raw: &str) -> Result<Vec<String>, FieldError> {
    let mut tags: Vec<String> = Vec::new();
    for tag in raw.split(',').map(str::trim).filter(|tag| !tag.is_empty()) {
        let tag = nfc(tag);
        if let Some(chars) = chars_over(&tag, MAX_TAG_CHARS) {
            return Err(too_long(fields::TAGS, "tag", MAX_TAG_CHARS, chars));
        }
        check_visible(fields::TAGS, "tag", &tag)?;
        if !tags
            .iter()
            .any(|known| known.to_lowercase() == tag.to_lowercase())
        {
            tags.push(tag);
        }
    }
    if tags.len() > MAX_TAGS {
        return Err(FieldError::new(
            fields::TAGS,
            FieldErrorCode::TooLong,
            format!("Use at most {MAX_TAGS} tags ({} here).", tags.len()),
        ));
    }
    Ok(tags)
}

/// A stored address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Address {
    /// Internal id.
    pub id: AddressId,
    /// Whose address it is.
    pub customer_id: CustomerId,
    /// The address ID people use.
    pub address_ref: String,
    /// Its fields.
    pub details: AddressDetails,
    /// The customer's default billing address.
    pub is_default_billing: bool,
    /// The customer's default shipping address.
    pub is_default_shipping: bool,
    /// Raised by every change.
    pub version: i64,
    /// When added.
    pub created_at: DateTime<Utc>,
    /// When last changed.
    pub updated_at: DateTime<Utc>,
}

impl Address {
    /// One line for lists: "Hauptstrasse 1, 8001 Zürich, Switzerland".
    pub fn one_line(&self) -> String {
        let d = &self.details;
        let place = match &d.postal_code {
            Some(code) => format!("{code} {}", d.city),
            None => d.city.clone(),
        };
        format!("{}, {place}, {}", d.line1, d.country.name())
    }
}

/// Which default an address is made.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AddressDefault {
    /// Default billing address.
    #[default]
    Billing,
    /// Default shipping address.
    Shipping,
}

/// What the address form sends: a new address (`id` `None`) or a change of one at the
/// version it was opened at.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddressSave {
    /// Whose address.
    pub customer_id: CustomerId,
    /// `None` to add.
    pub id: Option<AddressId>,
    /// The version opened (ignored when adding).
    pub version: i64,
    /// The form.
    pub input: AddressInput,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn valid() -> AddressInput {
        AddressInput {
            first_name: "Ann".into(),
            last_name: "Lee".into(),
            line1: "Bahnhofstrasse 1".into(),
            city: "Zürich".into(),
            postal_code: "8001".into(),
            country: "ch".into(),
            ..AddressInput::default()
        }
    }

    #[test]
    fn an_address_parses_with_its_country_rules() {
        let input = AddressInput {
            phone: "044 668 18 00".into(),
            tags: " office, Office , dock 4 ".into(),
            ..valid()
        };
        let address = AddressDetails::parse(&input).expect("valid");
        assert_eq!(address.country.as_str(), "CH");
        assert_eq!(address.postal_code.as_deref(), Some("8001"));
        assert_eq!(address.phone.expect("phone").as_str(), "+41446681800");
        assert_eq!(address.tags, ["office", "dock 4"]);
        assert_eq!(address.address_ref, None);
    }

    #[test]
    fn every_problem_comes_at_once_in_form_order() {
        let input = AddressInput {
            line1: " ".into(),
            city: String::new(),
            postal_code: "123".into(),
            country: "CH".into(),
            first_name: String::new(),
            ..valid()
        };
        let fields: Vec<String> = AddressDetails::parse(&input)
            .expect_err("invalid")
            .into_iter()
            .map(|problem| problem.field)
            .collect();
        assert_eq!(fields, ["first_name", "line1", "city", "postal_code"]);
    }

    #[test]
    fn an_unknown_country_is_named_in_the_message() {
        let problems = AddressDetails::parse(&AddressInput {
            country: "XX".into(),
            ..valid()
        })
        .expect_err("invalid");
        assert_eq!(problems[0].field, fields::COUNTRY);
    }

    #[test]
    fn details_read_back_as_their_form() {
        let address = AddressDetails::parse(&AddressInput {
            tags: "a, b".into(),
            ..valid()
        })
        .expect("valid");
        let input = address.input("A-1");
        assert_eq!(input.address_ref, "A-1");
        assert_eq!(input.country, "CH");
        assert_eq!(input.tags, "a, b");
        assert_eq!(
            AddressDetails::parse(&input).expect("valid again").tags,
            ["a", "b"]
        );
    }
}
