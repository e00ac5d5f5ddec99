//! VAT number rules per country prefix: the shapes of the VIES format table, and the
//! check-digit rules where the country publishes one. Countries whose rule is not
//! here get their shape checked only.

/// One country's VAT numbers.
pub(super) struct Rule {
    /// What they start with (`EL` for Greece, `CH` for Switzerland's `CHE…`).
    pub prefix: &'static str,
    /// The country, as an adjective ("German").
    pub country: &'static str,
    /// The shapes of what follows the prefix (`#` digit, `@` letter, `?` either).
    pub shapes: &'static [&'static str],
    /// The shapes in words, for the message.
    pub described: &'static str,
    /// A valid number, for the message.
    pub example: &'static str,
    /// Words some write after the number ("MWST", "MVA"), dropped before checking.
    pub suffixes: &'static [&'static str],
    /// The check-digit rule over what follows the prefix.
    pub check: Option<fn(&str) -> bool>,
}

const NONE: &[&str] = &[];

macro_rules! rule {
    ($prefix:literal, $country:literal, [$($shape:literal),+], $described:literal,
     $example:literal, $check:expr) => {
        rule!($prefix, $country, [$($shape),+], $described, $example, NONE, $check)
    };
    ($prefix:literal, $country:literal, [$($shape:literal),+], $described:literal,
     $example:literal, $suffixes:expr, $check:expr) => {
        Rule {
            prefix: $prefix,
            country: $country,
            shapes: &[$($shape),+],
            described: $described,
            example: $example,
            suffixes: $suffixes,
            check: $check,
        }
    };
}

pub(super) static RULES: &[Rule] = &[
    rule!(
        "AT",
        "Austrian",
        ["U########"],
        "followed by U and 8 digits",
        "ATU13585627",
        Some(austria)
    ),
    rule!(
        "BE",
        "Belgian",
        ["##########"],
        "followed by 10 digits",
        "BE0403019261",
        Some(belgium)
    ),
    rule!(
        "BG",
        "Bulgarian",
        ["#########", "##########"],
        "followed by 9 or 10 digits",
        "BG175074752",
        None
    ),
    rule!(
        "CY",
        "Cypriot",
        ["########@"],
        "followed by 8 digits and a letter",
        "CY10259033P",
        None
    ),
    rule!(
        "CZ",
        "Czech",
        ["########", "#########", "##########"],
        "followed by 8 to 10 digits",
        "CZ25123891",
        None
    ),
    rule!(
        "DE",
        "German",
        ["#########"],
        "followed by 9 digits",
        "DE136695976",
        Some(germany)
    ),
    rule!(
        "DK",
        "Danish",
        ["########"],
        "followed by 8 digits",
        "DK13585628",
        Some(denmark)
    ),
    rule!(
        "EE",
        "Estonian",
        ["#########"],
        "followed by 9 digits",
        "EE100931558",
        None
    ),
    rule!(
        "EL",
        "Greek",
        ["#########"],
        "followed by 9 digits",
        "EL094259216",
        Some(greece)
    ),
    rule!(
        "ES",
        "Spanish",
        ["?#######?"],
        "followed by 9 characters, the first and last a letter or digit",
        "ESA13585625",
        None
    ),
    rule!(
        "FI",
        "Finnish",
        ["########"],
        "followed by 8 digits",
        "FI20774740",
        Some(finland)
    ),
    rule!(
        "FR",
        "French",
        ["??#########"],
        "followed by a 2-character key and the 9-digit SIREN",
        "FR40303265045",
        Some(france)
    ),
    rule!(
        "HR",
        "Croatian",
        ["###########"],
        "followed by 11 digits",
        "HR33392005961",
        Some(croatia)
    ),
    rule!(
        "HU",
        "Hungarian",
        ["########"],
        "followed by 8 digits",
        "HU12892312",
        None
    ),
    rule!(
        "IE",
        "Irish",
        ["#######@", "#######@@", "#?#####@"],
        "followed by 7 digits and one or two letters",
        "IE6433435F",
        None
    ),
    rule!(
        "IT",
        "Italian",
        ["###########"],
        "followed by 11 digits",
        "IT00743110157",
        Some(italy)
    ),
    rule!(
        "LT",
        "Lithuanian",
        ["#########", "############"],
        "followed by 9 or 12 digits",
        "LT119511515",
        None
    ),
    rule!(
        "LU",
        "Luxembourg",
        ["########"],
        "followed by 8 digits",
        "LU15027442",
        Some(luxembourg)
    ),
    rule!(
        "LV",
        "Latvian",
        ["###########"],
        "followed by 11 digits",
        "LV40003521600",
        None
    ),
    rule!(
        "MT",
        "Maltese",
        ["########"],
        "followed by 8 digits",
        "MT11679112",
        None
    ),
    rule!(
        "NL",
        "Dutch",
        ["#########B##"],
        "followed by 9 digits, B and 2 digits",
        "NL004495445B01",
        Some(netherlands)
    ),
    rule!(
        "PL",
        "Polish",
        ["##########"],
        "followed by 10 digits",
        "PL8567346215",
        Some(poland)
    ),
    rule!(
        "PT",
        "Portuguese",
        ["#########"],
        "followed by 9 digits",
        "PT501964843",
        Some(portugal)
    ),
    rule!(
        "RO",
        "Romanian",
        [
            "##",
            "###",
            "####",
            "#####",
            "######",
            "#######",
            "########",
            "#########",
            "##########"
        ],
        "followed by 2 to 10 digits",
        "RO18547290",
        None
    ),
    rule!(
        "SE",
        "Swedish",
        ["##########01"],
        "followed by 10 digits and 01",
        "SE123456789701",
        Some(sweden)
    ),
    rule!(
        "SI",
        "Slovenian",
        ["########"],
        "followed by 8 digits",
        "SI50223054",
        Some(slovenia)
    ),
    rule!(
        "SK",
        "Slovak",
        ["##########"],
        "followed by 10 digits",
        "SK2022749619",
        Some(slovakia)
    ),
    rule!(
        "XI",
        "Northern Irish",
        ["#########", "############", "GD###", "HA###"],
        "followed by 9 or 12 digits",
        "XI980780684",
        None
    ),
    rule!(
        "GB",
        "British",
        ["#########", "############", "GD###", "HA###"],
        "followed by 9 or 12 digits",
        "GB980780684",
        None
    ),
    rule!(
        "CH",
        "Swiss",
        ["E#########"],
        "followed by E and 9 digits (the UID)",
        "CHE100155212",
        &["MWST", "TVA", "IVA", "TPV"],
        Some(switzerland)
    ),
    rule!(
        "NO",
        "Norwegian",
        ["#########"],
        "followed by 9 digits (the organisation number)",
        "NO995525828",
        &["MVA"],
        Some(norway)
    ),
];

/// The rule for a compact, upper-case number: one whose prefix is followed by what a
/// shape of that country starts with ("DEPT42" is not a German VAT number).
pub(super) fn rule_for(compact: &str) -> Option<&'static Rule> {
    RULES.iter().find(|rule| {
        let Some(rest) = compact.strip_prefix(rule.prefix) else {
            return false;
        };
        rest.chars().next().is_some_and(|first| {
            rule.shapes
                .iter()
                .any(|shape| shape.chars().next().is_some_and(|s| first_fits(first, s)))
        })
    })
}

fn first_fits(c: char, shape: char) -> bool {
    match shape {
        '#' => c.is_ascii_digit(),
        '@' => c.is_ascii_uppercase(),
        '?' => c.is_ascii_digit() || c.is_ascii_uppercase(),
        literal => c == literal,
    }
}

/// The digits of `text` (callers have checked the shape, so all are digits).
fn digits(text: &str) -> Vec<u32> {
    text.chars().filter_map(|c| c.to_digit(10)).collect()
}

/// Luhn over every digit (the last is the check digit).
fn luhn(digits: &[u32]) -> bool {
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, d)| {
            if i % 2 == 1 {
                let doubled = d * 2;
                if doubled > 9 { doubled - 9 } else { doubled }
            } else {
                *d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

/// ISO 7064 MOD 11,10 (Germany, Croatia): the last digit checks the others.
fn mod_11_10(digits: &[u32]) -> bool {
    let (body, check) = digits.split_at(digits.len() - 1);
    let mut product = 10;
    for d in body {
        let mut sum = (d + product) % 10;
        if sum == 0 {
            sum = 10;
        }
        product = (2 * sum) % 11;
    }
    (11 - product) % 10 == check[0]
}

/// Weighted sum of `digits` with `weights`.
fn weighted(digits: &[u32], weights: &[u32]) -> u32 {
    digits.iter().zip(weights).map(|(d, w)| d * w).sum()
}

/// An 11-remainder check digit (`11 - sum % 11`, 11 meaning 0 and 10 impossible).
fn eleven_minus(sum: u32, check: u32) -> bool {
    match 11 - sum % 11 {
        11 => check == 0,
        10 => false,
        digit => digit == check,
    }
}

fn austria(rest: &str) -> bool {
    let d = digits(&rest[1..]);
    let sum: u32 = d[..7]
        .iter()
        .enumerate()
        .map(|(i, d)| {
            if i % 2 == 1 {
                let doubled = d * 2;
                doubled / 10 + doubled % 10
            } else {
                *d
            }
        })
        .sum();
    (10 - (sum + 4) % 10) % 10 == d[7]
}

fn belgium(rest: &str) -> bool {
    let Ok(body) = rest[..8].parse::<u64>() else {
        return false;
    };
    let Ok(check) = rest[8..].parse::<u64>() else {
        return false;
    };
    rest.starts_with(['0', '1']) && 97 - body % 97 == check
}

fn germany(rest: &str) -> bool {
    mod_11_10(&digits(rest))
}

fn croatia(rest: &str) -> bool {
    mod_11_10(&digits(rest))
}

fn denmark(rest: &str) -> bool {
    weighted(&digits(rest), &[2, 7, 6, 5, 4, 3, 2, 1]).is_multiple_of(11)
}

fn greece(rest: &str) -> bool {
    let d = digits(rest);
    weighted(&d[..8], &[256, 128, 64, 32, 16, 8, 4, 2]) % 11 % 10 == d[8]
}

fn finland(rest: &str) -> bool {
    let d = digits(rest);
    eleven_minus_or_zero(weighted(&d[..7], &[7, 9, 10, 5, 8, 4, 2]), d[7])
}

/// Finland's variant: a remainder of 0 is check digit 0, of 1 impossible.
fn eleven_minus_or_zero(sum: u32, check: u32) -> bool {
    match sum % 11 {
        0 => check == 0,
        1 => false,
        remainder => 11 - remainder == check,
    }
}

fn france(rest: &str) -> bool {
    let Ok(siren) = rest[2..].parse::<u64>() else {
        return false;
    };
    if !luhn(&digits(&rest[2..])) {
        return false;
    }
    // A numeric key is computed from the SIREN; a key with letters (newer numbers)
    // has no published rule.
    match rest[..2].parse::<u64>() {
        Ok(key) => key == (12 + 3 * (siren % 97)) % 97,
        Err(_) => true,
    }
}

fn italy(rest: &str) -> bool {
    luhn(&digits(rest))
}

fn luxembourg(rest: &str) -> bool {
    match (rest[..6].parse::<u32>(), rest[6..].parse::<u32>()) {
        (Ok(body), Ok(check)) => body % 89 == check,
        _ => false,
    }
}

/// The old rule (a weighted sum modulo 11) or, for sole proprietors' numbers since
/// 2020, ISO 7064 MOD 97-10 over the whole number with `NL` in front.
fn netherlands(rest: &str) -> bool {
    let d = digits(&rest[..9]);
    let old = weighted(&d[..8], &[9, 8, 7, 6, 5, 4, 3, 2]) % 11 == d[8];
    old || mod_97_10(&format!("NL{rest}"))
}

/// ISO 7064 MOD 97-10 with letters as 10..35 (as IBANs).
fn mod_97_10(text: &str) -> bool {
    let mut remainder: u64 = 0;
    for c in text.chars() {
        let Some(value) = c.to_digit(36) else {
            return false;
        };
        remainder = if value >= 10 {
            (remainder * 100 + u64::from(value)) % 97
        } else {
            (remainder * 10 + u64::from(value)) % 97
        };
    }
    remainder == 1
}

fn poland(rest: &str) -> bool {
    let d = digits(rest);
    let remainder = weighted(&d[..9], &[6, 5, 7, 2, 3, 4, 5, 6, 7]) % 11;
    remainder != 10 && remainder == d[9]
}

fn portugal(rest: &str) -> bool {
    let d = digits(rest);
    let check = 11 - weighted(&d[..8], &[9, 8, 7, 6, 5, 4, 3, 2]) % 11;
    (if check > 9 { 0 } else { check }) == d[8]
}

fn sweden(rest: &str) -> bool {
    luhn(&digits(&rest[..10]))
}

fn slovenia(rest: &str) -> bool {
    let d = digits(rest);
    let check = 11 - weighted(&d[..7], &[8, 7, 6, 5, 4, 3, 2]) % 11;
    match check {
        11 => false,
        10 => d[7] == 0,
        digit => digit == d[7],
    }
}

fn slovakia(rest: &str) -> bool {
    rest.parse::<u64>().is_ok_and(|number| number % 11 == 0) && !rest.starts_with('0')
}

fn switzerland(rest: &str) -> bool {
    let d = digits(&rest[1..]);
    eleven_minus(weighted(&d[..8], &[5, 4, 3, 2, 7, 6, 5, 4]), d[8])
}

fn norway(rest: &str) -> bool {
    let d = digits(rest);
    eleven_minus(weighted(&d[..8], &[3, 2, 7, 6, 5, 4, 3, 2]), d[8])
}
