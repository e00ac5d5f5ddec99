//! Locales as BCP 47 language tags (`en`, `de-CH`, `zh-Hant-TW`), parsed by ICU4X's
//! `icu_locale_core` and written in its canonical syntax (case and order). The backend
//! also replaces deprecated codes (`iw` → `he`) with ICU's canonicalizer.

use std::fmt;

use icu_locale_core::Locale;
use serde::{Deserialize, Serialize};

use crate::bounds::{caps, chars_over, too_long};
use crate::{FieldError, FieldErrorCode};

/// A BCP 47 language tag in canonical syntax.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct LocaleTag(String);

impl LocaleTag {
    /// Parses what a person typed into the form field `field` (`_` is taken for `-`,
    /// as many systems write `en_US`).
    pub fn parse(field: &str, raw: &str) -> Result<Self, FieldError> {
        let trimmed = raw.trim();
        if let Some(chars) = chars_over(trimmed, caps::LOCALE) {
            return Err(too_long(field, "locale", caps::LOCALE, chars));
        }
        if trimmed.is_empty() {
            return Err(FieldError::new(
                field,
                FieldErrorCode::Required,
                "Enter a locale, such as en, de-CH or pt-BR.",
            ));
        }
        let candidate = trimmed.replace('_', "-");
        match Locale::try_from_str(&candidate) {
            Ok(locale) if locale.id.language.as_str() != "und" => Ok(Self(locale.to_string())),
            _ => Err(FieldError::new(
                field,
                FieldErrorCode::InvalidChoice,
                format!(
                    "\"{trimmed}\" is not a language tag: use a language code, optionally with \
                     a region, such as en, de-CH or pt-BR."
                ),
            )),
        }
    }

    /// Wraps a tag read back from the store, which only ever holds parsed ones.
    pub fn from_trusted(stored: String) -> Self {
        Self(stored)
    }

    /// The tag.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The tag's language alone (`de` for `de-CH`), for falling back.
    pub fn language(&self) -> &str {
        self.0.split('-').next().unwrap_or(&self.0)
    }
}

impl fmt::Display for LocaleTag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_written_in_canonical_case() {
        for (typed, canonical) in [
            ("en", "en"),
            ("EN-us", "en-US"),
            ("de_ch", "de-CH"),
            (" zh-hant-tw ", "zh-Hant-TW"),
            ("sr-Latn", "sr-Latn"),
        ] {
            assert_eq!(
                LocaleTag::parse("locale", typed).expect(typed).as_str(),
                canonical
            );
        }
    }

    #[test]
    fn what_is_not_a_tag_is_refused_with_an_example() {
        for typed in ["english", "e", "en-", "und", "12"] {
            let problem = LocaleTag::parse("locale", typed).expect_err(typed);
            assert!(
                problem.message.contains("de-CH"),
                "{typed}: {}",
                problem.message
            );
        }
        assert_eq!(
            LocaleTag::parse("locale", " ").expect_err("empty").code,
            FieldErrorCode::Required
        );
    }

    #[test]
    fn the_language_is_the_first_subtag() {
        let tag = LocaleTag::parse("locale", "pt-BR").expect("valid");
        assert_eq!(tag.language(), "pt");
    }
}
