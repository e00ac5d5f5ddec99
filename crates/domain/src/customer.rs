//! Customers: what the form sends, what it parses into, and what lists return.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::{CurrencyCode, Email, FieldError, PersonName};

/// Form field names of the customer form. The UI puts messages beside the input with
/// the same name, so these spellings are part of the invoke contract.
pub mod fields {
    /// The email input.
    pub const EMAIL: &str = "email";
    /// The first-name input.
    pub const FIRST_NAME: &str = "first_name";
    /// The last-name input.
    pub const LAST_NAME: &str = "last_name";
    /// The preferred-currency input.
    pub const PREFERRED_CURRENCY: &str = "preferred_currency";
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

/// What the "Add customer" form sends: the raw text of each field, unchecked.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewCustomerInput {
    /// As typed.
    pub email: String,
    /// As typed.
    pub first_name: String,
    /// As typed.
    pub last_name: String,
    /// As typed or picked, e.g. `eur`.
    pub preferred_currency: String,
}

/// A customer that passed every check and may be stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCustomer {
    /// Trimmed, syntactically valid.
    pub email: Email,
    /// Trimmed, 1 to 100 characters.
    pub first_name: PersonName,
    /// Trimmed, 1 to 100 characters.
    pub last_name: PersonName,
    /// ISO 4217.
    pub preferred_currency: CurrencyCode,
}

impl NewCustomer {
    /// Checks every field and reports every problem at once, in form order, so a
    /// person fixes the form in one pass.
    pub fn parse(input: &NewCustomerInput) -> Result<Self, Vec<FieldError>> {
        let email = Email::parse(fields::EMAIL, &input.email);
        let first_name = PersonName::parse(fields::FIRST_NAME, "first name", &input.first_name);
        let last_name = PersonName::parse(fields::LAST_NAME, "last name", &input.last_name);
        let preferred_currency =
            CurrencyCode::parse(fields::PREFERRED_CURRENCY, &input.preferred_currency);
        match (email, first_name, last_name, preferred_currency) {
            (Ok(email), Ok(first_name), Ok(last_name), Ok(preferred_currency)) => Ok(Self {
                email,
                first_name,
                last_name,
                preferred_currency,
            }),
            (email, first_name, last_name, preferred_currency) => Err([
                email.err(),
                first_name.err(),
                last_name.err(),
                preferred_currency.err(),
            ]
            .into_iter()
            .flatten()
            .collect()),
        }
    }
}

/// A stored customer as screens show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Customer {
    /// Internal identifier.
    pub id: CustomerId,
    /// As entered (trimmed).
    pub email: Email,
    /// As entered (trimmed).
    pub first_name: PersonName,
    /// As entered (trimmed).
    pub last_name: PersonName,
    /// ISO 4217.
    pub preferred_currency: CurrencyCode,
    /// When the record was created, in UTC.
    pub created_at: DateTime<Utc>,
}

/// Where a page of the name-ordered customer list continues: just after this
/// (last name, first name, id) position. Opaque to the UI, which only hands it back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerCursor {
    /// [`PersonName::sort_key`] of the last customer shown.
    pub last_name_key: String,
    /// [`PersonName::sort_key`] of the last customer shown.
    pub first_name_key: String,
    /// Breaks ties between customers with the same names.
    pub id: CustomerId,
}

impl CustomerCursor {
    /// The position just after `customer`.
    pub fn after(customer: &Customer) -> Self {
        Self {
            last_name_key: customer.last_name.sort_key(),
            first_name_key: customer.first_name.sort_key(),
            id: customer.id,
        }
    }
}

/// How many customers a page may hold at most; larger requests are clamped.
pub const MAX_PAGE_SIZE: u32 = 200;

/// A request for one page of customers sorted by last name, then first name.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerListRequest {
    /// `None` for the first page; else the `next` of the previous page.
    pub after: Option<CustomerCursor>,
    /// Wanted page size; clamped to 1..=[`MAX_PAGE_SIZE`].
    pub limit: u32,
}

impl CustomerListRequest {
    /// The page size actually used.
    pub fn page_size(&self) -> u32 {
        self.limit.clamp(1, MAX_PAGE_SIZE)
    }
}

/// One page of customers and where the next one starts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerPage {
    /// At most the requested number of customers, in list order.
    pub items: Vec<Customer>,
    /// `Some` when more customers follow.
    pub next: Option<CustomerCursor>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::FieldErrorCode;

    fn input(email: &str, first: &str, last: &str, currency: &str) -> NewCustomerInput {
        NewCustomerInput {
            email: email.into(),
            first_name: first.into(),
            last_name: last.into(),
            preferred_currency: currency.into(),
        }
    }

    #[test]
    fn a_valid_form_parses_into_trimmed_values() {
        let customer =
            NewCustomer::parse(&input(" a@example.com ", " Ann ", " Lee ", "usd")).expect("valid");
        assert_eq!(customer.email.as_str(), "a@example.com");
        assert_eq!(customer.first_name.as_str(), "Ann");
        assert_eq!(customer.last_name.as_str(), "Lee");
        assert_eq!(customer.preferred_currency.as_str(), "USD");
    }

    #[test]
    fn every_bad_field_is_reported_at_once_in_form_order() {
        let errors = NewCustomer::parse(&input("nope", "", "", "XXX")).expect_err("invalid");
        let got: Vec<_> = errors
            .iter()
            .map(|error| (error.field.as_str(), error.code))
            .collect();
        assert_eq!(
            got,
            [
                (fields::EMAIL, FieldErrorCode::InvalidEmail),
                (fields::FIRST_NAME, FieldErrorCode::Required),
                (fields::LAST_NAME, FieldErrorCode::Required),
                (fields::PREFERRED_CURRENCY, FieldErrorCode::UnknownCurrency),
            ]
        );
    }

    #[test]
    fn page_sizes_are_clamped() {
        let request = |limit| CustomerListRequest { after: None, limit };
        assert_eq!(request(0).page_size(), 1);
        assert_eq!(request(50).page_size(), 50);
        assert_eq!(request(10_000).page_size(), MAX_PAGE_SIZE);
    }
}
