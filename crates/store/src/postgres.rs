//! A shared Postgres server, for teams that work on the same records. Here is only
//! what Postgres does differently, and how a profile becomes connection options; the
//! SQL itself is in `crate::sql`.

use std::str::FromStr;
use std::time::Duration;

use chrono::{DateTime, Utc};
use desk_domain::Sensitive;
use desk_domain::profile::{ProfileTarget, TlsMode};
use sqlx::migrate::Migrator;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions, PgSslMode};
use sqlx::{ConnectOptions, Connection, PgConnection, Pool, Postgres, Transaction};
use uuid::Uuid;

use crate::backend::{Query, SqlStore, implement_backend};
use crate::{ConnectError, PasswordSecrets, StoreError, Unreachable};

/// A store on a Postgres server.
pub type PostgresStore = SqlStore<Postgres>;

/// How long a connection attempt may take before the host counts as unreachable.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// Every schema change this build knows: applied by [`SqlStore::migrate`] with the
/// owner's login, and compared by [`SqlStore::open`] with what the database has.
static MIGRATOR: Migrator = sqlx::migrate!("../../migrations/postgres");

/// What setting up or upgrading a database did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SchemaUpgrade {
    /// The schema version before (`None`: the database was empty).
    pub from: Option<i64>,
    /// The schema version now.
    pub to: i64,
}

/// The newest schema version this build knows.
pub fn known_schema_version() -> i64 {
    MIGRATOR
        .iter()
        .map(|migration| migration.version)
        .max()
        .unwrap_or(0)
}

impl SqlStore<Postgres> {
    /// Connects to the database a `postgres://` URL names; see [`Self::open`].
    pub async fn open_url(url: &str) -> Result<Self, ConnectError> {
        Self::open(parse_url(url)?).await
    }

    /// Connects for use. Never changes the schema (staff logins may not): a database
    /// not set up, or at another schema version than this build's, is refused with
    /// what to do about it.
    pub async fn open(options: PgConnectOptions) -> Result<Self, ConnectError> {
        let pool = PgPoolOptions::new()
            .max_connections(8)
            .acquire_timeout(CONNECT_TIMEOUT)
            .connect_with(options.application_name("customer-desk"))
            .await
            .map_err(|error| ConnectError::from_sqlx(error, CONNECT_TIMEOUT.as_secs()))?;
        let mut connection = pool
            .acquire()
            .await
            .map_err(|error| ConnectError::from_sqlx(error, CONNECT_TIMEOUT.as_secs()))?;
        let found = schema_version(&mut connection).await?;
        drop(connection);
        let expected = known_schema_version();
        match found {
            None => Err(ConnectError::NotSetUp),
            Some(found) if found < expected => Err(ConnectError::SchemaOlder { found, expected }),
            Some(found) if found > expected => Err(ConnectError::SchemaNewer { found, expected }),
            Some(_) => Ok(Self {
                pool,
                background: None,
            }),
        }
    }

    /// Sets up an empty database, or upgrades one to this build's schema, connected
    /// with the schema owner's login (it creates tables, roles and functions). Safe to
    /// run again: what is applied is skipped, and two desktops at once are serialized
    /// by an advisory lock.
    pub async fn migrate(options: PgConnectOptions) -> Result<SchemaUpgrade, ConnectError> {
        let timeout = CONNECT_TIMEOUT.as_secs();
        // One connection, as a pool: the migrator's future is `Send` only over a pool.
        let pool = PgPoolOptions::new()
            .max_connections(1)
            .acquire_timeout(CONNECT_TIMEOUT)
            .connect_with(options.application_name("customer-desk migrate"))
            .await
            .map_err(|error| ConnectError::from_sqlx(error, timeout))?;
        let mut connection = pool
            .acquire()
            .await
            .map_err(|error| ConnectError::from_sqlx(error, timeout))?;
        let from = schema_version(&mut connection).await?;
        drop(connection);
        MIGRATOR.run(&pool).await.map_err(|error| match error {
            sqlx::migrate::MigrateError::VersionMissing(found) => ConnectError::SchemaNewer {
                found,
                expected: known_schema_version(),
            },
            other => ConnectError::Migrations(other.to_string()),
        })?;
        // As the owner, so the keys' refresh is upkeep, not a staff member's change.
        SqlStore {
            pool: pool.clone(),
            background: None,
        }
        .refresh_customer_sort_keys()
        .await
        .map_err(|error| ConnectError::Migrations(error.to_string()))?;
        let mut connection = pool
            .acquire()
            .await
            .map_err(|error| ConnectError::from_sqlx(error, timeout))?;
        let to = schema_version(&mut connection)
            .await?
            .unwrap_or_else(known_schema_version);
        drop(connection);
        pool.close().await;
        Ok(SchemaUpgrade { from, to })
    }

    /// [`Self::migrate`] for a `postgres://` URL.
    pub async fn migrate_url(url: &str) -> Result<SchemaUpgrade, ConnectError> {
        Self::migrate(parse_url(url)?).await
    }
}

fn parse_url(url: &str) -> Result<PgConnectOptions, ConnectError> {
    PgConnectOptions::from_str(url)
        .map_err(|_| ConnectError::Unexpected("the database URL is not valid".into()))
}

/// The newest applied migration; `None` when the database has none (not set up).
async fn schema_version(connection: &mut PgConnection) -> Result<Option<i64>, ConnectError> {
    let exists: bool = sqlx::query_scalar("SELECT to_regclass('_sqlx_migrations') IS NOT NULL")
        .fetch_one(&mut *connection)
        .await
        .map_err(|error| ConnectError::from_sqlx(error, CONNECT_TIMEOUT.as_secs()))?;
    if !exists {
        return Ok(None);
    }
    sqlx::query_scalar("SELECT max(version) FROM _sqlx_migrations WHERE success")
        .fetch_one(&mut *connection)
        .await
        .map_err(|error| ConnectError::from_sqlx(error, CONNECT_TIMEOUT.as_secs()))
}

/// Connection options for a Postgres profile. Refused for a SQLite profile, and for a
/// plain-text TLS mode to a host other than this computer (the profiles file may have
/// been edited by hand, so the form's check is made again here).
pub fn connect_options(
    target: &ProfileTarget,
    password: Option<&Sensitive<String>>,
) -> Result<PgConnectOptions, ConnectError> {
    let ProfileTarget::Postgres {
        host,
        port,
        database,
        user,
        tls_mode,
        ca_file,
    } = target
    else {
        return Err(ConnectError::Unexpected("not a Postgres profile".into()));
    };
    if !tls_mode.allowed_for(host) {
        return Err(ConnectError::InsecureTransport {
            host: host.clone(),
            mode: tls_mode.code(),
        });
    }
    let mut options = PgConnectOptions::new()
        .host(host)
        .port(*port)
        .database(database)
        .username(user)
        .ssl_mode(match tls_mode {
            TlsMode::Disable => PgSslMode::Disable,
            TlsMode::Prefer => PgSslMode::Prefer,
            TlsMode::Require => PgSslMode::Require,
            TlsMode::VerifyCa => PgSslMode::VerifyCa,
            TlsMode::VerifyFull => PgSslMode::VerifyFull,
        });
    if let Some(ca_file) = ca_file {
        options = options.ssl_root_cert(ca_file);
    }
    if let Some(password) = password {
        options = options.password(password.expose());
    }
    Ok(options)
}

/// Connects with `options`, asks the server its version and disconnects, changing
/// nothing: "Connected: PostgreSQL 15.4."
pub async fn check(options: PgConnectOptions) -> Result<String, ConnectError> {
    let attempt = async {
        let mut connection = options.connect().await?;
        let version: String = sqlx::query_scalar("SHOW server_version")
            .fetch_one(&mut connection)
            .await?;
        connection.close().await?;
        Ok::<_, sqlx::Error>(version)
    };
    match tokio::time::timeout(CONNECT_TIMEOUT, attempt).await {
        Ok(Ok(version)) => Ok(format!("Connected: PostgreSQL {version}.")),
        Ok(Err(error)) => Err(ConnectError::from_sqlx(error, CONNECT_TIMEOUT.as_secs())),
        Err(_) => Err(ConnectError::Unreachable(Unreachable::TimedOut(
            CONNECT_TIMEOUT.as_secs(),
        ))),
    }
}

implement_backend!(Postgres {
    const ORDER_OVER_ORDERED_SUBQUERY: bool = true;
    const MEMBERS_FIRST_JOIN: &'static str = "JOIN";
    const JOINED_ROLES: &'static str = "string_agg(r.role, ',')";
    const SKIP_LOCKED: &'static str = " FOR UPDATE SKIP LOCKED";
    const FOR_UPDATE: &'static str = " FOR UPDATE";
    const DEFERS_SET_ENTRIES: bool = false;
    const THIS_LOGIN: Option<&'static str> = Some("session_user");
    // clock_timestamp(): the time now, not the (implicit) transaction's start.
    const CLOCK: Option<&'static str> = Some("SELECT clock_timestamp() AS now");
    const SET_INITIAL_PASSWORD: &'static str = "SELECT desk_set_initial_password($1, $2, $3)";
    const VOID_CUSTOMER_LINKS: &'static str = "SELECT desk_void_customer_links($1)";
    const ERASE_CUSTOMER: Option<&'static str> =
        Some("SELECT desk_erase_customer($1, $2, $3, $4) AS erased");
    const CUSTOMER_HISTORY: &'static str =
        "SELECT * FROM desk_customer_history($1::text, $2::uuid, CAST($3 AS integer))";

    fn search_hits(patterns: &[String]) -> String {
        let matches: Vec<String> = patterns
            .iter()
            .map(|pattern| format!("search_text LIKE {pattern}"))
            .collect();
        // OFFSET 0 keeps the planner from merging this into the outer, sorted query:
        // the hits come from the trigram index (a bitmap scan), then get sorted.
        format!(
            "(SELECT * FROM customers WHERE {} OFFSET 0) c",
            matches.join(" AND ")
        )
    }

    fn json_parameter(n: usize) -> String {
        format!("${n}::jsonb")
    }

    fn date_parameter(n: usize) -> String {
        format!("CAST(${n} AS date)")
    }

    fn new_entry_id(n: usize, sequence: &str) -> String {
        // 48 bits of milliseconds, version 7, 12 + 14 + 12 bits of the sequence (the
        // variant before the 14), then 36 random bits, as 32 hex digits.
        format!(
            "(lpad(to_hex(${n}::bigint), 12, '0') || '7' \
             || lpad(to_hex((({sequence})::bigint >> 26) & 4095), 3, '0') \
             || to_hex(((({sequence})::bigint >> 12) & 16383) | 32768) \
             || lpad(to_hex(((({sequence})::bigint & 4095) << 36) \
                | (random() * 68719476735)::bigint), 12, '0'))::uuid"
        )
    }

    fn id_as_text(column: &str) -> String {
        format!("{column}::text")
    }

    fn instant(expression: &str) -> String {
        expression.to_owned()
    }

    fn bind_id<'q>(query: Query<'q, Self>, value: Uuid) -> Query<'q, Self> {
        query.bind(value)
    }

    fn bind_optional_id<'q>(query: Query<'q, Self>, value: Option<Uuid>) -> Query<'q, Self> {
        query.bind(value)
    }

    fn id(row: &Self::Row, column: &str) -> Result<Uuid, StoreError> {
        Ok(sqlx::Row::try_get(row, column)?)
    }

    fn optional_id(row: &Self::Row, column: &str) -> Result<Option<Uuid>, StoreError> {
        Ok(sqlx::Row::try_get(row, column)?)
    }

    async fn begin_write(pool: &Pool<Self>) -> Result<Transaction<'static, Self>, sqlx::Error> {
        pool.begin().await
    }

    async fn lock_for_first_staff(connection: &mut PgConnection) -> Result<(), sqlx::Error> {
        // Blocks other writers of `staff` (not readers) until this transaction ends,
        // so two desktops cannot both see an empty table.
        sqlx::query("LOCK TABLE staff IN SHARE ROW EXCLUSIVE MODE")
            .execute(connection)
            .await
            .map(drop)
    }

    async fn lock_administrators(connection: &mut PgConnection) -> Result<(), sqlx::Error> {
        // Two desktops removing the last two administrators at once are serialized:
        // the second waits for the first and then counts after its change.
        sqlx::query(
            "SELECT s.id FROM staff s JOIN staff_roles r ON r.staff_id = s.id \
             WHERE s.active AND r.role = 'administrator' FOR UPDATE OF s",
        )
        .fetch_all(connection)
        .await
        .map(drop)
    }

    async fn provision_login(
        connection: &mut PgConnection,
        id: Uuid,
        password: &PasswordSecrets<'_>,
    ) -> Result<(), sqlx::Error> {
        // The function picks a free login name from the email, creates the role with
        // the account's roles, and records the name on the account.
        sqlx::query("SELECT desk_provision_login($1, $2, $3)")
            .bind(id)
            .bind(password.database_verifier)
            .bind(password.expires_at)
            .execute(connection)
            .await
            .map(drop)
    }

    async fn set_login_password(
        connection: &mut PgConnection,
        id: Uuid,
        password: &PasswordSecrets<'_>,
    ) -> Result<bool, sqlx::Error> {
        let owner: bool = sqlx::query_scalar("SELECT desk_session_is_owner()")
            .fetch_one(&mut *connection)
            .await?;
        if !owner && password.expires_at.is_none() {
            // One's own new password: the function sets it on one's own login and does
            // the account's bookkeeping, which a staff login may not write itself.
            sqlx::query("SELECT desk_change_own_password($1)")
                .bind(password.database_verifier)
                .execute(connection)
                .await?;
            return Ok(true);
        }
        // A reset by an administrator (always one-time, the function sees to it), or
        // anything the schema owner does.
        sqlx::query("SELECT desk_set_login_password($1, $2, $3)")
            .bind(id)
            .bind(password.database_verifier)
            .bind(password.expires_at)
            .execute(connection)
            .await?;
        Ok(false)
    }
});
