//! The TLS suite: a real Postgres server with TLS on, its certificates made here by a
//! test CA, and the app's own connection path (`ProfileOpener::check`) connecting to
//! it as a profile would. `verify-full` must succeed against the right CA and host,
//! and each way a certificate can be wrong must be refused with a message naming it.
//!
//! The server's certificate is one setting of the whole cluster, so the cases run one
//! after another in a single test. Unix only: the key file must belong to the
//! server's account, which the suite arranges with `chown`.
#![cfg(unix)]

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::time::Duration;

use desk_domain::Sensitive;
use desk_domain::profile::{ProfileTarget, TlsMode};
use desk_store::{ConnectError, ProfileOpener, StoreOpener, TlsProblem};
use desk_tests::stores::{POSTGRES_URL_VAR, url_password, url_port};
use rcgen::{
    BasicConstraints, CertificateParams, CertifiedIssuer, IsCa, KeyPair, KeyUsagePurpose,
    date_time_ymd,
};
use sqlx::{Connection, PgConnection};

/// A certificate authority made for this run.
struct TestCa {
    issuer: CertifiedIssuer<'static, KeyPair>,
}

impl TestCa {
    fn new(name: &str) -> Self {
        let mut params = CertificateParams::new(Vec::<String>::new()).expect("CA parameters");
        params
            .distinguished_name
            .push(rcgen::DnType::CommonName, name);
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
        let key = KeyPair::generate().expect("CA key");
        Self {
            issuer: CertifiedIssuer::self_signed(params, key).expect("CA certificate"),
        }
    }

    /// A server certificate for `localhost` only; `expired` dates it in the past.
    fn server_certificate(&self, expired: bool) -> (String, String) {
        let mut params =
            CertificateParams::new(vec!["localhost".to_owned()]).expect("server parameters");
        if expired {
            params.not_before = date_time_ymd(2020, 1, 1);
            params.not_after = date_time_ymd(2021, 1, 1);
        }
        let key = KeyPair::generate().expect("server key");
        let certificate = params
            .signed_by(&key, &self.issuer)
            .expect("server certificate");
        (certificate.pem(), key.serialize_pem())
    }
}

/// The test cluster, reached as its superuser to change its TLS settings.
struct Server {
    admin: PgConnection,
    port: u16,
    data_directory: PathBuf,
}

impl Server {
    async fn connect() -> Self {
        let url = std::env::var(POSTGRES_URL_VAR).unwrap_or_else(|_| {
            panic!("{POSTGRES_URL_VAR} is not set: run the suites with `cargo xtask test`")
        });
        let port = url_port(&url);
        let mut admin = PgConnection::connect(&url)
            .await
            .expect("connects as the superuser");
        let data_directory: String = sqlx::query_scalar("SHOW data_directory")
            .fetch_one(&mut admin)
            .await
            .expect("data directory");
        Self {
            admin,
            port,
            data_directory: data_directory.into(),
        }
    }

    /// Installs a certificate and key, reloads the configuration and waits until new
    /// connections get them. The files go into the data folder (which the server can
    /// read) and belong to the server's account, as Postgres insists for the key.
    async fn use_certificate(&mut self, name: &str, certificate: &str, key: &str) {
        let owner = std::fs::metadata(&self.data_directory).expect("data directory exists");
        let certificate_file = format!("desk-tls-test-{name}.crt");
        let key_file = format!("desk-tls-test-{name}.key");
        for (file, contents, mode) in [
            (&certificate_file, certificate, 0o644),
            (&key_file, key, 0o600),
        ] {
            let path = self.data_directory.join(file);
            std::fs::write(&path, contents).expect("writes into the data directory");
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode))
                .expect("sets the file mode");
            std::os::unix::fs::chown(&path, Some(owner.uid()), Some(owner.gid()))
                .expect("gives the file to the server's account");
        }
        for statement in [
            format!("ALTER SYSTEM SET ssl_cert_file = '{certificate_file}'"),
            format!("ALTER SYSTEM SET ssl_key_file = '{key_file}'"),
            "ALTER SYSTEM SET ssl = on".to_owned(),
            "SELECT pg_reload_conf()".to_owned(),
        ] {
            sqlx::query(&statement)
                .execute(&mut self.admin)
                .await
                .expect("changes the TLS settings");
        }
        self.wait_for_setting("ssl_cert_file", &certificate_file)
            .await;
    }

    /// The postmaster applies a reload asynchronously; a new session sees the settings
    /// it hands to new connections.
    async fn wait_for_setting(&self, name: &str, expected: &str) {
        let url = std::env::var(POSTGRES_URL_VAR).expect("set");
        for _ in 0..100 {
            let mut session = PgConnection::connect(&url).await.expect("connects");
            let value: String = sqlx::query_scalar(&format!("SHOW {name}"))
                .fetch_one(&mut session)
                .await
                .expect("reads the setting");
            let ssl: String = sqlx::query_scalar("SHOW ssl")
                .fetch_one(&mut session)
                .await
                .expect("reads ssl");
            if value == expected && ssl == "on" {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("the server did not take {name} = {expected} within 5 s");
    }

    async fn turn_tls_off(&mut self) {
        for statement in [
            "ALTER SYSTEM RESET ssl_cert_file",
            "ALTER SYSTEM RESET ssl_key_file",
            "ALTER SYSTEM RESET ssl",
            "SELECT pg_reload_conf()",
        ] {
            sqlx::query(statement)
                .execute(&mut self.admin)
                .await
                .expect("resets the TLS settings");
        }
    }

    /// A profile for this server as the connection form would save it.
    fn profile(&self, host: &str, ca_file: Option<&Path>) -> ProfileTarget {
        ProfileTarget::Postgres {
            host: host.to_owned(),
            port: self.port,
            database: "postgres".to_owned(),
            user: "postgres".to_owned(),
            tls_mode: TlsMode::VerifyFull,
            ca_file: ca_file.map(|path| path.display().to_string()),
        }
    }
}

fn write_ca(folder: &Path, name: &str, ca: &TestCa) -> PathBuf {
    let path = folder.join(format!("{name}.pem"));
    std::fs::write(&path, ca.issuer.pem()).expect("writes the CA file");
    path
}

async fn check(target: &ProfileTarget) -> Result<String, ConnectError> {
    let opener = ProfileOpener::new(std::env::temp_dir());
    let password = std::env::var(POSTGRES_URL_VAR)
        .ok()
        .and_then(|url| url_password(&url))
        .map(Sensitive::new);
    opener.check(target, password.as_ref()).await
}

fn refused_because(result: Result<String, ConnectError>, problem: TlsProblem, words: &str) {
    match result {
        Err(ConnectError::Tls(found)) => {
            assert_eq!(found, problem);
            let message = ConnectError::Tls(found).to_string();
            assert!(message.contains(words), "{message:?} should say {words:?}");
        }
        other => panic!("expected the TLS problem {problem:?}, got {other:?}"),
    }
}

#[tokio::test]
async fn verify_full_connects_to_the_right_server_and_names_each_wrong_certificate() {
    let folder = tempfile::tempdir().expect("temporary folder");
    let trusted = TestCa::new("Customer Desk test CA");
    let stranger = TestCa::new("Some other CA");
    let trusted_file = write_ca(folder.path(), "trusted", &trusted);
    let stranger_file = write_ca(folder.path(), "stranger", &stranger);
    let mut server = Server::connect().await;

    let (certificate, key) = trusted.server_certificate(false);
    server.use_certificate("valid", &certificate, &key).await;

    let connected = check(&server.profile("localhost", Some(&trusted_file)))
        .await
        .expect("verify-full connects with the CA that signed the certificate");
    assert!(
        connected.starts_with("Connected: PostgreSQL"),
        "{connected}"
    );

    refused_because(
        check(&server.profile("localhost", Some(&stranger_file))).await,
        TlsProblem::UnknownIssuer,
        "not signed by an authority this computer trusts",
    );
    // The system's roots alone do not know a private CA either.
    refused_because(
        check(&server.profile("localhost", None)).await,
        TlsProblem::UnknownIssuer,
        "not signed by an authority",
    );
    // The certificate names `localhost`; the same server by address is another name.
    refused_because(
        check(&server.profile("127.0.0.1", Some(&trusted_file))).await,
        TlsProblem::WrongHost,
        "for another host name",
    );

    let (certificate, key) = trusted.server_certificate(true);
    server.use_certificate("expired", &certificate, &key).await;
    refused_because(
        check(&server.profile("localhost", Some(&trusted_file))).await,
        TlsProblem::Expired,
        "has expired",
    );

    server.turn_tls_off().await;
}

#[tokio::test]
async fn plain_text_to_another_computer_is_refused_before_anything_is_sent() {
    // The host is never even looked up: the refusal comes before any connection.
    let target = ProfileTarget::Postgres {
        host: "db.example.com".to_owned(),
        port: 5432,
        database: "desk".to_owned(),
        user: "ann".to_owned(),
        tls_mode: TlsMode::Disable,
        ca_file: None,
    };
    let refused = check(&target).await.expect_err("refused");
    assert_eq!(
        refused,
        ConnectError::InsecureTransport {
            host: "db.example.com".to_owned(),
            mode: "disable",
        }
    );
    assert!(refused.to_string().contains("verify-full"), "{refused}");
}
