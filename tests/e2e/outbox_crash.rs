//! Crash safety of delivery: the real app delivers 200 queued messages to a real SMTP
//! server on loopback and is killed (SIGKILL) in the middle, right after the server
//! received a message but before the app heard it was accepted. After a restart every
//! message arrives; the one held at the kill arrives twice with the same `Message-ID`,
//! and so may others the app was sending at that moment (it sends a few at once), each
//! of which the outbox shows as retried (two attempts). No other message arrives twice.

use std::collections::HashMap;
#[cfg(unix)]
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use desk_app::email::DeliveryPolicy;
use desk_store::sqlite::SqliteStore;
use desk_store::{AuditStore, Effects, OutboxMessage, OutboxStatus, OutboxStore, SettingsStore};
use desk_tests::app_driver::{APP_VAR, AppHarness};
use desk_tests::fixtures::{audit_by_test, loopback_email_settings, verification_message};
use desk_tests::mail_sink::MailSink;

const MESSAGES: usize = 200;
/// The message the server holds its answer to while the app is killed.
const IN_FLIGHT: usize = 80;

/// Starts the app binary itself (no WebDriver: only its background delivery matters
/// here) in its own process group, logging to the data folder.
fn start_app(harness: &AppHarness) -> Child {
    let app = std::env::var_os(APP_VAR).expect("DESK_E2E_APP names the app binary");
    let log = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(harness.data_dir().join("app.log"))
        .expect("log file");
    let mut command = Command::new(app);
    #[cfg(unix)]
    command.process_group(0);
    command
        .env("DESK_DATA_DIR", harness.data_dir())
        .env_remove("DESK_DATABASE_URL")
        .stdout(Stdio::null())
        .stderr(log)
        .spawn()
        .expect("the app starts")
}

/// SIGKILL to the app and everything it started (WebKit's processes).
fn kill_app(app: &mut Child) {
    #[cfg(unix)]
    let _ = Command::new("kill")
        .args(["-KILL", "--", &format!("-{}", app.id())])
        .status();
    let _ = app.kill();
    let _ = app.wait();
}

async fn prepare_store(harness: &AppHarness, port: u16) -> Vec<OutboxMessage> {
    let store = SqliteStore::open_file(&harness.database_path())
        .await
        .expect("the app's store");
    let settings = loopback_email_settings(port);
    store
        .set_email_settings(Some(&settings), &audit_by_test())
        .await
        .expect("email settings");
    let messages: Vec<OutboxMessage> = (1..=MESSAGES)
        .map(|n| verification_message(&settings, n))
        .collect();
    let effects = messages
        .iter()
        .cloned()
        .fold(audit_by_test(), Effects::and_queue);
    store.record(&effects).await.expect("queued");
    store.close().await;
    messages
}

#[tokio::test]
async fn a_killed_app_delivers_every_message_after_a_restart_and_resends_only_the_one_in_flight() {
    let harness = AppHarness::new();
    let sink = MailSink::start();
    let messages = prepare_store(&harness, sink.port()).await;
    sink.hold_at(IN_FLIGHT);

    let mut app = start_app(&harness);
    let before_kill = {
        let sink = sink.clone();
        tokio::task::spawn_blocking(move || sink.wait_for(IN_FLIGHT, Duration::from_secs(90)))
            .await
            .expect("waited")
    };
    assert!(
        before_kill.len() >= IN_FLIGHT,
        "the app delivered up to the held message ({} arrived)",
        before_kill.len()
    );
    kill_app(&mut app);
    sink.release();
    let in_flight_id = before_kill[IN_FLIGHT - 1].message_id();

    let mut app = start_app(&harness);
    let store = SqliteStore::open_file(&harness.database_path())
        .await
        .expect("the store");
    // The claim the killed app left is taken over once it is stale (a minute).
    let deadline = Instant::now() + Duration::from_secs(180);
    let mut unsent = messages.len();
    while Instant::now() < deadline {
        unsent = 0;
        for message in &messages {
            let (status, _) = store
                .outbox_status(message.id)
                .await
                .expect("read")
                .expect("there");
            if status != OutboxStatus::Sent {
                unsent += 1;
            }
        }
        if unsent == 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    kill_app(&mut app);
    assert_eq!(unsent, 0, "every message was sent after the restart");

    let mut arrivals: HashMap<String, usize> = HashMap::new();
    for mail in sink.received() {
        *arrivals.entry(mail.message_id()).or_default() += 1;
    }
    let mut duplicates = Vec::new();
    for message in &messages {
        let times = arrivals.get(&message.message_id).copied().unwrap_or(0);
        let entry = store
            .outbox_entry(message.id)
            .await
            .expect("read")
            .expect("there");
        match times {
            1 => {}
            // In flight at the kill: sent again after the restart, same Message-ID.
            2 => {
                assert_eq!(
                    entry.attempts, 2,
                    "{} shows it was retried",
                    message.recipient
                );
                duplicates.push(message.message_id.clone());
            }
            other => panic!("{} arrived {other} times", message.recipient),
        }
    }
    assert_eq!(arrivals.len(), MESSAGES, "nothing else arrived");
    assert!(
        duplicates.contains(&in_flight_id),
        "the message held at the kill went again"
    );
    assert!(
        duplicates.len() <= DeliveryPolicy::default().parallel,
        "only messages in flight at the kill went twice: {duplicates:?}"
    );
    println!(
        "crash test: {} messages, killed with message {IN_FLIGHT} held by the server; after \
         the restart {} arrivals, {} sent twice (in flight at the kill, same Message-ID, 2 \
         attempts each)",
        messages.len(),
        sink.received().len(),
        duplicates.len()
    );
}
