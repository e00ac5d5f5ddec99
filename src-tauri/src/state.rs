use std::path::Path;
use std::sync::Arc;

use desk_app::passwords::Passwords;
use desk_app::profiles::{PROFILES_FILE, Workspace, WorkspaceError};
use desk_app::{Desk, DeskSettings};
use desk_store::postgres::PostgresStore;
use desk_store::sqlite::SqliteStore;
use desk_store::{ProfileOpener, Store};

use crate::StoreLocation;
use crate::keyring_secrets::{Backend, KeyringSecrets, SERVICE};

/// Builds the workspace every command goes through: the profiles file in
/// `config_dir`, passwords in the OS keyring, default SQLite files in `data_dir`.
/// `DESK_DATABASE_URL` (in `location`) opens that store instead of the active profile.
/// Returns a notice for the log when the active profile could not be opened.
pub async fn open_workspace(
    location: &StoreLocation,
    data_dir: &Path,
    config_dir: &Path,
) -> Result<(Workspace, Option<String>), WorkspaceError> {
    let profiles_path = config_dir.join(PROFILES_FILE);
    let secrets = Arc::new(KeyringSecrets::new(SERVICE, Backend::Default));
    let opener = Arc::new(ProfileOpener::new(data_dir.to_owned()));
    let settings = DeskSettings::default();
    let store: Arc<dyn Store> = match location {
        StoreLocation::SqliteFile(_) => {
            return Workspace::open(profiles_path, secrets, opener, settings).await;
        }
        StoreLocation::SqliteUrl(url) => Arc::new(SqliteStore::open_url(url).await?),
        StoreLocation::Postgres(url) => Arc::new(PostgresStore::open_url(url.expose()).await?),
    };
    let desk = Desk::new(store, Passwords::owasp(), settings);
    let label = crate::store_location::DATABASE_URL_VAR.to_owned();
    Ok((
        Workspace::with_desk(profiles_path, secrets, opener, label, desk),
        None,
    ))
}
