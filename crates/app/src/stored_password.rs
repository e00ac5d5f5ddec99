//! A password ready for the store: the argon2id hash the app checks on a local store,
//! and the SCRAM verifier the server checks on a shared one. The password itself is
//! dropped once both are made.

use chrono::{DateTime, Duration, Utc};
use desk_domain::DeskError;
use desk_store::PasswordSecrets;

use crate::database_password::scram_verifier;
use crate::passwords::Passwords;

/// How long a one-time password (given by an administrator) works. Until it is
/// changed, only changing it is allowed.
pub const ONE_TIME_PASSWORD_LIFETIME: Duration = Duration::hours(24);

/// A hashed password and, for one-time passwords, when it stops working.
#[derive(Debug)]
pub struct StoredPassword {
    hash: String,
    verifier: String,
    expires_at: Option<DateTime<Utc>>,
}

impl StoredPassword {
    /// The person's own password, for good.
    pub async fn own(passwords: &Passwords, password: &str) -> Result<Self, DeskError> {
        Self::new(passwords, password, None).await
    }

    /// A password an administrator gives someone: it must be changed at the first
    /// sign-in and stops working after [`ONE_TIME_PASSWORD_LIFETIME`].
    pub async fn one_time(
        passwords: &Passwords,
        password: &str,
        now: DateTime<Utc>,
    ) -> Result<Self, DeskError> {
        Self::new(passwords, password, Some(now + ONE_TIME_PASSWORD_LIFETIME)).await
    }

    async fn new(
        passwords: &Passwords,
        password: &str,
        expires_at: Option<DateTime<Utc>>,
    ) -> Result<Self, DeskError> {
        Ok(Self {
            hash: passwords.hash(password).await?,
            verifier: scram_verifier(password),
            expires_at,
        })
    }

    /// What the store keeps.
    pub fn secrets(&self) -> PasswordSecrets<'_> {
        PasswordSecrets {
            hash: &self.hash,
            database_verifier: &self.verifier,
            expires_at: self.expires_at,
        }
    }
}
