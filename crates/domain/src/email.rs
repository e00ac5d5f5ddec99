use std::fmt;

use email_address::{EmailAddress, Options};
use serde::{Deserialize, Serialize};

use crate::{FieldError, FieldErrorCode};

/// The longest address SMTP can carry (RFC 5321's 254-octet path limit).
const MAX_LEN: usize = 254;

/// A syntactically valid email address, trimmed, without display text, with a dotted
/// domain. Uniqueness is case-insensitive: compare [`Email::unique_key`], not the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Email(String);

impl Email {
    /// Parses what a person typed into the `field` form field.
    pub fn parse(field: &str, raw: &str) -> Result<Self, FieldError> {
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            return Err(FieldError::new(
                field,
                FieldErrorCode::Required,
                "Enter an email address.",
            ));
        }
        if trimmed.len() > MAX_LEN {
            return Err(FieldError::new(
                field,
                FieldErrorCode::TooLong,
                format!(
                    "This email address is {} characters long; at most {MAX_LEN} fit.",
                    trimmed.len()
                ),
            ));
        }
        let options = Options::default()
            .with_required_tld()
            .without_display_text()
            .without_domain_literal();
        EmailAddress::parse_with_options(trimmed, options)
            .map(|address| Self(address.as_str().to_owned()))
            .map_err(|_| {
                FieldError::new(
                    field,
                    FieldErrorCode::InvalidEmail,
                    "Enter an email address like name@example.com.",
                )
            })
    }

    /// Wraps an address read back from the store, which only ever holds parsed ones.
    pub fn from_trusted(stored: String) -> Self {
        Self(stored)
    }

    /// The address as stored and shown.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The value the store's unique constraint is on: the address lower-cased, so
    /// `Ann@Example.com` and `ann@example.com` cannot both exist.
    pub fn unique_key(&self) -> String {
        self.0.to_lowercase()
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code_of(raw: &str) -> Option<FieldErrorCode> {
        Email::parse("email", raw).err().map(|error| error.code)
    }

    #[test]
    fn a_plain_address_is_accepted_and_trimmed() {
        let email = Email::parse("email", "  ann.lee@example.com \n").expect("valid");
        assert_eq!(email.as_str(), "ann.lee@example.com");
    }

    #[test]
    fn the_unique_key_ignores_case() {
        let email = Email::parse("email", "Ann.Lee@Example.COM").expect("valid");
        assert_eq!(email.as_str(), "Ann.Lee@Example.COM");
        assert_eq!(email.unique_key(), "ann.lee@example.com");
    }

    #[test]
    fn malformed_addresses_are_refused_with_a_stable_code() {
        for raw in [
            "ann",
            "ann@",
            "@example.com",
            "ann@example",
            "ann lee@example.com",
            "Ann <ann@example.com>",
            "ann@[127.0.0.1]",
            "ann@@example.com",
        ] {
            assert_eq!(code_of(raw), Some(FieldErrorCode::InvalidEmail), "{raw}");
        }
    }

    #[test]
    fn blank_input_is_required_not_invalid() {
        assert_eq!(code_of("   "), Some(FieldErrorCode::Required));
    }

    #[test]
    fn overlong_addresses_are_refused() {
        let raw = format!("{}@example.com", "a".repeat(250));
        assert_eq!(code_of(&raw), Some(FieldErrorCode::TooLong));
    }

    #[test]
    fn the_error_names_the_field_it_was_asked_about() {
        let error = Email::parse("contact_email", "nope").expect_err("invalid");
        assert_eq!(error.field, "contact_email");
    }
}
