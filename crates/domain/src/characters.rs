//! Which characters names and email addresses may hold, and their one spelling (NFC).
//!
//! Names and addresses end up in permanent records and in other people's screens, so
//! they must look like what they are. Characters that draw nothing but change how the
//! rest is drawn or compared are refused: control characters (`Cc`), every format
//! character (`Cf`: bidirectional marks, embeddings, overrides and isolates, zero-width
//! spaces and joiners, the byte-order mark, soft hyphens, tags …) and the line and
//! paragraph separators (`Zl`, `Zp`). An override such as U+202E makes "moc.elpmaxe"
//! display as "example.com"; a zero-width space makes two names that look the same
//! differ. The category comes from `unicode-properties`, so new format characters of
//! future Unicode versions are refused without a hand-kept list.
//!
//! Zero-width joiners and non-joiners (U+200C, U+200D) are `Cf` too and are refused
//! with the rest; some Persian and Indic spellings use them, which is the cost of a
//! name that always looks like what is stored.

use unicode_normalization::UnicodeNormalization;
use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};

use crate::{FieldError, FieldErrorCode};

/// What kind of refused character a text holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Refused {
    /// `Cc`: tab, line feed, NUL, the C1 controls …
    Control,
    /// A `Cf` that sets the direction of text: marks, embeddings, overrides, isolates.
    Direction,
    /// A `Cf` that draws nothing and takes no room: zero-width space, joiners, word
    /// joiner, byte-order mark.
    ZeroWidth,
    /// Any other `Cf` (soft hyphen, Arabic number signs, tags, …).
    Format,
    /// `Zl`: U+2028.
    LineSeparator,
    /// `Zp`: U+2029.
    ParagraphSeparator,
}

/// Why `c` may not be in a name or an email address, or `None` when it may.
pub(crate) fn refused(c: char) -> Option<Refused> {
    match c.general_category() {
        GeneralCategory::Control => Some(Refused::Control),
        GeneralCategory::LineSeparator => Some(Refused::LineSeparator),
        GeneralCategory::ParagraphSeparator => Some(Refused::ParagraphSeparator),
        GeneralCategory::Format => Some(match c {
            '\u{061C}'
            | '\u{200E}'
            | '\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2066}'..='\u{2069}' => Refused::Direction,
            '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' => Refused::ZeroWidth,
            _ => Refused::Format,
        }),
        _ => None,
    }
}

/// The first refused character of `text`, with why.
pub(crate) fn first_refused(text: &str) -> Option<(char, Refused)> {
    text.chars().find_map(|c| refused(c).map(|why| (c, why)))
}

/// `text` without any refused character (for showing what somebody typed, never for
/// accepting it).
pub(crate) fn without_refused(text: &str) -> String {
    text.chars().filter(|c| refused(*c).is_none()).collect()
}

/// `text` in Normalization Form C, so "e" + U+0301 and "é" are stored, compared and
/// counted as the same one character.
pub(crate) fn nfc(text: &str) -> String {
    text.nfc().collect()
}

/// Checks that `text` (the value of form field `field`, called `label` in messages)
/// holds no refused character; the message names the first one.
pub(crate) fn check_visible(field: &str, label: &str, text: &str) -> Result<(), FieldError> {
    let Some((c, why)) = first_refused(text) else {
        return Ok(());
    };
    let code = format!("U+{:04X}", u32::from(c));
    let message = match why {
        Refused::Control => {
            format!("Remove tabs, line breaks and other control characters from the {label}.")
        }
        Refused::Direction => {
            format!("Remove the invisible text-direction character {code} from the {label}.")
        }
        Refused::ZeroWidth => {
            format!("Remove the invisible zero-width character {code} from the {label}.")
        }
        Refused::Format => {
            format!("Remove the invisible formatting character {code} from the {label}.")
        }
        Refused::LineSeparator => {
            format!("Remove the line break (line separator {code}) from the {label}.")
        }
        Refused::ParagraphSeparator => {
            format!("Remove the line break (paragraph separator {code}) from the {label}.")
        }
    };
    Err(FieldError::new(
        field,
        FieldErrorCode::InvalidCharacters,
        message,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_refused_class_is_recognised() {
        let cases = [
            ('\u{0}', Refused::Control),
            ('\t', Refused::Control),
            ('\u{85}', Refused::Control),
            ('\u{202E}', Refused::Direction),
            ('\u{202A}', Refused::Direction),
            ('\u{2066}', Refused::Direction),
            ('\u{2069}', Refused::Direction),
            ('\u{200F}', Refused::Direction),
            ('\u{061C}', Refused::Direction),
            ('\u{200B}', Refused::ZeroWidth),
            ('\u{200D}', Refused::ZeroWidth),
            ('\u{2060}', Refused::ZeroWidth),
            ('\u{FEFF}', Refused::ZeroWidth),
            ('\u{00AD}', Refused::Format),
            ('\u{180E}', Refused::Format),
            ('\u{E0041}', Refused::Format),
            ('\u{2028}', Refused::LineSeparator),
            ('\u{2029}', Refused::ParagraphSeparator),
        ];
        for (c, why) in cases {
            assert_eq!(refused(c), Some(why), "U+{:04X}", u32::from(c));
        }
    }

    #[test]
    fn letters_marks_spaces_and_punctuation_are_allowed() {
        for c in [
            'a', 'Ö', 'ß', 'ł', 'ж', 'ע', 'م', '李', '\u{301}', ' ', '\u{A0}', '-', '\'', '.', '@',
        ] {
            assert_eq!(refused(c), None, "U+{:04X}", u32::from(c));
        }
    }

    #[test]
    fn nfc_composes_a_letter_and_its_combining_accent() {
        assert_eq!(nfc("e\u{301}"), "é");
        assert_eq!(nfc("e\u{301}").chars().count(), 1);
        assert_eq!(nfc("Zoë"), "Zoë");
    }

    #[test]
    fn the_message_names_the_character_and_the_field() {
        let error =
            check_visible("display_name", "display name", "Ann\u{202E}Lee").expect_err("override");
        assert_eq!(error.field, "display_name");
        assert_eq!(error.code, FieldErrorCode::InvalidCharacters);
        assert_eq!(
            error.message,
            "Remove the invisible text-direction character U+202E from the display name."
        );
    }

    #[test]
    fn refused_characters_can_be_dropped_for_display() {
        assert_eq!(without_refused("a\u{202E}n\u{200B}n\u{2028}\t@x"), "ann@x");
    }
}
