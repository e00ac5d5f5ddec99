//! The Settings screens in the real window: email settings with a test email that a
//! real SMTP server on loopback receives, and a refused connection told in words.

use std::time::Duration;

use desk_tests::app_driver::AppHarness;
use desk_tests::mail_sink::MailSink;

/// Typed into the email settings; must end up in the keyring only.
const SMTP_PASSWORD: &str = "smtp-secret-4711-zebra";

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
    // The new port in the status: this save is done, not the first one's message.
    app.wait_for_text("#email-settings-status", &format!("127.0.0.1:{closed}"))
        .await;
    app.click("#test-email-send").await;
    let problem = app
        .wait_for_text("#test-email-problem", "refused the connection")
        .await;
    assert!(problem.contains(&closed.to_string()), "{problem}");
    app.screenshot("email-settings").await;

    // The outbox shows both: the first sent, the second failed with the reason.
    app.click("#nav-outbox").await;
    let list = app.wait_for_text("#outbox-list", "Failed").await;
    assert!(list.contains("Sent"), "{list}");
    app.element("#outbox-status")
        .await
        .select_by_value("failed")
        .await
        .expect("filters by status");
    // Only the failed message is left once the filtered page has arrived.
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    loop {
        let rows = app
            .client()
            .find_all(fantoccini::Locator::Css("#outbox-list tbody tr"))
            .await
            .expect("rows");
        if rows.len() == 1 {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "{} rows", rows.len());
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    app.click("#outbox-list tbody tr td:nth-child(2)").await;
    app.wait_for_text("#message-error", "refused the connection")
        .await;
    app.wait_for_text("#message-text", "Ada Admin").await;
    app.screenshot("outbox").await;
    // Send it again, then cancel it before its next attempt.
    app.click("#message-resend").await;
    app.wait_for_text("#message-notice", "queued again").await;
    app.click("#message-cancel").await;
    app.wait_for_text("#message-status", "Cancelled").await;
    app.fill("#outbox-recipient", "nobody-here").await;
    app.wait_for_text("#outbox-empty", "No messages match")
        .await;

    // A login's password goes to the keyring: no file of the app holds it.
    app.click("#nav-settings").await;
    app.click("#settings-nav-email").await;
    app.element("#email-settings-form").await;
    app.fill("#email-smtp_login", "desk-mailer").await;
    app.fill("#email-smtp_password", SMTP_PASSWORD).await;
    app.click("#email-settings-save").await;
    app.wait_for_text(
        "#email-smtp_password-hint",
        "Saved in this computer's keyring",
    )
    .await;
    app.quit().await;
    let mut files = vec![harness.data_dir().to_path_buf()];
    let mut checked = 0;
    while let Some(path) = files.pop() {
        if path.is_dir() {
            for entry in std::fs::read_dir(&path).expect("lists the folder") {
                files.push(entry.expect("an entry").path());
            }
        } else {
            let bytes = std::fs::read(&path).expect("reads the file");
            let found = bytes
                .windows(SMTP_PASSWORD.len())
                .any(|window| window == SMTP_PASSWORD.as_bytes());
            assert!(!found, "{} holds the SMTP password", path.display());
            checked += 1;
        }
    }
    assert!(
        checked >= 3,
        "the store, its journal and the profiles file were read"
    );
}

#[tokio::test]
async fn an_administrator_sets_up_sites_currencies_locales_and_customer_access() {
    let harness = AppHarness::new();
    let app = harness.launch().await;
    app.set_up_admin().await;
    app.click("#nav-settings").await;
    app.wait_for_text("#site-list", "default").await;

    // Currencies: enable CHF, make it the default; EUR is still the default site's.
    app.click("#settings-nav-lists").await;
    app.wait_for_text("#currencies-list", "EUR").await;
    app.fill("#currencies-code", "chf").await;
    app.click("#currencies-enable").await;
    app.wait_for_text("#currencies-list", "Swiss franc").await;
    app.click("#currencies-CHF .make-default").await;
    app.wait_for_text("#currencies-status", "CHF is now the default")
        .await;
    app.click("#currencies-EUR .disable").await;
    app.wait_for_text("#currencies-problem", "used by the site Default")
        .await;
    // Locales: typed the way people type them, kept canonical.
    app.fill("#locales-code", "de_ch").await;
    app.click("#locales-enable").await;
    app.wait_for_text("#locales-list", "de-CH").await;

    // Sites: an http storefront is refused beside its field; https is kept.
    app.click("#settings-nav-sites").await;
    app.fill("#site-code", "de-shop").await;
    app.fill("#site-name", "German shop").await;
    app.fill("#site-storefront_url", "http://shop.example.de")
        .await;
    app.click("#site-save").await;
    app.wait_for_text("#site-storefront_url-error", "Use https")
        .await;
    app.fill("#site-storefront_url", "https://shop.example.de/")
        .await;
    app.element("#site-default_currency")
        .await
        .select_by_value("CHF")
        .await
        .expect("chooses CHF");
    app.element("#site-default_locale")
        .await
        .select_by_value("de-CH")
        .await
        .expect("chooses de-CH");
    app.click("#site-save").await;
    app.wait_for_text("#sites-status", "Site German shop added")
        .await;
    let row = app
        .wait_for_text("#site-de-shop", "https://shop.example.de")
        .await;
    assert!(row.contains("CHF") && row.contains("de-CH"), "{row}");
    app.click("#site-edit-default").await;
    app.fill("#site-name", "Main shop").await;
    app.click("#site-save").await;
    app.wait_for_text("#site-default", "Main shop").await;
    app.screenshot("sites").await;

    // Customer access: all hidden on a new store; show prices and wishlists.
    app.click("#settings-nav-access").await;
    app.element("#customer-access-form").await;
    for kind in [
        "price",
        "add_to_cart",
        "place_order",
        "wishlist",
        "shopping_list",
    ] {
        let checked = app
            .element(&format!("#access-{kind}"))
            .await
            .prop("checked")
            .await
            .expect("reads the box");
        assert_eq!(checked.as_deref(), Some("true"), "{kind} hidden at first");
    }
    app.click("#access-price").await;
    app.click("#access-wishlist").await;
    app.click("#customer-access-save").await;
    app.wait_for_text("#customer-access-status", "Customer access saved")
        .await;
    // Read back after leaving the page.
    app.click("#settings-nav-preferences").await;
    app.element("#preferences-form").await;
    app.click("#preferences-on-hold").await;
    app.click("#preferences-save").await;
    app.wait_for_text("#preferences-status", "System preferences saved")
        .await;
    app.click("#settings-nav-access").await;
    app.element("#customer-access-form").await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let price = app
        .element("#access-price")
        .await
        .prop("checked")
        .await
        .expect("reads the box");
    let place_order = app
        .element("#access-place_order")
        .await
        .prop("checked")
        .await
        .expect("reads the box");
    assert_eq!(price.as_deref(), Some("false"), "prices are shown now");
    assert_eq!(
        place_order.as_deref(),
        Some("true"),
        "ordering stays hidden"
    );
    app.screenshot("customer-access").await;

    // Each change is in the audit log, in words.
    app.click("#nav-audit").await;
    for action in [
        "Site created",
        "Currency enabled",
        "Default currency changed",
        "Customer access changed",
        "System preferences changed",
    ] {
        app.wait_for_text("main", action).await;
    }
    app.quit().await;
}

#[tokio::test]
async fn an_administrator_edits_a_template_and_the_preview_follows() {
    let harness = AppHarness::new();
    let app = harness.launch().await;
    app.set_up_admin().await;
    app.click("#nav-settings").await;
    app.click("#settings-nav-templates").await;
    app.wait_for_text(
        "#preview-subject",
        "Confirm your email address for Example Shop",
    )
    .await;
    app.wait_for_text("#template-source", "built-in English text")
        .await;

    app.fill("#template-subject", "Bitte bestätigen, {{ customer_name }}")
        .await;
    app.wait_for_text("#preview-subject", "Bitte bestätigen, Ann Lee")
        .await;
    // A variable the message does not have: the preview and the save say which line.
    app.fill("#template-body_text", "Hallo {{ nme }}").await;
    let problem = app.wait_for_text("#preview-problem", "Line 1").await;
    assert!(problem.contains("customer_name"), "{problem}");
    app.click("#template-save").await;
    app.wait_for_text("#template-body_text-error", "Line 1")
        .await;

    app.fill("#template-body_text", "Hallo {{ customer_name }}")
        .await;
    app.fill(
        "#template-body_html",
        "<p>Hallo <b>{{ customer_name }}</b></p>",
    )
    .await;
    app.wait_for_text("#preview-text", "Hallo Ann Lee").await;
    let frame = app.element("#preview-html").await;
    let srcdoc = frame
        .attr("srcdoc")
        .await
        .expect("reads")
        .unwrap_or_default();
    assert!(srcdoc.contains("<b>Ann Lee</b>"), "{srcdoc}");
    assert_eq!(
        frame.attr("sandbox").await.expect("reads").as_deref(),
        Some(""),
        "the preview runs nothing"
    );
    app.click("#template-save").await;
    app.wait_for_text("#template-status", "saved for en").await;
    app.wait_for_text("#template-source", "its own template")
        .await;
    app.screenshot("template-editor").await;
    // Removing this locale's template brings the built-in text back.
    app.click("#template-reset").await;
    app.wait_for_text("#template-source", "built-in English text")
        .await;
    app.wait_for_text(
        "#preview-subject",
        "Confirm your email address for Example Shop",
    )
    .await;

    // Another kind opens its own text.
    app.click("#template-kind-account_active").await;
    app.wait_for_text("#preview-subject", "is now active").await;
    app.quit().await;
}
