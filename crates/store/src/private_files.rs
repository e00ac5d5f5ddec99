//! A local store is one person's, guarded by their OS account: on Unix its folder is
//! created `0700` and the database file `0600`. SQLite creates the `-wal` and `-shm`
//! files with the database file's mode, so they follow. Elsewhere the OS's per-user
//! folders already keep other accounts out.

use std::io;
use std::path::Path;

/// Creates `folder` (and missing parents) if it does not exist; a folder this creates is
/// private to its owner. An existing folder is left as it is: it may be one the person
/// chose for other things too.
pub(crate) fn create_private_folder(folder: &Path) -> io::Result<()> {
    if folder.is_dir() {
        return Ok(());
    }
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(folder)
}

/// Creates the database file if missing, readable and writable by its owner only, and
/// takes group and other access away from one made before this rule.
pub(crate) fn create_private_file(path: &Path) -> io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.create(true).append(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let file = options.open(path)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = file.metadata()?.permissions().mode();
        if mode & 0o077 != 0 {
            file.set_permissions(std::fs::Permissions::from_mode(mode & 0o700))?;
        }
    }
    #[cfg(not(unix))]
    drop(file);
    Ok(())
}
