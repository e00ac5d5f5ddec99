//! Search as you type: the one line of text the store keeps per customer, and the
//! terms a person's typing becomes. Both are folded the same way (lower case, accents
//! and a few special letters reduced to their base), so "muller" finds "Müller" and
//! "lukasiewicz" finds "Łukasiewicz"; phone numbers are kept as digits, in the
//! international and the national form, so "044 668 18 00", "+41 44 668 18 00" and
//! "0446681800" all find the same customer.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::customer_fields::PhoneNumber;

/// At most this many words of a search are used; more narrow nothing a person needs.
pub const MAX_SEARCH_WORDS: usize = 5;

/// `text` in lower case without accents, as search compares it.
pub fn fold(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    for c in text.nfd().filter(|c| !is_combining_mark(*c)) {
        // Letters that are not a base letter plus an accent in Unicode.
        match c {
            'ł' | 'Ł' => folded.push('l'),
            'ø' | 'Ø' => folded.push('o'),
            'đ' | 'Đ' => folded.push('d'),
            'ı' => folded.push('i'),
            'ß' => folded.push_str("ss"),
            'æ' | 'Æ' => folded.push_str("ae"),
            'œ' | 'Œ' => folded.push_str("oe"),
            _ => folded.extend(c.to_lowercase()),
        }
    }
    folded
}

/// What a customer is found by, as one folded line.
#[derive(Debug, Clone, Copy)]
pub struct SearchableCustomer<'a> {
    /// First name.
    pub first_name: &'a str,
    /// Last name.
    pub last_name: &'a str,
    /// Email address.
    pub email: &'a str,
    /// Company, when given.
    pub company: Option<&'a str>,
    /// Phone, when given.
    pub phone: Option<&'a PhoneNumber>,
}

impl SearchableCustomer<'_> {
    /// The line the store searches, but for the customer ID and number, which the
    /// store appends from the row (`|c-7k2m|4012888888`: they never change, and an
    /// update need not read them first). Fields are joined by `|`, which no term
    /// holds after [`search_terms`], so no match spans two fields by accident.
    pub fn text(&self) -> String {
        let mut parts = vec![
            fold(&format!("{} {}", self.first_name, self.last_name)),
            fold(self.email),
        ];
        if let Some(company) = self.company {
            parts.push(fold(company));
        }
        if let Some(phone) = self.phone {
            parts.push(phone.digits());
            if let Some(national) = phone.national_digits() {
                parts.push(national);
            }
        }
        parts.join("|")
    }
}

/// The terms typed text is searched by: all must occur. Something that reads as a
/// phone number (digits with spaces, `+`, `-`, `/`, `.` or brackets) is one term of
/// its digits; anything else is split into folded words.
///
/// No term holds a LIKE wildcard, so the store's `LIKE '%term%'` is a plain
/// "contains".
pub fn search_terms(typed: &str) -> Vec<String> {
    let trimmed = typed.trim();
    let phone_like = trimmed.chars().any(|c| c.is_ascii_digit())
        && trimmed
            .chars()
            .all(|c| c.is_ascii_digit() || " +-/.()".contains(c));
    if phone_like {
        return vec![trimmed.chars().filter(char::is_ascii_digit).collect()];
    }
    let mut terms: Vec<String> = Vec::new();
    // `%`, `_` and `\` would be wildcards or escapes to the store's LIKE: they
    // separate words instead ("john_doe" finds what has "john" and "doe").
    for word in
        fold(trimmed).split(|c: char| c.is_whitespace() || matches!(c, '|' | '%' | '_' | '\\'))
    {
        if !word.is_empty() && !terms.iter().any(|known| known.contains(word)) {
            // A word inside another adds nothing ("mil mill" is "mill").
            terms.retain(|known| !word.contains(known.as_str()));
            terms.push(word.to_owned());
        }
    }
    terms.truncate(MAX_SEARCH_WORDS);
    terms
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_drops_case_and_accents() {
        assert_eq!(fold("Müller"), "muller");
        assert_eq!(fold("Łukasiewicz"), "lukasiewicz");
        assert_eq!(fold("Ångström"), "angstrom");
        assert_eq!(fold("Øster Straße"), "oster strasse");
        assert_eq!(fold("ÇAĞLAR"), "caglar");
    }

    #[test]
    fn phone_numbers_become_their_digits_however_typed() {
        assert_eq!(search_terms(" +41 (44) 668-18/00 "), ["41446681800"]);
        assert_eq!(search_terms("044 668"), ["044668"]);
    }

    #[test]
    fn words_are_folded_and_all_must_match() {
        assert_eq!(search_terms("  Ann  MÜLLER "), ["ann", "muller"]);
        assert_eq!(search_terms("mil mill"), ["mill"]);
        assert_eq!(search_terms("mill mil"), ["mill"]);
        assert_eq!(search_terms("   "), Vec::<String>::new());
        assert_eq!(search_terms("a|b"), ["a", "b"]);
        assert_eq!(search_terms("john_doe 100%"), ["john", "doe", "100"]);
        assert_eq!(search_terms("a b c d e f g").len(), MAX_SEARCH_WORDS);
    }

    #[test]
    fn a_customer_is_found_by_every_field() {
        let phone = PhoneNumber::parse("phone", "+41 44 668 18 00", None)
            .expect("a valid number")
            .expect("a number");
        let text = SearchableCustomer {
            first_name: "Zoë",
            last_name: "Łukasiewicz",
            email: "Zoe.L@Example.com",
            company: Some("Müller AG"),
            phone: Some(&phone),
        }
        .text();
        assert_eq!(
            text,
            "zoe lukasiewicz|zoe.l@example.com|muller ag|41446681800|0446681800"
        );
        for typed in [
            "zoe luk",
            "MULLER",
            "044 668 18 00",
            "+41 44 668",
            "0446681800",
        ] {
            assert!(
                search_terms(typed)
                    .iter()
                    .all(|term| text.contains(term.as_str())),
                "{typed} should find the customer"
            );
        }
    }
}
