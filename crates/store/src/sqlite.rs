//! The embedded default: one SQLite file per profile, in WAL mode. Here is only what
//! SQLite does differently; the SQL itself is in `crate::sql`.

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use chrono::{DateTime, Utc};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Pool, Sqlite, SqliteConnection, Transaction};
use uuid::Uuid;

use crate::backend::{Query, SqlStore, implement_backend};
use crate::private_files::{create_private_file, create_private_folder};
use crate::sql::corrupt;
use crate::sqlite_background;
use crate::{ConnectError, PasswordSecrets, StoreError};

/// A store in a local SQLite file.
pub type SqliteStore = SqlStore<Sqlite>;

impl SqlStore<Sqlite> {
    /// Opens (creating it if missing) the database file at `path` and applies
    /// pending migrations.
    pub async fn open_file(path: &Path) -> Result<Self, ConnectError> {
        if let Some(folder) = path
            .parent()
            .filter(|folder| !folder.as_os_str().is_empty())
        {
            // First run: the OS app-data folder may not exist yet.
            create_private_folder(folder).map_err(|error| ConnectError::Folder {
                path: folder.to_owned(),
                reason: error.to_string(),
            })?;
        }
        create_private_file(path).map_err(|error| ConnectError::File {
            path: path.to_owned(),
            reason: error.to_string(),
        })?;
        Self::open(SqliteConnectOptions::new().filename(path)).await
    }

    /// Opens the database a `sqlite://` URL names, creating it if missing, and applies
    /// pending migrations.
    pub async fn open_url(url: &str) -> Result<Self, ConnectError> {
        let options = SqliteConnectOptions::from_str(url)
            .map_err(|_| ConnectError::Unexpected("the database URL is not valid".into()))?;
        Self::open(options).await
    }

    async fn open(options: SqliteConnectOptions) -> Result<Self, ConnectError> {
        let options = options
            .create_if_missing(true)
            // WAL lets the list read while an import writes; NORMAL is durable in WAL
            // mode except for the last commits on power loss, never corrupting.
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            // Waits for a writer instead of failing at once with SQLITE_BUSY.
            .busy_timeout(Duration::from_secs(5))
            // With it, the row an `INSERT OR REPLACE` deletes fires delete triggers, so
            // it cannot take an audit entry away past the append-only trigger.
            .pragma("recursive_triggers", "ON");
        let options = sqlite_background::PRAGMAS
            .iter()
            .fold(options, |options, (name, value)| {
                options.pragma(*name, *value)
            });
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options.clone())
            .await
            // A local file's own error text (permissions, "file is not a database")
            // is what its owner needs to hear.
            .map_err(|error| ConnectError::File {
                path: options.get_filename().to_owned(),
                reason: error.to_string(),
            })?;
        sqlx::migrate!("../../migrations/sqlite")
            .run(&pool)
            .await
            .map_err(|error| ConnectError::Migrations(error.to_string()))?;
        let background = Some(std::sync::Arc::new(sqlite_background::start(&pool)));
        let store = Self { pool, background };
        store
            .refresh_customer_sort_keys()
            .await
            .map_err(|error| ConnectError::Migrations(error.to_string()))?;
        Ok(store)
    }
}

implement_backend!(Sqlite {
    const ORDER_OVER_ORDERED_SUBQUERY: bool = false;
    const MEMBERS_FIRST_JOIN: &'static str = "CROSS JOIN";
    const JOINED_ROLES: &'static str = "group_concat(r.role, ',')";
    const SKIP_LOCKED: &'static str = "";
    const FOR_UPDATE: &'static str = "";
    const DEFERS_SET_ENTRIES: bool = true;
    const THIS_LOGIN: Option<&'static str> = None;
    const CLOCK: Option<&'static str> = None;
    const SET_INITIAL_PASSWORD: &'static str =
        "INSERT INTO customer_passwords (customer_id, password_hash, set_at) VALUES ($1, $2, $3)";
    const VOID_CUSTOMER_LINKS: &'static str = "UPDATE link_tokens SET expires_at = \
        strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE record_type = 'customer' \
        AND record_id = $1 AND used_at IS NULL AND julianday(expires_at) > julianday('now')";
    const ERASE_CUSTOMER: Option<&'static str> = None;
    const CUSTOMER_HISTORY: &'static str = "SELECT * FROM audit_log \
        WHERE entity_type = 'customer' AND entity_id = $1 AND ($2 IS NULL OR id < $2) \
        ORDER BY id DESC LIMIT $3";

    fn search_hits(patterns: &[String]) -> String {
        let matches: Vec<String> = patterns
            .iter()
            .map(|pattern| format!("s.search_text LIKE {pattern}"))
            .collect();
        // CROSS JOIN keeps the trigram table as the outer loop: the hits are looked up
        // by rowid, never the other way round.
        format!(
            "(SELECT c.* FROM customer_search s CROSS JOIN customers c ON c.rowid = s.rowid \
              WHERE {}) c",
            matches.join(" AND ")
        )
    }

    fn json_parameter(n: usize) -> String {
        format!("${n}")
    }

    fn date_parameter(n: usize) -> String {
        format!("${n}")
    }

    fn new_entry_id(n: usize, sequence: &str) -> String {
        // 48 bits of milliseconds, version 7, 12 + 14 + 12 bits of the sequence (the
        // variant before the 14), then 36 random bits.
        format!(
            "printf('%08x-%04x-7%03x-%04x-%012x', ${n} >> 16, ${n} & 65535, \
             (({sequence}) >> 26) & 4095, ((({sequence}) >> 12) & 16383) | 32768, \
             ((({sequence}) & 4095) << 36) | (random() & 68719476735))"
        )
    }

    fn id_as_text(column: &str) -> String {
        column.to_owned()
    }

    fn instant(expression: &str) -> String {
        format!("julianday({expression})")
    }

    fn bind_id<'q>(query: Query<'q, Self>, value: Uuid) -> Query<'q, Self> {
        query.bind(value.hyphenated().to_string())
    }

    fn bind_optional_id<'q>(query: Query<'q, Self>, value: Option<Uuid>) -> Query<'q, Self> {
        query.bind(value.map(|id| id.hyphenated().to_string()))
    }

    fn id(row: &Self::Row, column: &str) -> Result<Uuid, StoreError> {
        let text: String = sqlx::Row::try_get(row, column)?;
        Uuid::parse_str(&text).map_err(|_| corrupt(column, format!("{text:?}")))
    }

    fn optional_id(row: &Self::Row, column: &str) -> Result<Option<Uuid>, StoreError> {
        let text: Option<String> = sqlx::Row::try_get(row, column)?;
        text.map(|text| Uuid::parse_str(&text).map_err(|_| corrupt(column, format!("{text:?}"))))
            .transpose()
    }

    async fn begin_write(pool: &Pool<Self>) -> Result<Transaction<'static, Self>, sqlx::Error> {
        pool.begin_with("BEGIN IMMEDIATE").await
    }

    // BEGIN IMMEDIATE already holds the database's one write lock.
    async fn lock_for_first_staff(_: &mut SqliteConnection) -> Result<(), sqlx::Error> {
        Ok(())
    }

    async fn lock_administrators(_: &mut SqliteConnection) -> Result<(), sqlx::Error> {
        Ok(())
    }

    // A local store has no database logins: the app checks the hash itself.
    async fn provision_login(
        _: &mut SqliteConnection,
        _: Uuid,
        _: &PasswordSecrets<'_>,
    ) -> Result<(), sqlx::Error> {
        Ok(())
    }

    async fn set_login_password(
        _: &mut SqliteConnection,
        _: Uuid,
        _: &PasswordSecrets<'_>,
    ) -> Result<bool, sqlx::Error> {
        Ok(false)
    }
});
