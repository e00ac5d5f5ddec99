//! A company's addresses (seed 004's address book): billing and shipping addresses,
//! one default of each kind. The company form's billing address is the default
//! billing address of its book.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::FieldError;
use crate::company::CompanyId;
use crate::customer_address::{MAX_LINE_CHARS, optional_text, required};
use crate::customer_fields::CountryCode;
use crate::field::Keep;
use crate::postal_code::parse_postal_code;

/// Form field names of a company address, after the form's prefix (`billing_` in the
/// company form).
pub mod fields {
    /// Street and number.
    pub const LINE1: &str = "line1";
    /// More of the address.
    pub const LINE2: &str = "line2";
    /// Postal code.
    pub const POSTAL_CODE: &str = "postal_code";
    /// City.
    pub const CITY: &str = "city";
    /// Region (state, county, province).
    pub const REGION: &str = "region";
    /// Country (ISO 3166-1 alpha-2).
    pub const COUNTRY: &str = "country";
    /// The prefix of the company form's billing address fields.
    pub const BILLING_PREFIX: &str = "billing_";
}

/// A company address's id.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct CompanyAddressId(pub Uuid);

impl std::fmt::Display for CompanyAddressId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// Billing or shipping.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AddressKind {
    /// Where invoices go.
    #[default]
    Billing,
    /// Where goods go.
    Shipping,
}

impl AddressKind {
    /// The code the store keeps.
    pub fn code(self) -> &'static str {
        match self {
            Self::Billing => "billing",
            Self::Shipping => "shipping",
        }
    }

    /// The kind a stored code names.
    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "billing" => Some(Self::Billing),
            "shipping" => Some(Self::Shipping),
            _ => None,
        }
    }

    /// For people.
    pub fn label(self) -> &'static str {
        match self {
            Self::Billing => "Billing",
            Self::Shipping => "Shipping",
        }
    }
}

/// A company address as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompanyAddressInput {
    /// Street and number.
    pub line1: String,
    /// More of the address (building, department).
    pub line2: String,
    /// Postal code.
    pub postal_code: String,
    /// City.
    pub city: String,
    /// Region.
    pub region: String,
    /// Country code.
    pub country: String,
}

/// A company address, checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompanyAddressDetails {
    /// Required.
    pub line1: String,
    /// Optional.
    pub line2: Option<String>,
    /// In the country's written form.
    pub postal_code: Option<String>,
    /// Required.
    pub city: String,
    /// Optional.
    pub region: Option<String>,
    /// ISO 3166-1 alpha-2.
    pub country: CountryCode,
}

impl CompanyAddressInput {
    /// Checks the address of the company form (fields named `billing_…`).
    pub fn parse(&self) -> Result<CompanyAddressDetails, Vec<FieldError>> {
        self.parse_as(fields::BILLING_PREFIX)
    }

    /// Checks every field, naming each `prefix` + its name.
    pub fn parse_as(&self, prefix: &str) -> Result<CompanyAddressDetails, Vec<FieldError>> {
        let name = |field: &str| format!("{prefix}{field}");
        let mut problems = Vec::new();
        let mut keep = Keep(&mut problems);
        let line1 = keep.take(required(
            optional_text(
                &name(fields::LINE1),
                "address line",
                &self.line1,
                MAX_LINE_CHARS,
            ),
            &name(fields::LINE1),
            "Enter the street and number.",
        ));
        let line2 = keep.take(optional_text(
            &name(fields::LINE2),
            "address line",
            &self.line2,
            MAX_LINE_CHARS,
        ));
        let city = keep.take(required(
            optional_text(&name(fields::CITY), "city", &self.city, MAX_LINE_CHARS),
            &name(fields::CITY),
            "Enter a city.",
        ));
        let region = keep.take(optional_text(
            &name(fields::REGION),
            "region",
            &self.region,
            MAX_LINE_CHARS,
        ));
        let country = keep.take(CountryCode::parse(&name(fields::COUNTRY), &self.country));
        let postal_code = keep.take(parse_postal_code(
            &name(fields::POSTAL_CODE),
            &self.postal_code,
            country.as_ref(),
        ));
        match (line1, line2, city, region, country, postal_code) {
            (
                Some(line1),
                Some(line2),
                Some(city),
                Some(region),
                Some(country),
                Some(postal_code),
            ) if problems.is_empty() => Ok(CompanyAddressDetails {
                line1,
                line2,
                postal_code,
                city,
                region,
                country,
            }),
            _ => Err(problems),
        }
    }
}

impl CompanyAddressDetails {
    /// The form, filled with this address.
    pub fn input(&self) -> CompanyAddressInput {
        CompanyAddressInput {
            line1: self.line1.clone(),
            line2: self.line2.clone().unwrap_or_default(),
            postal_code: self.postal_code.clone().unwrap_or_default(),
            city: self.city.clone(),
            region: self.region.clone().unwrap_or_default(),
            country: self.country.as_str().to_owned(),
        }
    }

    /// On one line: "Hauptstrasse 1, 10115 Berlin, DE".
    pub fn one_line(&self) -> String {
        let mut parts = vec![self.line1.clone()];
        parts.extend(self.line2.clone());
        let place = match &self.postal_code {
            Some(code) => format!("{code} {}", self.city),
            None => self.city.clone(),
        };
        parts.push(place);
        parts.extend(self.region.clone());
        parts.push(self.country.as_str().to_owned());
        parts.join(", ")
    }
}

/// An address of a company's book, as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompanyAddress {
    /// Its id.
    pub id: CompanyAddressId,
    /// Billing or shipping.
    pub kind: AddressKind,
    /// Whether it is the default of its kind.
    pub is_default: bool,
    /// The address.
    pub details: CompanyAddressDetails,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
}

/// Adding an address to a company's book, or changing one.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompanyAddressSave {
    /// Whose book.
    pub company: CompanyId,
    /// `None` to add; the address to change otherwise (its kind stays).
    pub id: Option<CompanyAddressId>,
    /// Billing or shipping (when adding).
    pub kind: AddressKind,
    /// The address as typed (fields named without a prefix).
    pub input: CompanyAddressInput,
    /// Make it the default of its kind (when adding; the first of a kind is anyway).
    pub make_default: bool,
}

/// One address of one company's book.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompanyAddressRef {
    /// Whose book.
    pub company: CompanyId,
    /// Which address.
    pub id: CompanyAddressId,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_needs_street_city_and_country_and_checks_the_postal_code() {
        let problems = CompanyAddressInput::default()
            .parse_as("")
            .expect_err("empty");
        let named: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(named, [fields::LINE1, fields::CITY, fields::COUNTRY]);
        let address = CompanyAddressInput {
            line1: " Hauptstrasse 1 ".into(),
            postal_code: "10115".into(),
            city: "Berlin".into(),
            country: "de".into(),
            ..CompanyAddressInput::default()
        }
        .parse()
        .expect("valid");
        assert_eq!(address.one_line(), "Hauptstrasse 1, 10115 Berlin, DE");
        assert_eq!(address.input().parse(), Ok(address));
    }
}
