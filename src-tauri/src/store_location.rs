use std::fmt;
use std::path::{Path, PathBuf};

use desk_store::DEFAULT_DATABASE_FILE;

/// Names another store than the default SQLite file: `sqlite://…` or `postgres://…`.
pub const DATABASE_URL_VAR: &str = "DESK_DATABASE_URL";

/// Which store to open. Chosen once, at start-up, from the environment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreLocation {
    /// The embedded default: a SQLite file in the app-data folder.
    SqliteFile(PathBuf),
    /// A SQLite database named by URL.
    SqliteUrl(String),
    /// A Postgres server; the URL may hold a password, so it is never printed.
    Postgres(SecretUrl),
}

/// A URL that may carry a password: `Debug` and `Display` show only its scheme.
#[derive(Clone, PartialEq, Eq)]
pub struct SecretUrl(String);

impl SecretUrl {
    /// The full URL, for the driver only.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for SecretUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("postgres://<redacted>")
    }
}

/// The environment named a store this build cannot open.
#[derive(Debug, thiserror::Error)]
pub enum StoreLocationError {
    /// The URL's scheme is neither `sqlite:` nor `postgres://`.
    #[error(
        "{DATABASE_URL_VAR} starts with \"{0}:\"; use sqlite://PATH or postgres://USER@HOST/DATABASE"
    )]
    UnknownScheme(String),
}

impl StoreLocation {
    /// Reads [`DATABASE_URL_VAR`]; without it, the default file in `data_dir`.
    pub fn from_env(data_dir: &Path) -> Result<Self, StoreLocationError> {
        Self::choose(std::env::var(DATABASE_URL_VAR).ok().as_deref(), data_dir)
    }

    /// The choice itself, separate from the environment so it can be tested.
    pub fn choose(database_url: Option<&str>, data_dir: &Path) -> Result<Self, StoreLocationError> {
        match database_url.map(str::trim).filter(|url| !url.is_empty()) {
            None => Ok(Self::SqliteFile(data_dir.join(DEFAULT_DATABASE_FILE))),
            Some(url) if url.starts_with("sqlite:") => Ok(Self::SqliteUrl(url.to_owned())),
            Some(url) if url.starts_with("postgres://") || url.starts_with("postgresql://") => {
                Ok(Self::Postgres(SecretUrl(url.to_owned())))
            }
            Some(url) => Err(StoreLocationError::UnknownScheme(
                url.split(':').next().unwrap_or_default().to_owned(),
            )),
        }
    }
}

impl fmt::Display for StoreLocation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::SqliteFile(path) => write!(f, "SQLite file {}", path.display()),
            Self::SqliteUrl(url) => write!(f, "SQLite {url}"),
            Self::Postgres(url) => write!(f, "Postgres {url:?}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_a_url_the_default_file_in_the_data_folder_is_used() {
        let location = StoreLocation::choose(None, Path::new("/data")).expect("valid");
        assert_eq!(
            location,
            StoreLocation::SqliteFile(Path::new("/data").join(DEFAULT_DATABASE_FILE))
        );
    }

    #[test]
    fn a_blank_url_counts_as_none() {
        let location = StoreLocation::choose(Some("  "), Path::new("/data")).expect("valid");
        assert!(matches!(location, StoreLocation::SqliteFile(_)));
    }

    #[test]
    fn the_scheme_picks_the_backend() {
        let sqlite = StoreLocation::choose(Some("sqlite:///tmp/x.db"), Path::new("/d"));
        assert!(matches!(sqlite, Ok(StoreLocation::SqliteUrl(_))));
        for url in ["postgres://u@h/db", "postgresql://u@h/db"] {
            let postgres = StoreLocation::choose(Some(url), Path::new("/d"));
            assert!(matches!(postgres, Ok(StoreLocation::Postgres(_))), "{url}");
        }
    }

    #[test]
    fn an_unknown_scheme_is_refused_with_a_message_that_says_what_works() {
        let error = StoreLocation::choose(Some("mysql://h/db"), Path::new("/d")).expect_err("bad");
        let message = error.to_string();
        assert!(message.contains("\"mysql:\""), "{message}");
        assert!(message.contains("postgres://"), "{message}");
    }

    #[test]
    fn a_postgres_password_never_shows_in_logs() {
        let location =
            StoreLocation::choose(Some("postgres://ann:hunter2@db/desk"), Path::new("/d"))
                .expect("valid");
        assert!(!format!("{location} {location:?}").contains("hunter2"));
    }
}
