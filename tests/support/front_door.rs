//! The application's front door over a test's store: a `Workspace` around a `Desk`,
//! with its profiles file in a temporary folder and secrets in memory, so that suites
//! run commands exactly as the app does (`Workspace::execute`, policy check first).

use std::ops::Deref;
use std::sync::Arc;

use desk_app::Desk;
use desk_app::profiles::{MemorySecrets, PROFILES_FILE, Workspace};
use desk_store::ProfileOpener;

/// A workspace that lives as long as this value.
#[derive(Debug)]
pub struct TestWorkspace {
    workspace: Workspace,
    _dir: tempfile::TempDir,
}

impl Deref for TestWorkspace {
    type Target = Workspace;

    fn deref(&self) -> &Workspace {
        &self.workspace
    }
}

/// The front door of `desk`.
pub fn front_door(desk: Desk) -> TestWorkspace {
    let dir = tempfile::tempdir().expect("temporary folder");
    let workspace = Workspace::with_desk(
        dir.path().join(PROFILES_FILE),
        Arc::new(MemorySecrets::default()),
        Arc::new(ProfileOpener::new(dir.path().to_owned())),
        "test store".into(),
        desk,
    );
    TestWorkspace {
        workspace,
        _dir: dir,
    }
}
