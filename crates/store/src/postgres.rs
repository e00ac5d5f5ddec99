//! A shared Postgres server, for teams that work on the same records. Here is only
//! what Postgres does differently, and how a profile becomes connection options; the
//! SQL itself is in `crate::sql`.

use std::str::FromStr;
use std::time::Duration;

use chrono::{DateTime, Utc};
use desk_domain::Sensitive;
use desk_domain::profile::{ProfileTarget, TlsMode};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions, PgSslMode};
use sqlx::{ConnectOptions, Connection, PgConnection, Pool, Postgres, Transaction};
use uuid::Uuid;

use crate::backend::{Query, SqlStore, implement_backend};
use crate::{ConnectError, StoreError, Unreachable};

/// A store on a Postgres server.
pub type PostgresStore = SqlStore<Postgres>;

/// How long a connection attempt may take before the host counts as unreachable.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

impl SqlStore<Postgres> {
    /// Connects to the database a `postgres://` URL names and applies pending
    /// migrations.
    pub async fn open_url(url: &str) -> Result<Self, ConnectError> {
        let options = PgConnectOptions::from_str(url)
            .map_err(|_| ConnectError::Unexpected("the database URL is not valid".into()))?;
        Self::open(options).await
    }

    /// Connects with explicit options and applies pending migrations.
    pub async fn open(options: PgConnectOptions) -> Result<Self, ConnectError> {
        let pool = PgPoolOptions::new()
            .max_connections(8)
            .acquire_timeout(CONNECT_TIMEOUT)
            .connect_with(options.application_name("customer-desk"))
            .await
            .map_err(|error| ConnectError::from_sqlx(error, CONNECT_TIMEOUT.as_secs()))?;
        sqlx::migrate!("../../migrations/postgres")
            .run(&pool)
            .await
            .map_err(|error| ConnectError::Migrations(error.to_string()))?;
        Ok(Self { pool })
    }
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
    const JOINED_ROLES: &'static str = "string_agg(r.role, ',')";

    fn json_parameter(n: usize) -> String {
        format!("${n}::jsonb")
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
});
