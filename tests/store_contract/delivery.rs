//! Delivery from the outbox over real SMTP, on both backends: the app's own mailer and
//! worker send to a real SMTP server on a loopback socket (`MailSink`). What arrives is
//! checked (recipient, subject, link, `Message-ID`); a server that is down delays
//! delivery and back-off retries it; a recipient refused for good ends as failed with
//! the server's words; two workers on one store never send a message twice.

use std::collections::HashSet;
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use chrono::Utc;
use desk_app::email::{DeliveryPolicy, DeliveryWorker, MailSource, Mailer, deliver_due};
use desk_domain::Sensitive;
use desk_domain::email_settings::EmailSettings;
use desk_store::{Effects, OutboxMessage, OutboxStatus, Store};
use desk_tests::fixtures::{audit_by_test, loopback_email_settings, verification_message};
use desk_tests::mail_sink::MailSink;

/// Quick retries, so a test waits milliseconds where the app waits minutes.
fn quick() -> DeliveryPolicy {
    DeliveryPolicy {
        poll_every: Duration::from_millis(50),
        first_retry: Duration::from_millis(300),
        longest_retry: Duration::from_secs(2),
        attempts: 5,
        send_timeout: Duration::from_secs(10),
        stale_claim: Duration::from_secs(30),
        parallel: 4,
        pass_limit: 10_000,
    }
}

async fn queue(store: &dyn Store, messages: &[OutboxMessage]) {
    // Queued in batches as changes would queue them: with an audit entry each time.
    for batch in messages.chunks(100) {
        let effects = batch
            .iter()
            .cloned()
            .fold(audit_by_test(), Effects::and_queue);
        store.record(&effects).await.expect("queued");
    }
}

async fn configure(store: &dyn Store, settings: &EmailSettings) {
    store
        .set_email_settings(Some(settings), &audit_by_test())
        .await
        .expect("email settings saved");
}

pub async fn queued_messages_arrive_with_their_recipient_subject_link_and_message_id(
    store: Arc<dyn Store>,
) {
    let sink = MailSink::start();
    let settings = loopback_email_settings(sink.port());
    configure(store.as_ref(), &settings).await;
    assert_eq!(
        store.email_settings().await.expect("read back"),
        Some(settings.clone())
    );
    let messages: Vec<_> = (1..=3)
        .map(|n| verification_message(&settings, n))
        .collect();
    queue(store.as_ref(), &messages).await;
    let mailer = Mailer::new(&settings, None, quick().send_timeout).expect("mailer");
    let tally = deliver_due(store.as_ref(), &mailer, &quick())
        .await
        .expect("delivered");
    assert_eq!(tally.sent, 3);
    let received = sink.received();
    assert_eq!(received.len(), 3);
    for message in &messages {
        // Sent a few at once: find each by its Message-ID.
        let mail = received
            .iter()
            .find(|mail| mail.message_id() == message.message_id)
            .expect("arrived");
        assert_eq!(mail.to, std::slice::from_ref(&message.recipient));
        assert_eq!(mail.message_id(), message.message_id);
        assert_eq!(
            mail.header("Subject").as_deref(),
            Some(message.subject.as_str())
        );
        assert_eq!(
            mail.header("From").as_deref(),
            Some("\"Example Shop\" <shop@example.com>")
        );
        let token = message
            .subject
            .trim_end_matches(')')
            .rsplit('(')
            .next()
            .unwrap();
        assert!(
            mail.data
                .contains(&format!("links/verification?token=t{token}")),
            "the link is in the message: {}",
            mail.data
        );
        let entry = store
            .outbox_entry(message.id)
            .await
            .expect("read")
            .expect("there");
        assert_eq!((entry.status, entry.attempts), (OutboxStatus::Sent, 1));
        assert!(entry.sent_at.is_some());
    }
}

pub async fn a_server_that_is_down_delays_delivery_and_back_off_retries_until_it_is_up(
    store: Arc<dyn Store>,
) {
    let port = MailSink::free_port();
    let settings = loopback_email_settings(port);
    configure(store.as_ref(), &settings).await;
    let messages: Vec<_> = (1..=2)
        .map(|n| verification_message(&settings, n))
        .collect();
    queue(store.as_ref(), &messages).await;
    // Long enough that a slow machine's pass never reaches the retry itself.
    let policy = DeliveryPolicy {
        first_retry: Duration::from_secs(2),
        longest_retry: Duration::from_secs(4),
        ..quick()
    };
    let mailer = Mailer::new(&settings, None, policy.send_timeout).expect("mailer");

    let down = deliver_due(store.as_ref(), &mailer, &policy)
        .await
        .expect("tried");
    assert_eq!((down.sent, down.retrying, down.failed), (0, 2, 0));
    let entry = store
        .outbox_entry(messages[0].id)
        .await
        .expect("read")
        .expect("there");
    assert_eq!((entry.status, entry.attempts), (OutboxStatus::Queued, 1));
    let error = entry.last_error.expect("the failure is recorded");
    assert!(
        error.contains("refused the connection") && error.contains(&port.to_string()),
        "{error}"
    );
    assert!(entry.next_attempt_at > Utc::now(), "the retry waits");
    // Before the back-off has passed, nothing is due.
    let early = deliver_due(store.as_ref(), &mailer, &policy)
        .await
        .expect("looked");
    assert_eq!(early.sent + early.retrying + early.failed, 0);

    let sink = MailSink::start_on(port);
    tokio::time::sleep(policy.retry_delay(1)).await;
    let up = deliver_due(store.as_ref(), &mailer, &policy)
        .await
        .expect("sent");
    assert_eq!(up.sent, 2);
    assert_eq!(sink.received().len(), 2);
    for message in &messages {
        let entry = store
            .outbox_entry(message.id)
            .await
            .expect("read")
            .expect("there");
        assert_eq!((entry.status, entry.attempts), (OutboxStatus::Sent, 2));
        assert_eq!(entry.last_error, None);
    }
}

pub async fn a_recipient_refused_for_good_ends_as_failed_with_the_servers_reason(
    store: Arc<dyn Store>,
) {
    let sink = MailSink::start();
    sink.refuse("customer2@example.com", 550, "5.1.1 No such user here");
    let settings = loopback_email_settings(sink.port());
    configure(store.as_ref(), &settings).await;
    let messages: Vec<_> = (1..=3)
        .map(|n| verification_message(&settings, n))
        .collect();
    queue(store.as_ref(), &messages).await;
    let policy = quick();
    let mailer = Mailer::new(&settings, None, policy.send_timeout).expect("mailer");
    let tally = deliver_due(store.as_ref(), &mailer, &policy)
        .await
        .expect("tried");
    assert_eq!((tally.sent, tally.retrying, tally.failed), (2, 0, 1));
    let refused = store
        .outbox_entry(messages[1].id)
        .await
        .expect("read")
        .expect("there");
    assert_eq!(
        (refused.status, refused.attempts),
        (OutboxStatus::Failed, 1)
    );
    let error = refused.last_error.expect("the reason is kept");
    assert!(
        error.contains("550") && error.contains("No such user here"),
        "{error}"
    );
    let delivered: HashSet<String> = sink.received().iter().flat_map(|m| m.to.clone()).collect();
    assert_eq!(
        delivered,
        HashSet::from([
            "customer1@example.com".into(),
            "customer3@example.com".into()
        ])
    );
}

#[derive(Debug)]
struct OneStore(Arc<dyn Store>);

#[async_trait]
impl MailSource for OneStore {
    async fn store(&self) -> Option<Arc<dyn Store>> {
        Some(self.0.clone())
    }

    async fn smtp_password(&self, _: &EmailSettings) -> Option<Sensitive<String>> {
        None
    }
}

/// Two desktops' workers, each with its own connections to one store, deliver 1,000
/// messages: every one arrives exactly once.
async fn two_workers_deliver_each_message_once(first: Arc<dyn Store>, second: Arc<dyn Store>) {
    let sink = MailSink::start();
    let settings = loopback_email_settings(sink.port());
    configure(first.as_ref(), &settings).await;
    let messages: Vec<_> = (1..=1000)
        .map(|n| verification_message(&settings, n))
        .collect();
    queue(first.as_ref(), &messages).await;
    let workers = [
        DeliveryWorker::spawn(Arc::new(OneStore(first.clone())), quick()),
        DeliveryWorker::spawn(Arc::new(OneStore(second)), quick()),
    ];
    let received = tokio::task::spawn_blocking(move || {
        sink.wait_for(1000, Duration::from_secs(240));
        // Anything sent twice would arrive now.
        std::thread::sleep(Duration::from_millis(500));
        sink.received()
    })
    .await
    .expect("waited");
    drop(workers);
    let ids: Vec<String> = received.iter().map(|mail| mail.message_id()).collect();
    let unique: HashSet<&String> = ids.iter().collect();
    assert_eq!(ids.len(), 1000, "every message arrived once");
    assert_eq!(unique.len(), 1000, "no message arrived twice");
    for message in messages.iter().step_by(97) {
        let (status, attempts) = first
            .outbox_status(message.id)
            .await
            .expect("read")
            .expect("there");
        assert_eq!((status, attempts), (OutboxStatus::Sent, 1));
    }
}

/// Paths end in `sqlite::…` and `postgres::…`, as the suites select them.
mod two_desktops {
    pub mod sqlite {
        use std::sync::Arc;

        use desk_store::Store;
        use desk_store::sqlite::SqliteStore;

        #[tokio::test]
        async fn a_thousand_messages_arrive_once() {
            let store = desk_tests::stores::sqlite().await;
            let second: Arc<dyn Store> = Arc::new(
                SqliteStore::open_url(&store.url)
                    .await
                    .expect("second pool"),
            );
            super::super::two_workers_deliver_each_message_once(store.store.clone(), second).await;
        }
    }

    pub mod postgres {
        use std::sync::Arc;

        use desk_store::Store;
        use desk_store::postgres::PostgresStore;

        #[tokio::test]
        async fn a_thousand_messages_arrive_once() {
            let store = desk_tests::stores::postgres().await;
            let second: Arc<dyn Store> = Arc::new(
                PostgresStore::open_url(&store.url)
                    .await
                    .expect("second pool"),
            );
            super::super::two_workers_deliver_each_message_once(store.store.clone(), second).await;
        }
    }
}

contract!(
    queued_messages_arrive_with_their_recipient_subject_link_and_message_id,
    a_server_that_is_down_delays_delivery_and_back_off_retries_until_it_is_up,
    a_recipient_refused_for_good_ends_as_failed_with_the_servers_reason,
);
