use std::path::PathBuf;
use std::sync::{Arc, RwLock};

use chrono::{DateTime, Utc};
use desk_domain::DeskError;
use desk_domain::profile::{LOCAL_PROFILE, Profile, ProfileTarget};
use desk_store::{ConnectError, Store, StoreOpener};

use super::file::{ProfilesDocument, ProfilesFileError};
use super::mail_source::WorkspaceMail;
use super::secrets::SecretStore;
use crate::command::{Caller, Command, Context};
use crate::desk::{Desk, SharedLogin};
use crate::email::DeliveryWorker;
use crate::passwords::Passwords;
use crate::{DeskSettings, internal_error};

/// Why the workspace could not open at start-up.
#[derive(Debug, thiserror::Error)]
pub enum WorkspaceError {
    /// The profiles file could not be read or written.
    #[error(transparent)]
    ProfilesFile(#[from] ProfilesFileError),
    /// Not even the local store could be opened.
    #[error("the local store cannot be opened: {0}")]
    Store(#[from] ConnectError),
}

#[derive(Debug)]
pub(super) struct Current {
    pub(super) profile: String,
    pub(super) desk: Arc<Desk>,
}

/// Everything the window works with: the profiles, their secrets, and the desk of the
/// profile that is open. Switching profiles replaces the desk (and so signs out).
#[derive(Debug)]
pub struct Workspace {
    profiles_path: PathBuf,
    secrets: Arc<dyn SecretStore>,
    opener: Arc<dyn StoreOpener>,
    settings: DeskSettings,
    // Shared with the outbox's delivery task, which follows profile switches.
    current: Arc<RwLock<Current>>,
    // Serializes profile changes (two saves at once must not lose one).
    changes: tokio::sync::Mutex<()>,
    /// What went wrong at start-up (a damaged profiles file set aside, a fallback to
    /// the local store), for the window to show once.
    startup_notice: std::sync::Mutex<Option<String>>,
}

impl Workspace {
    /// Opens the active profile of the file at `profiles_path` (made on first run). If
    /// it cannot be opened (a server down, no saved password), falls back to the local
    /// profile and says why in the returned notice.
    pub async fn open(
        profiles_path: PathBuf,
        secrets: Arc<dyn SecretStore>,
        opener: Arc<dyn StoreOpener>,
        settings: DeskSettings,
    ) -> Result<(Self, Option<String>), WorkspaceError> {
        let (mut document, file_notice) = ProfilesDocument::load_or_set_aside(&profiles_path)?;
        if document.profiles.is_empty() {
            document = ProfilesDocument::default();
        }
        if !profiles_path.exists() {
            // First run, or the old file was set aside.
            document.save(&profiles_path)?;
        }
        let active = document
            .find(&document.active)
            .cloned()
            .unwrap_or_else(|| ProfilesDocument::default().profiles[0].clone());
        let (profile, desk, notice) = match &active.target {
            // A shared store is reached with a staff member's own login, so nothing is
            // connected until they sign in.
            ProfileTarget::Postgres { user, .. } => {
                let login = SharedLogin {
                    profile: active.name.clone(),
                    login: user.clone(),
                    target: active.target.clone(),
                };
                let desk = Desk::shared(login, None, Passwords::owasp(), settings.clone());
                (active.name, desk, None)
            }
            ProfileTarget::Sqlite { .. } => match opener.open(&active.target, None).await {
                Ok(store) => (
                    active.name,
                    Desk::new(store, Passwords::owasp(), settings.clone()),
                    None,
                ),
                Err(reason) if active.name != LOCAL_PROFILE => {
                    let local = ProfileTarget::Sqlite { path: None };
                    let store = opener.open(&local, None).await?;
                    let notice = format!(
                        "Could not open \"{}\" ({reason}); opened \"{LOCAL_PROFILE}\" instead.",
                        active.name
                    );
                    (
                        LOCAL_PROFILE.to_owned(),
                        Desk::new(store, Passwords::owasp(), settings.clone()),
                        Some(notice),
                    )
                }
                Err(reason) => return Err(reason.into()),
            },
        };
        let desk = Arc::new(desk);
        let notice = match (file_notice, notice) {
            (Some(file), Some(store)) => Some(format!("{file} {store}")),
            (file, store) => file.or(store),
        };
        let workspace = Self {
            profiles_path,
            secrets,
            opener,
            settings,
            current: Arc::new(RwLock::new(Current { profile, desk })),
            changes: tokio::sync::Mutex::new(()),
            startup_notice: std::sync::Mutex::new(notice.clone()),
        };
        Ok((workspace, notice))
    }

    /// A workspace over an already opened store (`DESK_DATABASE_URL`, or a test's
    /// desk), whose profile list still comes from the file. `label` names it as the
    /// open profile.
    pub fn with_desk(
        profiles_path: PathBuf,
        secrets: Arc<dyn SecretStore>,
        opener: Arc<dyn StoreOpener>,
        label: String,
        desk: Desk,
    ) -> Self {
        let settings = desk.settings().clone();
        let desk = Arc::new(desk);
        Self {
            profiles_path,
            secrets,
            opener,
            settings,
            current: Arc::new(RwLock::new(Current {
                profile: label,
                desk,
            })),
            changes: tokio::sync::Mutex::new(()),
            startup_notice: std::sync::Mutex::new(None),
        }
    }

    /// What went wrong at start-up, once: the first call takes it.
    pub fn take_startup_notice(&self) -> Option<String> {
        self.startup_notice
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .take()
    }

    /// Starts delivering the outbox of whichever store is open, on the current tokio
    /// runtime, until the returned worker is dropped.
    pub fn start_delivery(&self) -> DeliveryWorker {
        let source = WorkspaceMail::new(Arc::downgrade(&self.current), self.secrets.clone());
        DeliveryWorker::spawn(Arc::new(source), self.settings.delivery.clone())
    }

    /// The desk of the open profile.
    pub fn desk(&self) -> Arc<Desk> {
        self.read().desk.clone()
    }

    /// The name of the open profile.
    pub fn active_profile(&self) -> String {
        self.read().profile.clone()
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, Current> {
        self.current
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The front door: every command enters here. Checks the command's requirement
    /// against whoever is signed in on the open desk, then that every string it
    /// carries is within its cap (before anything is hashed, stored or looked up),
    /// then runs it with that caller.
    pub async fn execute<C: Command>(
        &self,
        command: C,
        now: DateTime<Utc>,
    ) -> Result<C::Output, DeskError> {
        let desk = self.desk();
        let now = desk.clock(now).await?;
        let access = desk.authorize(C::NAME, C::REQUIRES, now).await?;
        let caller = C::Caller::from_access(access)?;
        command.ensure_bounded()?;
        let cx = Context {
            workspace: self,
            desk: &desk,
            now,
        };
        command.run(&cx, caller).await
    }

    /// Runs `work` on the secret store off the async workers: keyrings block (D-Bus
    /// round trips, unlock prompts).
    pub(crate) async fn with_secrets<T: Send + 'static>(
        &self,
        work: impl FnOnce(&dyn SecretStore) -> T + Send + 'static,
    ) -> Result<T, DeskError> {
        let secrets = self.secrets.clone();
        tokio::task::spawn_blocking(move || work(secrets.as_ref()))
            .await
            .map_err(|error| internal_error("using the keyring", &error))
    }

    pub(super) fn opener(&self) -> &dyn StoreOpener {
        self.opener.as_ref()
    }

    pub(super) async fn lock_changes(&self) -> tokio::sync::MutexGuard<'_, ()> {
        self.changes.lock().await
    }

    pub(super) fn load(&self) -> Result<ProfilesDocument, DeskError> {
        ProfilesDocument::load(&self.profiles_path)
            .map_err(|error| internal_error("reading the profiles file", &error))
    }

    pub(super) fn save(&self, document: &ProfilesDocument) -> Result<(), DeskError> {
        document
            .save(&self.profiles_path)
            .map_err(|error| internal_error("writing the profiles file", &error))
    }

    /// A desk for `profile` before anyone signs in: a shared store is not connected
    /// without someone's login.
    pub(super) fn signed_out_desk(&self, profile: &Profile, store: Option<Arc<dyn Store>>) -> Desk {
        match (&profile.target, store) {
            (ProfileTarget::Postgres { user, .. }, store) => {
                let login = SharedLogin {
                    profile: profile.name.clone(),
                    login: user.clone(),
                    target: profile.target.clone(),
                };
                Desk::shared(login, store, Passwords::owasp(), self.settings.clone())
            }
            (ProfileTarget::Sqlite { .. }, Some(store)) => {
                Desk::new(store, Passwords::owasp(), self.settings.clone())
            }
            (ProfileTarget::Sqlite { .. }, None) => unreachable!("a local store is always open"),
        }
    }

    /// A desk over `store` whose sessions the app checks itself: a local file, or a
    /// shared store reached with the schema owner's login (setting it up).
    pub(super) fn owner_desk(&self, store: Arc<dyn Store>) -> Desk {
        Desk::new(store, Passwords::owasp(), self.settings.clone())
    }

    /// The profile that is open, as the profiles file has it now.
    pub(super) fn active(&self) -> Result<Profile, DeskError> {
        let name = self.active_profile();
        self.load()?
            .find(&name)
            .cloned()
            .ok_or(DeskError::NotFound {
                entity: desk_domain::EntityKind::Profile,
                id: name,
            })
    }

    /// Replaces the open desk with `desk`, for `profile`.
    pub(super) fn switch_to(&self, profile: &Profile, desk: Desk) -> Arc<Desk> {
        let desk = Arc::new(desk);
        let mut current = self
            .current
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        *current = Current {
            profile: profile.name.clone(),
            desk: desk.clone(),
        };
        desk
    }
}
