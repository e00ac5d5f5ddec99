//! A local store is one person's: on Unix nobody else may read its folder or files.

#[cfg(unix)]
mod sqlite {
    use std::os::unix::fs::PermissionsExt;
    use std::path::Path;

    use desk_store::sqlite::SqliteStore;

    fn mode(path: &Path) -> u32 {
        std::fs::metadata(path)
            .unwrap_or_else(|error| panic!("{}: {error}", path.display()))
            .permissions()
            .mode()
            & 0o777
    }

    #[tokio::test]
    async fn a_new_store_folder_and_its_files_are_private_to_their_owner() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let folder = dir.path().join("app-data");
        let file = folder.join("customer-desk.sqlite3");
        let store = SqliteStore::open_file(&file).await.expect("opens");

        assert_eq!(mode(&folder), 0o700, "the data folder");
        assert_eq!(mode(&file), 0o600, "the database file");
        // While open in WAL mode, SQLite's side files exist, with the file's mode.
        for side in ["customer-desk.sqlite3-wal", "customer-desk.sqlite3-shm"] {
            assert_eq!(mode(&folder.join(side)), 0o600, "{side}");
        }
        store.close().await;
    }

    #[tokio::test]
    async fn a_store_file_others_could_read_is_made_private_when_opened() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let file = dir.path().join("older.sqlite3");
        SqliteStore::open_file(&file)
            .await
            .expect("creates")
            .close()
            .await;
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644))
            .expect("loosens the mode");

        let store = SqliteStore::open_file(&file).await.expect("opens again");
        assert_eq!(mode(&file), 0o600);
        store.close().await;
    }
}
