use std::fmt;

use iso_currency::{Currency, IntoEnumIterator};
use serde::{Deserialize, Serialize};

use crate::bounds::{caps, chars_over, too_long};
use crate::{FieldError, FieldErrorCode};

/// ISO 4217 codes that are not money a customer pays in: precious metals, bond-market
/// units, the SDR, the testing code, "no currency", and fund (accounting) codes.
const NOT_FOR_PAYMENT: &[&str] = &[
    "BOV", "CHE", "CHW", "CLF", "COU", "MXV", "USN", "UYI", "UYW", "XAG", "XAU", "XBA", "XBB",
    "XBC", "XBD", "XDR", "XPD", "XPT", "XSU", "XTS", "XUA", "XXX",
];

/// An ISO 4217 alphabetic currency code such as `EUR`, upper-cased; only codes of
/// money customers can pay in (no metals, funds or test codes).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct CurrencyCode(String);

impl CurrencyCode {
    /// Parses what a person typed into the form field `field`; case does not matter.
    pub fn parse(field: &str, raw: &str) -> Result<Self, FieldError> {
        if let Some(chars) = chars_over(raw.trim(), caps::CURRENCY) {
            return Err(too_long(field, "currency", caps::CURRENCY, chars));
        }
        let code = raw.trim().to_ascii_uppercase();
        if code.is_empty() {
            return Err(FieldError::new(
                field,
                FieldErrorCode::Required,
                "Choose a preferred currency, such as EUR or USD.",
            ));
        }
        if NOT_FOR_PAYMENT.contains(&code.as_str()) {
            return Err(FieldError::new(
                field,
                FieldErrorCode::UnknownCurrency,
                format!(
                    "\"{code}\" is not a currency customers pay in; use one such as EUR or USD."
                ),
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

impl CurrencyCode {
    /// The currency's English name ("Euro"), from ISO 4217.
    pub fn name(&self) -> String {
        Currency::from_code(&self.0).map_or_else(String::new, |currency| currency.name().to_owned())
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
        .filter(|currency| !NOT_FOR_PAYMENT.contains(&currency.code()))
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
    fn codes_that_are_not_money_are_refused() {
        for code in ["XXX", "XTS", "XAU", "CHE"] {
            let error = CurrencyCode::parse("preferred_currency", code).expect_err(code);
            assert_eq!(error.code, FieldErrorCode::UnknownCurrency, "{code}");
        }
        assert!(!all_currency_codes().iter().any(|(code, _)| code == "XXX"));
        assert!(
            CurrencyCode::parse("preferred_currency", "XOF").is_ok(),
            "CFA franc is money"
        );
    }

    #[test]
    fn overlong_text_is_refused_without_being_echoed() {
        let error = CurrencyCode::parse("preferred_currency", &"E".repeat(caps::CURRENCY + 1))
            .expect_err("too long");
        assert_eq!(error.code, FieldErrorCode::TooLong);
        assert_eq!(
            error.message,
            "Use at most 64 characters for the currency (this one has 65)."
        );
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
            assert!(codes.iter().any(|(code, _)| code == wanted), "{wanted}");
        }
    }
}
