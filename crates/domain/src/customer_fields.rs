//! The customer fields of seeds 001 and 003 beyond name, email and currency, each with
//! its parser: salutation, gender, date of birth, phone (libphonenumber's rules, kept as
//! E.164), country (ISO 3166-1) and the optional custom customer ID. The form runs
//! these for its messages; the backend runs them again.

use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::{FieldError, FieldErrorCode};

/// How a customer is addressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Salutation {
    /// Mr
    Mr,
    /// Mrs
    Mrs,
    /// Ms
    Ms,
    /// Mx (gender-neutral)
    Mx,
    /// Dr
    Dr,
}

impl Salutation {
    /// Every choice, in the order the form offers them.
    pub const ALL: [Self; 5] = [Self::Mr, Self::Mrs, Self::Ms, Self::Mx, Self::Dr];

    /// The stable spelling.
    pub fn code(self) -> &'static str {
        match self {
            Self::Mr => "mr",
            Self::Mrs => "mrs",
            Self::Ms => "ms",
            Self::Mx => "mx",
            Self::Dr => "dr",
        }
    }

    /// The choice spelled `code`.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|choice| choice.code() == code)
    }

    /// As written before a name.
    pub fn label(self) -> &'static str {
        match self {
            Self::Mr => "Mr",
            Self::Mrs => "Mrs",
            Self::Ms => "Ms",
            Self::Mx => "Mx",
            Self::Dr => "Dr",
        }
    }
}

/// A customer's gender, if they gave it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Gender {
    /// Female.
    Female,
    /// Male.
    Male,
    /// Diverse (neither, both, or another).
    Diverse,
}

impl Gender {
    /// Every choice, in the order the form offers them.
    pub const ALL: [Self; 3] = [Self::Female, Self::Male, Self::Diverse];

    /// The stable spelling.
    pub fn code(self) -> &'static str {
        match self {
            Self::Female => "female",
            Self::Male => "male",
            Self::Diverse => "diverse",
        }
    }

    /// The choice spelled `code`.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|choice| choice.code() == code)
    }

    /// How the form names it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Female => "Female",
            Self::Male => "Male",
            Self::Diverse => "Diverse",
        }
    }
}

/// The oldest age a date of birth may give: older than anyone recorded.
pub const OLDEST_AGE_YEARS: i32 = 120;

/// A date of birth as typed (`YYYY-MM-DD`, what a date input sends): in the past, and
/// not more than [`OLDEST_AGE_YEARS`] before `today`. Empty is no date.
pub fn parse_date_of_birth(
    field: &str,
    raw: &str,
    today: NaiveDate,
) -> Result<Option<NaiveDate>, FieldError> {
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        return Ok(None);
    }
    let date = NaiveDate::parse_from_str(trimmed, "%Y-%m-%d").map_err(|_| {
        FieldError::new(
            field,
            FieldErrorCode::OutOfRange,
            "Enter the date of birth as year-month-day, like 1985-04-23.",
        )
    })?;
    if date >= today {
        return Err(FieldError::new(
            field,
            FieldErrorCode::OutOfRange,
            "A date of birth is in the past: check the year.",
        ));
    }
    if today.year() - date.year() > OLDEST_AGE_YEARS {
        return Err(FieldError::new(
            field,
            FieldErrorCode::OutOfRange,
            format!(
                "That would make the customer over {OLDEST_AGE_YEARS} years old: check the year."
            ),
        ));
    }
    Ok(Some(date))
}

/// An ISO 3166-1 alpha-2 country code such as `CH`, upper-cased.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct CountryCode(String);

impl CountryCode {
    /// Parses what was typed or chosen in `field`; case does not matter.
    pub fn parse(field: &str, raw: &str) -> Result<Self, FieldError> {
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            return Err(FieldError::new(
                field,
                FieldErrorCode::Required,
                "Choose a country.",
            ));
        }
        isocountry::CountryCode::for_alpha2_caseless(trimmed)
            .map(|country| Self(country.alpha2().to_owned()))
            .map_err(|_| {
                FieldError::new(
                    field,
                    FieldErrorCode::InvalidChoice,
                    format!(
                        "\"{trimmed}\" is not an ISO 3166-1 country code; use two letters, \
                         like CH or DE."
                    ),
                )
            })
    }

    /// Wraps a code read back from the store, which only ever holds parsed ones.
    pub fn from_trusted(stored: String) -> Self {
        Self(stored)
    }

    /// The two-letter code.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The country's English name ("Switzerland").
    pub fn name(&self) -> String {
        isocountry::CountryCode::for_alpha2(&self.0)
            .map_or_else(|_| self.0.clone(), |country| country.name().to_owned())
    }
}

/// Every country, as (code, English name), sorted by name: for pickers.
pub fn all_countries() -> Vec<(String, String)> {
    let mut countries: Vec<(String, String)> = isocountry::CountryCode::iter()
        .map(|country| (country.alpha2().to_owned(), country.name().to_owned()))
        .collect();
    countries.sort_by(|a, b| a.1.cmp(&b.1));
    countries
}

/// A phone number in E.164 (`+41446681800`), checked against libphonenumber's rules
/// for its country.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct PhoneNumber(String);

impl PhoneNumber {
    /// Parses what was typed in `field`, in any usual notation (`044 668 18 00`,
    /// `+41 (0)44 668-18-00`); a number without a country code is read as one of
    /// `default_region` (the country of the customer's site or address). Empty is no
    /// number.
    pub fn parse(
        field: &str,
        raw: &str,
        default_region: Option<&CountryCode>,
    ) -> Result<Option<Self>, FieldError> {
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            return Ok(None);
        }
        if trimmed.chars().count() > 40 {
            return Err(FieldError::new(
                field,
                FieldErrorCode::TooLong,
                "A phone number has at most 40 characters.",
            ));
        }
        let region = default_region
            .and_then(|country| phonenumber::country::Id::from_str(country.as_str()).ok());
        let example = "include the country code, like +41 44 668 18 00";
        let parsed = phonenumber::parse(region, trimmed).map_err(|_| {
            FieldError::new(
                field,
                FieldErrorCode::InvalidPhone,
                format!("\"{trimmed}\" is not a phone number: {example}."),
            )
        })?;
        if !parsed.is_valid() {
            let place = default_region
                .map_or_else(String::new, |country| format!(" for {}", country.name()));
            return Err(FieldError::new(
                field,
                FieldErrorCode::InvalidPhone,
                format!(
                    "\"{trimmed}\" is not a valid phone number{place}: check it, or {example}."
                ),
            ));
        }
        Ok(Some(Self(
            parsed.format().mode(phonenumber::Mode::E164).to_string(),
        )))
    }

    /// Wraps a number read back from the store, which only ever holds parsed ones.
    pub fn from_trusted(stored: String) -> Self {
        Self(stored)
    }

    /// The E.164 form.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Its digits alone, what a search for a phone fragment compares with.
    pub fn digits(&self) -> String {
        self.0.chars().filter(char::is_ascii_digit).collect()
    }

    /// The digits of its national form, trunk prefix included (`0446681800` for
    /// `+41446681800`), as people type numbers of their own country; `None` when the
    /// number has no national form.
    pub fn national_digits(&self) -> Option<String> {
        let parsed = phonenumber::parse(None, &self.0).ok()?;
        let national = parsed
            .format()
            .mode(phonenumber::Mode::National)
            .to_string();
        let digits: String = national.chars().filter(char::is_ascii_digit).collect();
        (!digits.is_empty()).then_some(digits)
    }
}

/// The longest custom customer ID.
pub const MAX_CUSTOM_ID_CHARS: usize = 64;

/// A customer ID chosen by staff: 1 to [`MAX_CUSTOM_ID_CHARS`] of letters, digits and
/// `.`, `_`, `-` (it travels in URLs and files). Empty means "generate one".
pub fn parse_custom_id(field: &str, raw: &str) -> Result<Option<String>, FieldError> {
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        return Ok(None);
    }
    if trimmed.chars().count() > MAX_CUSTOM_ID_CHARS {
        return Err(FieldError::new(
            field,
            FieldErrorCode::TooLong,
            format!("A customer ID has at most {MAX_CUSTOM_ID_CHARS} characters."),
        ));
    }
    if !trimmed
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
    {
        return Err(FieldError::new(
            field,
            FieldErrorCode::InvalidCharacters,
            "Use only letters a-z, digits, dots, hyphens and underscores, like CUST-00042; \
             or leave it empty to have one generated.",
        ));
    }
    Ok(Some(trimmed.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).expect("a date")
    }

    fn country(code: &str) -> CountryCode {
        CountryCode::parse("country", code).expect(code)
    }

    #[test]
    fn phone_numbers_in_local_notations_are_kept_as_e164() {
        let cases = [
            ("044 668 18 00", Some("CH"), "+41446681800"),
            ("+41 (0)44 668-18-00", None, "+41446681800"),
            ("030 901820", Some("DE"), "+4930901820"),
            ("(201) 555-0123", Some("US"), "+12015550123"),
            ("+44 20 7946 0958", Some("CH"), "+442079460958"),
        ];
        for (typed, region, stored) in cases {
            let region = region.map(country);
            let phone = PhoneNumber::parse("phone", typed, region.as_ref())
                .expect(typed)
                .expect("a number");
            assert_eq!(phone.as_str(), stored, "{typed}");
        }
        assert_eq!(PhoneNumber::parse("phone", " ", None).expect("empty"), None);
        let phone = PhoneNumber::from_trusted("+41446681800".into());
        assert_eq!(phone.digits(), "41446681800");
    }

    #[test]
    fn what_is_not_a_phone_number_is_refused_with_an_example() {
        let switzerland = country("CH");
        for typed in ["12", "call me", "044 668", "+99 123 456 789"] {
            let problem = PhoneNumber::parse("phone", typed, Some(&switzerland)).expect_err(typed);
            assert_eq!(problem.code, FieldErrorCode::InvalidPhone, "{typed}");
            assert!(
                problem.message.contains("+41 44 668 18 00"),
                "{typed}: {}",
                problem.message
            );
        }
    }

    #[test]
    fn dates_of_birth_are_in_the_past_and_plausible() {
        assert_eq!(
            parse_date_of_birth("dob", "1985-04-23", today()).expect("valid"),
            NaiveDate::from_ymd_opt(1985, 4, 23)
        );
        assert_eq!(parse_date_of_birth("dob", "", today()).expect("none"), None);
        for (typed, words) in [
            ("2026-11-22", "in the past"),
            ("2030-01-01", "in the past"),
            ("1890-01-01", "over 120"),
            ("23.04.1985", "year-month-day"),
            ("1985-02-30", "year-month-day"),
        ] {
            let problem = parse_date_of_birth("dob", typed, today()).expect_err(typed);
            assert!(
                problem.message.contains(words),
                "{typed}: {}",
                problem.message
            );
        }
    }

    #[test]
    fn countries_are_iso_3166_codes_in_any_case() {
        assert_eq!(country("ch").as_str(), "CH");
        assert_eq!(country("CH").name(), "Switzerland");
        let problem = CountryCode::parse("country", "XX").expect_err("unknown");
        assert_eq!(problem.code, FieldErrorCode::InvalidChoice);
        assert!(all_countries().iter().any(|(code, _)| code == "DE"));
    }

    #[test]
    fn custom_ids_are_url_safe_and_optional() {
        assert_eq!(parse_custom_id("id", "  ").expect("none"), None);
        assert_eq!(
            parse_custom_id("id", "CUST-00042")
                .expect("valid")
                .as_deref(),
            Some("CUST-00042")
        );
        for bad in ["a b", "ä1", "x/y", &"x".repeat(65)] {
            assert!(parse_custom_id("id", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn choices_round_trip_through_their_codes() {
        for salutation in Salutation::ALL {
            assert_eq!(Salutation::from_code(salutation.code()), Some(salutation));
        }
        for gender in Gender::ALL {
            assert_eq!(Gender::from_code(gender.code()), Some(gender));
        }
    }
}
