use std::fmt;

use email_address::{EmailAddress, Options};
use serde::{Deserialize, Serialize};

use crate::bounds::{caps, chars_over, too_long};
use crate::characters::{check_visible, nfc};
use crate::{FieldError, FieldErrorCode};

/// How messages name the field.
const LABEL: &str = "email address";

/// A syntactically valid email address, trimmed, in Unicode Normalization Form C, at
/// most [`caps::EMAIL`] characters, without display text, with a dotted domain, and
/// without invisible characters (control, format, line and paragraph separators).
/// Uniqueness is case-insensitive: compare [`Email::unique_key`], not the text.
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
        let normalized = nfc(trimmed);
        if let Some(chars) = chars_over(&normalized, caps::EMAIL) {
            return Err(too_long(field, LABEL, caps::EMAIL, chars));
        }
        check_visible(field, LABEL, &normalized)?;
        let options = Options::default()
            .with_required_tld()
            .without_display_text()
            .without_domain_literal();
        EmailAddress::parse_with_options(&normalized, options)
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
    fn the_cap_is_254_characters_and_the_message_says_so() {
        let local = "a".repeat(64);
        // Labels of at most 63 characters, as DNS wants.
        let domain = format!(
            "{}.{}.{}.com",
            "b".repeat(63),
            "c".repeat(63),
            "d".repeat(57)
        );
        let at_cap = format!("{local}@{domain}");
        assert_eq!(at_cap.chars().count(), 254);
        assert!(Email::parse("email", &at_cap).is_ok());
        let error = Email::parse("email", &format!("{at_cap}x")).expect_err("too long");
        assert_eq!(error.code, FieldErrorCode::TooLong);
        assert_eq!(
            error.message,
            "Use at most 254 characters for the email address (this one has 255)."
        );
    }

    #[test]
    fn addresses_are_stored_in_nfc() {
        let email = Email::parse("email", "jose\u{301}@example.com").expect("valid");
        assert_eq!(email.as_str(), "jos\u{e9}@example.com");
        assert_eq!(
            email,
            Email::parse("email", "jos\u{e9}@example.com").expect("valid"),
            "both spellings are the same address"
        );
    }

    #[test]
    fn invisible_characters_are_refused_with_a_message_naming_them() {
        for (raw, message) in [
            (
                "moc.elpmaxe\u{202E}@ann.com",
                "Remove the invisible text-direction character U+202E from the email address.",
            ),
            (
                "ann\u{2066}@example.com",
                "Remove the invisible text-direction character U+2066 from the email address.",
            ),
            (
                "ann\u{200B}@example.com",
                "Remove the invisible zero-width character U+200B from the email address.",
            ),
            (
                "ann\u{AD}lee@example.com",
                "Remove the invisible formatting character U+00AD from the email address.",
            ),
            (
                "ann\u{2028}lee@example.com",
                "Remove the line break (line separator U+2028) from the email address.",
            ),
            (
                "ann\u{2029}lee@example.com",
                "Remove the line break (paragraph separator U+2029) from the email address.",
            ),
        ] {
            let error = Email::parse("email", raw).expect_err(raw);
            assert_eq!(error.code, FieldErrorCode::InvalidCharacters, "{raw:?}");
            assert_eq!(error.message, message);
        }
    }

    #[test]
    fn the_error_names_the_field_it_was_asked_about() {
        let error = Email::parse("contact_email", "nope").expect_err("invalid");
        assert_eq!(error.field, "contact_email");
    }
}
