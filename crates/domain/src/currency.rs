use std::fmt;

use iso_currency::{Currency, IntoEnumIterator};
use serde::{Deserialize, Serialize};

use crate::{FieldError, FieldErrorCode};

/// An ISO 4217 alphabetic currency code such as `EUR`, upper-cased.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct CurrencyCode(String);

impl CurrencyCode {
    /// Parses what a person typed into the form field `field`; case does not matter.
    pub fn parse(field: &str, raw: &str) -> Result<Self, FieldError> {
        let code = raw.trim().to_ascii_uppercase();
        if code.is_empty() {
            return Err(FieldError::new(
                field,
                FieldErrorCode::Required,
                "Choose a preferred currency, such as EUR or USD.",
            ));
        }
        match Currency::from_code(&code) {
            Some(currency) => Ok(Self(currency.code().to_owned())),
            None => Err(FieldError::new(
                field,
                FieldErrorCode::UnknownCurrency,
                format!("\"{code}\" is not an ISO 4217 currency code; use one such as EUR or USD."),
            )),
        }
    }

    /// Wraps a code read back from the store, which only ever holds parsed ones.
    pub fn from_trusted(stored: String) -> Self {
        Self(stored)
    }

    /// The three-letter code.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for CurrencyCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Every ISO 4217 code with its English name, sorted by code: what the form offers.
pub fn all_currency_codes() -> Vec<(String, String)> {
    let mut codes: Vec<_> = Currency::iter()
        .map(|currency| (currency.code().to_owned(), currency.name().to_owned()))
        .collect();
    codes.sort_unstable();
    codes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_accepted_in_any_case_and_stored_upper_case() {
        let code = CurrencyCode::parse("preferred_currency", " eur ").expect("valid");
        assert_eq!(code.as_str(), "EUR");
    }

    #[test]
    fn unknown_codes_are_refused_with_the_code_in_the_message() {
        let error = CurrencyCode::parse("preferred_currency", "XYZ").expect_err("unknown");
        assert_eq!(error.code, FieldErrorCode::UnknownCurrency);
        assert!(error.message.contains("\"XYZ\""), "{}", error.message);
    }

    #[test]
    fn blank_is_required() {
        let error = CurrencyCode::parse("preferred_currency", "").expect_err("blank");
        assert_eq!(error.code, FieldErrorCode::Required);
    }

    #[test]
    fn the_offered_list_holds_the_common_codes_sorted() {
        let codes = all_currency_codes();
        assert!(codes.windows(2).all(|pair| pair[0].0 < pair[1].0));
        for wanted in ["CHF", "EUR", "GBP", "JPY", "USD"] {
            assert!(codes.iter().any(|(code, _)| *code == wanted), "{wanted}");
        }
    }
}
