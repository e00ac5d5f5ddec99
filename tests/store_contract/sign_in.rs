//! Set-up, sign-in, lockout, sessions and staff management through the application's
//! front door (`Workspace::execute`), on each real backend. Time is passed in.

use std::sync::Arc;

use chrono::{DateTime, Duration, SubsecRound, Utc};
use desk_app::passwords::Passwords;
use desk_app::profiles::Workspace;
use desk_app::{Desk, DeskSettings};
use desk_domain::commands::{CreateCustomer, ListCustomers};
use desk_domain::commands::{CreateFirstAdmin, GetSessionState, SignIn, SignOut};
use desk_domain::commands::{CreateStaff, DeactivateStaff};
use desk_domain::customer::CustomerListRequest;
use desk_domain::staff::{FirstAdminInput, NewStaffInput, Role, SessionState, SignInInput};
use desk_domain::{DeskError, Permission, Sensitive};
use desk_store::Store;
use desk_tests::fixtures::customer_request;
use desk_tests::front_door::{TestWorkspace, front_door};

const ADMIN_EMAIL: &str = "admin@example.com";
const ADMIN_PASSWORD: &str = "violet kettle harbour";
const REVIEWER_PASSWORD: &str = "amber lantern meadow";

fn desk(store: &Arc<dyn Store>) -> TestWorkspace {
    front_door(Desk::new(
        store.clone(),
        Passwords::owasp(),
        DeskSettings::default(),
    ))
}

fn t0() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(6)
}

fn sign_in_input(email: &str, password: &str) -> SignInInput {
    SignInInput {
        email: email.to_owned(),
        password: Sensitive::new(password.to_owned()),
    }
}

async fn set_up(desk: &Workspace, now: DateTime<Utc>) {
    desk.execute(
        CreateFirstAdmin {
            input: FirstAdminInput {
                email: ADMIN_EMAIL.into(),
                display_name: "Ada Admin".into(),
                password: Sensitive::new(ADMIN_PASSWORD.into()),
            },
        },
        now,
    )
    .await
    .expect("creates the first administrator");
}

async fn add_staff(desk: &Workspace, email: &str, role: Role, password: &str, now: DateTime<Utc>) {
    desk.execute(
        CreateStaff {
            input: NewStaffInput {
                email: email.into(),
                display_name: "Some One".into(),
                roles: vec![role],
                password: Sensitive::new(password.into()),
            },
        },
        now,
    )
    .await
    .expect("creates a staff account");
}

pub async fn first_run_sets_up_an_administrator_who_can_sign_out_and_in(store: Arc<dyn Store>) {
    let desk = desk(&store);
    let now = t0();
    assert_eq!(
        desk.execute(GetSessionState {}, now)
            .await
            .expect("answers"),
        SessionState::NeedsFirstAdmin
    );
    set_up(&desk, now).await;
    let SessionState::SignedIn(session) = desk.execute(GetSessionState {}, now).await.expect("ok")
    else {
        panic!("the new administrator is signed in");
    };
    assert_eq!(session.staff.roles, [Role::Administrator]);
    assert!(session.may(Permission::ManageStaff));
    desk.execute(SignOut {}, now).await.expect("signs out");
    assert_eq!(
        desk.execute(GetSessionState {}, now).await.expect("ok"),
        SessionState::SignedOut
    );
    let again = desk
        .execute(
            CreateFirstAdmin {
                input: FirstAdminInput {
                    email: "intruder@example.com".into(),
                    display_name: "Intruder".into(),
                    password: Sensitive::new("another long password".into()),
                },
            },
            now,
        )
        .await;
    assert!(
        matches!(again, Err(DeskError::Unauthorized { .. })),
        "{again:?}"
    );
    let session = desk
        .execute(
            SignIn {
                input: sign_in_input("ADMIN@example.com ", ADMIN_PASSWORD),
            },
            now,
        )
        .await
        .expect("signs in, email case and spaces ignored");
    assert_eq!(session.staff.email.as_str(), ADMIN_EMAIL);
}

pub async fn a_wrong_email_and_a_wrong_password_get_the_same_answer(store: Arc<dyn Store>) {
    let desk = desk(&store);
    set_up(&desk, t0()).await;
    desk.execute(SignOut {}, t0()).await.expect("signs out");
    let wrong_email = desk
        .execute(
            SignIn {
                input: sign_in_input("nobody@example.com", ADMIN_PASSWORD),
            },
            t0(),
        )
        .await
        .expect_err("refused");
    let wrong_password = desk
        .execute(
            SignIn {
                input: sign_in_input(ADMIN_EMAIL, "not the password"),
            },
            t0(),
        )
        .await
        .expect_err("refused");
    assert_eq!(wrong_email, wrong_password);
    assert_eq!(
        wrong_email,
        DeskError::SignInFailed {
            message: "Email or password is not right.".into()
        }
    );
}

pub async fn five_failures_lock_the_account_for_five_minutes_across_restarts(
    store: Arc<dyn Store>,
) {
    let start = t0();
    let first_desk = desk(&store);
    set_up(&first_desk, start).await;
    first_desk
        .execute(SignOut {}, start)
        .await
        .expect("signs out");
    for attempt in 1..=5 {
        let refused = first_desk
            .execute(
                SignIn {
                    input: sign_in_input(ADMIN_EMAIL, "wrong guess"),
                },
                start,
            )
            .await
            .expect_err("refused");
        let DeskError::SignInFailed { message } = refused else {
            panic!("unexpected {refused:?}");
        };
        assert_eq!(
            message.contains("locked"),
            attempt == 5,
            "attempt {attempt}: {message}"
        );
    }
    // Another desktop (or a restart): the lock is in the store, not in memory.
    let second_desk = desk(&store);
    let still_locked = second_desk
        .execute(
            SignIn {
                input: sign_in_input(ADMIN_EMAIL, ADMIN_PASSWORD),
            },
            start + Duration::minutes(4),
        )
        .await
        .expect_err("still locked, even with the right password");
    assert!(
        format!("{still_locked:?}").contains("locked"),
        "{still_locked:?}"
    );
    second_desk
        .execute(
            SignIn {
                input: sign_in_input(ADMIN_EMAIL, ADMIN_PASSWORD),
            },
            start + Duration::minutes(5),
        )
        .await
        .expect("the lock has ended");
}

pub async fn hashes_with_weaker_parameters_are_replaced_at_sign_in(store: Arc<dyn Store>) {
    let weak = front_door(Desk::new(
        store.clone(),
        Passwords::with_params(8_192, 1, 1).expect("valid"),
        DeskSettings::default(),
    ));
    set_up(&weak, t0()).await;
    let id = store
        .staff_by_email(ADMIN_EMAIL)
        .await
        .expect("reads")
        .expect("exists")
        .member
        .id;
    let before = store
        .password_hash(id)
        .await
        .expect("reads")
        .expect("has a hash");
    assert!(before.contains("m=8192,t=1,p=1"), "{before}");
    desk(&store)
        .execute(
            SignIn {
                input: sign_in_input(ADMIN_EMAIL, ADMIN_PASSWORD),
            },
            t0(),
        )
        .await
        .expect("signs in");
    let after = store
        .password_hash(id)
        .await
        .expect("reads")
        .expect("has a hash");
    assert!(after.contains("m=19456,t=2,p=1"), "{after}");
    assert!(
        Passwords::owasp()
            .verify_now(ADMIN_PASSWORD, &after)
            .matches,
        "the new hash is of the same password"
    );
}

pub async fn a_reviewer_may_read_customers_but_not_add_them(store: Arc<dyn Store>) {
    let desk = desk(&store);
    let now = t0();
    set_up(&desk, now).await;
    add_staff(
        &desk,
        "rita@example.com",
        Role::Reviewer,
        REVIEWER_PASSWORD,
        now,
    )
    .await;
    desk.execute(SignOut {}, now).await.expect("signs out");
    let session = desk
        .execute(
            SignIn {
                input: sign_in_input("rita@example.com", REVIEWER_PASSWORD),
            },
            now,
        )
        .await
        .expect("signs in");
    assert_eq!(
        session.permissions,
        [
            Permission::ViewCustomers,
            Permission::ViewGroups,
            Permission::ViewCompanies
        ]
    );
    // The password an administrator typed is a one-time one: nothing else until it
    // is changed.
    assert!(session.must_change_password);
    let first = desk
        .execute(
            ListCustomers {
                request: CustomerListRequest {
                    limit: 10,
                    ..CustomerListRequest::default()
                },
            },
            now,
        )
        .await;
    assert!(
        matches!(&first, Err(DeskError::Unauthorized { message }) if message.contains("one-time")),
        "{first:?}"
    );
    desk.execute(
        desk_domain::commands::ChangeOwnPassword {
            input: desk_domain::staff::ChangePasswordInput {
                current_password: Sensitive::new(REVIEWER_PASSWORD.to_owned()),
                new_password: Sensitive::new("reviewer's own long passphrase".to_owned()),
            },
        },
        now,
    )
    .await
    .expect("chooses their own password");
    let refused = desk
        .execute(
            CreateCustomer {
                input: customer_request("c@example.com", "C", "D"),
            },
            now,
        )
        .await;
    assert!(
        matches!(refused, Err(DeskError::Unauthorized { .. })),
        "{refused:?}"
    );
    let page = desk
        .execute(
            ListCustomers {
                request: CustomerListRequest {
                    limit: 10,
                    ..CustomerListRequest::default()
                },
            },
            now,
        )
        .await
        .expect("may list");
    assert!(page.items.is_empty(), "and nothing was added");
}

pub async fn an_idle_session_ends_by_itself(store: Arc<dyn Store>) {
    let desk = desk(&store);
    let start = t0();
    set_up(&desk, start).await;
    let active = desk
        .execute(GetSessionState {}, start + Duration::minutes(14))
        .await
        .expect("ok");
    assert!(
        matches!(active, SessionState::SignedIn(_)),
        "activity keeps it open"
    );
    let idle = desk
        .execute(GetSessionState {}, start + Duration::minutes(30))
        .await
        .expect("ok");
    assert_eq!(idle, SessionState::SignedOut);
    let refused = desk
        .execute(
            ListCustomers {
                request: CustomerListRequest {
                    limit: 10,
                    ..CustomerListRequest::default()
                },
            },
            start,
        )
        .await;
    assert_eq!(refused, Err(DeskError::NotSignedIn));
}

pub async fn deactivated_staff_lose_access_at_once_and_nobody_deactivates_themselves(
    store: Arc<dyn Store>,
) {
    let now = t0();
    let admin_desk = desk(&store);
    set_up(&admin_desk, now).await;
    add_staff(
        &admin_desk,
        "sam@example.com",
        Role::SupportAgent,
        REVIEWER_PASSWORD,
        now,
    )
    .await;
    let agent_desk = desk(&store);
    let agent = agent_desk
        .execute(
            SignIn {
                input: sign_in_input("sam@example.com", REVIEWER_PASSWORD),
            },
            now,
        )
        .await
        .expect("signs in");
    let admin = store
        .staff_by_email(ADMIN_EMAIL)
        .await
        .expect("reads")
        .expect("exists");
    let own = admin_desk
        .execute(
            DeactivateStaff {
                staff_id: admin.member.id,
            },
            now,
        )
        .await;
    assert!(matches!(own, Err(DeskError::Validation { .. })), "{own:?}");
    admin_desk
        .execute(
            DeactivateStaff {
                staff_id: agent.staff.id,
            },
            now,
        )
        .await
        .expect("deactivates");
    let refused = agent_desk
        .execute(
            ListCustomers {
                request: CustomerListRequest {
                    limit: 10,
                    ..CustomerListRequest::default()
                },
            },
            now,
        )
        .await;
    assert_eq!(refused, Err(DeskError::NotSignedIn));
    let again = agent_desk
        .execute(
            SignIn {
                input: sign_in_input("sam@example.com", REVIEWER_PASSWORD),
            },
            now,
        )
        .await;
    assert!(
        matches!(again, Err(DeskError::SignInFailed { .. })),
        "{again:?}"
    );
}

pub async fn the_audit_log_records_sign_ins_and_never_a_secret(store: Arc<dyn Store>) {
    let desk = desk(&store);
    let now = t0();
    set_up(&desk, now).await;
    add_staff(
        &desk,
        "rita@example.com",
        Role::Reviewer,
        REVIEWER_PASSWORD,
        now,
    )
    .await;
    desk.execute(SignOut {}, now).await.expect("signs out");
    let _ = desk
        .execute(
            SignIn {
                input: sign_in_input(ADMIN_EMAIL, "wrong guess"),
            },
            now,
        )
        .await;
    desk.execute(
        SignIn {
            input: sign_in_input(ADMIN_EMAIL, ADMIN_PASSWORD),
        },
        now,
    )
    .await
    .expect("signs in");
    desk.execute(
        CreateCustomer {
            input: customer_request("c@example.com", "C", "D"),
        },
        now,
    )
    .await
    .expect("adds a customer");
    let entries = store
        .list_audit(&Default::default(), 100)
        .await
        .expect("lists");
    let actions: Vec<&str> = entries
        .iter()
        .rev()
        .map(|entry| entry.action.code())
        .collect();
    assert_eq!(
        actions,
        [
            "staff.created",
            "staff.created",
            "staff.signed_out",
            "staff.sign_in_failed",
            "staff.signed_in",
            "customer.created"
        ]
    );
    let everything = serde_json::to_string(&entries).expect("serializes");
    for secret in [ADMIN_PASSWORD, REVIEWER_PASSWORD, "$argon2"] {
        assert!(
            !everything.contains(secret),
            "the audit log holds {secret:?}"
        );
    }
}

pub async fn changing_ones_own_password_checks_the_current_one_and_the_policy(
    store: Arc<dyn Store>,
) {
    use desk_domain::FieldErrorCode;
    use desk_domain::commands::ChangeOwnPassword;
    use desk_domain::staff::ChangePasswordInput;

    let desk = desk(&store);
    let now = t0();
    set_up(&desk, now).await;
    let change = |current: &str, new: &str| ChangeOwnPassword {
        input: ChangePasswordInput {
            current_password: Sensitive::new(current.to_owned()),
            new_password: Sensitive::new(new.to_owned()),
        },
    };
    let codes = |refused: DeskError| -> Vec<(String, FieldErrorCode)> {
        refused
            .field_errors()
            .iter()
            .map(|problem| (problem.field.clone(), problem.code))
            .collect()
    };
    // The new password is checked first: refusing it does not count as a wrong
    // current password.
    let weak = desk
        .execute(change("wrong current", "password2024!"), now)
        .await
        .expect_err("refused");
    assert_eq!(
        codes(weak),
        [("new_password".to_owned(), FieldErrorCode::TooCommon)]
    );
    let wrong = desk
        .execute(change("wrong current", "copper window lighthouse"), now)
        .await
        .expect_err("refused");
    assert_eq!(
        codes(wrong),
        [("current_password".to_owned(), FieldErrorCode::WrongPassword)]
    );
    desk.execute(change(ADMIN_PASSWORD, "copper window lighthouse"), now)
        .await
        .expect("changes");
    desk.execute(SignOut {}, now).await.expect("signs out");
    let old = desk
        .execute(
            SignIn {
                input: sign_in_input(ADMIN_EMAIL, ADMIN_PASSWORD),
            },
            now,
        )
        .await;
    assert!(
        matches!(old, Err(DeskError::SignInFailed { .. })),
        "{old:?}"
    );
    desk.execute(
        SignIn {
            input: sign_in_input(ADMIN_EMAIL, "copper window lighthouse"),
        },
        now,
    )
    .await
    .expect("the new password works");
}

pub async fn a_first_administrator_needs_a_typed_password(store: Arc<dyn Store>) {
    let desk = desk(&store);
    let refused = desk
        .execute(
            CreateFirstAdmin {
                input: FirstAdminInput {
                    email: ADMIN_EMAIL.into(),
                    display_name: "Ada Admin".into(),
                    password: Sensitive::new(String::new()),
                },
            },
            t0(),
        )
        .await
        .expect_err("an empty password is refused");
    assert_eq!(refused.field_errors()[0].field, "password", "{refused:?}");
    assert_eq!(store.count_staff().await.expect("counts"), 0);
    assert_eq!(
        desk.execute(GetSessionState {}, t0())
            .await
            .expect("answers"),
        SessionState::NeedsFirstAdmin
    );
}

contract!(
    a_first_administrator_needs_a_typed_password,
    first_run_sets_up_an_administrator_who_can_sign_out_and_in,
    a_wrong_email_and_a_wrong_password_get_the_same_answer,
    five_failures_lock_the_account_for_five_minutes_across_restarts,
    hashes_with_weaker_parameters_are_replaced_at_sign_in,
    a_reviewer_may_read_customers_but_not_add_them,
    an_idle_session_ends_by_itself,
    deactivated_staff_lose_access_at_once_and_nobody_deactivates_themselves,
    the_audit_log_records_sign_ins_and_never_a_secret,
    changing_ones_own_password_checks_the_current_one_and_the_policy,
);
