//! Connection profiles: named stores (a local SQLite file or a Postgres server). A
//! profile never holds a secret; the Postgres password lives in the OS keyring.

use serde::{Deserialize, Serialize};

use crate::bounds::{caps, chars_over, too_long};
use crate::{FieldError, FieldErrorCode, Sensitive};

/// Form field names of the profile form.
pub mod fields {
    /// The name an edited profile had (no input shows it; a message on it goes to the
    /// banner).
    pub const ORIGINAL_NAME: &str = "original_name";
    /// Profile name.
    pub const NAME: &str = "name";
    /// SQLite file path (empty: the default file).
    pub const SQLITE_PATH: &str = "sqlite_path";
    /// Postgres host.
    pub const HOST: &str = "host";
    /// Postgres port.
    pub const PORT: &str = "port";
    /// Postgres database.
    pub const DATABASE: &str = "database";
    /// Postgres user.
    pub const USER: &str = "user";
    /// TLS mode.
    pub const TLS_MODE: &str = "tls_mode";
    /// CA certificate file for verify-ca / verify-full.
    pub const CA_FILE: &str = "ca_file";
    /// Postgres password.
    pub const PASSWORD: &str = "password";
}

/// The name of the profile created on first run: the default SQLite file.
pub const LOCAL_PROFILE: &str = "Local";

/// How the connection to Postgres is secured (libpq's `sslmode`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TlsMode {
    /// No TLS (only sensible on a trusted network or loopback).
    Disable,
    /// TLS when the server offers it.
    Prefer,
    /// TLS always, without checking the certificate.
    Require,
    /// TLS, certificate signed by a trusted authority (system roots or the CA file).
    VerifyCa,
    /// TLS, certificate signed by a trusted authority and naming the host.
    #[default]
    VerifyFull,
}

impl TlsMode {
    /// Every mode, in the order the form offers them.
    pub const ALL: [Self; 5] = [
        Self::VerifyFull,
        Self::VerifyCa,
        Self::Require,
        Self::Prefer,
        Self::Disable,
    ];

    /// The stable spelling (also libpq's).
    pub fn code(self) -> &'static str {
        match self {
            Self::Disable => "disable",
            Self::Prefer => "prefer",
            Self::Require => "require",
            Self::VerifyCa => "verify-ca",
            Self::VerifyFull => "verify-full",
        }
    }

    /// The mode spelled `code`.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|mode| mode.code() == code)
    }

    /// Whether the mode checks the server's certificate (against the system's roots
    /// and the profile's CA file, if any).
    pub fn verifies_certificate(self) -> bool {
        matches!(self, Self::VerifyCa | Self::VerifyFull)
    }
}

/// Where a profile's store is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ProfileTarget {
    /// A SQLite file; `None` is the default file in the app-data folder.
    Sqlite {
        /// An explicit file, or `None` for the default.
        path: Option<String>,
    },
    /// A Postgres server.
    Postgres {
        /// Host name or address.
        host: String,
        /// TCP port.
        port: u16,
        /// Database name.
        database: String,
        /// User name.
        user: String,
        /// TLS mode.
        tls_mode: TlsMode,
        /// A CA certificate file trusted besides the system's roots, for `verify-ca`
        /// and `verify-full` (a private CA, as many companies run).
        ca_file: Option<String>,
    },
}

impl std::fmt::Display for ProfileTarget {
    /// How screens and the audit log name the store: "Postgres ann@db:5432/desk, TLS
    /// verify-full" or "SQLite file /path".
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Sqlite { path: Some(path) } => write!(f, "SQLite file {path}"),
            Self::Sqlite { path: None } => {
                f.write_str("SQLite file (default, in the app's data folder)")
            }
            Self::Postgres {
                host,
                port,
                database,
                user,
                tls_mode,
                ..
            } => write!(
                f,
                "Postgres {user}@{host}:{port}/{database}, TLS {}",
                tls_mode.code()
            ),
        }
    }
}

/// A named store, as saved in the profiles file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    /// Unique, 1 to [`caps::PROFILE_NAME`] characters.
    pub name: String,
    /// Where it points.
    pub target: ProfileTarget,
}

impl Profile {
    /// Whether connecting needs a password.
    pub fn uses_password(&self) -> bool {
        matches!(self.target, ProfileTarget::Postgres { .. })
    }
}

/// The profile form as typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileInput {
    /// When editing: the name the profile had (it may be renamed).
    pub original_name: Option<String>,
    /// As typed.
    pub name: String,
    /// `true` for Postgres, `false` for a SQLite file.
    pub postgres: bool,
    /// As typed (SQLite).
    pub sqlite_path: String,
    /// As typed (Postgres).
    pub host: String,
    /// As typed (Postgres).
    pub port: String,
    /// As typed (Postgres).
    pub database: String,
    /// As typed (Postgres).
    pub user: String,
    /// Chosen (Postgres).
    pub tls_mode: TlsMode,
    /// As typed (Postgres).
    pub ca_file: String,
    /// As typed; empty keeps a saved password as it is.
    pub password: Sensitive<String>,
    /// Save the typed password in the OS keyring.
    pub save_password: bool,
}

impl Default for ProfileInput {
    fn default() -> Self {
        Self {
            original_name: None,
            name: String::new(),
            postgres: true,
            sqlite_path: String::new(),
            host: String::new(),
            port: "5432".into(),
            database: String::new(),
            user: String::new(),
            tls_mode: TlsMode::default(),
            ca_file: String::new(),
            password: Sensitive::default(),
            save_password: true,
        }
    }
}

fn required(field: &str, raw: &str, what: &str) -> Result<String, FieldError> {
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        return Err(FieldError::new(
            field,
            FieldErrorCode::Required,
            format!("Enter {what}."),
        ));
    }
    if trimmed.chars().any(char::is_control) {
        return Err(FieldError::new(
            field,
            FieldErrorCode::InvalidCharacters,
            format!("Remove line breaks and other control characters from {what}."),
        ));
    }
    Ok(trimmed.to_owned())
}

impl ProfileInput {
    /// Checks the form and builds the profile, reporting every problem at once.
    pub fn parse(&self) -> Result<Profile, Vec<FieldError>> {
        let mut problems = Vec::new();
        let name = required(fields::NAME, &self.name, "a name for this connection");
        if let Ok(name) = &name
            && let Some(chars) = chars_over(name, caps::PROFILE_NAME)
        {
            problems.push(too_long(
                fields::NAME,
                "connection name",
                caps::PROFILE_NAME,
                chars,
            ));
        }
        let target = if self.postgres {
            let host = required(fields::HOST, &self.host, "the server's host name");
            if let Ok(host) = &host
                && (host.contains("://")
                    || host.contains(char::is_whitespace)
                    || host.contains('/'))
            {
                problems.push(FieldError::new(
                    fields::HOST,
                    FieldErrorCode::InvalidCharacters,
                    "Enter only the host name, like db.example.com, without spaces or a scheme.",
                ));
            }
            let port = match self.port.trim().parse::<u16>() {
                Ok(port) if port > 0 => Ok(port),
                _ => Err(FieldError::new(
                    fields::PORT,
                    FieldErrorCode::OutOfRange,
                    "Enter a port number from 1 to 65535 (Postgres usually listens on 5432).",
                )),
            };
            let database = required(fields::DATABASE, &self.database, "the database name");
            let user = required(fields::USER, &self.user, "the user name");
            // Without a CA file, the server's certificate must chain to the system's roots.
            let ca_file = Some(self.ca_file.trim().to_owned()).filter(|path| !path.is_empty());
            if let Ok(host) = &host
                && !self.tls_mode.allowed_for(host)
            {
                problems.push(FieldError::new(
                    fields::TLS_MODE,
                    FieldErrorCode::InvalidChoice,
                    format!(
                        "TLS mode {} is allowed only for a server on this computer (localhost): \
                         to {host} the password and the records would cross the network \
                         unencrypted. Choose verify-full.",
                        self.tls_mode.code()
                    ),
                ));
            }
            match (host, port, database, user) {
                (Ok(host), Ok(port), Ok(database), Ok(user)) => Some(ProfileTarget::Postgres {
                    host,
                    port,
                    database,
                    user,
                    tls_mode: self.tls_mode,
                    ca_file,
                }),
                (host, port, database, user) => {
                    problems.extend(
                        [host.err(), port.err(), database.err(), user.err()]
                            .into_iter()
                            .flatten(),
                    );
                    None
                }
            }
        } else {
            let path = Some(self.sqlite_path.trim().to_owned()).filter(|path| !path.is_empty());
            Some(ProfileTarget::Sqlite { path })
        };
        match (name, target) {
            (Ok(name), Some(target)) if problems.is_empty() => Ok(Profile { name, target }),
            (name, _) => {
                if let Err(problem) = name {
                    problems.insert(0, problem);
                }
                Err(problems)
            }
        }
    }
}

/// Whether a profile's password can be found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PasswordState {
    /// The profile needs none (SQLite).
    NotNeeded,
    /// Saved in the OS keyring.
    Saved,
    /// Not saved: asked for when switching.
    NotSaved,
}

/// A profile as the profiles screen shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileSummary {
    /// The profile.
    pub profile: Profile,
    /// The one the app is connected to.
    pub active: bool,
    /// Where its password is.
    pub password: PasswordState,
}

/// The profiles screen: every profile and whether a keyring is there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfilesView {
    /// Sorted by name.
    pub profiles: Vec<ProfileSummary>,
    /// `None` when the OS keyring works; else why it does not (passwords are then
    /// asked for each time).
    pub keyring_problem: Option<String>,
}

/// Switching to another profile.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SwitchProfileInput {
    /// Which profile.
    pub name: String,
    /// Typed when no password is saved; empty otherwise.
    pub password: Sensitive<String>,
}

/// Setting up or upgrading a shared store's schema, with its owner's login (never
/// saved: it is needed once per app update, not every day).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetUpDatabaseInput {
    /// The Postgres profile whose database it is.
    pub profile: String,
    /// The login that owns the database (it creates tables, roles and functions).
    pub owner_login: String,
    /// Its password.
    pub owner_password: Sensitive<String>,
}

/// Form field names of the set-up form.
pub mod set_up_fields {
    /// The owner's login.
    pub const OWNER_LOGIN: &str = "owner_login";
    /// The owner's password.
    pub const OWNER_PASSWORD: &str = "owner_password";
}

/// What a successful connection test found; a failed one is a field error on the
/// field to fix (host, TLS mode, password, database).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConnectionCheck {
    /// What the server said, for people: "Connected: PostgreSQL 15.4."
    pub message: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn postgres_input() -> ProfileInput {
        ProfileInput {
            name: "Head office".into(),
            host: "db.example.com".into(),
            database: "desk".into(),
            user: "ann".into(),
            ca_file: "/etc/ssl/ca.pem".into(),
            ..ProfileInput::default()
        }
    }

    #[test]
    fn a_complete_postgres_form_parses() {
        let profile = postgres_input().parse().expect("valid");
        assert_eq!(profile.name, "Head office");
        assert!(matches!(
            profile.target,
            ProfileTarget::Postgres {
                port: 5432,
                tls_mode: TlsMode::VerifyFull,
                ..
            }
        ));
    }

    #[test]
    fn verify_full_without_a_ca_file_trusts_the_system_roots() {
        let input = ProfileInput {
            ca_file: String::new(),
            ..postgres_input()
        };
        let profile = input.parse().expect("valid");
        assert!(matches!(
            profile.target,
            ProfileTarget::Postgres { ca_file: None, .. }
        ));
    }

    #[test]
    fn plain_text_to_another_computer_is_refused_on_the_tls_field() {
        for mode in [TlsMode::Disable, TlsMode::Prefer] {
            let input = ProfileInput {
                tls_mode: mode,
                ..postgres_input()
            };
            let problems = input.parse().expect_err("refused");
            assert_eq!(problems.len(), 1);
            assert_eq!(problems[0].field, fields::TLS_MODE);
            assert!(
                problems[0].message.contains("verify-full"),
                "{}",
                problems[0].message
            );
            let local = ProfileInput {
                host: "localhost".into(),
                tls_mode: mode,
                ..postgres_input()
            };
            assert!(local.parse().is_ok(), "{mode:?} to localhost");
        }
    }

    #[test]
    fn bad_ports_and_urls_in_the_host_field_are_explained() {
        let input = ProfileInput {
            host: "postgres://db".into(),
            port: "70000".into(),
            ..postgres_input()
        };
        let fields: Vec<_> = input
            .parse()
            .expect_err("invalid")
            .into_iter()
            .map(|problem| problem.field)
            .collect();
        assert_eq!(fields, [fields::HOST, fields::PORT]);
    }

    #[test]
    fn a_sqlite_profile_needs_only_a_name() {
        let input = ProfileInput {
            name: "Archive".into(),
            postgres: false,
            ..ProfileInput::default()
        };
        assert_eq!(
            input.parse().expect("valid").target,
            ProfileTarget::Sqlite { path: None }
        );
    }

    #[test]
    fn targets_describe_themselves_for_people() {
        let profile = postgres_input().parse().expect("valid");
        assert_eq!(
            profile.target.to_string(),
            "Postgres ann@db.example.com:5432/desk, TLS verify-full"
        );
        assert_eq!(
            ProfileTarget::Sqlite {
                path: Some("/data/archive.sqlite3".into())
            }
            .to_string(),
            "SQLite file /data/archive.sqlite3"
        );
    }

    #[test]
    fn tls_modes_use_libpq_spellings() {
        for mode in TlsMode::ALL {
            assert_eq!(TlsMode::from_code(mode.code()), Some(mode));
        }
        assert_eq!(TlsMode::VerifyFull.code(), "verify-full");
    }
}
