//! Proves the policy is enforced at the front door, not only written down: every
//! command in `desk_domain::commands` is run through `Workspace::execute` by a
//! signed-out caller and by one account per role, and each must be refused where its
//! requirement says so. The samples come from the command list itself, so a new
//! command is covered without touching this file.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use desk_domain::commands::{ALL, CreateFirstAdmin, CreateStaff, SignIn, SignOut};
use desk_domain::staff::{FirstAdminInput, NewStaffInput, Role, SignInInput};
use desk_domain::{DeskError, Requirement, Rpc, Sensitive};
use desk_store::ProfileOpener;
use desk_store::sqlite::SqliteStore;

use crate::passwords::Passwords;
use crate::policy::{permissions_of, requirement_of};
use crate::profiles::{MemorySecrets, PROFILES_FILE, Workspace};
use crate::{Desk, DeskSettings};

const PASSWORD: &str = "violet kettle harbour";

/// Defines `run_sample`: runs the command named `command` with its default value (a
/// harmless sample), discarding what it returns.
macro_rules! samples {
    ($($name:ident: $command:path),* $(,)?) => {
        async fn run_sample(
            workspace: &Workspace,
            command: &str,
            now: DateTime<Utc>,
        ) -> Result<(), DeskError> {
            $(
                if command == <$command as Rpc>::NAME {
                    return workspace.execute(<$command>::default(), now).await.map(drop);
                }
            )*
            panic!("{command} is not a command")
        }
    };
}

desk_domain::for_each_command!(samples);

fn sign_in(email: &str) -> SignIn {
    SignIn {
        input: SignInInput {
            email: email.to_owned(),
            password: Sensitive::new(PASSWORD.to_owned()),
        },
    }
}

#[tokio::test]
async fn every_command_is_refused_to_callers_the_policy_does_not_allow() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let store = SqliteStore::open_file(&dir.path().join("desk.sqlite3"))
        .await
        .expect("opens");
    let desk = Desk::new(Arc::new(store), Passwords::owasp(), DeskSettings::default());
    let desk = Workspace::with_desk(
        dir.path().join(PROFILES_FILE),
        Arc::new(MemorySecrets::default()),
        Arc::new(ProfileOpener::new(dir.path().to_owned())),
        "test".into(),
        desk,
    );
    let now = Utc::now();
    desk.execute(
        CreateFirstAdmin {
            input: FirstAdminInput {
                email: "admin@example.com".into(),
                display_name: "Ada Admin".into(),
                password: Sensitive::new(PASSWORD.into()),
            },
        },
        now,
    )
    .await
    .expect("sets up");
    for role in Role::ALL {
        desk.execute(
            CreateStaff {
                input: NewStaffInput {
                    email: format!("{}@example.com", role.code()),
                    display_name: role.label().into(),
                    roles: vec![role],
                    password: Sensitive::new(PASSWORD.into()),
                },
            },
            now,
        )
        .await
        .expect("creates one account per role");
    }
    desk.execute(SignOut {}, now).await.expect("signs out");

    let mut refusals = 0;
    for command in ALL {
        let requirement = requirement_of(command).expect("every command has a policy");
        if requirement != Requirement::Public {
            let result = run_sample(&desk, command, now).await;
            assert_eq!(
                result,
                Err(DeskError::NotSignedIn),
                "{command} while signed out"
            );
            refusals += 1;
        }
    }
    for role in Role::ALL {
        desk.execute(sign_in(&format!("{}@example.com", role.code())), now)
            .await
            .expect("signs in");
        for command in ALL {
            let Some(Requirement::Permission(permission)) = requirement_of(command) else {
                continue;
            };
            if permissions_of(&[role]).contains(&permission) {
                continue;
            }
            let result = run_sample(&desk, command, now).await;
            assert!(
                matches!(result, Err(DeskError::Unauthorized { .. })),
                "{command} as {role:?} gave {result:?}"
            );
            refusals += 1;
        }
        desk.execute(SignOut {}, now).await.expect("signs out");
    }
    assert!(
        refusals > ALL.len(),
        "the test really refused commands ({refusals})"
    );
}
