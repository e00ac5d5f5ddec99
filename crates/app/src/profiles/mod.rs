//! Connection profiles: which stores this desktop knows, which one is open, and where
//! their passwords are. The profiles file never holds a secret; passwords go to a
//! [`SecretStore`] (the OS keyring in the app).

mod commands;
mod connection_failure;
#[cfg(test)]
mod exfiltration_tests;
mod file;
mod mail_source;
mod manage;
mod saved_password;
mod secrets;
mod set_up_database;
mod shared_store;
mod workspace;
#[cfg(test)]
mod workspace_tests;

pub use connection_failure::connection_failed;
pub use file::{PROFILES_FILE, ProfilesDocument, ProfilesFileError};
pub use manage::{list_profiles, remove_profile, save_profile, switch_profile, test_profile};
pub use secrets::{MemorySecrets, SecretError, SecretStore};
pub use set_up_database::set_up_database;
pub use workspace::{Workspace, WorkspaceError};
