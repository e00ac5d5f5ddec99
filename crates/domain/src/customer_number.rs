//! The customer number for external use: nine digits and a Luhn check digit, so a
//! mistyped number is caught before anyone looks it up. The app draws the nine at
//! random; the seeder derives them from the customer's position.

/// Digits in a customer number, the check digit included.
pub const CUSTOMER_NUMBER_DIGITS: usize = 10;

/// `body` (nine digits) followed by its check digit; `None` if `body` is not nine
/// ASCII digits.
pub fn with_check_digit(body: &str) -> Option<String> {
    let digits = digits_of(body).filter(|digits| digits.len() == CUSTOMER_NUMBER_DIGITS - 1)?;
    Some(format!("{body}{}", luhn_check_digit(&digits)))
}

/// Whether `number` is ten digits that pass the Luhn check.
pub fn is_valid_customer_number(number: &str) -> bool {
    match digits_of(number) {
        Some(digits) if digits.len() == CUSTOMER_NUMBER_DIGITS => {
            luhn_check_digit(&digits[..CUSTOMER_NUMBER_DIGITS - 1])
                == digits[CUSTOMER_NUMBER_DIGITS - 1]
        }
        _ => false,
    }
}

fn digits_of(text: &str) -> Option<Vec<u32>> {
    text.chars().map(|c| c.to_digit(10)).collect()
}

/// The digit that makes `digits` followed by it pass the Luhn check.
fn luhn_check_digit(digits: &[u32]) -> u32 {
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(index, digit)| {
            if index % 2 == 0 {
                let doubled = digit * 2;
                if doubled > 9 { doubled - 9 } else { doubled }
            } else {
                *digit
            }
        })
        .sum();
    (10 - sum % 10) % 10
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_known_luhn_example_checks() {
        // 7992739871 + check digit 3 is the textbook example.
        assert_eq!(luhn_check_digit(&[7, 9, 9, 2, 7, 3, 9, 8, 7, 1]), 3);
    }

    #[test]
    fn a_number_with_its_check_digit_is_valid_and_one_typo_is_caught() {
        let number = with_check_digit("123456789").expect("nine digits");
        assert_eq!(number.len(), CUSTOMER_NUMBER_DIGITS);
        assert!(is_valid_customer_number(&number));
        for position in 0..CUSTOMER_NUMBER_DIGITS {
            let mut typo = number.clone().into_bytes();
            typo[position] = if typo[position] == b'5' { b'6' } else { b'5' };
            let typo = String::from_utf8(typo).expect("digits");
            assert!(!is_valid_customer_number(&typo), "{typo}");
        }
        assert_eq!(with_check_digit("12345678"), None);
        assert_eq!(with_check_digit("12345678x"), None);
        assert!(!is_valid_customer_number("12345678901"));
    }
}
