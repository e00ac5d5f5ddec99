//! A company's tax ID. A VAT number with a European country prefix is checked
//! against that country's format and, where the rule is published, its check digits
//! (the European Commission's VIES format table; the check-digit rules as the tax
//! authorities publish them, the same ones python-stdnum implements); it is kept in
//! its compact form (`DE136695976`), the one VIES and invoices use. Any other tax ID
//! (a US EIN, a local business number) gets a plain length and character check and
//! is kept as typed. Hand-written rather than a crate: the one maintained crate pulls
//! a regex engine into the WebAssembly UI for what is a few lines per country.

use serde::{Deserialize, Serialize};

use crate::bounds::{chars_over, too_long};
use crate::characters::nfc;
use crate::{FieldError, FieldErrorCode};

mod rules;
#[cfg(test)]
mod tests;

use rules::{Rule, rule_for};

/// The longest tax ID, in characters.
pub const MAX_TAX_ID_CHARS: usize = 40;
/// The shortest tax ID that is not a VAT number, in characters.
pub const MIN_OTHER_TAX_ID_CHARS: usize = 4;

/// A checked tax ID.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct TaxId(String);

impl TaxId {
    /// Wraps a tax ID read back from the store, which only ever holds parsed ones.
    pub fn from_trusted(stored: String) -> Self {
        Self(stored)
    }

    /// The tax ID as kept.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Checks what was typed in `field` as a tax ID: a European VAT number by its
/// country's rule, anything else by length and characters.
pub fn parse_tax_id(field: &str, raw: &str) -> Result<TaxId, FieldError> {
    let typed = nfc(raw.trim());
    if typed.is_empty() {
        return Err(FieldError::new(
            field,
            FieldErrorCode::Required,
            "Enter the company's tax ID: its VAT number with the country prefix, like \
             DE136695976, or its local tax number.",
        ));
    }
    if let Some(chars) = chars_over(&typed, MAX_TAX_ID_CHARS) {
        return Err(too_long(field, "tax ID", MAX_TAX_ID_CHARS, chars));
    }
    let compact: String = typed
        .chars()
        .filter(|c| !matches!(c, ' ' | '.' | '-' | '/'))
        .flat_map(char::to_uppercase)
        .collect();
    if compact.starts_with("GR") && compact[2..].chars().all(|c| c.is_ascii_digit()) {
        return Err(FieldError::new(
            field,
            FieldErrorCode::InvalidChoice,
            format!(
                "Greek VAT numbers start with EL, not GR: enter EL{}.",
                &compact[2..]
            ),
        ));
    }
    match rule_for(&compact) {
        Some(rule) => check_vat(field, rule, &compact),
        None => check_other(field, &typed),
    }
}

/// A VAT number under `rule`: its shape, then its check digits.
fn check_vat(field: &str, rule: &Rule, compact: &str) -> Result<TaxId, FieldError> {
    let rest = &compact[rule.prefix.len()..];
    let rest = rule
        .suffixes
        .iter()
        .find_map(|suffix| rest.strip_suffix(suffix))
        .unwrap_or(rest);
    if !rule.shapes.iter().any(|shape| fits(rest, shape)) {
        return Err(FieldError::new(
            field,
            FieldErrorCode::InvalidChoice,
            format!(
                "{} VAT number is {} {}, like {}.",
                article(rule.country),
                rule.prefix,
                rule.described,
                rule.example
            ),
        ));
    }
    if let Some(check) = rule.check
        && !check(rest)
    {
        return Err(FieldError::new(
            field,
            FieldErrorCode::InvalidChoice,
            format!(
                "{}{rest} is not a valid {} VAT number: its check digits do not match. \
                 Look for a mistyped or swapped digit.",
                rule.prefix, rule.country
            ),
        ));
    }
    Ok(TaxId(format!("{}{rest}", rule.prefix)))
}

/// "A German", "An Austrian".
fn article(country: &str) -> String {
    let vowel = country.chars().next().is_some_and(|c| "AEIOU".contains(c));
    format!("{} {country}", if vowel { "An" } else { "A" })
}

/// Whether `text` has `shape`: `#` a digit, `@` a letter, `?` either, anything else
/// itself.
fn fits(text: &str, shape: &str) -> bool {
    text.len() == shape.len()
        && text.chars().zip(shape.chars()).all(|(c, s)| match s {
            '#' => c.is_ascii_digit(),
            '@' => c.is_ascii_uppercase(),
            '?' => c.is_ascii_digit() || c.is_ascii_uppercase(),
            literal => c == literal,
        })
}

/// A tax ID no rule is known for: 4 to 40 characters of letters, digits, spaces and
/// `- . /`, with at least one digit.
fn check_other(field: &str, typed: &str) -> Result<TaxId, FieldError> {
    let spaced: String = typed.split_whitespace().collect::<Vec<_>>().join(" ");
    if let Some(bad) = spaced
        .chars()
        .find(|c| !(c.is_alphanumeric() || matches!(c, ' ' | '-' | '.' | '/')))
    {
        return Err(FieldError::new(
            field,
            FieldErrorCode::InvalidCharacters,
            format!("A tax ID holds letters, digits, spaces and - . / only; remove \"{bad}\"."),
        ));
    }
    if !spaced.chars().any(|c| c.is_ascii_digit()) {
        return Err(FieldError::new(
            field,
            FieldErrorCode::InvalidChoice,
            "A tax ID has digits in it; check that this is the tax ID and not a name.",
        ));
    }
    let chars = spaced.chars().filter(|c| c.is_alphanumeric()).count();
    if chars < MIN_OTHER_TAX_ID_CHARS {
        return Err(FieldError::new(
            field,
            FieldErrorCode::TooShort,
            format!(
                "A tax ID has at least {MIN_OTHER_TAX_ID_CHARS} letters or digits; this one has \
                 {chars}."
            ),
        ));
    }
    Ok(TaxId(spaced))
}
