//! What differs between SQLite and Postgres, behind one small trait, so that each
//! area's SQL and row mapping is written once (`crate::sql`) for both backends.
//!
//! Generic sqlx code needs a bound for every type it binds or decodes, and Rust does
//! not carry such bounds along with a trait; so binding, decoding and executing go
//! through this trait's methods, whose bodies know the concrete database. The shared
//! statements use `$n` placeholders, which both backends accept.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sqlx::{Database, Pool, Transaction};
use uuid::Uuid;

use crate::{PasswordSecrets, StoreError};

/// A statement with its arguments bound so far.
pub(crate) type Query<'q, DB> = sqlx::query::Query<'q, DB, <DB as Database>::Arguments<'q>>;

/// One backend's dialect: how it binds and reads the few value kinds the store uses,
/// how it runs a statement, and the statements that truly differ.
#[async_trait]
pub trait Backend: Database + Sized {
    /// Aggregates the `role` column of `staff_roles r` into one comma-separated text.
    const JOINED_ROLES: &'static str;

    /// The SQL for parameter `n` where the column is JSON (Postgres needs a cast).
    fn json_parameter(n: usize) -> String;

    /// The SQL for parameter `n` (a `YYYY-MM-DD` text) where the column is a date
    /// (Postgres `date`; SQLite keeps the text). Read back with `CAST(… AS text)`.
    fn date_parameter(n: usize) -> String;

    /// An expression that makes a new, time-ordered (version 7) audit entry id from
    /// Unix milliseconds in parameter `$n` and `sequence` (a row number, from 1), for
    /// entries written by `INSERT … SELECT`. The sequence fills the 38 bits after the
    /// milliseconds (RFC 9562's counter method) and randomness the 36 after it, so one
    /// statement's ids ascend in the order of the sequence: 100,000 entries are
    /// appended to the log's id index instead of scattered through its last pages.
    fn new_entry_id(n: usize, sequence: &str) -> String;

    /// `column` (a uuid) as the text an audit entry names a record by.
    fn id_as_text(column: &str) -> String;

    /// `expression` as something that compares instants in time order (SQLite keeps
    /// instants as text whose fraction digits vary, so it compares Julian days).
    fn instant(expression: &str) -> String;

    /// The SQL that names this connection's database login, where staff sign in with
    /// one (`session_user` on Postgres); `None` on a local store.
    const THIS_LOGIN: Option<&'static str>;

    /// What a claiming `SELECT` ends with so that workers at once take different rows
    /// (Postgres `FOR UPDATE SKIP LOCKED`; SQLite's write lock already serializes).
    const SKIP_LOCKED: &'static str;

    /// What a `SELECT` ends with to hold its rows until the transaction ends
    /// (Postgres `FOR UPDATE`; SQLite's write lock already holds everything).
    const FOR_UPDATE: &'static str;

    /// Whether entries about whole sets of customers are recorded as a set with the
    /// change and written out soon after (`sql/audit_sets.rs`; SQLite), rather than
    /// written with it (Postgres, whose log stamps each entry as it is inserted).
    const DEFERS_SET_ENTRIES: bool;

    /// A query for the server's clock as `now`, where a server keeps time for everyone
    /// (Postgres); `None` on a local store.
    const CLOCK: Option<&'static str>;

    /// Stores an initial password: `$1` customer, `$2` hash, `$3` time. A shared store
    /// accepts it only for a customer added in the same transaction.
    const SET_INITIAL_PASSWORD: &'static str;

    /// Lets customer `$1`'s unused links expire now (never marking them used).
    const VOID_CUSTOMER_LINKS: &'static str;

    /// Where a server erases a customer in one function (`$1` id, `$2` and `$3` the
    /// placeholder names' sort keys, `$4` time; answers `erased`); `None` where the
    /// store runs the steps itself.
    const ERASE_CUSTOMER: Option<&'static str>;

    /// The audit entries about customer `$1` older than entry `$2` (NULL: the newest),
    /// at most `$3`, newest first; every column of `audit_log`.
    const CUSTOMER_HISTORY: &'static str;

    /// Whether a query over an ordered, limited subquery keeps its own ORDER BY.
    /// Postgres knows the subquery's order and stops early either way; SQLite would
    /// read the whole subquery and sort it again, so there the outer query relies on
    /// the subquery's co-routine handing rows over in its order (it has a LIMIT, so
    /// SQLite neither flattens it nor drops its ORDER BY).
    const ORDER_OVER_ORDERED_SUBQUERY: bool;
    /// The join that reads a group's members before their customers: SQLite's
    /// `CROSS JOIN` fixes the order (its documented way); Postgres plans it itself.
    const MEMBERS_FIRST_JOIN: &'static str;

    /// A subquery `c` of the customers whose `search_text` holds every pattern given
    /// (the `$n` placeholders of `LIKE` patterns of three characters or more),
    /// found through the trigram index, not by reading the table in list order.
    fn search_hits(patterns: &[String]) -> String;

    /// Binds a text value.
    fn bind_text<'q>(query: Query<'q, Self>, value: String) -> Query<'q, Self>;
    /// Binds a text value or NULL.
    fn bind_optional_text<'q>(query: Query<'q, Self>, value: Option<String>) -> Query<'q, Self>;
    /// Binds an integer.
    fn bind_integer<'q>(query: Query<'q, Self>, value: i64) -> Query<'q, Self>;
    /// Binds an instant.
    fn bind_time<'q>(query: Query<'q, Self>, value: DateTime<Utc>) -> Query<'q, Self>;
    /// Binds an instant or NULL.
    fn bind_optional_time<'q>(
        query: Query<'q, Self>,
        value: Option<DateTime<Utc>>,
    ) -> Query<'q, Self>;
    /// Binds a boolean.
    fn bind_boolean<'q>(query: Query<'q, Self>, value: bool) -> Query<'q, Self>;
    /// Binds an identifier (Postgres `uuid`, SQLite hyphenated text).
    fn bind_id<'q>(query: Query<'q, Self>, value: Uuid) -> Query<'q, Self>;
    /// Binds an identifier or NULL.
    fn bind_optional_id<'q>(query: Query<'q, Self>, value: Option<Uuid>) -> Query<'q, Self>;

    /// Reads a text column.
    fn text(row: &Self::Row, column: &str) -> Result<String, StoreError>;
    /// Reads a nullable text column.
    fn optional_text(row: &Self::Row, column: &str) -> Result<Option<String>, StoreError>;
    /// Reads an integer column (select integers as `CAST(… AS BIGINT)`).
    fn integer(row: &Self::Row, column: &str) -> Result<i64, StoreError>;
    /// Reads a boolean column.
    fn boolean(row: &Self::Row, column: &str) -> Result<bool, StoreError>;
    /// Reads an instant.
    fn time(row: &Self::Row, column: &str) -> Result<DateTime<Utc>, StoreError>;
    /// Reads a nullable instant.
    fn optional_time(row: &Self::Row, column: &str) -> Result<Option<DateTime<Utc>>, StoreError>;
    /// Reads an identifier.
    fn id(row: &Self::Row, column: &str) -> Result<Uuid, StoreError>;
    /// Reads a nullable identifier.
    fn optional_id(row: &Self::Row, column: &str) -> Result<Option<Uuid>, StoreError>;

    /// Runs a statement; the number of rows it changed.
    async fn execute(
        connection: &mut Self::Connection,
        query: Query<'_, Self>,
    ) -> Result<u64, sqlx::Error>;
    /// Runs a query; every row.
    async fn fetch_all(
        connection: &mut Self::Connection,
        query: Query<'_, Self>,
    ) -> Result<Vec<Self::Row>, sqlx::Error>;
    /// Runs a query; its row, if any.
    async fn fetch_optional(
        connection: &mut Self::Connection,
        query: Query<'_, Self>,
    ) -> Result<Option<Self::Row>, sqlx::Error>;

    /// Starts a transaction that will write. SQLite takes its write lock at once
    /// (`BEGIN IMMEDIATE`), so a transaction that reads before it writes never fails
    /// half-way because another writer came first; it waits its turn instead.
    async fn begin_write(pool: &Pool<Self>) -> Result<Transaction<'static, Self>, sqlx::Error>;

    /// Before "is this the first staff account?": serializes concurrent attempts.
    async fn lock_for_first_staff(connection: &mut Self::Connection) -> Result<(), sqlx::Error>;

    /// Before "would this leave no active administrator?": serializes concurrent
    /// changes to administrators.
    async fn lock_administrators(connection: &mut Self::Connection) -> Result<(), sqlx::Error>;

    /// After a staff account is inserted: makes its database login, where staff sign
    /// in with one (Postgres); nothing on a local store.
    async fn provision_login(
        connection: &mut Self::Connection,
        id: Uuid,
        password: &PasswordSecrets<'_>,
    ) -> Result<(), sqlx::Error>;

    /// Gives the database login its new password. `true` when the database also did
    /// the account's bookkeeping (a staff login changing its own password may not
    /// write those columns itself); the store then writes nothing more.
    async fn set_login_password(
        connection: &mut Self::Connection,
        id: Uuid,
        password: &PasswordSecrets<'_>,
    ) -> Result<bool, sqlx::Error>;
}

/// Implements [`Backend`] for `$db`: the items given are what that database does
/// differently; the rest are the same text for every backend, each expansion checked
/// against that backend's concrete types.
macro_rules! implement_backend {
    ($db:ty { $($specific:tt)* }) => {
        #[async_trait::async_trait]
        impl $crate::Backend for $db {
        $($specific)*

        fn bind_text<'q>(query: Query<'q, Self>, value: String) -> Query<'q, Self> {
            query.bind(value)
        }
        fn bind_optional_text<'q>(
            query: Query<'q, Self>,
            value: Option<String>,
        ) -> Query<'q, Self> {
            query.bind(value)
        }
        fn bind_integer<'q>(query: Query<'q, Self>, value: i64) -> Query<'q, Self> {
            query.bind(value)
        }
        fn bind_time<'q>(query: Query<'q, Self>, value: DateTime<Utc>) -> Query<'q, Self> {
            query.bind(value)
        }
        fn bind_optional_time<'q>(
            query: Query<'q, Self>,
            value: Option<DateTime<Utc>>,
        ) -> Query<'q, Self> {
            query.bind(value)
        }
        fn bind_boolean<'q>(query: Query<'q, Self>, value: bool) -> Query<'q, Self> {
            query.bind(value)
        }
        fn text(row: &Self::Row, column: &str) -> Result<String, StoreError> {
            Ok(sqlx::Row::try_get(row, column)?)
        }
        fn optional_text(row: &Self::Row, column: &str) -> Result<Option<String>, StoreError> {
            Ok(sqlx::Row::try_get(row, column)?)
        }
        fn integer(row: &Self::Row, column: &str) -> Result<i64, StoreError> {
            Ok(sqlx::Row::try_get(row, column)?)
        }
        fn boolean(row: &Self::Row, column: &str) -> Result<bool, StoreError> {
            Ok(sqlx::Row::try_get(row, column)?)
        }
        fn time(row: &Self::Row, column: &str) -> Result<DateTime<Utc>, StoreError> {
            Ok(sqlx::Row::try_get(row, column)?)
        }
        fn optional_time(
            row: &Self::Row,
            column: &str,
        ) -> Result<Option<DateTime<Utc>>, StoreError> {
            Ok(sqlx::Row::try_get(row, column)?)
        }
        async fn execute(
            connection: &mut Self::Connection,
            query: Query<'_, Self>,
        ) -> Result<u64, sqlx::Error> {
            Ok(query.execute(connection).await?.rows_affected())
        }
        async fn fetch_all(
            connection: &mut Self::Connection,
            query: Query<'_, Self>,
        ) -> Result<Vec<Self::Row>, sqlx::Error> {
            query.fetch_all(connection).await
        }
        async fn fetch_optional(
            connection: &mut Self::Connection,
            query: Query<'_, Self>,
        ) -> Result<Option<Self::Row>, sqlx::Error> {
            query.fetch_optional(connection).await
        }
        }
    };
}
pub(crate) use implement_backend;

/// A statement being built: `Statement::new(sql).text(…).id(…)`.
pub(crate) struct Statement<'q, DB: Backend>(Query<'q, DB>);

impl<'q, DB: Backend> Statement<'q, DB> {
    pub(crate) fn new(sql: &'q str) -> Self {
        Self(sqlx::query::<DB>(sql))
    }
    pub(crate) fn text(self, value: impl Into<String>) -> Self {
        Self(DB::bind_text(self.0, value.into()))
    }
    pub(crate) fn optional_text(self, value: Option<String>) -> Self {
        Self(DB::bind_optional_text(self.0, value))
    }
    pub(crate) fn integer(self, value: i64) -> Self {
        Self(DB::bind_integer(self.0, value))
    }
    pub(crate) fn time(self, value: DateTime<Utc>) -> Self {
        Self(DB::bind_time(self.0, value))
    }
    pub(crate) fn optional_time(self, value: Option<DateTime<Utc>>) -> Self {
        Self(DB::bind_optional_time(self.0, value))
    }
    pub(crate) fn boolean(self, value: bool) -> Self {
        Self(DB::bind_boolean(self.0, value))
    }
    pub(crate) fn id(self, value: Uuid) -> Self {
        Self(DB::bind_id(self.0, value))
    }
    pub(crate) fn optional_id(self, value: Option<Uuid>) -> Self {
        Self(DB::bind_optional_id(self.0, value))
    }
    pub(crate) async fn execute(self, connection: &mut DB::Connection) -> Result<u64, sqlx::Error> {
        DB::execute(connection, self.0).await
    }
    pub(crate) async fn fetch_all(
        self,
        connection: &mut DB::Connection,
    ) -> Result<Vec<DB::Row>, sqlx::Error> {
        DB::fetch_all(connection, self.0).await
    }
    pub(crate) async fn fetch_optional(
        self,
        connection: &mut DB::Connection,
    ) -> Result<Option<DB::Row>, sqlx::Error> {
        DB::fetch_optional(connection, self.0).await
    }
}

/// The store over either backend; `SqliteStore` and `PostgresStore` name the two.
#[derive(Debug)]
pub struct SqlStore<DB: Database> {
    pub(crate) pool: Pool<DB>,
    /// The SQLite store's work after commits (`crate::sqlite_background`), stopped
    /// with the last clone.
    pub(crate) background: Option<std::sync::Arc<crate::sqlite_background::Background>>,
}

impl<DB: Database> Clone for SqlStore<DB> {
    fn clone(&self) -> Self {
        Self {
            pool: self.pool.clone(),
            background: self.background.clone(),
        }
    }
}

impl<DB: Database> SqlStore<DB> {
    /// Closes every connection (SQLite checkpoints its WAL into the main file).
    pub async fn close(&self) {
        self.pool.close().await;
    }
}
