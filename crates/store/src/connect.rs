//! Opening the store a connection profile names, and saying precisely why it failed.

use std::path::PathBuf;
use std::sync::Arc;

use async_trait::async_trait;
use desk_domain::Sensitive;
use desk_domain::profile::ProfileTarget;

use crate::postgres::{self, PostgresStore, SchemaUpgrade};
use crate::sqlite::SqliteStore;
use crate::{ConnectError, Store};

/// The default store's file name inside the app-data folder.
pub const DEFAULT_DATABASE_FILE: &str = "customer-desk.sqlite3";

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

    /// Sets up or upgrades the schema of `target`'s database, connected with its
    /// owner's login (`target`'s user).
    async fn set_up(
        &self,
        target: &ProfileTarget,
        password: Option<&Sensitive<String>>,
    ) -> Result<SchemaUpgrade, ConnectError>;

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
                let options = postgres::connect_options(target, password)?;
                Ok(Arc::new(PostgresStore::open(options).await?))
            }
        }
    }

    async fn set_up(
        &self,
        target: &ProfileTarget,
        password: Option<&Sensitive<String>>,
    ) -> Result<SchemaUpgrade, ConnectError> {
        let options = postgres::connect_options(target, password)?;
        PostgresStore::migrate(options).await
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
                let options = postgres::connect_options(target, password)?;
                postgres::check(options).await
            }
        }
    }
}
