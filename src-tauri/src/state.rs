use std::sync::Arc;

use desk_app::passwords::Passwords;
use desk_app::{Desk, DeskSettings};
use desk_store::postgres::PostgresStore;
use desk_store::sqlite::SqliteStore;
use desk_store::{Store, StoreError};

use crate::StoreLocation;

/// Opens the store at `location` (creating a SQLite file and its folder if missing),
/// brings its schema up to date, and builds the desk every command goes through.
pub async fn open_desk(location: &StoreLocation) -> Result<Desk, StoreError> {
    let store: Arc<dyn Store> = match location {
        StoreLocation::SqliteFile(path) => Arc::new(SqliteStore::open_file(path).await?),
        StoreLocation::SqliteUrl(url) => Arc::new(SqliteStore::open_url(url).await?),
        StoreLocation::Postgres(url) => Arc::new(PostgresStore::open_url(url.expose()).await?),
    };
    Ok(Desk::new(
        store,
        Passwords::owasp(),
        DeskSettings::default(),
    ))
}
