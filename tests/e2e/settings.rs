//! The Settings screens in the real window: email settings with a test email that a
//! real SMTP server on loopback receives, and a refused connection told in words.

use std::time::Duration;

use desk_tests::app_driver::AppHarness;
use desk_tests::mail_sink::MailSink;

#[tokio::test]
async fn an_administrator_configures_smtp_and_a_test_email_reaches_the_server() {
    let sink = MailSink::start();
    let harness = AppHarness::new();
    let app = harness.launch().await;
    app.set_up_admin().await;

    app.click("#nav-settings").await;
    app.click("#settings-nav-email").await;
    app.fill("#email-smtp_host", "127.0.0.1").await;
    app.element("#email-smtp_security")
        .await
        .select_by_value("plain")
        .await
        .expect("chooses plain SMTP");
    app.fill("#email-smtp_port", &sink.port().to_string()).await;
    app.fill("#email-sender_name", "Example Shop").await;
    app.fill("#email-sender_address", "shop@example.com").await;
    app.click("#email-settings-save").await;
    app.wait_for_text("#email-settings-status", "Email settings saved")
        .await;

    app.fill("#test-email-test_recipient", "ops@example.com")
        .await;
    app.click("#test-email-send").await;
    let result = app
        .wait_for_text("#test-email-result", "accepted the test email")
        .await;
    assert!(result.contains("ops@example.com"), "{result}");
    let received = sink.wait_for(1, Duration::from_secs(10));
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].to, ["ops@example.com"]);
    assert_eq!(
        received[0].header("Subject").as_deref(),
        Some("Customer Desk test email")
    );
    assert!(received[0].data.contains("Ada"), "names who sent it");

    // A server that is not there: the answer says what to check.
    let closed = MailSink::free_port();
    app.fill("#email-smtp_port", &closed.to_string()).await;
    app.click("#email-settings-save").await;
    app.wait_for_text("#email-settings-status", "Email settings saved")
        .await;
    app.click("#test-email-send").await;
    let problem = app
        .wait_for_text("#test-email-problem", "refused the connection")
        .await;
    assert!(problem.contains(&closed.to_string()), "{problem}");
    app.screenshot("email-settings").await;
    app.quit().await;
}
