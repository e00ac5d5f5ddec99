//! Connection profiles: which stores this desktop knows, which one is open, and where
//! their passwords are. The profiles file never holds a secret; passwords go to a
//! [`SecretStore`] (the OS keyring in the app).

mod commands;
mod file;
mod secrets;
mod workspace;
#[cfg(test)]
mod workspace_tests;

pub use commands::{ListProfiles, RemoveProfile, SaveProfile, SwitchProfile, TestProfile};
pub use file::{PROFILES_FILE, ProfilesDocument};
pub use secrets::{MemorySecrets, SecretError, SecretStore};
pub use workspace::{StoreOpener, Workspace, WorkspaceCommand};
