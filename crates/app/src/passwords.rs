//! Password hashing with argon2id at OWASP's parameters, off the async runtime's
//! worker threads (a hash takes tens of milliseconds of pure CPU).

use std::sync::{Arc, OnceLock};

use argon2::password_hash::rand_core::{OsRng, RngCore};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use desk_domain::{DeskError, Sensitive};

use crate::internal_error;

/// OWASP's recommended minimum for argon2id: 19 MiB of memory, 2 passes, 1 lane.
pub const OWASP_MEMORY_KIB: u32 = 19_456;
/// See [`OWASP_MEMORY_KIB`].
pub const OWASP_ITERATIONS: u32 = 2;
/// See [`OWASP_MEMORY_KIB`].
pub const OWASP_PARALLELISM: u32 = 1;

/// The result of checking a password against a stored hash.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Verification {
    /// The password matches.
    pub matches: bool,
    /// The hash was made with weaker parameters (or another algorithm) than today's,
    /// so it should be replaced by a fresh hash of the same password.
    pub needs_rehash: bool,
}

/// Hashes and verifies passwords with fixed argon2id parameters.
#[derive(Debug, Clone)]
pub struct Passwords {
    params: Params,
    // A hash of a random password, verified against when an email has no account, so
    // a wrong email costs as much time as a wrong password.
    dummy_hash: Arc<OnceLock<String>>,
}

impl Default for Passwords {
    fn default() -> Self {
        Self::owasp()
    }
}

impl Passwords {
    /// The parameters new hashes get.
    pub fn owasp() -> Self {
        Self::with_params(OWASP_MEMORY_KIB, OWASP_ITERATIONS, OWASP_PARALLELISM)
            .unwrap_or_else(|_| unreachable!("OWASP parameters are valid"))
    }

    /// Other parameters (benchmarks, and tests of re-hashing).
    pub fn with_params(memory_kib: u32, iterations: u32, parallelism: u32) -> Result<Self, String> {
        let params = Params::new(memory_kib, iterations, parallelism, None)
            .map_err(|error| error.to_string())?;
        Ok(Self {
            params,
            dummy_hash: Arc::new(OnceLock::new()),
        })
    }

    fn hasher(&self) -> Argon2<'static> {
        Argon2::new(Algorithm::Argon2id, Version::V0x13, self.params.clone())
    }

    /// Hashes `password` on the blocking pool; returns a PHC string.
    pub async fn hash(&self, password: &str) -> Result<String, DeskError> {
        let this = self.clone();
        let password = Sensitive::new(password.to_owned());
        tokio::task::spawn_blocking(move || this.hash_now(password.expose()))
            .await
            .map_err(|error| internal_error("hashing a password", &error))?
    }

    /// Hashes on the calling thread (for the blocking pool and benchmarks).
    pub fn hash_now(&self, password: &str) -> Result<String, DeskError> {
        let salt = SaltString::generate(&mut OsRng);
        self.hasher()
            .hash_password(password.as_bytes(), &salt)
            .map(|hash| hash.to_string())
            .map_err(|error| internal_error("hashing a password", &error))
    }

    /// Checks `password` against `stored` on the blocking pool. `None` for `stored`
    /// verifies against a dummy hash and never matches: same cost, no answer.
    pub async fn verify(
        &self,
        password: &str,
        stored: Option<String>,
    ) -> Result<Verification, DeskError> {
        let this = self.clone();
        let password = Sensitive::new(password.to_owned());
        tokio::task::spawn_blocking(move || match stored {
            Some(stored) => Ok(this.verify_now(password.expose(), &stored)),
            None => {
                let dummy = this.dummy_hash()?;
                this.verify_now(password.expose(), &dummy);
                Ok(Verification {
                    matches: false,
                    needs_rehash: false,
                })
            }
        })
        .await
        .map_err(|error| internal_error("verifying a password", &error))?
    }

    fn dummy_hash(&self) -> Result<String, DeskError> {
        if let Some(hash) = self.dummy_hash.get() {
            return Ok(hash.clone());
        }
        let hash = self.hash_now(&generate_one_time_password())?;
        Ok(self.dummy_hash.get_or_init(|| hash).clone())
    }

    /// Verifies on the calling thread.
    pub fn verify_now(&self, password: &str, stored: &str) -> Verification {
        let Ok(parsed) = PasswordHash::new(stored) else {
            return Verification {
                matches: false,
                needs_rehash: false,
            };
        };
        // Verification uses the parameters recorded in the hash itself.
        let matches = Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok();
        Verification {
            matches,
            needs_rehash: matches && self.is_weaker(&parsed),
        }
    }

    fn is_weaker(&self, parsed: &PasswordHash<'_>) -> bool {
        if parsed.algorithm.as_str() != "argon2id" {
            return true;
        }
        match Params::try_from(parsed) {
            Ok(stored) => {
                stored.m_cost() < self.params.m_cost()
                    || stored.t_cost() < self.params.t_cost()
                    || stored.p_cost() < self.params.p_cost()
            }
            Err(_) => true,
        }
    }
}

/// A one-time password for a new account or a reset: 20 characters from an alphabet
/// without look-alikes (no 0/O, 1/l/I), in groups of five for reading aloud. About
/// 110 bits of entropy; it meets the password policy.
pub fn generate_one_time_password() -> String {
    const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyzACDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut bytes = [0u8; 20];
    OsRng.fill_bytes(&mut bytes);
    let mut password = String::with_capacity(23);
    for (index, byte) in bytes.iter().enumerate() {
        if index > 0 && index % 5 == 0 {
            password.push('-');
        }
        // 256 is not a multiple of the alphabet's length; the bias this leaves is tiny
        // next to 110 bits.
        password.push(char::from(ALPHABET[usize::from(*byte) % ALPHABET.len()]));
    }
    password
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_hashes_are_argon2id_with_owasp_parameters() {
        let hash = Passwords::owasp()
            .hash_now("violet kettle harbour")
            .expect("hashes");
        assert!(
            hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{hash}"
        );
    }

    #[test]
    fn the_right_password_matches_and_a_wrong_one_does_not() {
        let passwords = Passwords::owasp();
        let hash = passwords.hash_now("violet kettle harbour").expect("hashes");
        assert_eq!(
            passwords.verify_now("violet kettle harbour", &hash),
            Verification {
                matches: true,
                needs_rehash: false
            }
        );
        assert!(!passwords.verify_now("violet kettle harbor", &hash).matches);
    }

    #[test]
    fn hashes_made_with_weaker_parameters_are_flagged_for_rehash_only_when_they_match() {
        let weak = Passwords::with_params(8_192, 1, 1).expect("valid");
        let hash = weak.hash_now("violet kettle harbour").expect("hashes");
        let today = Passwords::owasp();
        assert_eq!(
            today.verify_now("violet kettle harbour", &hash),
            Verification {
                matches: true,
                needs_rehash: true
            }
        );
        assert!(!today.verify_now("wrong password!!", &hash).needs_rehash);
    }

    #[test]
    fn a_garbled_hash_never_matches() {
        assert!(
            !Passwords::owasp()
                .verify_now("anything at all", "not-a-hash")
                .matches
        );
    }

    #[tokio::test]
    async fn an_unknown_account_is_checked_against_a_dummy_hash_and_never_matches() {
        let passwords = Passwords::owasp();
        let verification = passwords
            .verify("violet kettle harbour", None)
            .await
            .expect("runs");
        assert!(!verification.matches);
        assert!(
            passwords.dummy_hash.get().is_some(),
            "the dummy hash was really verified"
        );
    }

    #[test]
    fn one_time_passwords_meet_the_policy_and_differ() {
        let first = generate_one_time_password();
        let second = generate_one_time_password();
        assert_ne!(first, second);
        assert_eq!(first.len(), 23);
        let parsed = desk_domain::NewPassword::parse(
            "password",
            &Sensitive::new(first.clone()),
            "ann@example.com",
        );
        assert!(parsed.is_ok(), "{first}");
    }
}
