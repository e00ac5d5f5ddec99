//! Delivery throughput: the app's own path (claim from the outbox, send over SMTP,
//! record the result) against sending the same messages straight over SMTP with the
//! same mailer, as many at once, and no outbox, to a real SMTP server on loopback, in the same run. Three
//! runs; the median is the figure. Run it with `cargo xtask bench delivery`.
//!
//! With `DESK_TEST_POSTGRES_URL` set (as `cargo xtask test` sets it), Postgres is
//! measured too.
//!
//! Options: `--messages N` (default 500).

use std::sync::Arc;
use std::time::{Duration, Instant};

use desk_app::email::{DeliveryPolicy, Mailer, deliver_due};
use desk_domain::email_settings::EmailSettings;
use desk_store::{Effects, OutboxMessage, Store};
use desk_tests::fixtures::{audit_by_test, loopback_email_settings, verification_message};
use desk_tests::mail_sink::MailSink;
use desk_tests::stores;

const RUNS: usize = 3;

fn messages_option() -> usize {
    let args: Vec<String> = std::env::args().skip(1).collect();
    args.windows(2)
        .find(|pair| pair[0] == "--messages")
        .and_then(|pair| pair[1].parse().ok())
        .unwrap_or(500)
}

fn batch(settings: &EmailSettings, count: usize) -> Vec<OutboxMessage> {
    (0..count)
        .map(|n| verification_message(settings, n))
        .collect()
}

/// Messages per second of the outbox path and of plain sends, one run.
async fn one_run(store: Arc<dyn Store>, count: usize) -> (f64, f64) {
    let sink = MailSink::start();
    let settings = loopback_email_settings(sink.port());
    store
        .set_email_settings(Some(&settings), &audit_by_test())
        .await
        .expect("settings");
    let policy = DeliveryPolicy::default();
    let mailer = Mailer::new(&settings, None, policy.send_timeout).expect("mailer");

    let messages = batch(&settings, count);
    for chunk in messages.chunks(100) {
        let effects = chunk
            .iter()
            .cloned()
            .fold(audit_by_test(), Effects::and_queue);
        store.record(&effects).await.expect("queued");
    }
    // Pass after pass, as the worker does (it reads its settings again between).
    let started = Instant::now();
    let mut sent = 0;
    loop {
        let tally = deliver_due(store.as_ref(), &mailer, &policy)
            .await
            .expect("delivered");
        if tally.sent == 0 {
            break;
        }
        sent += tally.sent as usize;
    }
    let outbox = started.elapsed();
    assert_eq!(sent, count, "every message went out");

    // The same messages over SMTP alone, as many at once as delivery sends.
    let plain = batch(&settings, count);
    let per_lane = count.div_ceil(policy.parallel.max(1));
    let started = Instant::now();
    let lanes = plain.chunks(per_lane.max(1)).map(|lane| {
        let mailer = &mailer;
        async move {
            for message in lane {
                mailer.send(message).await.expect("sent");
            }
        }
    });
    futures_util::future::join_all(lanes).await;
    let raw = started.elapsed();
    assert_eq!(sink.received().len(), 2 * count);
    (rate(count, outbox), rate(count, raw))
}

fn rate(count: usize, took: Duration) -> f64 {
    count as f64 / took.as_secs_f64()
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

async fn measure(backend: &str, count: usize, open: impl AsyncFn() -> stores::TestStore) {
    let mut outbox = Vec::new();
    let mut raw = Vec::new();
    for run in 1..=RUNS {
        let store = open().await;
        let (app, plain) = one_run(store.store.clone(), count).await;
        println!(
            "| {backend} | run {run} | {app:.0} | {plain:.0} | {:.2} |",
            app / plain
        );
        outbox.push(app);
        raw.push(plain);
    }
    let (app, plain) = (median(outbox), median(raw));
    println!(
        "| {backend} | **median of {RUNS}** | **{app:.0}** | **{plain:.0}** | **{:.2}** |",
        app / plain
    );
}

#[tokio::main]
async fn main() {
    let count = messages_option();
    println!("Delivery of {count} messages to an SMTP server on loopback (messages per second)\n");
    println!(
        "| store | run | outbox (claim, send, record) | SMTP alone (same mailer, {} at once) | ratio |",
        DeliveryPolicy::default().parallel
    );
    println!("| --- | --- | --- | --- | --- |");
    measure("SQLite", count, stores::sqlite).await;
    if std::env::var_os(stores::POSTGRES_URL_VAR).is_some() {
        measure("Postgres", count, stores::postgres).await;
    } else {
        println!(
            "\n(Postgres skipped: {} is not set.)",
            stores::POSTGRES_URL_VAR
        );
    }
}
