//! Sessions end when they should, whichever desktop the change came from: a password
//! changed elsewhere, the 12-hour limit, the store's idle time set by an
//! administrator. Two front doors over one store stand for two desktops.

use std::sync::Arc;

use chrono::{DateTime, Duration, SubsecRound, Utc};
use desk_app::passwords::Passwords;
use desk_app::{Desk, DeskSettings};
use desk_domain::commands::{
    ChangeOwnPassword, CreateFirstAdmin, GetSessionState, SetIdleTimeout, SignIn,
};
use desk_domain::staff::{
    ChangePasswordInput, FirstAdminInput, IdleTimeoutInput, SessionState, SignInInput,
};
use desk_domain::{DeskError, Sensitive};
use desk_store::Store;
use desk_tests::front_door::{TestWorkspace, front_door};

const EMAIL: &str = "admin@example.com";
const PASSWORD: &str = "violet kettle harbour";

fn desktop(store: &Arc<dyn Store>) -> TestWorkspace {
    front_door(Desk::new(
        store.clone(),
        Passwords::owasp(),
        DeskSettings::default(),
    ))
}

fn t0() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(6)
}

async fn signed_in(desktop: &TestWorkspace, password: &str, now: DateTime<Utc>) {
    desktop
        .execute(
            SignIn {
                input: SignInInput {
                    email: EMAIL.into(),
                    password: Sensitive::new(password.into()),
                },
            },
            now,
        )
        .await
        .expect("signs in");
}

async fn is_signed_in(desktop: &TestWorkspace, now: DateTime<Utc>) -> bool {
    matches!(
        desktop.execute(GetSessionState {}, now).await,
        Ok(SessionState::SignedIn(_))
    )
}

async fn first_admin(store: &Arc<dyn Store>, now: DateTime<Utc>) -> TestWorkspace {
    let first = desktop(store);
    first
        .execute(
            CreateFirstAdmin {
                input: FirstAdminInput {
                    email: EMAIL.into(),
                    display_name: "Ada Admin".into(),
                    password: Sensitive::new(PASSWORD.into()),
                },
            },
            now,
        )
        .await
        .expect("sets up");
    first
}

pub async fn a_password_changed_on_one_desktop_ends_the_session_on_the_other(
    store: Arc<dyn Store>,
) {
    let now = t0();
    let here = first_admin(&store, now).await;
    let there = desktop(&store);
    signed_in(&there, PASSWORD, now).await;
    assert!(is_signed_in(&there, now).await);

    here.execute(
        ChangeOwnPassword {
            input: ChangePasswordInput {
                current_password: Sensitive::new(PASSWORD.into()),
                new_password: Sensitive::new("copper window lighthouse".into()),
            },
        },
        now,
    )
    .await
    .expect("changes the password");
    assert!(
        is_signed_in(&here, now).await,
        "the desktop that changed it goes on"
    );
    assert!(
        !is_signed_in(&there, now).await,
        "the other desktop's session ended at its next command"
    );
}

pub async fn a_session_ends_after_twelve_hours_however_active(store: Arc<dyn Store>) {
    let start = t0();
    let desk = first_admin(&store, start).await;
    desk.execute(
        SetIdleTimeout {
            input: IdleTimeoutInput {
                minutes: "240".into(),
            },
        },
        start,
    )
    .await
    .expect("the longest idle time");
    for hours in [3, 6, 9, 12] {
        assert!(
            is_signed_in(&desk, start + Duration::hours(hours)).await,
            "still on after {hours} hours of activity"
        );
    }
    assert!(
        !is_signed_in(&desk, start + Duration::hours(12) + Duration::minutes(1)).await,
        "ended past 12 hours"
    );
}

pub async fn the_idle_time_is_the_stores_setting_and_bounded(store: Arc<dyn Store>) {
    let now = t0();
    let desk = first_admin(&store, now).await;
    let refused = desk
        .execute(
            SetIdleTimeout {
                input: IdleTimeoutInput {
                    minutes: "0".into(),
                },
            },
            now,
        )
        .await;
    assert!(
        matches!(refused, Err(DeskError::Validation { .. })),
        "{refused:?}"
    );
    desk.execute(
        SetIdleTimeout {
            input: IdleTimeoutInput {
                minutes: "5".into(),
            },
        },
        now,
    )
    .await
    .expect("sets five minutes");
    // Another desktop on the same store follows the store's setting.
    let other = desktop(&store);
    signed_in(&other, PASSWORD, now).await;
    assert!(is_signed_in(&other, now + Duration::minutes(4)).await);
    assert!(
        !is_signed_in(&other, now + Duration::minutes(10)).await,
        "ended after five idle minutes"
    );
}

contract!(
    a_password_changed_on_one_desktop_ends_the_session_on_the_other,
    a_session_ends_after_twelve_hours_however_active,
    the_idle_time_is_the_stores_setting_and_bounded,
);
