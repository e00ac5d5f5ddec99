//! Sort keys for the text columns lists order by: ICU collation keys in the root
//! order, so "Ångström" sorts with the A's and "Łukasiewicz" with the L's, as people
//! expect, instead of by byte value.
//!
//! They are computed here, once per write, and stored as lower-case hex (which keeps
//! the keys' byte order); SQLite's BINARY and Postgres' "C" collation then compare
//! them byte-wise, so both backends return the same order without either needing ICU.
//! ICU may change keys with a new Unicode or CLDR version: every stored row carries
//! the [`SORT_KEYS_VERSION`] that made its keys, and the store recomputes older ones.

use std::fmt::Write;
use std::sync::OnceLock;

use icu_collator::options::{CollatorOptions, Strength};
use icu_collator::{Collator, CollatorBorrowed, CollatorPreferences};

/// Which computation made a stored key (and the search line stored beside it).
/// Raise it whenever the keys would change (a new ICU release, other options, a
/// new search line): rows with an older number are redone. 2: the search line.
pub const SORT_KEYS_VERSION: i64 = 2;

fn collator() -> &'static CollatorBorrowed<'static> {
    static COLLATOR: OnceLock<CollatorBorrowed<'static>> = OnceLock::new();
    COLLATOR.get_or_init(|| {
        let mut options = CollatorOptions::default();
        options.strength = Some(Strength::Secondary);
        // The root collation with compiled data cannot fail to load.
        Collator::try_new(CollatorPreferences::default(), options)
            .expect("ICU4X's compiled root collation data is built in")
    })
}

/// The key `text` sorts by: secondary strength (letters first, then accents; case
/// ignored), so "Muller" and "muller" tie (the next sort column decides, as people
/// expect of "Baker, Ann" and "baker, Bob") and "Müller" follows them.
pub fn collation_key(text: &str) -> String {
    let mut bytes = Vec::with_capacity(text.len() * 3);
    // Writing into a Vec cannot fail.
    let Ok(()) = collator().write_sort_key_to(text, &mut bytes);
    let mut hex = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        let _ = write!(hex, "{byte:02x}");
    }
    hex
}

/// The start every key of a text beginning with `prefix` has, ignoring case and
/// accents: the hex of the key's primary weights (the bytes before the first level
/// separator, 01). A "starts with" filter is then the range from this to this plus
/// `g`, which sorts after every hex digit, on the same index the list sorts by.
pub fn collation_prefix(prefix: &str) -> String {
    let mut bytes = Vec::with_capacity(prefix.len() * 3);
    let Ok(()) = collator().write_sort_key_to(prefix, &mut bytes);
    let primary = bytes
        .iter()
        .position(|byte| *byte == LEVEL_SEPARATOR)
        .unwrap_or(bytes.len());
    let mut hex = String::with_capacity(primary * 2);
    for byte in &bytes[..primary] {
        let _ = write!(hex, "{byte:02x}");
    }
    hex
}

/// The byte between the levels of a sort key; no weight uses it.
const LEVEL_SEPARATOR: u8 = 0x01;

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(names: &[&str]) -> Vec<String> {
        let mut names: Vec<String> = names.iter().map(|name| (*name).to_owned()).collect();
        names.sort_by_key(|name| collation_key(name));
        names
    }

    #[test]
    fn accented_and_special_letters_sort_with_their_base_letters() {
        assert_eq!(
            sorted(&[
                "Zahn",
                "Łukasiewicz",
                "Ångström",
                "Lee",
                "Baker",
                "Anders",
                "Ørsted",
                "Olsen"
            ]),
            [
                "Anders",
                "Ångström",
                "Baker",
                "Lee",
                "Łukasiewicz",
                "Olsen",
                "Ørsted",
                "Zahn"
            ]
        );
    }

    #[test]
    fn case_does_not_split_the_list() {
        // A space sorts before letters, as in a phone book: "de Vries" before "DeMarco".
        assert_eq!(
            sorted(&["devon", "de Vries", "Dawson", "Devlin", "DeMarco", "DEVON"]),
            ["Dawson", "de Vries", "DeMarco", "Devlin", "devon", "DEVON"]
        );
        assert_eq!(collation_key("Baker"), collation_key("baker"));
    }

    #[test]
    fn keys_are_hex_and_compare_like_the_texts() {
        let key = collation_key("Müller");
        assert!(
            key.chars()
                .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
        );
        assert!(collation_key("Muller") < key);
        assert!(collation_key("Mulla") < key && key < collation_key("Mullf"));
        assert!(key < collation_key("Mullers"));
        assert!(collation_key("") < collation_key("a"));
    }

    #[test]
    fn a_prefix_key_starts_every_key_of_the_names_it_begins() {
        for (prefix, name) in [
            ("mil", "Miller"),
            ("MÜL", "Müller"),
            ("mul", "Müller"),
            ("łuk", "Łukasiewicz"),
            ("ang", "Ångström"),
            ("o'b", "O'Brien"),
            ("", "Anyone"),
        ] {
            assert!(
                collation_key(name).starts_with(&collation_prefix(prefix)),
                "{prefix} should begin {name}"
            );
        }
        for (prefix, name) in [("mim", "Miller"), ("lee", "Le"), ("z", "Ångström")] {
            assert!(
                !collation_key(name).starts_with(&collation_prefix(prefix)),
                "{prefix} should not begin {name}"
            );
        }
    }
}
