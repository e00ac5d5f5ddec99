//! Rules that rely on a lock or an atomic statement, tried by 16 tasks at once on each
//! backend, with the invariant checked afterwards. Run one call at a time, these rules
//! would hold even without their locks; here, removing the lock breaks them (see the
//! notes in ARCHITECTURE.md, "Concurrency").

use std::sync::Arc;

use chrono::{Duration, SubsecRound, Utc};
use desk_domain::audit::{AuditAction, AuditFilter};
use desk_domain::staff::{Role, StaffId};
use desk_domain::{Email, PersonName};
use desk_store::{LockRule, NewStaffRecord, PasswordSecrets, Store, StoreError};
use desk_tests::fixtures::audit_by_test;

/// How many tasks race.
const TASKS: usize = 16;

const HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo";

/// Inserts an account, as the first one or as any; `n` makes it unique.
async fn add(
    store: &dyn Store,
    n: usize,
    roles: &[Role],
    first: bool,
) -> Result<StaffId, StoreError> {
    let id = StaffId(uuid::Uuid::now_v7());
    let email = Email::parse("email", &format!("admin{n}@example.com")).expect("valid");
    let name =
        PersonName::parse("display_name", "display name", &format!("Admin {n}")).expect("valid");
    let record = NewStaffRecord {
        id,
        email: &email,
        display_name: &name,
        roles,
        password: PasswordSecrets {
            hash: HASH,
            database_verifier: &desk_app::database_password::scram_verifier("test password"),
            expires_at: None,
        },
        created_at: Utc::now().trunc_subsecs(6),
    };
    let inserted = if first {
        store.insert_first_staff(&record, &audit_by_test()).await
    } else {
        store.insert_staff(&record, &audit_by_test()).await
    };
    inserted.map(|member| member.id)
}

/// Sixteen active administrators, one per task.
async fn sixteen_administrators(store: &dyn Store) -> Vec<StaffId> {
    let mut ids = Vec::new();
    for n in 0..TASKS {
        ids.push(
            add(store, n, &[Role::Administrator], n == 0)
                .await
                .expect("inserts"),
        );
    }
    ids
}

/// Runs `work(n)` for n in 0..TASKS, all at once; their results in order.
pub async fn race<T, F, Fut>(work: F) -> Vec<T>
where
    T: Send + 'static,
    F: Fn(usize) -> Fut,
    Fut: std::future::Future<Output = T> + Send + 'static,
{
    let tasks: Vec<_> = (0..TASKS).map(|n| tokio::spawn(work(n))).collect();
    let mut results = Vec::with_capacity(TASKS);
    for task in tasks {
        results.push(task.await.expect("task finished"));
    }
    results
}

pub async fn sixteen_desktops_setting_up_at_once_make_one_first_administrator(
    store: Arc<dyn Store>,
) {
    let results = race(|n| {
        let store = store.clone();
        async move { add(store.as_ref(), n, &[Role::Administrator], true).await }
    })
    .await;
    let created = results.iter().filter(|result| result.is_ok()).count();
    let refused = results
        .iter()
        .filter(|result| matches!(result, Err(StoreError::NotFirst)))
        .count();
    assert_eq!((created, refused), (1, TASKS - 1), "{results:?}");
    assert_eq!(store.count_staff().await.expect("counts"), 1);
}

pub async fn sixteen_administrators_deactivated_at_once_leave_one(store: Arc<dyn Store>) {
    let ids = sixteen_administrators(store.as_ref()).await;
    let results = race(|n| {
        let store = store.clone();
        let id = ids[n];
        async move { store.deactivate_staff(id, &audit_by_test()).await }
    })
    .await;
    let deactivated = results.iter().filter(|result| result.is_ok()).count();
    let refused = results
        .iter()
        .filter(|result| matches!(result, Err(StoreError::LastAdministrator)))
        .count();
    assert_eq!((deactivated, refused), (TASKS - 1, 1), "{results:?}");
    let active_admins = store
        .list_staff()
        .await
        .expect("lists")
        .into_iter()
        .filter(|member| member.active && member.roles.contains(&Role::Administrator))
        .count();
    assert_eq!(active_admins, 1);
}

pub async fn sixteen_administrators_demoted_at_once_leave_one(store: Arc<dyn Store>) {
    let ids = sixteen_administrators(store.as_ref()).await;
    let results = race(|n| {
        let store = store.clone();
        let id = ids[n];
        async move {
            store
                .set_staff_roles(id, &[Role::Reviewer], &audit_by_test())
                .await
        }
    })
    .await;
    let refused = results
        .iter()
        .filter(|result| matches!(result, Err(StoreError::LastAdministrator)))
        .count();
    assert_eq!(refused, 1, "{results:?}");
    let admins = store
        .list_staff()
        .await
        .expect("lists")
        .into_iter()
        .filter(|member| member.roles.contains(&Role::Administrator))
        .count();
    assert_eq!(admins, 1);
}

pub async fn sixteen_sign_in_attempts_at_once_get_only_the_guesses_left(store: Arc<dyn Store>) {
    let id = add(store.as_ref(), 0, &[Role::Administrator], true)
        .await
        .expect("inserts");
    let now = Utc::now().trunc_subsecs(6);
    let rule = LockRule {
        max_failures: 5,
        lock_until: now + Duration::minutes(5),
    };
    // Each task does what sign-in does with a wrong password: reserve, then (if it
    // may check at all) record the failure.
    let results = race(|_| {
        let store = store.clone();
        async move {
            // No reservation: refused without checking the password.
            store
                .reserve_sign_in(id, now, rule.max_failures)
                .await
                .expect("reserves")?;
            let failed = desk_store::Effects::audit(sign_in_entry(id, AuditAction::SignInFailed));
            let locked = desk_store::Effects::audit(sign_in_entry(id, AuditAction::LockedOut));
            Some(
                store
                    .record_failed_sign_in(id, rule, &failed, &locked)
                    .await
                    .expect("counts"),
            )
        }
    })
    .await;
    let checked = results.iter().flatten().count();
    assert_eq!(
        checked, 5,
        "16 attempts at once got {checked} guesses: {results:?}"
    );
    let locks = results
        .iter()
        .flatten()
        .filter(|outcome| outcome.locked_until.is_some())
        .count();
    assert_eq!(locks, 1, "{results:?}");
    let record = store.staff_by_id(id).await.expect("reads").expect("exists");
    assert_eq!(record.locked_until, Some(rule.lock_until));
    let entries = store
        .list_audit(
            &AuditFilter {
                actor_id: Some(id),
                ..AuditFilter::default()
            },
            100,
        )
        .await
        .expect("lists");
    let count = |action| {
        entries
            .iter()
            .filter(|entry| entry.action == action)
            .count()
    };
    assert_eq!(count(AuditAction::SignInFailed), 5);
    assert_eq!(count(AuditAction::LockedOut), 1);
}

fn sign_in_entry(id: StaffId, action: AuditAction) -> desk_domain::audit::AuditEntry {
    desk_app::audit::entry(
        &desk_app::audit::Attribution {
            id: Some(id),
            email: "admin0@example.com".into(),
        },
        Utc::now(),
        action,
        desk_domain::audit::EntityType::Staff,
        id.to_string(),
        Vec::new(),
    )
}

contract!(
    sixteen_desktops_setting_up_at_once_make_one_first_administrator,
    sixteen_administrators_deactivated_at_once_leave_one,
    sixteen_administrators_demoted_at_once_leave_one,
    sixteen_sign_in_attempts_at_once_get_only_the_guesses_left,
);
