//! The outbox on both backends: a message is queued with the change that causes it
//! (and not at all when the change rolls back), claimed by one worker at a time, sent
//! again with the same Message-ID when a worker died holding it, retried when its
//! next attempt is due, and failed for good when refused.

use std::collections::HashSet;
use std::sync::Arc;

use chrono::{DateTime, Duration, SubsecRound, Utc};
use desk_domain::customer::CustomerId;
use desk_store::{Effects, OutboxMessage, OutboxQuery, OutboxStatus, Store, StoreError};
use desk_tests::fixtures::{audit_by_test, new_customer};

use crate::concurrency::race;

fn message(n: usize, at: DateTime<Utc>) -> OutboxMessage {
    let id = uuid::Uuid::now_v7();
    OutboxMessage {
        id,
        message_id: format!("<{id}@customer-desk.test>"),
        recipient: format!("customer{n}@example.com"),
        template: "verification".into(),
        locale: "en".into(),
        subject: format!("Confirm your email address ({n})"),
        body_text: "Open the link to confirm.".into(),
        body_html: "<p>Open the link to confirm.</p>".into(),
        related: Some(("customer".into(), format!("c{n}"))),
        created_at: at,
        redacted: None,
    }
}

fn t0() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(6)
}

/// A new customer record with generated references (leaked: a test's few strings).
fn record(
    details: &desk_domain::customer::CustomerDetails,
    now: chrono::DateTime<chrono::Utc>,
) -> desk_store::NewCustomerRecord<'_> {
    desk_store::NewCustomerRecord {
        id: CustomerId(uuid::Uuid::now_v7()),
        customer_ref: Box::leak(desk_app::customers::generate_customer_ref().into_boxed_str()),
        customer_number: Box::leak(
            desk_app::customers::generate_customer_number().into_boxed_str(),
        ),
        details,
        password_hash: None,
        at: now,
    }
}

pub async fn a_message_is_queued_with_its_change_and_not_when_the_change_rolls_back(
    store: Arc<dyn Store>,
) {
    let now = t0();
    let customer = new_customer("ann@example.com", "Ann", "Lee");
    let queued = message(1, now);
    store
        .insert_customer(
            &record(&customer, now),
            &audit_by_test().and_queue(queued.clone()),
        )
        .await
        .expect("the customer and its message");
    // The same email again: the insert fails, and its message was never queued.
    let lost = message(2, now);
    store
        .insert_customer(
            &record(&customer, now),
            &audit_by_test().and_queue(lost.clone()),
        )
        .await
        .expect_err("a duplicate email");
    assert_eq!(store.outbox_status(lost.id).await.expect("asks"), None);
    let claimed = store
        .claim_next_message(now, now - Duration::minutes(5))
        .await
        .expect("claims")
        .expect("the queued message");
    assert_eq!(claimed.message, queued);
    assert_eq!(claimed.attempt, 1);
    assert_eq!(
        store
            .claim_next_message(now, now - Duration::minutes(5))
            .await
            .expect("claims"),
        None,
        "nothing else was queued"
    );
}

pub async fn sixteen_workers_at_once_deliver_each_message_once(store: Arc<dyn Store>) {
    let now = t0();
    let mut effects = Effects::default();
    for n in 0..100 {
        effects = effects.and_queue(message(n, now));
    }
    store.record(&effects).await.expect("queues 100");
    let claimed = race(|_| {
        let store = store.clone();
        async move {
            let mut mine = Vec::new();
            while let Some(claimed) = store
                .claim_next_message(now, now - Duration::minutes(5))
                .await
                .expect("claims")
            {
                assert!(
                    store
                        .record_sent(claimed.message.id, claimed.attempt, now)
                        .await
                        .expect("settles"),
                    "its own claim"
                );
                mine.push(claimed.message.message_id);
            }
            mine
        }
    })
    .await;
    let all: Vec<String> = claimed.into_iter().flatten().collect();
    let distinct: HashSet<&String> = all.iter().collect();
    assert_eq!(all.len(), 100, "every message once");
    assert_eq!(distinct.len(), 100, "no message twice");
}

pub async fn a_message_held_by_a_dead_worker_goes_again_with_the_same_message_id(
    store: Arc<dyn Store>,
) {
    let now = t0();
    let queued = message(1, now);
    store
        .record(&Effects::default().and_queue(queued.clone()))
        .await
        .expect("queues");
    let first = store
        .claim_next_message(now, now - Duration::minutes(5))
        .await
        .expect("claims")
        .expect("due");
    // The worker dies here: nothing is recorded. Soon after, the claim still holds.
    let soon = now + Duration::seconds(30);
    assert_eq!(
        store
            .claim_next_message(soon, soon - Duration::minutes(5))
            .await
            .expect("claims"),
        None
    );
    // Once the claim is stale, another worker takes it: same Message-ID, attempt 2.
    let later = now + Duration::minutes(10);
    let again = store
        .claim_next_message(later, later - Duration::minutes(5))
        .await
        .expect("claims")
        .expect("stale claim");
    assert_eq!(again.message.message_id, first.message.message_id);
    assert_eq!(again.attempt, 2);
    // The second worker sends it; then the first wakes up (it was asleep, not dead)
    // with a late failure: it changes nothing, the message stays sent.
    assert!(
        store
            .record_sent(again.message.id, again.attempt, later)
            .await
            .expect("settles")
    );
    let late = store
        .record_failed_attempt(
            first.message.id,
            first.attempt,
            "421 timed out",
            Some(later + Duration::minutes(1)),
        )
        .await
        .expect("asks");
    assert!(!late, "a result for a claim taken over is not recorded");
    assert_eq!(
        store.outbox_status(queued.id).await.expect("asks"),
        Some((OutboxStatus::Sent, 2))
    );
}

pub async fn a_failed_attempt_waits_for_its_retry_and_a_refusal_is_final(store: Arc<dyn Store>) {
    let now = t0();
    let retried = message(1, now);
    let refused = message(2, now);
    store
        .record(
            &Effects::default()
                .and_queue(retried.clone())
                .and_queue(refused.clone()),
        )
        .await
        .expect("queues");
    let stale = now - Duration::minutes(5);
    for _ in 0..2 {
        let claimed = store
            .claim_next_message(now, stale)
            .await
            .expect("claims")
            .expect("due");
        let (error, retry) = if claimed.message.id == retried.id {
            ("421 try again later", Some(now + Duration::minutes(1)))
        } else {
            ("550 no such mailbox", None)
        };
        store
            .record_failed_attempt(claimed.message.id, claimed.attempt, error, retry)
            .await
            .expect("records");
    }
    assert_eq!(
        store.outbox_status(refused.id).await.expect("asks"),
        Some((OutboxStatus::Failed, 1))
    );
    assert_eq!(
        store
            .claim_next_message(now + Duration::seconds(30), stale)
            .await
            .expect("claims"),
        None,
        "not before its retry"
    );
    let retry = store
        .claim_next_message(now + Duration::minutes(2), stale)
        .await
        .expect("claims")
        .expect("due again");
    assert_eq!((retry.message.id, retry.attempt), (retried.id, 2));
    store
        .record_sent(retry.message.id, retry.attempt, now + Duration::minutes(2))
        .await
        .expect("settles");
    assert_eq!(
        store.outbox_status(retried.id).await.expect("asks"),
        Some((OutboxStatus::Sent, 2))
    );
}

pub async fn the_outbox_pages_newest_first_by_status_and_recipient_and_resends_and_cancels(
    store: Arc<dyn Store>,
) {
    let now = t0();
    let mut queued = Vec::new();
    for n in 0..7 {
        let mut m = message(n, now);
        if n == 3 {
            m.recipient = "Bo_100%@Example.com".into();
        }
        queued.push(m.clone());
        store
            .record(&audit_by_test().and_queue(m))
            .await
            .expect("queued");
    }
    let page = |query: OutboxQuery| {
        let store = store.clone();
        async move {
            store
                .list_outbox(&query)
                .await
                .expect("listed")
                .into_iter()
                .map(|entry| entry.message.id)
                .collect::<Vec<_>>()
        }
    };
    let newest_first: Vec<_> = queued.iter().rev().map(|m| m.id).collect();
    let first = page(OutboxQuery {
        limit: 4,
        ..OutboxQuery::default()
    })
    .await;
    assert_eq!(first, newest_first[..4]);
    let second = page(OutboxQuery {
        limit: 4,
        before: first.last().copied(),
        ..OutboxQuery::default()
    })
    .await;
    assert_eq!(second, newest_first[4..]);
    // The search is case-insensitive and takes % and _ literally.
    let found = page(OutboxQuery {
        recipient: Some("bo_100%@".into()),
        limit: 10,
        ..OutboxQuery::default()
    })
    .await;
    assert_eq!(found, [queued[3].id]);
    let none = page(OutboxQuery {
        recipient: Some("customer_".into()),
        limit: 10,
        ..OutboxQuery::default()
    })
    .await;
    assert!(none.is_empty(), "_ is not a wildcard");

    // Cancel a queued one; a failed one goes again; the wrong status is refused.
    store
        .cancel_message(queued[0].id, &audit_by_test())
        .await
        .expect("cancelled");
    let claimed = store
        .claim_message(queued[1].id, now)
        .await
        .expect("claims")
        .expect("queued");
    store
        .record_failed_attempt(queued[1].id, claimed.attempt, "550 no such user", None)
        .await
        .expect("failed");
    let wrong = store
        .resend_message(queued[0].id, now, &audit_by_test())
        .await;
    assert!(matches!(wrong, Err(StoreError::NotFound)), "{wrong:?}");
    let again = store.cancel_message(queued[0].id, &audit_by_test()).await;
    assert!(matches!(again, Err(StoreError::NotFound)), "{again:?}");
    store
        .resend_message(queued[1].id, now, &audit_by_test())
        .await
        .expect("queued again");
    let cancelled = page(OutboxQuery {
        status: Some(OutboxStatus::Cancelled),
        limit: 10,
        ..OutboxQuery::default()
    })
    .await;
    assert_eq!(cancelled, [queued[0].id]);
    let resent = store
        .outbox_entry(queued[1].id)
        .await
        .expect("read")
        .expect("there");
    assert_eq!(resent.status, OutboxStatus::Queued);
    assert_eq!(
        resent.attempts, 0,
        "a message sent again gets its attempts anew"
    );
    assert_eq!(resent.last_error.as_deref(), Some("550 no such user"));
}

contract!(
    the_outbox_pages_newest_first_by_status_and_recipient_and_resends_and_cancels,
    a_message_is_queued_with_its_change_and_not_when_the_change_rolls_back,
    sixteen_workers_at_once_deliver_each_message_once,
    a_message_held_by_a_dead_worker_goes_again_with_the_same_message_id,
    a_failed_attempt_waits_for_its_retry_and_a_refusal_is_final,
);
