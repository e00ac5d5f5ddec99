//! Opening the store a connection profile names, and saying precisely why it failed.

use std::path::PathBuf;
use std::sync::Arc;

use async_trait::async_trait;
use desk_domain::Sensitive;
use desk_domain::profile::ProfileTarget;

use crate::Store;
use crate::postgres::{self, PostgresStore};
use crate::sqlite::SqliteStore;

/// The default store's file name inside the app-data folder.
pub const DEFAULT_DATABASE_FILE: &str = "customer-desk.sqlite3";

/// Why a store could not be opened: each kind belongs to a different field of the
/// connection form (host, TLS mode, password, database), so the person knows what to fix.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConnectError {
    /// The host did not answer (wrong name or port, server down, firewall, timeout).
    #[error("the server cannot be reached ({0})")]
    Unreachable(String),
    /// The secure connection failed (no TLS on the server, untrusted or wrong certificate).
    #[error("the secure connection (TLS) failed ({0})")]
    Tls(String),
    /// The server refused the user name or password.
    #[error("the server refused the user name or password ({0})")]
    Authentication(String),
    /// The server has no database of that name.
    #[error("the server has no such database ({0})")]
    DatabaseMissing(String),
    /// Connected, but the schema could not be brought up to date.
    #[error("the database could not be brought up to date ({0})")]
    Migrations(String),
    /// The folder for a SQLite file could not be created.
    #[error("the folder {path} could not be created ({reason})")]
    Folder {
        /// The folder.
        path: PathBuf,
        /// Why not.
        reason: String,
    },
    /// Anything else the driver reported.
    #[error("{0}")]
    Other(String),
}

impl ConnectError {
    /// Sorts a driver error by the part of the connection that failed.
    pub fn from_sqlx(error: sqlx::Error) -> Self {
        let text = error.to_string();
        match &error {
            sqlx::Error::Io(_) | sqlx::Error::PoolTimedOut => Self::Unreachable(text),
            sqlx::Error::Tls(_) => Self::Tls(text),
            sqlx::Error::Database(database) => match database.code().as_deref() {
                // invalid_password, invalid_authorization_specification
                Some("28P01" | "28000") => Self::Authentication(text),
                // invalid_catalog_name
                Some("3D000") => Self::DatabaseMissing(text),
                _ => Self::Other(text),
            },
            sqlx::Error::Migrate(_) => Self::Migrations(text),
            _ if text.to_lowercase().contains("tls") || text.to_lowercase().contains("ssl") => {
                Self::Tls(text)
            }
            _ => Self::Other(text),
        }
    }
}

/// Opens stores for profiles. The app holds it as a trait object so that its unit
/// tests can stand in files for servers; [`ProfileOpener`] is the real one.
#[async_trait]
pub trait StoreOpener: Send + Sync + std::fmt::Debug {
    /// Connects to `target` (migrating it) for use.
    async fn open(
        &self,
        target: &ProfileTarget,
        password: Option<&Sensitive<String>>,
    ) -> Result<Arc<dyn Store>, ConnectError>;

    /// Connects to `target` and asks it one question, changing nothing; says what it
    /// found ("Connected: PostgreSQL 15.4.").
    async fn check(
        &self,
        target: &ProfileTarget,
        password: Option<&Sensitive<String>>,
    ) -> Result<String, ConnectError>;
}

/// Opens profiles' stores; default SQLite files live in `data_dir`.
#[derive(Debug, Clone)]
pub struct ProfileOpener {
    data_dir: PathBuf,
}

impl ProfileOpener {
    /// Default SQLite files go to `data_dir`.
    pub fn new(data_dir: PathBuf) -> Self {
        Self { data_dir }
    }

    fn sqlite_path(&self, path: Option<&str>) -> PathBuf {
        path.map(PathBuf::from)
            .unwrap_or_else(|| self.data_dir.join(DEFAULT_DATABASE_FILE))
    }
}

#[async_trait]
impl StoreOpener for ProfileOpener {
    async fn open(
        &self,
        target: &ProfileTarget,
        password: Option<&Sensitive<String>>,
    ) -> Result<Arc<dyn Store>, ConnectError> {
        match target {
            ProfileTarget::Sqlite { path } => {
                let store = SqliteStore::open_file(&self.sqlite_path(path.as_deref())).await?;
                Ok(Arc::new(store))
            }
            ProfileTarget::Postgres { .. } => {
                let options = postgres::connect_options(target, password)
                    .ok_or_else(|| ConnectError::Other("not a Postgres profile".into()))?;
                Ok(Arc::new(PostgresStore::open(options).await?))
            }
        }
    }

    async fn check(
        &self,
        target: &ProfileTarget,
        password: Option<&Sensitive<String>>,
    ) -> Result<String, ConnectError> {
        match target {
            ProfileTarget::Sqlite { path } => {
                let path = self.sqlite_path(path.as_deref());
                Ok(if path.exists() {
                    format!("{} exists and will be opened.", path.display())
                } else {
                    format!("{} will be created on first use.", path.display())
                })
            }
            ProfileTarget::Postgres { .. } => {
                let options = postgres::connect_options(target, password)
                    .ok_or_else(|| ConnectError::Other("not a Postgres profile".into()))?;
                postgres::check(options).await
            }
        }
    }
}
