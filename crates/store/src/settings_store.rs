use async_trait::async_trait;
use desk_domain::email_settings::EmailSettings;

use crate::{Effects, StoreError};

/// Settings that belong to the store, not to a desktop: every desktop on a shared
/// store reads the same ones.
#[async_trait]
pub trait SettingsStore: Send + Sync + std::fmt::Debug {
    /// The SMTP server and sender, if an administrator has set them.
    async fn email_settings(&self) -> Result<Option<EmailSettings>, StoreError>;

    /// Replaces the email settings (`None` clears them: nothing is delivered then),
    /// committing `effects` with the change.
    async fn set_email_settings(
        &self,
        settings: Option<&EmailSettings>,
        effects: &Effects,
    ) -> Result<(), StoreError>;
}
