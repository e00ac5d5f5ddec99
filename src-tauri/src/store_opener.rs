//! Opens the store a profile names: the shell is the one place that knows the
//! concrete backends.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use desk_app::profiles::StoreOpener;
use desk_domain::Sensitive;
use desk_domain::profile::{ProfileTarget, TlsMode};
use desk_store::Store;
use desk_store::postgres::PostgresStore;
use desk_store::sqlite::SqliteStore;
use sqlx::postgres::{PgConnectOptions, PgSslMode};
use sqlx::{ConnectOptions, Connection};

use crate::store_location::DEFAULT_DATABASE_FILE;

/// Opens profiles' stores; the default SQLite file lives in `data_dir`.
#[derive(Debug, Clone)]
pub struct ProfileStoreOpener {
    data_dir: PathBuf,
}

impl ProfileStoreOpener {
    /// Default SQLite files go to `data_dir`.
    pub fn new(data_dir: PathBuf) -> Self {
        Self { data_dir }
    }

    fn sqlite_path(&self, path: Option<&str>) -> PathBuf {
        path.map(PathBuf::from)
            .unwrap_or_else(|| self.data_dir.join(DEFAULT_DATABASE_FILE))
    }
}

/// Connection options for a Postgres profile.
pub fn postgres_options(
    target: &ProfileTarget,
    password: Option<&Sensitive<String>>,
) -> Option<PgConnectOptions> {
    let ProfileTarget::Postgres {
        host,
        port,
        database,
        user,
        tls_mode,
        ca_file,
    } = target
    else {
        return None;
    };
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
    Some(options)
}

#[async_trait]
impl StoreOpener for ProfileStoreOpener {
    async fn open(
        &self,
        target: &ProfileTarget,
        password: Option<&Sensitive<String>>,
    ) -> Result<Arc<dyn Store>, String> {
        match target {
            ProfileTarget::Sqlite { path } => {
                SqliteStore::open_file(&self.sqlite_path(path.as_deref()))
                    .await
                    .map(|store| Arc::new(store) as Arc<dyn Store>)
                    .map_err(|error| error.to_string())
            }
            ProfileTarget::Postgres { .. } => {
                let options = postgres_options(target, password).ok_or("not a Postgres profile")?;
                PostgresStore::open(options)
                    .await
                    .map(|store| Arc::new(store) as Arc<dyn Store>)
                    .map_err(|error| error.to_string())
            }
        }
    }

    async fn check(
        &self,
        target: &ProfileTarget,
        password: Option<&Sensitive<String>>,
    ) -> Result<String, String> {
        match target {
            ProfileTarget::Sqlite { path } => {
                let path = self.sqlite_path(path.as_deref());
                if path.exists() {
                    Ok(format!("{} exists and will be opened.", path.display()))
                } else {
                    Ok(format!("{} will be created on first use.", path.display()))
                }
            }
            ProfileTarget::Postgres { .. } => {
                let options = postgres_options(target, password).ok_or("not a Postgres profile")?;
                let attempt = async {
                    let mut connection = options.connect().await?;
                    let version: String = sqlx::query_scalar("SHOW server_version")
                        .fetch_one(&mut connection)
                        .await?;
                    connection.close().await?;
                    Ok::<_, sqlx::Error>(version)
                };
                match tokio::time::timeout(Duration::from_secs(10), attempt).await {
                    Ok(Ok(version)) => Ok(format!("Connected: PostgreSQL {version}.")),
                    Ok(Err(error)) => Err(error.to_string()),
                    Err(_) => Err("no answer within 10 seconds".to_owned()),
                }
            }
        }
    }
}
