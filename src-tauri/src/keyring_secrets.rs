//! Profile passwords in the OS keyring: the macOS Keychain, the Windows Credential
//! Manager, or on Linux the Secret Service (GNOME Keyring, KWallet). One entry per
//! profile under the service `customer-desk`.

use desk_app::profiles::{SecretError, SecretStore};
use desk_domain::Sensitive;
use keyring::Entry;

/// The keyring service every entry is filed under.
pub const SERVICE: &str = "customer-desk";

/// Which keyring to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// The platform's default persistent store.
    Default,
    /// Linux's kernel keyring (keyutils): per login session, gone after a reboot.
    #[cfg(target_os = "linux")]
    KernelKeyring,
}

/// A [`SecretStore`] over the `keyring` crate.
#[derive(Debug, Clone)]
pub struct KeyringSecrets {
    service: String,
    backend: Backend,
}

impl KeyringSecrets {
    /// Entries under `service` (tests use their own service name).
    pub fn new(service: &str, backend: Backend) -> Self {
        Self {
            service: service.to_owned(),
            backend,
        }
    }

    fn entry(&self, profile: &str) -> Result<Entry, SecretError> {
        let entry = match self.backend {
            Backend::Default => Entry::new(&self.service, profile),
            #[cfg(target_os = "linux")]
            Backend::KernelKeyring => {
                keyring::keyutils::KeyutilsCredential::new_with_target(None, &self.service, profile)
                    .map(|credential| Entry::new_with_credential(Box::new(credential)))
            }
        };
        entry.map_err(classify)
    }
}

/// Sorts keyring errors into "there is no keyring here" and real failures.
fn classify(error: keyring::Error) -> SecretError {
    match error {
        keyring::Error::NoStorageAccess(cause) => SecretError::Unavailable(cause.to_string()),
        keyring::Error::PlatformFailure(cause) => SecretError::Unavailable(cause.to_string()),
        other => SecretError::Failed(other.to_string()),
    }
}

impl SecretStore for KeyringSecrets {
    fn get(&self, profile: &str) -> Result<Option<Sensitive<String>>, SecretError> {
        match self.entry(profile)?.get_password() {
            Ok(password) => Ok(Some(Sensitive::new(password))),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(error) => Err(classify(error)),
        }
    }

    fn set(&self, profile: &str, secret: &Sensitive<String>) -> Result<(), SecretError> {
        self.entry(profile)?
            .set_password(secret.expose())
            .map_err(classify)
    }

    fn delete(&self, profile: &str) -> Result<(), SecretError> {
        match self.entry(profile)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(error) => Err(classify(error)),
        }
    }

    fn probe(&self) -> Result<(), SecretError> {
        self.get("__customer-desk-probe__").map(drop)
    }
}
