//! What the workspace's delivery task delivers from: the store of whichever profile is
//! open (none on a shared store before sign-in), with the SMTP password this desktop
//! saved for that store's email settings.

use std::sync::{Arc, RwLock, Weak};

use async_trait::async_trait;
use desk_domain::Sensitive;
use desk_domain::email_settings::EmailSettings;
use desk_store::Store;

use super::secrets::SecretStore;
use super::workspace::Current;
use crate::email::{MailSource, smtp_password};

/// The open profile's store, followed across profile switches; ends with the
/// workspace.
#[derive(Debug)]
pub(super) struct WorkspaceMail {
    current: Weak<RwLock<Current>>,
    secrets: Arc<dyn SecretStore>,
}

impl WorkspaceMail {
    pub(super) fn new(current: Weak<RwLock<Current>>, secrets: Arc<dyn SecretStore>) -> Self {
        Self { current, secrets }
    }

    fn profile_and_desk(&self) -> Option<(String, Arc<crate::Desk>)> {
        let current = self.current.upgrade()?;
        let current = current
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        Some((current.profile.clone(), current.desk.clone()))
    }
}

#[async_trait]
impl MailSource for WorkspaceMail {
    async fn store(&self) -> Option<Arc<dyn Store>> {
        self.profile_and_desk()?.1.store().ok()
    }

    async fn smtp_password(&self, settings: &EmailSettings) -> Option<Sensitive<String>> {
        let (profile, _) = self.profile_and_desk()?;
        let secrets = self.secrets.clone();
        let settings = settings.clone();
        // Keyrings block (D-Bus round trips), so not on an async worker.
        tokio::task::spawn_blocking(move || {
            smtp_password::read(secrets.as_ref(), &profile, &settings)
        })
        .await
        .ok()?
        .inspect_err(|error| tracing::warn!(%error, "reading the SMTP password"))
        .ok()
        .flatten()
    }
}
