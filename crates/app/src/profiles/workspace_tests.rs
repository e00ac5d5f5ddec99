//! The workspace's profile rules with an in-memory secret store (the real keyrings
//! have their own suites) and real SQLite files standing in for servers behind the
//! opener trait.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use async_trait::async_trait;
use chrono::Utc;
use desk_domain::commands::{RemoveProfile, SaveProfile, SwitchProfile};
use desk_domain::profile::{PasswordState, ProfileInput, ProfileTarget, SwitchProfileInput};
use desk_domain::staff::SessionState;
use desk_domain::{DeskError, FieldErrorCode, Sensitive};
use desk_store::sqlite::SqliteStore;
use desk_store::{ConnectError, Store, StoreOpener};

use super::*;
use crate::DeskSettings;

const SERVER_PASSWORD: &str = "right password";

/// Opens SQLite files for every target; a "Postgres" target needs [`SERVER_PASSWORD`].
#[derive(Debug)]
struct FileOpener {
    dir: PathBuf,
    passwords_seen: Mutex<Vec<Option<String>>>,
}

#[async_trait]
impl StoreOpener for FileOpener {
    async fn open(
        &self,
        target: &ProfileTarget,
        password: Option<&Sensitive<String>>,
    ) -> Result<Arc<dyn Store>, ConnectError> {
        self.passwords_seen
            .lock()
            .expect("lock")
            .push(password.map(|p| p.expose().clone()));
        let file = match target {
            ProfileTarget::Sqlite { .. } => "local.sqlite3",
            ProfileTarget::Postgres { .. } => {
                if password.map(|p| p.expose().as_str()) != Some(SERVER_PASSWORD) {
                    return Err(ConnectError::Authentication);
                }
                "server.sqlite3"
            }
        };
        let store = SqliteStore::open_file(&self.dir.join(file)).await?;
        Ok(Arc::new(store))
    }

    async fn set_up(
        &self,
        _: &ProfileTarget,
        _: Option<&Sensitive<String>>,
    ) -> Result<desk_store::postgres::SchemaUpgrade, ConnectError> {
        Err(ConnectError::Unexpected("files need no set-up".into()))
    }

    async fn check(
        &self,
        target: &ProfileTarget,
        password: Option<&Sensitive<String>>,
    ) -> Result<String, ConnectError> {
        self.open(target, password)
            .await
            .map(|_| "Connected.".into())
    }
}

struct Fixture {
    workspace: Workspace,
    secrets: Arc<MemorySecrets>,
    opener: Arc<FileOpener>,
    dir: tempfile::TempDir,
}

async fn fixture(secrets: MemorySecrets) -> Fixture {
    let dir = tempfile::tempdir().expect("folder");
    let secrets = Arc::new(secrets);
    let opener = Arc::new(FileOpener {
        dir: dir.path().to_owned(),
        passwords_seen: Mutex::default(),
    });
    let (workspace, notice) = Workspace::open(
        dir.path().join(PROFILES_FILE),
        secrets.clone(),
        opener.clone(),
        DeskSettings::default(),
    )
    .await
    .expect("opens");
    assert_eq!(notice, None);
    Fixture {
        workspace,
        secrets,
        opener,
        dir,
    }
}

fn server_input(password: &str) -> ProfileInput {
    ProfileInput {
        name: "Head office".into(),
        host: "db.example.com".into(),
        database: "desk".into(),
        user: "ann".into(),
        tls_mode: desk_domain::profile::TlsMode::Require,
        password: Sensitive::new(password.into()),
        ..ProfileInput::default()
    }
}

#[tokio::test]
async fn a_saved_password_goes_to_the_secret_store_and_never_to_the_file() {
    let f = fixture(MemorySecrets::default()).await;
    let view = f
        .workspace
        .execute(
            SaveProfile {
                input: server_input(SERVER_PASSWORD),
            },
            Utc::now(),
        )
        .await
        .expect("saves");
    let saved = view
        .profiles
        .iter()
        .find(|p| p.profile.name == "Head office")
        .expect("listed");
    assert_eq!(saved.password, PasswordState::Saved);
    assert_eq!(view.keyring_problem, None);
    let target = server_input("").parse().expect("valid").target;
    assert_eq!(
        saved_password::read(f.secrets.as_ref(), "Head office", &target)
            .expect("reads")
            .map(|p| p.expose().clone()),
        Some(SERVER_PASSWORD.to_owned())
    );
    let file = std::fs::read_to_string(f.dir.path().join(PROFILES_FILE)).expect("written");
    assert!(!file.contains(SERVER_PASSWORD), "{file}");
    assert!(file.contains("db.example.com"), "{file}");

    let state = f
        .workspace
        .execute(
            SwitchProfile {
                input: SwitchProfileInput {
                    name: "Head office".into(),
                    password: Sensitive::default(),
                },
            },
            Utc::now(),
        )
        .await
        .expect("switches with the saved password");
    assert_eq!(state, SessionState::NeedsFirstAdmin);
    assert_eq!(f.workspace.active_profile(), "Head office");
}

#[tokio::test]
async fn without_a_keyring_the_profile_is_saved_and_the_password_is_asked_for() {
    let f = fixture(MemorySecrets::unavailable()).await;
    let view = f
        .workspace
        .execute(
            SaveProfile {
                input: server_input(SERVER_PASSWORD),
            },
            Utc::now(),
        )
        .await
        .expect("saves the profile anyway");
    assert!(view.keyring_problem.is_some());
    let summary = view
        .profiles
        .iter()
        .find(|p| p.profile.name == "Head office")
        .expect("listed");
    assert_eq!(summary.password, PasswordState::NotSaved);

    let switch = |password: &str| SwitchProfile {
        input: SwitchProfileInput {
            name: "Head office".into(),
            password: Sensitive::new(password.into()),
        },
    };
    let asked = f
        .workspace
        .execute(switch(""), Utc::now())
        .await
        .expect_err("needs the password");
    assert_eq!(asked.field_errors()[0].code, FieldErrorCode::Required);
    let wrong = f
        .workspace
        .execute(switch("wrong"), Utc::now())
        .await
        .expect_err("wrong password");
    // For a shared store, a refused password is a refused sign-in.
    assert!(matches!(wrong, DeskError::SignInFailed { .. }), "{wrong:?}");
    assert_eq!(
        f.workspace.active_profile(),
        "Local",
        "a failed switch changes nothing"
    );
    f.workspace
        .execute(switch(SERVER_PASSWORD), Utc::now())
        .await
        .expect("the typed password connects");
    assert_eq!(f.workspace.active_profile(), "Head office");
    let seen = f.opener.passwords_seen.lock().expect("lock").clone();
    assert_eq!(
        seen.last().cloned().flatten().as_deref(),
        Some(SERVER_PASSWORD),
        "the typed password reached the connection"
    );
    assert!(f.secrets.probe().is_err(), "and was not kept anywhere");
}

#[tokio::test]
async fn renaming_carries_the_password_and_removing_forgets_it() {
    let f = fixture(MemorySecrets::default()).await;
    let now = Utc::now();
    f.workspace
        .execute(
            SaveProfile {
                input: server_input(SERVER_PASSWORD),
            },
            now,
        )
        .await
        .expect("saves");
    let renamed = ProfileInput {
        original_name: Some("Head office".into()),
        name: "HQ".into(),
        ..server_input("")
    };
    f.workspace
        .execute(SaveProfile { input: renamed }, now)
        .await
        .expect("renames");
    assert!(f.secrets.get("Head office").expect("reads").is_none());
    assert!(f.secrets.get("HQ").expect("reads").is_some());

    let open_one = f
        .workspace
        .execute(
            RemoveProfile {
                name: "Local".into(),
            },
            now,
        )
        .await;
    assert!(
        matches!(open_one, Err(DeskError::Validation { .. })),
        "{open_one:?}"
    );
    f.workspace
        .execute(RemoveProfile { name: "HQ".into() }, now)
        .await
        .expect("removes");
    assert!(f.secrets.get("HQ").expect("reads").is_none());
}

#[tokio::test]
async fn two_profiles_cannot_share_a_name() {
    let f = fixture(MemorySecrets::default()).await;
    let clash = ProfileInput {
        name: "Local".into(),
        ..server_input("")
    };
    let refused = f
        .workspace
        .execute(SaveProfile { input: clash }, Utc::now())
        .await
        .expect_err("clash");
    assert_eq!(refused.field_errors()[0].code, FieldErrorCode::AlreadyInUse);
}
