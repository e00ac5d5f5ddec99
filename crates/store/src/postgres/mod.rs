//! A shared Postgres server, for teams that work on the same records.

mod audit;
mod customers;
mod staff;

use std::str::FromStr;
use std::time::Duration;

use sqlx::PgPool;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

use crate::StoreError;

/// A store on a Postgres server.
#[derive(Debug, Clone)]
pub struct PostgresStore {
    pool: PgPool,
}

impl PostgresStore {
    /// Connects to the database a `postgres://` URL names and applies pending
    /// migrations.
    pub async fn open_url(url: &str) -> Result<Self, StoreError> {
        Self::open(PgConnectOptions::from_str(url)?).await
    }

    /// Connects with explicit options (the shell builds them from a profile and the
    /// keyring) and applies pending migrations.
    pub async fn open(options: PgConnectOptions) -> Result<Self, StoreError> {
        let pool = PgPoolOptions::new()
            .max_connections(8)
            .acquire_timeout(Duration::from_secs(10))
            .connect_with(options.application_name("customer-desk"))
            .await?;
        sqlx::migrate!("../../migrations/postgres")
            .run(&pool)
            .await?;
        Ok(Self { pool })
    }

    /// Closes every connection.
    pub async fn close(&self) {
        self.pool.close().await;
    }
}
