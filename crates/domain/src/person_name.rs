use std::fmt;

use serde::{Deserialize, Serialize};

use crate::bounds::{caps, chars_over, too_long};
use crate::characters::{check_visible, nfc};
use crate::{FieldError, FieldErrorCode};

/// The longest first, last or display name we keep, in characters (not bytes).
pub const MAX_NAME_CHARS: usize = caps::PERSON_NAME;

/// A first, last or display name: trimmed, not empty, in Unicode Normalization Form C,
/// at most [`MAX_NAME_CHARS`] characters (counted after normalization), without
/// invisible characters (control, format, line and paragraph separators).
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
        let normalized = nfc(trimmed);
        if let Some(chars) = chars_over(&normalized, MAX_NAME_CHARS) {
            return Err(too_long(field, label, MAX_NAME_CHARS, chars));
        }
        check_visible(field, label, &normalized)?;
        Ok(Self(normalized))
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
    fn names_are_stored_in_nfc_and_counted_after_it() {
        let name = parse("Rene\u{301}e").expect("valid");
        assert_eq!(name.as_str(), "Ren\u{e9}e");
        assert_eq!(name, parse("Ren\u{e9}e").expect("valid"));
        assert_eq!(parse("e\u{301}").expect("valid").as_str(), "\u{e9}");
        // 200 code points that compose into 100 characters fit.
        let composed = parse(&"e\u{301}".repeat(100)).expect("valid after NFC");
        assert_eq!(composed.as_str().chars().count(), 100);
    }

    #[test]
    fn invisible_characters_are_refused_with_a_message_naming_them() {
        for (raw, message) in [
            (
                "Ann\u{202E}eeL",
                "Remove the invisible text-direction character U+202E from the first name.",
            ),
            (
                "Ann\u{2067}Lee\u{2069}",
                "Remove the invisible text-direction character U+2067 from the first name.",
            ),
            (
                "An\u{200B}n",
                "Remove the invisible zero-width character U+200B from the first name.",
            ),
            (
                "An\u{FEFF}n",
                "Remove the invisible zero-width character U+FEFF from the first name.",
            ),
            (
                "An\u{AD}n",
                "Remove the invisible formatting character U+00AD from the first name.",
            ),
            (
                "Ann\u{2028}Lee",
                "Remove the line break (line separator U+2028) from the first name.",
            ),
            (
                "Ann\u{2029}Lee",
                "Remove the line break (paragraph separator U+2029) from the first name.",
            ),
            (
                "Ann\tLee",
                "Remove tabs, line breaks and other control characters from the first name.",
            ),
        ] {
            let error = parse(raw).expect_err(raw);
            assert_eq!(error.code, FieldErrorCode::InvalidCharacters, "{raw:?}");
            assert_eq!(error.field, "first_name");
            assert_eq!(error.message, message);
        }
    }

    #[test]
    fn the_sort_key_ignores_case() {
        assert_eq!(parse("de Vries").expect("valid").sort_key(), "de vries");
        assert_eq!(parse("Ökan").expect("valid").sort_key(), "ökan");
    }
}
