//! A database login's password as Postgres stores it: a SCRAM-SHA-256 verifier (RFC
//! 5802, RFC 7677). Computed on the desktop and sent instead of the password, as
//! `psql`'s `\password` does, so the password never reaches the server, its logs or
//! `pg_stat_statements` in clear.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

/// Postgres' own default (`scram_iterations`).
const ITERATIONS: u32 = 4096;

/// `SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>` for `password`, with a
/// fresh random salt.
pub fn scram_verifier(password: &str) -> String {
    let mut salt = [0u8; 16];
    argon2::password_hash::rand_core::RngCore::fill_bytes(
        &mut argon2::password_hash::rand_core::OsRng,
        &mut salt,
    );
    verifier_with(password, &salt, ITERATIONS)
}

fn verifier_with(password: &str, salt: &[u8], iterations: u32) -> String {
    // The server prepares a password with SASLprep when it can and uses the bytes as
    // they are when it cannot; so must the verifier.
    let prepared = stringprep::saslprep(password)
        .map(|prepared| prepared.into_owned())
        .unwrap_or_else(|_| password.to_owned());
    let mut salted = [0u8; 32];
    pbkdf2::pbkdf2_hmac::<Sha256>(prepared.as_bytes(), salt, iterations, &mut salted);
    let client_key = hmac(&salted, b"Client Key");
    let stored_key = Sha256::digest(client_key);
    let server_key = hmac(&salted, b"Server Key");
    format!(
        "SCRAM-SHA-256${iterations}:{}${}:{}",
        STANDARD.encode(salt),
        STANDARD.encode(stored_key),
        STANDARD.encode(server_key)
    )
}

fn hmac(key: &[u8], message: &[u8]) -> Vec<u8> {
    // HMAC takes a key of any length: this cannot fail.
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key).unwrap_or_else(|_| unreachable!());
    mac.update(message);
    mac.finalize().into_bytes().to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_verifier_matches_a_known_postgres_one() {
        // RFC 7677's example salt and count; the expected value was computed apart
        // from this code (Python's hashlib.pbkdf2_hmac and hmac). That a real server
        // accepts these verifiers is proven by the role suite, which signs in with them.
        let salt = STANDARD.decode("W22ZaJ0SNY7soEsUEjb6gQ==").expect("salt");
        assert_eq!(
            verifier_with("pencil", &salt, 4096),
            "SCRAM-SHA-256$4096:W22ZaJ0SNY7soEsUEjb6gQ==$\
             WG5d8oPm3OtcPnkdi4Uo7BkeZkBFzpcXkuLmtbsT4qY=:\
             wfPLwcE6nTWhTAmQ7tl2KeoiWGPlZqQxSrmfPwDl2dU="
        );
    }

    #[test]
    fn each_verifier_has_its_own_salt() {
        assert_ne!(scram_verifier("pencil"), scram_verifier("pencil"));
        assert!(scram_verifier("pencil").starts_with("SCRAM-SHA-256$4096:"));
    }
}
