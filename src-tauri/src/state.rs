use std::sync::Arc;

use desk_store::postgres::PostgresStore;
use desk_store::sqlite::SqliteStore;
use desk_store::{Store, StoreError};

use crate::StoreLocation;

/// What every command may reach: the store the shell picked at start-up.
#[derive(Debug)]
pub struct DeskState {
    pub store: Arc<dyn Store>,
}

impl DeskState {
    /// Opens the store at `location` (creating a SQLite file and its folder if missing)
    /// and brings its schema up to date.
    pub async fn open(location: &StoreLocation) -> Result<Self, StoreError> {
        let store: Arc<dyn Store> = match location {
            StoreLocation::SqliteFile(path) => Arc::new(SqliteStore::open_file(path).await?),
            StoreLocation::SqliteUrl(url) => Arc::new(SqliteStore::open_url(url).await?),
            StoreLocation::Postgres(url) => Arc::new(PostgresStore::open_url(url.expose()).await?),
        };
        Ok(Self { store })
    }
}
