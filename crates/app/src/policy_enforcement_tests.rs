//! Proves the policy is enforced at the front door, not only written down: every
//! command in `desk_domain::commands::ALL` is run through `Desk::execute` by a signed-out
//! caller and by one account per role, and each must be refused where the policy table
//! says so. A new command without a sample here, or without a policy entry, fails.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use desk_domain::audit::AuditFilter;
use desk_domain::commands as c;
use desk_domain::customer::{CustomerListRequest, NewCustomerInput};
use desk_domain::staff::{
    ChangePasswordInput, FirstAdminInput, NewStaffInput, Role, SetRolesInput, SignInInput, StaffId,
};
use desk_domain::{DeskError, Sensitive};
use desk_store::sqlite::SqliteStore;

use crate::commands::audit::ListAudit;
use crate::commands::customers::{CreateCustomer, ListCustomers};
use crate::commands::session::{
    ChangeOwnPassword, CreateFirstAdmin, GetSessionState, SignIn, SignOut,
};
use crate::commands::staff::{
    CreateStaff, DeactivateStaff, ListStaff, ResetStaffPassword, SetStaffRoles,
};
use crate::passwords::Passwords;
use crate::policy::{Requirement, permissions_of, requirement_of};
use crate::{Desk, DeskSettings};

const PASSWORD: &str = "violet kettle harbour";

/// Runs a harmless sample of `command`, discarding what it returns.
async fn run_sample(desk: &Desk, command: &str, now: DateTime<Utc>) -> Result<(), DeskError> {
    let someone = StaffId(uuid::Uuid::now_v7());
    match command {
        c::SESSION_STATE => desk.execute(GetSessionState, now).await.map(drop),
        c::CREATE_FIRST_ADMIN => desk
            .execute(CreateFirstAdmin(FirstAdminInput::default()), now)
            .await
            .map(drop),
        c::SIGN_IN => desk
            .execute(SignIn(SignInInput::default()), now)
            .await
            .map(drop),
        c::SIGN_OUT => desk.execute(SignOut, now).await,
        c::CHANGE_OWN_PASSWORD => {
            desk.execute(ChangeOwnPassword(ChangePasswordInput::default()), now)
                .await
        }
        c::LIST_STAFF => desk.execute(ListStaff, now).await.map(drop),
        c::CREATE_STAFF => desk
            .execute(CreateStaff(NewStaffInput::default()), now)
            .await
            .map(drop),
        c::SET_STAFF_ROLES => desk
            .execute(
                SetStaffRoles(SetRolesInput {
                    staff_id: someone,
                    roles: vec![Role::Reviewer],
                }),
                now,
            )
            .await
            .map(drop),
        c::DEACTIVATE_STAFF => desk.execute(DeactivateStaff(someone), now).await.map(drop),
        c::RESET_STAFF_PASSWORD => desk
            .execute(ResetStaffPassword(someone), now)
            .await
            .map(drop),
        c::LIST_AUDIT => desk
            .execute(ListAudit(AuditFilter::default()), now)
            .await
            .map(drop),
        c::CREATE_CUSTOMER => desk
            .execute(CreateCustomer(NewCustomerInput::default()), now)
            .await
            .map(drop),
        c::LIST_CUSTOMERS => desk
            .execute(
                ListCustomers(CustomerListRequest {
                    after: None,
                    limit: 1,
                }),
                now,
            )
            .await
            .map(drop),
        other => panic!("no sample for the command {other}: add one to run_sample"),
    }
}

fn sign_in(email: &str) -> SignIn {
    SignIn(SignInInput {
        email: email.to_owned(),
        password: Sensitive::new(PASSWORD.to_owned()),
    })
}

#[tokio::test]
async fn every_command_is_refused_to_callers_the_policy_does_not_allow() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let store = SqliteStore::open_file(&dir.path().join("desk.sqlite3"))
        .await
        .expect("opens");
    let desk = Desk::new(Arc::new(store), Passwords::owasp(), DeskSettings::default());
    let now = Utc::now();
    desk.execute(
        CreateFirstAdmin(FirstAdminInput {
            email: "admin@example.com".into(),
            display_name: "Ada Admin".into(),
            password: Sensitive::new(PASSWORD.into()),
        }),
        now,
    )
    .await
    .expect("sets up");
    for role in Role::ALL {
        desk.execute(
            CreateStaff(NewStaffInput {
                email: format!("{}@example.com", role.code()),
                display_name: role.label().into(),
                roles: vec![role],
                password: Sensitive::new(PASSWORD.into()),
            }),
            now,
        )
        .await
        .expect("creates one account per role");
    }
    desk.execute(SignOut, now).await.expect("signs out");

    let mut refusals = 0;
    for command in c::ALL {
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
        for command in c::ALL {
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
        desk.execute(SignOut, now).await.expect("signs out");
    }
    assert!(
        refusals > c::ALL.len(),
        "the test really refused commands ({refusals})"
    );
}
