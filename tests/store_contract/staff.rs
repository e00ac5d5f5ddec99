//! Staff accounts, roles and the last-administrator rule, at the store.

use std::sync::Arc;

use chrono::{Duration, SubsecRound, Utc};
use desk_domain::staff::{Role, StaffId};
use desk_domain::{Email, PersonName};
use desk_store::{LockRule, NewStaffRecord, PasswordSecrets, Store, StoreError, UniqueField};
use desk_tests::fixtures::audit_by_test;

async fn add(
    store: &dyn Store,
    email: &str,
    roles: &[Role],
    only_if_first: bool,
) -> Result<StaffId, StoreError> {
    let id = StaffId(uuid::Uuid::now_v7());
    let email = Email::parse("email", email).expect("valid email");
    let name = PersonName::parse("display_name", "display name", "Test Person").expect("valid");
    let record = NewStaffRecord {
        id,
        email: &email,
        display_name: &name,
        roles,
        password: PasswordSecrets {
            hash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo",
            database_verifier: &desk_app::database_password::scram_verifier("test password"),
            expires_at: None,
        },
        created_at: Utc::now().trunc_subsecs(6),
    };
    let inserted = if only_if_first {
        store.insert_first_staff(&record, &audit_by_test()).await
    } else {
        store.insert_staff(&record, &audit_by_test()).await
    };
    inserted.map(|member| member.id)
}

pub async fn an_account_reads_back_with_its_roles(store: Arc<dyn Store>) {
    let id = add(
        store.as_ref(),
        "Ann@Example.com",
        &[Role::Reviewer, Role::SupportAgent],
        false,
    )
    .await
    .expect("inserts");
    let record = store
        .staff_by_email("ann@example.com")
        .await
        .expect("reads")
        .expect("found ignoring case");
    assert_eq!(record.member.id, id);
    assert_eq!(record.member.email.as_str(), "Ann@Example.com");
    assert_eq!(record.member.roles, [Role::SupportAgent, Role::Reviewer]);
    assert!(record.member.active);
    assert_eq!(record.failed_sign_ins, 0);
    assert_eq!(record.locked_until, None);
    let hash = store.password_hash(id).await.expect("reads");
    assert!(hash.is_some_and(|hash| hash.starts_with("$argon2id$")));
    assert_eq!(store.list_staff().await.expect("lists").len(), 1);
    assert!(
        store
            .staff_by_email("nobody@example.com")
            .await
            .expect("reads")
            .is_none()
    );
}

pub async fn staff_emails_are_unique_ignoring_case(store: Arc<dyn Store>) {
    add(store.as_ref(), "ann@example.com", &[Role::Reviewer], false)
        .await
        .expect("first");
    let second = add(store.as_ref(), "ANN@example.com", &[Role::Reviewer], false).await;
    assert!(
        matches!(second, Err(StoreError::Duplicate(UniqueField::StaffEmail))),
        "{second:?}"
    );
    assert_eq!(store.count_staff().await.expect("counts"), 1);
}

pub async fn only_one_first_administrator_can_be_created(store: Arc<dyn Store>) {
    add(
        store.as_ref(),
        "first@example.com",
        &[Role::Administrator],
        true,
    )
    .await
    .expect("first");
    let second = add(
        store.as_ref(),
        "second@example.com",
        &[Role::Administrator],
        true,
    )
    .await;
    assert!(matches!(second, Err(StoreError::NotFirst)), "{second:?}");
    assert_eq!(store.count_staff().await.expect("counts"), 1);
}

pub async fn failures_count_up_lock_at_the_limit_and_a_sign_in_clears_them(store: Arc<dyn Store>) {
    let id = add(store.as_ref(), "ann@example.com", &[Role::Reviewer], false)
        .await
        .expect("adds");
    let now = Utc::now().trunc_subsecs(6);
    let rule = LockRule {
        max_failures: 3,
        lock_until: now + Duration::minutes(5),
    };
    for expected in 1..=2 {
        let reserved = store
            .reserve_sign_in(id, now, rule.max_failures)
            .await
            .expect("reserves")
            .expect("not locked yet");
        assert_eq!(reserved.failures_before, expected - 1);
        let outcome = store
            .record_failed_sign_in(id, rule, &audit_by_test(), &audit_by_test())
            .await
            .expect("records");
        assert_eq!(outcome.failures, expected);
        assert_eq!(outcome.locked_until, None);
    }
    store
        .reserve_sign_in(id, now, rule.max_failures)
        .await
        .expect("reserves")
        .expect("the third attempt may still be checked");
    let third = store
        .record_failed_sign_in(id, rule, &audit_by_test(), &audit_by_test())
        .await
        .expect("records");
    assert_eq!(third.locked_until, Some(rule.lock_until));
    let record = store.staff_by_id(id).await.expect("reads").expect("exists");
    assert_eq!(
        record.locked_until,
        Some(rule.lock_until),
        "the lock is stored"
    );
    let while_locked = store
        .reserve_sign_in(id, now + Duration::minutes(4), rule.max_failures)
        .await
        .expect("asks");
    assert_eq!(while_locked, None, "no attempt is checked while locked");

    let after = rule.lock_until;
    let reserved = store
        .reserve_sign_in(id, after, rule.max_failures)
        .await
        .expect("reserves")
        .expect("the lock has ended");
    store
        .record_sign_in(id, after, reserved, None, &audit_by_test())
        .await
        .expect("records");
    let record = store.staff_by_id(id).await.expect("reads").expect("exists");
    assert_eq!((record.failed_sign_ins, record.locked_until), (0, None));
    assert_eq!(record.member.last_sign_in_at, Some(after));
}

pub async fn a_success_takes_back_its_own_reservation_but_not_later_ones(store: Arc<dyn Store>) {
    let id = add(store.as_ref(), "ann@example.com", &[Role::Reviewer], false)
        .await
        .expect("adds");
    let now = Utc::now().trunc_subsecs(6);
    let first = store
        .reserve_sign_in(id, now, 5)
        .await
        .expect("reserves")
        .expect("open");
    // A guess reserved after the successful attempt, still being checked.
    store
        .reserve_sign_in(id, now, 5)
        .await
        .expect("reserves")
        .expect("open");
    store
        .record_sign_in(id, now, first, None, &audit_by_test())
        .await
        .expect("records");
    let record = store.staff_by_id(id).await.expect("reads").expect("exists");
    assert_eq!(record.failed_sign_ins, 1, "the later guess stays counted");
}

pub async fn the_last_active_administrator_stays(store: Arc<dyn Store>) {
    let store = store.as_ref();
    let admin = add(store, "admin@example.com", &[Role::Administrator], false)
        .await
        .expect("adds");
    add(store, "reviewer@example.com", &[Role::Reviewer], false)
        .await
        .expect("adds");
    let deactivate = store.deactivate_staff(admin, &audit_by_test()).await;
    assert!(
        matches!(deactivate, Err(StoreError::LastAdministrator)),
        "{deactivate:?}"
    );
    let demote = store
        .set_staff_roles(admin, &[Role::Reviewer], &audit_by_test())
        .await;
    assert!(
        matches!(demote, Err(StoreError::LastAdministrator)),
        "{demote:?}"
    );
    let record = store
        .staff_by_id(admin)
        .await
        .expect("reads")
        .expect("exists");
    assert!(record.member.active, "nothing changed");
    assert_eq!(record.member.roles, [Role::Administrator]);

    add(store, "second@example.com", &[Role::Administrator], false)
        .await
        .expect("adds");
    let deactivated = store
        .deactivate_staff(admin, &audit_by_test())
        .await
        .expect("now allowed");
    assert!(!deactivated.active);
}

pub async fn roles_are_replaced_as_a_whole(store: Arc<dyn Store>) {
    add(
        store.as_ref(),
        "admin@example.com",
        &[Role::Administrator],
        false,
    )
    .await
    .expect("adds");
    let id = add(store.as_ref(), "ann@example.com", &[Role::Reviewer], false)
        .await
        .expect("adds");
    let member = store
        .set_staff_roles(id, &[Role::SalesRep, Role::SupportAgent], &audit_by_test())
        .await
        .expect("sets");
    assert_eq!(member.roles, [Role::SupportAgent, Role::SalesRep]);
    let missing = store
        .set_staff_roles(
            StaffId(uuid::Uuid::now_v7()),
            &[Role::Reviewer],
            &audit_by_test(),
        )
        .await;
    assert!(matches!(missing, Err(StoreError::NotFound)), "{missing:?}");
}

contract!(
    an_account_reads_back_with_its_roles,
    staff_emails_are_unique_ignoring_case,
    only_one_first_administrator_can_be_created,
    failures_count_up_lock_at_the_limit_and_a_sign_in_clears_them,
    a_success_takes_back_its_own_reservation_but_not_later_ones,
    the_last_active_administrator_stays,
    roles_are_replaced_as_a_whole,
);
