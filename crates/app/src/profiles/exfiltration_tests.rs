//! The exfiltration path of issue 8: at the sign-in screen, edit a saved profile to
//! point at another server and press "Test" (or edit the profiles file and switch).
//! A listener on loopback plays that server: it asks for the password in clear text,
//! as a hostile server would, and records every byte it receives. The real opener and
//! driver connect to it; only the keyring is the in-memory stand-in.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::Utc;
use desk_domain::Sensitive;
use desk_domain::commands::{SaveProfile, SwitchProfile, TestProfile};
use desk_domain::profile::{ProfileInput, SwitchProfileInput, TlsMode};
use desk_store::ProfileOpener;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

use super::*;
use crate::DeskSettings;

const SAVED_PASSWORD: &str = "correct horse battery staple";

/// A server that asks every client for its password in clear text and keeps what
/// arrives.
struct HostileServer {
    port: u16,
    received: Arc<Mutex<Vec<u8>>>,
}

impl HostileServer {
    async fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("listens");
        let port = listener.local_addr().expect("address").port();
        let received = Arc::new(Mutex::new(Vec::new()));
        let sink = received.clone();
        tokio::spawn(async move {
            while let Ok((mut socket, _)) = listener.accept().await {
                let sink = sink.clone();
                tokio::spawn(async move {
                    let mut buffer = [0u8; 4096];
                    // The startup message.
                    let Ok(read) = socket.read(&mut buffer).await else {
                        return;
                    };
                    sink.lock()
                        .expect("lock")
                        .extend_from_slice(&buffer[..read]);
                    // AuthenticationCleartextPassword: 'R', length 8, code 3.
                    let ask = [b'R', 0, 0, 0, 8, 0, 0, 0, 3];
                    if socket.write_all(&ask).await.is_err() {
                        return;
                    }
                    if let Ok(Ok(read)) =
                        tokio::time::timeout(Duration::from_secs(2), socket.read(&mut buffer)).await
                    {
                        sink.lock()
                            .expect("lock")
                            .extend_from_slice(&buffer[..read]);
                    }
                    let _ = socket.shutdown().await;
                });
            }
        });
        Self { port, received }
    }

    fn heard(&self, secret: &str) -> bool {
        let received = self.received.lock().expect("lock");
        received
            .windows(secret.len())
            .any(|window| window == secret.as_bytes())
    }

    fn connections_seen(&self) -> bool {
        !self.received.lock().expect("lock").is_empty()
    }
}

fn profile_input(port: u16, password: &str) -> ProfileInput {
    ProfileInput {
        name: "Head office".into(),
        host: "127.0.0.1".into(),
        port: port.to_string(),
        database: "desk".into(),
        user: "ann".into(),
        tls_mode: TlsMode::Disable,
        password: Sensitive::new(password.into()),
        ..ProfileInput::default()
    }
}

async fn workspace(dir: &tempfile::TempDir) -> Workspace {
    let (workspace, _) = Workspace::open(
        dir.path().join(PROFILES_FILE),
        Arc::new(MemorySecrets::default()),
        Arc::new(ProfileOpener::new(dir.path().to_owned())),
        DeskSettings::default(),
    )
    .await
    .expect("opens on the local store");
    workspace
}

#[tokio::test]
async fn a_saved_password_reaches_its_own_server_and_no_other() {
    let dir = tempfile::tempdir().expect("folder");
    let workspace = workspace(&dir).await;
    let own = HostileServer::start().await;
    let other = HostileServer::start().await;

    workspace
        .execute(
            SaveProfile {
                input: profile_input(own.port, SAVED_PASSWORD),
            },
            Utc::now(),
        )
        .await
        .expect("saves the profile with its password");

    // The control: testing the profile as saved sends its password to its server, so
    // the listener does hear passwords when they are sent.
    let _ = workspace
        .execute(
            TestProfile {
                input: ProfileInput {
                    original_name: Some("Head office".into()),
                    ..profile_input(own.port, "")
                },
            },
            Utc::now(),
        )
        .await;
    assert!(
        own.heard(SAVED_PASSWORD),
        "the control server heard nothing"
    );

    // The attack: the same saved profile, its port edited to the other server.
    let refused = workspace
        .execute(
            TestProfile {
                input: ProfileInput {
                    original_name: Some("Head office".into()),
                    ..profile_input(other.port, "")
                },
            },
            Utc::now(),
        )
        .await;
    assert!(refused.is_err(), "the other server accepts no password");
    assert!(other.connections_seen(), "the test did connect to it");
    assert!(!other.heard(SAVED_PASSWORD), "the saved password leaked");

    // Both tests are in the open store's audit log, saying which password went where.
    let tests: Vec<_> = workspace
        .desk()
        .store()
        .expect("the local store is open")
        .list_audit(&desk_domain::audit::AuditFilter::default(), 100)
        .await
        .expect("lists the audit log")
        .into_iter()
        .filter(|entry| entry.action == desk_domain::audit::AuditAction::ProfileTested)
        .collect();
    let used = |port: u16| {
        tests
            .iter()
            .find(|entry| {
                entry.changes.iter().any(|change| {
                    change.field == "target"
                        && change
                            .new
                            .as_deref()
                            .is_some_and(|target| target.contains(&format!(":{port}/")))
                })
            })
            .and_then(|entry| {
                entry
                    .changes
                    .iter()
                    .find(|change| change.field == "password")
            })
            .and_then(|change| change.new.clone())
    };
    assert_eq!(used(own.port).as_deref(), Some("saved"), "{tests:?}");
    assert_eq!(used(other.port).as_deref(), Some("none"), "{tests:?}");

    // The same through the profiles file, edited by hand, then "Switch".
    let path = dir.path().join(PROFILES_FILE);
    let edited = std::fs::read_to_string(&path).expect("reads").replace(
        &format!("port = {}", own.port),
        &format!("port = {}", other.port),
    );
    std::fs::write(&path, edited).expect("edits the file");
    let switched = workspace
        .execute(
            SwitchProfile {
                input: SwitchProfileInput {
                    name: "Head office".into(),
                    password: Sensitive::default(),
                },
            },
            Utc::now(),
        )
        .await;
    let refused = switched.expect_err("no password for the edited target");
    let problem = &refused.field_errors()[0];
    assert!(
        problem.message.contains("No password is saved"),
        "{}",
        problem.message
    );
    assert!(!other.heard(SAVED_PASSWORD), "the saved password leaked");
}
