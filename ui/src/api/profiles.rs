use desk_domain::DeskError;
use desk_domain::commands::{
    LIST_PROFILES, REMOVE_PROFILE, SAVE_PROFILE, SWITCH_PROFILE, TEST_PROFILE,
};
use desk_domain::profile::{ConnectionCheck, ProfileInput, ProfilesView, SwitchProfileInput};
use desk_domain::staff::SessionState;
use serde::Serialize;

use super::invoke::{Input, NoArgs, invoke};

#[derive(Serialize)]
struct Name<'a> {
    name: &'a str,
}

/// Every profile, and whether a keyring is there.
pub async fn list_profiles() -> Result<ProfilesView, DeskError> {
    invoke(LIST_PROFILES, &NoArgs {}).await
}

/// Adds or edits a profile.
pub async fn save_profile(input: &ProfileInput) -> Result<ProfilesView, DeskError> {
    invoke(SAVE_PROFILE, &Input { input }).await
}

/// Tries a profile's settings without saving them.
pub async fn test_profile(input: &ProfileInput) -> Result<ConnectionCheck, DeskError> {
    invoke(TEST_PROFILE, &Input { input }).await
}

/// Opens another profile's store (signing out).
pub async fn switch_profile(input: &SwitchProfileInput) -> Result<SessionState, DeskError> {
    invoke(SWITCH_PROFILE, &Input { input }).await
}

/// Removes a profile.
pub async fn remove_profile(name: &str) -> Result<ProfilesView, DeskError> {
    invoke(REMOVE_PROFILE, &Name { name }).await
}
