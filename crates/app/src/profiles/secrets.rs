use std::collections::HashMap;
use std::sync::Mutex;

use desk_domain::Sensitive;

/// Why a secret could not be read or written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SecretError {
    /// There is no usable keyring on this machine (e.g. Linux without a Secret
    /// Service). Passwords are then asked for each time.
    #[error("no keyring is available: {0}")]
    Unavailable(String),
    /// The keyring refused or failed.
    #[error("the keyring failed: {0}")]
    Failed(String),
}

/// Where profile passwords are kept: one entry per profile name. A missing entry is
/// `Ok(None)` ("no password saved"), never an error.
pub trait SecretStore: Send + Sync + std::fmt::Debug {
    /// The saved password of `profile`, if any.
    fn get(&self, profile: &str) -> Result<Option<Sensitive<String>>, SecretError>;
    /// Saves (or replaces) the password of `profile`.
    fn set(&self, profile: &str, secret: &Sensitive<String>) -> Result<(), SecretError>;
    /// Forgets the password of `profile`; nothing happens if none was saved.
    fn delete(&self, profile: &str) -> Result<(), SecretError>;
    /// `Ok` when the store works; the reason otherwise.
    fn probe(&self) -> Result<(), SecretError>;
}

/// Secrets in memory, for unit tests of code that takes a [`SecretStore`]. The app
/// uses the OS keyring, which has its own tests against the real stores.
#[derive(Debug, Default)]
pub struct MemorySecrets {
    entries: Mutex<HashMap<String, Sensitive<String>>>,
    unavailable: bool,
}

impl MemorySecrets {
    /// A store that behaves like a machine without a keyring.
    pub fn unavailable() -> Self {
        Self {
            entries: Mutex::default(),
            unavailable: true,
        }
    }

    fn entries(
        &self,
    ) -> Result<std::sync::MutexGuard<'_, HashMap<String, Sensitive<String>>>, SecretError> {
        if self.unavailable {
            return Err(SecretError::Unavailable(
                "no Secret Service on the session bus".into(),
            ));
        }
        Ok(self
            .entries
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner))
    }
}

impl SecretStore for MemorySecrets {
    fn get(&self, profile: &str) -> Result<Option<Sensitive<String>>, SecretError> {
        Ok(self.entries()?.get(profile).cloned())
    }

    fn set(&self, profile: &str, secret: &Sensitive<String>) -> Result<(), SecretError> {
        self.entries()?.insert(profile.to_owned(), secret.clone());
        Ok(())
    }

    fn delete(&self, profile: &str) -> Result<(), SecretError> {
        self.entries()?.remove(profile);
        Ok(())
    }

    fn probe(&self) -> Result<(), SecretError> {
        self.entries().map(drop)
    }
}
