//! What "Send test email" and the outbox say when a server does not take a message:
//! each failure against a real socket on loopback, in words a person can act on.
//! No store is involved; the module sits with the SQLite suite (`…::sqlite::…`).

pub mod sqlite {
    use std::io::{BufRead, BufReader, Write};
    use std::net::TcpListener;
    use std::sync::Arc;
    use std::time::Duration;

    use desk_app::email::{Mailer, SendFailure};
    use desk_domain::Sensitive;
    use desk_domain::email_settings::{EmailSettings, SmtpSecurity, fields};
    use desk_store::OutboxMessage;
    use desk_tests::fixtures::{loopback_email_settings, verification_message};
    use desk_tests::mail_sink::MailSink;

    fn settings(host: &str, port: u16, security: SmtpSecurity) -> EmailSettings {
        EmailSettings {
            host: host.into(),
            security,
            ..loopback_email_settings(port)
        }
    }

    fn message(settings: &EmailSettings, to: &str) -> OutboxMessage {
        OutboxMessage {
            recipient: to.into(),
            ..verification_message(settings, 1)
        }
    }

    async fn send(settings: &EmailSettings, password: Option<&str>, to: &str) -> SendFailure {
        let password = password.map(|password| Sensitive::new(password.to_owned()));
        let mailer =
            Mailer::new(settings, password.as_ref(), Duration::from_secs(10)).expect("a mailer");
        mailer
            .send(&message(settings, to))
            .await
            .expect_err("the server does not take it")
    }

    #[tokio::test]
    async fn an_unknown_host_is_named() {
        let failure = send(
            &settings(
                "mail.does-not-exist.invalid",
                465,
                SmtpSecurity::ImplicitTls,
            ),
            None,
            "ann@example.com",
        )
        .await;
        assert_eq!(failure.field, fields::HOST);
        assert!(
            failure.reason.contains("is not known"),
            "{}",
            failure.reason
        );
        assert!(failure.retry);
    }

    #[tokio::test]
    async fn a_refused_connection_names_the_port() {
        let port = MailSink::free_port();
        let failure = send(
            &settings("127.0.0.1", port, SmtpSecurity::Plain),
            None,
            "ann@example.com",
        )
        .await;
        assert_eq!(failure.field, fields::PORT);
        assert!(
            failure.reason.contains("refused the connection")
                && failure.reason.contains(&port.to_string()),
            "{}",
            failure.reason
        );
    }

    #[tokio::test]
    async fn a_refused_login_points_at_the_login_and_password() {
        let sink = MailSink::start_with_login("desk-mailer", "right password");
        let mut with_login = settings("127.0.0.1", sink.port(), SmtpSecurity::Plain);
        with_login.login = Some("desk-mailer".into());
        let failure = send(&with_login, Some("wrong password"), "ann@example.com").await;
        assert_eq!(failure.field, fields::PASSWORD);
        assert!(
            failure.reason.contains("refused the login") && failure.reason.contains("535"),
            "{}",
            failure.reason
        );
        assert!(
            failure.retry,
            "the settings can be fixed; the message is not at fault"
        );
        let mailer = Mailer::new(
            &with_login,
            Some(&Sensitive::new("right password".to_owned())),
            Duration::from_secs(10),
        )
        .expect("a mailer");
        mailer
            .send(&message(&with_login, "ann@example.com"))
            .await
            .expect("the right password is taken");
        assert_eq!(sink.received().len(), 1);
    }

    #[tokio::test]
    async fn a_refused_recipient_is_final_with_the_servers_words() {
        let sink = MailSink::start();
        sink.refuse("nobody@example.com", 550, "5.1.1 No such user here");
        let failure = send(
            &settings("127.0.0.1", sink.port(), SmtpSecurity::Plain),
            None,
            "nobody@example.com",
        )
        .await;
        assert!(!failure.retry);
        assert_eq!(failure.field, fields::TEST_RECIPIENT);
        assert!(
            failure.reason.contains("550 5.1.1 No such user here"),
            "{}",
            failure.reason
        );
    }

    /// A TLS server on loopback with a certificate no authority signed (made here).
    fn untrusted_tls_server() -> u16 {
        let key = rcgen::KeyPair::generate().expect("a key");
        let certificate = rcgen::CertificateParams::new(vec!["localhost".to_owned()])
            .expect("params")
            .self_signed(&key)
            .expect("a self-signed certificate");
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let config = rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .expect("TLS versions")
            .with_no_client_auth()
            .with_single_cert(
                vec![certificate.der().clone()],
                rustls::pki_types::PrivateKeyDer::Pkcs8(key.serialize_der().into()),
            )
            .expect("a server configuration");
        let config = Arc::new(config);
        let listener = TcpListener::bind(("127.0.0.1", 0)).expect("a port");
        let port = listener.local_addr().expect("bound").port();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let config = config.clone();
                std::thread::spawn(move || {
                    let Ok(connection) = rustls::ServerConnection::new(config) else {
                        return;
                    };
                    let mut tls = rustls::StreamOwned::new(connection, stream);
                    // The client gives up during the handshake; nothing more to say.
                    let _ = tls.write_all(b"220 untrusted.test ESMTP\r\n");
                    let mut line = String::new();
                    let _ = BufReader::new(&mut tls).read_line(&mut line);
                });
            }
        });
        port
    }

    #[tokio::test]
    async fn a_certificate_no_authority_signed_is_named() {
        let port = untrusted_tls_server();
        let failure = send(
            &settings("localhost", port, SmtpSecurity::ImplicitTls),
            None,
            "ann@example.com",
        )
        .await;
        assert_eq!(failure.field, fields::SECURITY);
        assert!(
            failure.reason.contains("could not be secured")
                && failure.reason.contains("not signed by an authority"),
            "{}",
            failure.reason
        );
    }
}
