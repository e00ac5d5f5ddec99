//! The embedded default: one SQLite file per profile, in WAL mode.

mod audit;
mod customers;
mod staff;

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use sqlx::SqlitePool;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};

use crate::StoreError;

/// A store in a local SQLite file.
#[derive(Debug, Clone)]
pub struct SqliteStore {
    pool: SqlitePool,
}

impl SqliteStore {
    /// Opens (creating it if missing) the database file at `path` and applies
    /// pending migrations.
    pub async fn open_file(path: &Path) -> Result<Self, StoreError> {
        if let Some(folder) = path.parent() {
            // First run: the OS app-data folder may not exist yet.
            std::fs::create_dir_all(folder).map_err(|error| StoreError::Folder {
                path: folder.to_owned(),
                error,
            })?;
        }
        Self::open(SqliteConnectOptions::new().filename(path)).await
    }

    /// Opens the database a `sqlite://` URL names, creating it if missing, and applies
    /// pending migrations.
    pub async fn open_url(url: &str) -> Result<Self, StoreError> {
        Self::open(SqliteConnectOptions::from_str(url)?).await
    }

    async fn open(options: SqliteConnectOptions) -> Result<Self, StoreError> {
        let options = options
            .create_if_missing(true)
            // WAL lets the list read while an import writes; NORMAL is durable in WAL
            // mode except for the last commits on power loss, never corrupting.
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            // Waits for a writer instead of failing at once with SQLITE_BUSY.
            .busy_timeout(Duration::from_secs(5));
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options)
            .await?;
        sqlx::migrate!("../../migrations/sqlite").run(&pool).await?;
        Ok(Self { pool })
    }

    /// Closes every connection, checkpointing the WAL into the main file.
    pub async fn close(&self) {
        self.pool.close().await;
    }
}
