//! Fresh, real stores for each test: a SQLite file in a temporary folder, or a new
//! database on the Postgres server that `DESK_TEST_POSTGRES_URL` names (`cargo xtask
//! test` starts a throwaway cluster and sets it).

use std::sync::Arc;

use desk_store::Store;
use desk_store::postgres::PostgresStore;
use desk_store::sqlite::SqliteStore;
use sqlx::Connection;

/// The variable naming the Postgres maintenance database the suite may create
/// databases from.
pub const POSTGRES_URL_VAR: &str = "DESK_TEST_POSTGRES_URL";

/// A store that lives as long as this value.
#[derive(Debug)]
pub struct TestStore {
    pub store: Arc<dyn Store>,
    /// Where the store is, for tests that must reach past the trait (e.g. to prove the
    /// database itself refuses audit-log changes).
    pub url: String,
    // Keeps the SQLite file's folder alive until the test ends.
    _dir: Option<tempfile::TempDir>,
}

/// A new SQLite file in a new temporary folder, migrated.
pub async fn sqlite() -> TestStore {
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = dir.path().join("desk.sqlite3");
    let store = SqliteStore::open_file(&path)
        .await
        .expect("SQLite store opens");
    TestStore {
        store: Arc::new(store),
        url: format!("sqlite://{}", path.display()),
        _dir: Some(dir),
    }
}

/// A new database on the test Postgres server, migrated. Each test gets its own, so
/// tests never see each other's rows; the cluster is thrown away after the suite.
pub async fn postgres() -> TestStore {
    let admin_url = std::env::var(POSTGRES_URL_VAR).unwrap_or_else(|_| {
        panic!(
            "{POSTGRES_URL_VAR} is not set. Run the suites with `cargo xtask test`, which \
             starts a throwaway Postgres cluster, or point it at a server where this user \
             may CREATE DATABASE (e.g. postgres://postgres@127.0.0.1:5432/postgres)."
        )
    });
    let url = create_database(&admin_url, "desk_test").await;
    // Set up as the schema owner would (the suite's superuser), then opened for use.
    PostgresStore::migrate_url(&url)
        .await
        .expect("the schema owner sets the database up");
    let store = PostgresStore::open_url(&url)
        .await
        .expect("Postgres store opens");
    TestStore {
        store: Arc::new(store),
        url,
        _dir: None,
    }
}

/// The password in a `postgres://user:password@host…` URL, if it has one.
pub fn url_password(url: &str) -> Option<String> {
    let credentials = url.split_once("://")?.1.split_once('@')?.0;
    credentials
        .split_once(':')
        .map(|(_, password)| password.to_owned())
}

/// Creates an empty database named `<prefix>_<random>` on the server `admin_url` (a
/// `postgres://…/maintenance-database` URL with the right to create databases) names;
/// the new database's URL.
pub async fn create_database(admin_url: &str, prefix: &str) -> String {
    let name = format!("{prefix}_{}", uuid::Uuid::new_v4().simple());
    let mut admin = sqlx::PgConnection::connect(admin_url)
        .await
        .expect("connects to the test Postgres server");
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&mut admin)
        .await
        .expect("creates a test database");
    admin.close().await.expect("closes the admin connection");
    match admin_url.rsplit_once('/') {
        Some((server, _database)) => format!("{server}/{name}"),
        None => panic!("the server URL must end in /DATABASE"),
    }
}

/// The database name at the end of a `postgres://…/name` URL.
pub fn url_database(url: &str) -> String {
    url.rsplit_once('/')
        .map(|(_, name)| name.to_owned())
        .expect("the URL names a database")
}

/// The port in a `postgres://…:port/…` URL.
pub fn url_port(url: &str) -> u16 {
    url.rsplit_once(':')
        .and_then(|(_, rest)| rest.split('/').next()?.parse().ok())
        .expect("the URL names a port")
}
