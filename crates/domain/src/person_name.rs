use std::fmt;

use serde::{Deserialize, Serialize};

use crate::{FieldError, FieldErrorCode};

/// The longest first or last name we keep, in characters (not bytes).
pub const MAX_NAME_CHARS: usize = 100;

/// A first or last name: trimmed, not empty, at most [`MAX_NAME_CHARS`] characters,
/// without control characters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct PersonName(String);

impl PersonName {
    /// Parses what a person typed into the form field `field`, whose label is `label`
    /// (used in messages: "Enter a first name.").
    pub fn parse(field: &str, label: &str, raw: &str) -> Result<Self, FieldError> {
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            return Err(FieldError::new(
                field,
                FieldErrorCode::Required,
                format!("Enter a {label}."),
            ));
        }
        let chars = trimmed.chars().count();
        if chars > MAX_NAME_CHARS {
            return Err(FieldError::new(
                field,
                FieldErrorCode::TooLong,
                format!("This {label} is {chars} characters long; at most {MAX_NAME_CHARS} fit."),
            ));
        }
        if trimmed.chars().any(char::is_control) {
            return Err(FieldError::new(
                field,
                FieldErrorCode::InvalidCharacters,
                format!("Remove tabs, line breaks and other control characters from the {label}."),
            ));
        }
        Ok(Self(trimmed.to_owned()))
    }

    /// Wraps a name read back from the store, which only ever holds parsed ones.
    pub fn from_trusted(stored: String) -> Self {
        Self(stored)
    }

    /// The name as typed (trimmed).
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The key lists sort on: lower-cased, so "de Vries" sorts beside "Devlin" and not
    /// after every capitalised name. Both stores compare it byte-wise, so SQLite and
    /// Postgres return the same order.
    pub fn sort_key(&self) -> String {
        self.0.to_lowercase()
    }
}

impl fmt::Display for PersonName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(raw: &str) -> Result<PersonName, FieldError> {
        PersonName::parse("first_name", "first name", raw)
    }

    #[test]
    fn names_are_trimmed() {
        assert_eq!(parse("  Zoë \t").expect("valid").as_str(), "Zoë");
    }

    #[test]
    fn blank_names_are_required_with_a_message_naming_the_field() {
        let error = parse(" \n ").expect_err("blank");
        assert_eq!(error.code, FieldErrorCode::Required);
        assert_eq!(error.field, "first_name");
        assert_eq!(error.message, "Enter a first name.");
    }

    #[test]
    fn exactly_one_hundred_characters_fit_and_one_more_does_not() {
        assert!(
            parse(&"é".repeat(100)).is_ok(),
            "counted in characters, not bytes"
        );
        let error = parse(&"é".repeat(101)).expect_err("too long");
        assert_eq!(error.code, FieldErrorCode::TooLong);
        assert!(error.message.contains("101"), "{}", error.message);
    }

    #[test]
    fn control_characters_inside_a_name_are_refused() {
        let error = parse("Ann\u{0}Lee").expect_err("control character");
        assert_eq!(error.code, FieldErrorCode::InvalidCharacters);
    }

    #[test]
    fn the_sort_key_ignores_case() {
        assert_eq!(parse("de Vries").expect("valid").sort_key(), "de vries");
        assert_eq!(parse("Ökan").expect("valid").sort_key(), "ökan");
    }
}
