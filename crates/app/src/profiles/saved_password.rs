//! A saved password is bound to where it may be sent. The keyring entry holds the
//! password together with the target it was saved for (host, port, database, login,
//! TLS mode and CA file); a profile whose target has changed since, even by one field,
//! has no saved password until one is typed again. Without this, anyone at the
//! sign-in screen could point a saved profile at their own server, press "Test", and
//! receive the password.

use desk_domain::Sensitive;
use desk_domain::profile::ProfileTarget;
use serde::{Deserialize, Serialize};

use super::secrets::{SecretError, SecretStore};

/// What the keyring entry holds, as JSON. Entries saved before binding existed (a bare
/// password) do not parse and count as not saved.
#[derive(Serialize, Deserialize)]
struct Bound {
    target: ProfileTarget,
    password: String,
}

/// The password saved under `profile`, if it was saved for exactly `target`.
pub fn read(
    secrets: &dyn SecretStore,
    profile: &str,
    target: &ProfileTarget,
) -> Result<Option<Sensitive<String>>, SecretError> {
    let Some(entry) = secrets.get(profile)? else {
        return Ok(None);
    };
    Ok(serde_json::from_str::<Bound>(entry.expose())
        .ok()
        .filter(|bound| bound.target == *target)
        .map(|bound| Sensitive::new(bound.password)))
}

/// Saves `password` under `profile`, usable only for `target`.
pub fn write(
    secrets: &dyn SecretStore,
    profile: &str,
    target: &ProfileTarget,
    password: &Sensitive<String>,
) -> Result<(), SecretError> {
    let bound = Bound {
        target: target.clone(),
        password: password.expose().clone(),
    };
    let entry = serde_json::to_string(&bound)
        .map_err(|error| SecretError::Failed(format!("encoding the entry: {error}")))?;
    secrets.set(profile, &Sensitive::new(entry))
}

#[cfg(test)]
mod tests {
    use desk_domain::profile::TlsMode;

    use super::*;
    use crate::profiles::MemorySecrets;

    fn head_office() -> ProfileTarget {
        ProfileTarget::Postgres {
            host: "db.example.com".into(),
            port: 5432,
            database: "desk".into(),
            user: "ann".into(),
            tls_mode: TlsMode::VerifyFull,
            ca_file: None,
        }
    }

    #[test]
    fn a_password_is_read_back_only_for_the_target_it_was_saved_for() {
        let secrets = MemorySecrets::default();
        let password = Sensitive::new("s3cret".to_owned());
        write(&secrets, "Head office", &head_office(), &password).expect("saves");
        assert_eq!(
            read(&secrets, "Head office", &head_office()).expect("reads"),
            Some(password)
        );
        let ProfileTarget::Postgres {
            host,
            port,
            database,
            user,
            tls_mode,
            ca_file,
        } = head_office()
        else {
            unreachable!()
        };
        let changed = [
            ProfileTarget::Postgres {
                host: "evil.example.net".into(),
                port,
                database: database.clone(),
                user: user.clone(),
                tls_mode,
                ca_file: ca_file.clone(),
            },
            ProfileTarget::Postgres {
                host: host.clone(),
                port: 5433,
                database: database.clone(),
                user: user.clone(),
                tls_mode,
                ca_file: ca_file.clone(),
            },
            ProfileTarget::Postgres {
                host: host.clone(),
                port,
                database: "other".into(),
                user: user.clone(),
                tls_mode,
                ca_file: ca_file.clone(),
            },
            ProfileTarget::Postgres {
                host: host.clone(),
                port,
                database: database.clone(),
                user: "bob".into(),
                tls_mode,
                ca_file: ca_file.clone(),
            },
            ProfileTarget::Postgres {
                host: host.clone(),
                port,
                database: database.clone(),
                user: user.clone(),
                tls_mode: TlsMode::Require,
                ca_file: ca_file.clone(),
            },
            ProfileTarget::Postgres {
                host,
                port,
                database,
                user,
                tls_mode,
                ca_file: Some("/tmp/their-ca.pem".into()),
            },
        ];
        for target in changed {
            assert_eq!(
                read(&secrets, "Head office", &target).expect("reads"),
                None,
                "{target}"
            );
        }
    }

    #[test]
    fn an_unbound_entry_from_an_older_version_counts_as_not_saved() {
        let secrets = MemorySecrets::default();
        secrets
            .set("Head office", &Sensitive::new("s3cret".to_owned()))
            .expect("saves");
        assert_eq!(
            read(&secrets, "Head office", &head_office()).expect("reads"),
            None
        );
    }
}
