use std::collections::HashSet;
use std::sync::LazyLock;

use crate::bounds::{caps, chars_over, too_long};
use crate::{FieldError, FieldErrorCode, Sensitive};

/// The shortest password accepted, in characters.
pub const MIN_PASSWORD_CHARS: usize = 12;
/// The longest password accepted, in characters (hashing cost grows with length); the
/// same cap bounds every password a command carries.
pub const MAX_PASSWORD_CHARS: usize = caps::PASSWORD;

static COMMON_PASSWORDS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("../data/common-passwords.txt")
        .lines()
        .filter(|line| !line.is_empty())
        .collect()
});

/// A password that meets the policy: at least [`MIN_PASSWORD_CHARS`] characters, at
/// most [`MAX_PASSWORD_CHARS`], and not a common password (compared without case and
/// without leading or trailing digits and symbols, so "Password2024!" is refused).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPassword(Sensitive<String>);

impl NewPassword {
    /// Checks what a person typed into the form field `field`. `email` is the account's
    /// own address, which is never an acceptable password either.
    pub fn parse(field: &str, raw: &Sensitive<String>, email: &str) -> Result<Self, FieldError> {
        let password = raw.expose();
        if let Some(chars) = chars_over(password, MAX_PASSWORD_CHARS) {
            return Err(too_long(field, "password", MAX_PASSWORD_CHARS, chars));
        }
        let chars = password.chars().count();
        if chars == 0 {
            return Err(FieldError::new(
                field,
                FieldErrorCode::Required,
                "Enter a password.",
            ));
        }
        if chars < MIN_PASSWORD_CHARS {
            return Err(FieldError::new(
                field,
                FieldErrorCode::TooShort,
                format!(
                    "Use at least {MIN_PASSWORD_CHARS} characters ({chars} so far). \
                     A few unrelated words make a long password easy to remember."
                ),
            ));
        }
        if is_common(password) || password.trim().eq_ignore_ascii_case(email.trim()) {
            return Err(FieldError::new(
                field,
                FieldErrorCode::TooCommon,
                "This password is on the list of the most common passwords, which are tried \
                 first by attackers. Choose something less predictable.",
            ));
        }
        Ok(Self(raw.clone()))
    }

    /// The password, for hashing.
    pub fn expose(&self) -> &str {
        self.0.expose()
    }
}

fn is_common(password: &str) -> bool {
    let lower = password.to_lowercase();
    let core = lower.trim_matches(|c: char| !c.is_alphabetic());
    let listed = |candidate: &str| !candidate.is_empty() && COMMON_PASSWORDS.contains(candidate);
    listed(&lower) || listed(core) || listed(repeated_unit(core))
}

/// "qwertyqwerty" → "qwerty": the shortest unit the text repeats, or the text itself.
fn repeated_unit(text: &str) -> &str {
    let len = text.len();
    (1..=len / 2)
        .filter(|unit| len.is_multiple_of(*unit) && text.is_char_boundary(*unit))
        .map(|unit| &text[..unit])
        .find(|unit| {
            text.as_bytes()
                .chunks(unit.len())
                .all(|chunk| chunk == unit.as_bytes())
        })
        .unwrap_or(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(raw: &str) -> Result<NewPassword, FieldErrorCode> {
        NewPassword::parse(
            "password",
            &Sensitive::new(raw.to_owned()),
            "ann@example.com",
        )
        .map_err(|error| error.code)
    }

    #[test]
    fn the_list_holds_ten_thousand_passwords() {
        assert_eq!(COMMON_PASSWORDS.len(), 10_000);
        assert!(COMMON_PASSWORDS.contains("password"));
    }

    #[test]
    fn long_uncommon_passwords_are_accepted() {
        assert!(check("violet kettle harbour").is_ok());
        assert!(check("Zq8#rT2!mW4@").is_ok());
    }

    #[test]
    fn eleven_characters_are_too_short_and_twelve_are_enough() {
        assert_eq!(check("abcdefghxyz").err(), Some(FieldErrorCode::TooShort));
        assert!(check("abcdefghxyzq").is_ok());
    }

    #[test]
    fn length_counts_characters_not_bytes() {
        assert_eq!(check("ééééééééééé").err(), Some(FieldErrorCode::TooShort));
    }

    #[test]
    fn common_passwords_are_refused_whatever_their_case_and_padding() {
        for raw in [
            "Password2024!",
            "ILOVEYOU1234",
            "2024!dragon!!",
            "qwertyqwerty",
            "MonkeyMonkey12",
        ] {
            assert_eq!(check(raw).err(), Some(FieldErrorCode::TooCommon), "{raw}");
        }
    }

    #[test]
    fn repetition_is_seen_through() {
        assert_eq!(repeated_unit("qwertyqwerty"), "qwerty");
        assert_eq!(repeated_unit("abcabcab"), "abcabcab");
        assert_eq!(repeated_unit("ééé"), "é");
    }

    #[test]
    fn the_accounts_own_email_is_refused() {
        assert_eq!(
            check("ann@example.com").err(),
            Some(FieldErrorCode::TooCommon)
        );
    }

    #[test]
    fn the_cap_is_shared_with_the_command_bounds() {
        assert_eq!(MAX_PASSWORD_CHARS, caps::PASSWORD);
        let at_cap = format!("violet kettle {}", "z".repeat(MAX_PASSWORD_CHARS - 14));
        assert!(check(&at_cap).is_ok());
        let error = NewPassword::parse(
            "new_password",
            &Sensitive::new(format!("{at_cap}z")),
            "ann@example.com",
        )
        .expect_err("too long");
        assert_eq!(error.code, FieldErrorCode::TooLong);
        assert_eq!(error.field, "new_password");
        assert_eq!(
            error.message,
            "Use at most 256 characters for the password (this one has 257)."
        );
    }

    #[test]
    fn blank_is_required() {
        assert_eq!(check("").err(), Some(FieldErrorCode::Required));
    }
}
