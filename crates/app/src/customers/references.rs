//! The identifiers a new customer gets: a customer ID when none was typed, and the
//! customer number for external use. Both are random, so neither tells how many
//! customers exist or when one was added.

use argon2::password_hash::rand_core::{OsRng, RngCore};
use desk_domain::customer_number::{CUSTOMER_NUMBER_DIGITS, with_check_digit};

/// `C-` and 10 characters of Crockford's base 32 (no I, L, O, U: nothing to misread):
/// 50 random bits.
pub fn generate_customer_ref() -> String {
    const ALPHABET: &[u8] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    let mut bytes = [0u8; 10];
    OsRng.fill_bytes(&mut bytes);
    let code: String = bytes
        .iter()
        .map(|byte| char::from(ALPHABET[usize::from(*byte) % ALPHABET.len()]))
        .collect();
    format!("C-{code}")
}

/// Ten digits: nine random (the first not 0) and a Luhn check digit.
pub fn generate_customer_number() -> String {
    let mut body = String::with_capacity(CUSTOMER_NUMBER_DIGITS);
    while body.len() < CUSTOMER_NUMBER_DIGITS - 1 {
        let mut byte = [0u8; 1];
        OsRng.fill_bytes(&mut byte);
        // 250 of 256 byte values map evenly onto 0-9; the rest are drawn again.
        if byte[0] < 250 {
            let digit = byte[0] % 10;
            if !(body.is_empty() && digit == 0) {
                body.push(char::from(b'0' + digit));
            }
        }
    }
    with_check_digit(&body).unwrap_or(body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use desk_domain::customer_number::is_valid_customer_number;

    #[test]
    fn numbers_are_ten_digits_random_and_self_checking() {
        let numbers: Vec<String> = (0..200).map(|_| generate_customer_number()).collect();
        for number in &numbers {
            assert_eq!(number.len(), 10);
            assert!(!number.starts_with('0'));
            assert!(is_valid_customer_number(number), "{number}");
        }
        let mut unique = numbers.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), numbers.len(), "200 draws of 9 random digits");
        let mut typo = numbers[0].clone().into_bytes();
        typo[3] = if typo[3] == b'5' { b'6' } else { b'5' };
        let typo = String::from_utf8(typo).expect("digits");
        assert!(
            !is_valid_customer_number(&typo),
            "one changed digit is caught"
        );
    }

    #[test]
    fn generated_ids_are_url_safe_and_distinct() {
        let first = generate_customer_ref();
        assert_eq!(first.len(), 12);
        assert!(first.starts_with("C-"));
        assert!(
            first[2..]
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        );
        assert_ne!(first, generate_customer_ref());
    }
}
