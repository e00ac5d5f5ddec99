//! Postal codes checked per country where the rule is well known (the formats the
//! national posts publish); other countries get a plain length and character check.
//! A code is kept in its usual written form: upper case, one space where the country
//! writes one (`1234 AB`, `SW1A 1AA`, `114 55`).

use crate::customer_fields::CountryCode;
use crate::{FieldError, FieldErrorCode};

/// Patterns per country: `9` a digit, `A` a letter, `X` a letter or digit, `_` a
/// space that may be left out when typing, anything else itself. The example goes
/// into the message.
const RULES: &[(&str, &[&str], &str)] = &[
    ("AT", &["9999"], "1010"),
    ("AU", &["9999"], "2000"),
    ("BE", &["9999"], "1000"),
    ("BG", &["9999"], "1000"),
    ("BR", &["99999-999"], "01310-100"),
    ("CA", &["A9A_9A9"], "K1A 0B1"),
    ("CH", &["9999"], "8001"),
    ("CN", &["999999"], "100000"),
    ("CZ", &["999_99"], "110 00"),
    ("DE", &["99999"], "10115"),
    ("DK", &["9999"], "1050"),
    ("EE", &["99999"], "10111"),
    ("ES", &["99999"], "28001"),
    ("FI", &["99999"], "00100"),
    ("FR", &["99999"], "75001"),
    (
        "GB",
        &[
            "A9_9AA", "A99_9AA", "AA9_9AA", "AA99_9AA", "A9A_9AA", "AA9A_9AA",
        ],
        "SW1A 1AA",
    ),
    ("GR", &["999_99"], "105 57"),
    ("HR", &["99999"], "10000"),
    ("HU", &["9999"], "1011"),
    ("IE", &["A99_XXXX", "A9W_XXXX"], "D02 X285"),
    ("IN", &["999999"], "110001"),
    ("IT", &["99999"], "00118"),
    ("JP", &["999-9999"], "100-0001"),
    ("KR", &["99999"], "03051"),
    ("LT", &["99999", "LT-99999"], "01100"),
    ("LU", &["9999", "L-9999"], "1009"),
    ("LV", &["LV-9999"], "LV-1050"),
    ("MX", &["99999"], "06000"),
    ("NL", &["9999_AA"], "1012 AB"),
    ("NO", &["9999"], "0150"),
    ("NZ", &["9999"], "6011"),
    ("PL", &["99-999"], "00-950"),
    ("PT", &["9999-999"], "1100-148"),
    ("RO", &["999999"], "010011"),
    ("SE", &["999_99"], "114 55"),
    ("SG", &["999999"], "018956"),
    ("SI", &["9999"], "1000"),
    ("SK", &["999_99"], "811 01"),
    ("TR", &["99999"], "06100"),
    ("UA", &["99999"], "01001"),
    ("US", &["99999", "99999-9999"], "10001"),
    ("ZA", &["9999"], "0001"),
];

/// The longest postal code anywhere (with room for a prefix).
pub const MAX_POSTAL_CODE_CHARS: usize = 12;

/// Checks `raw` (empty is no code) as a postal code of `country`.
pub fn parse_postal_code(
    field: &str,
    raw: &str,
    country: Option<&CountryCode>,
) -> Result<Option<String>, FieldError> {
    let typed: String = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if typed.is_empty() {
        return Ok(None);
    }
    let upper = typed.to_uppercase();
    let rule = country.and_then(|country| {
        RULES
            .iter()
            .find(|(code, _, _)| *code == country.as_str())
            .map(|rule| (country, rule))
    });
    match rule {
        Some((country, (_, patterns, example))) => patterns
            .iter()
            .find_map(|pattern| conform(&upper, pattern))
            .map(Some)
            .ok_or_else(|| {
                FieldError::new(
                    field,
                    FieldErrorCode::InvalidChoice,
                    format!(
                        "\"{typed}\" is not a postal code in {}: they look like {example}.",
                        country.name()
                    ),
                )
            }),
        None if upper.chars().count() > MAX_POSTAL_CODE_CHARS => Err(FieldError::new(
            field,
            FieldErrorCode::TooLong,
            format!("A postal code has at most {MAX_POSTAL_CODE_CHARS} characters."),
        )),
        None if !upper
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == ' ' || c == '-') =>
        {
            Err(FieldError::new(
                field,
                FieldErrorCode::InvalidCharacters,
                "A postal code holds letters, digits, spaces and hyphens only.",
            ))
        }
        None => Ok(Some(upper)),
    }
}

/// `code` in the written form of `pattern`, if it fits.
fn conform(code: &str, pattern: &str) -> Option<String> {
    let mut typed = code.chars().filter(|c| *c != ' ').peekable();
    let mut written = String::with_capacity(pattern.len());
    for expected in pattern.chars() {
        if expected == '_' {
            written.push(' ');
            continue;
        }
        let c = typed.next()?;
        let fits = match expected {
            '9' => c.is_ascii_digit(),
            'A' => c.is_ascii_alphabetic(),
            'X' => c.is_ascii_alphanumeric(),
            literal => c == literal,
        };
        if !fits {
            return None;
        }
        written.push(c);
    }
    // A space typed where the pattern has none (`10 115`) does not fit.
    let spaces_typed = code.chars().filter(|c| *c == ' ').count();
    let spaces_allowed = pattern.chars().filter(|c| *c == '_').count();
    (typed.next().is_none() && spaces_typed <= spaces_allowed).then_some(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(country: &str, raw: &str) -> Result<Option<String>, String> {
        let country = CountryCode::from_trusted(country.to_owned());
        parse_postal_code("postal_code", raw, Some(&country)).map_err(|error| error.message)
    }

    #[test]
    fn codes_are_kept_in_their_written_form() {
        let cases = [
            ("DE", "10115", "10115"),
            ("NL", "1012ab", "1012 AB"),
            ("NL", "1012  AB", "1012 AB"),
            ("GB", "sw1a1aa", "SW1A 1AA"),
            ("GB", "M1 1AE", "M1 1AE"),
            ("SE", "11455", "114 55"),
            ("US", "10001-0001", "10001-0001"),
            ("CA", "k1a 0b1", "K1A 0B1"),
            ("PL", "00-950", "00-950"),
            ("IE", "D02X285", "D02 X285"),
            ("JP", "100-0001", "100-0001"),
        ];
        for (country, raw, written) in cases {
            assert_eq!(
                check(country, raw),
                Ok(Some(written.to_owned())),
                "{country} {raw}"
            );
        }
    }

    #[test]
    fn a_wrong_code_says_what_the_country_uses() {
        assert_eq!(
            check("DE", "1011"),
            Err("\"1011\" is not a postal code in Germany: they look like 10115.".to_owned())
        );
        assert!(check("NL", "AB 1012").is_err());
        assert!(check("DE", "10 115").is_err(), "no space in German codes");
        assert!(
            check("PL", "00950").is_err(),
            "the hyphen is part of the code"
        );
        assert!(check("US", "1000").is_err());
    }

    #[test]
    fn countries_without_a_rule_get_a_plain_check() {
        assert_eq!(check("IS", " 101 "), Ok(Some("101".to_owned())));
        assert!(check("IS", "10#1").is_err());
        assert!(check("IS", "1234567890123").is_err());
        assert_eq!(check("IS", "  "), Ok(None));
        assert_eq!(
            parse_postal_code("p", "abc", None),
            Ok(Some("ABC".to_owned()))
        );
    }
}
