//! The SMTP password in this desktop's keyring, bound like a profile password: the
//! entry holds the password with the host, port, security and login it was saved
//! for, and reads as "not saved" once any of them changes. Otherwise anyone who may
//! edit the settings (or the shared store's table) could point them at their own
//! server and have the next delivery hand it the password.

use desk_domain::Sensitive;
use desk_domain::email_settings::{EmailSettings, SmtpSecurity};
use serde::{Deserialize, Serialize};

use crate::profiles::{SecretError, SecretStore};

#[derive(Serialize, Deserialize)]
struct Bound {
    host: String,
    port: u16,
    security: SmtpSecurity,
    login: String,
    password: String,
}

impl Bound {
    fn is_for(&self, settings: &EmailSettings) -> bool {
        self.host == settings.host
            && self.port == settings.port
            && self.security == settings.security
            && Some(&self.login) == settings.login.as_ref()
    }
}

/// The keyring entry of the SMTP password for the store of `profile`. A tab cannot be
/// part of a profile name (names refuse control characters), so this never collides
/// with a profile's own entry.
fn key(profile: &str) -> String {
    format!("smtp\t{profile}")
}

/// The SMTP password saved for the store of `profile`, if it was saved for exactly
/// these settings' host, port, security and login.
pub fn read(
    secrets: &dyn SecretStore,
    profile: &str,
    settings: &EmailSettings,
) -> Result<Option<Sensitive<String>>, SecretError> {
    let Some(entry) = secrets.get(&key(profile))? else {
        return Ok(None);
    };
    Ok(serde_json::from_str::<Bound>(entry.expose())
        .ok()
        .filter(|bound| bound.is_for(settings))
        .map(|bound| Sensitive::new(bound.password)))
}

/// Saves `password` for the store of `profile`, usable only with `settings`' host,
/// port, security and login.
pub fn write(
    secrets: &dyn SecretStore,
    profile: &str,
    settings: &EmailSettings,
    password: &Sensitive<String>,
) -> Result<(), SecretError> {
    let bound = Bound {
        host: settings.host.clone(),
        port: settings.port,
        security: settings.security,
        login: settings.login.clone().unwrap_or_default(),
        password: password.expose().clone(),
    };
    let entry = serde_json::to_string(&bound)
        .map_err(|error| SecretError::Failed(format!("encoding the entry: {error}")))?;
    secrets.set(&key(profile), &Sensitive::new(entry))
}

/// Moves the SMTP password saved for `old` to the renamed profile `new` (still bound
/// to the server and login it was saved for).
pub fn rename(secrets: &dyn SecretStore, old: &str, new: &str) -> Result<(), SecretError> {
    if let Some(entry) = secrets.get(&key(old))? {
        secrets.set(&key(new), &entry)?;
    }
    secrets.delete(&key(old))
}

/// Forgets the SMTP password of the store of `profile` (its server needs no login now,
/// or the profile is gone).
pub fn forget(secrets: &dyn SecretStore, profile: &str) -> Result<(), SecretError> {
    secrets.delete(&key(profile))
}

#[cfg(test)]
mod tests {
    use desk_domain::Email;

    use super::*;
    use crate::profiles::MemorySecrets;

    fn settings() -> EmailSettings {
        EmailSettings {
            host: "smtp.example.com".into(),
            port: 465,
            security: SmtpSecurity::ImplicitTls,
            login: Some("desk@example.com".into()),
            sender_name: "Example Shop".into(),
            sender_address: Email::from_trusted("shop@example.com".into()),
        }
    }

    #[test]
    fn the_password_is_read_back_only_for_the_server_and_login_it_was_saved_for() {
        let secrets = MemorySecrets::default();
        let password = Sensitive::new("smtp-secret".to_owned());
        write(&secrets, "Local", &settings(), &password).expect("saves");
        assert_eq!(
            read(&secrets, "Local", &settings()).expect("reads"),
            Some(password)
        );
        let renamed_sender = EmailSettings {
            sender_name: "Another name".into(),
            ..settings()
        };
        assert!(
            read(&secrets, "Local", &renamed_sender)
                .expect("reads")
                .is_some()
        );
        for moved in [
            EmailSettings {
                host: "attacker.example.net".into(),
                ..settings()
            },
            EmailSettings {
                port: 2525,
                ..settings()
            },
            EmailSettings {
                security: SmtpSecurity::StartTls,
                ..settings()
            },
            EmailSettings {
                login: Some("someone@example.com".into()),
                ..settings()
            },
        ] {
            assert_eq!(read(&secrets, "Local", &moved).expect("reads"), None);
        }
    }

    #[test]
    fn a_renamed_profile_keeps_its_smtp_password() {
        let secrets = MemorySecrets::default();
        let password = Sensitive::new("smtp-secret".to_owned());
        write(&secrets, "Local", &settings(), &password).expect("saves");
        rename(&secrets, "Local", "Office laptop").expect("renames");
        assert_eq!(read(&secrets, "Local", &settings()).expect("reads"), None);
        assert_eq!(
            read(&secrets, "Office laptop", &settings()).expect("reads"),
            Some(password)
        );
    }

    #[test]
    fn the_entry_never_collides_with_a_profile_password() {
        let secrets = MemorySecrets::default();
        let password = Sensitive::new("smtp-secret".to_owned());
        write(&secrets, "Local", &settings(), &password).expect("saves");
        assert_eq!(secrets.get("Local").expect("reads"), None);
        forget(&secrets, "Local").expect("forgets");
        assert_eq!(read(&secrets, "Local", &settings()).expect("reads"), None);
    }
}
