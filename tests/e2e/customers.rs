//! The Customers screen: adding, validation, duplicates, persistence, the list that
//! loads as it scrolls, and one customer's details.

use std::time::{Duration, Instant};

use desk_domain::Rpc;
use desk_domain::commands::CreateCustomer;
use desk_domain::customer::{CustomerInput, NewCustomerRequest};
use desk_domain::customer_list::CustomerQuery;
use desk_domain::rpc::ARGS_KEY;
use desk_store::CustomerStore;
use desk_store::sqlite::SqliteStore;
use desk_tests::app_driver::{ADMIN_EMAIL, ADMIN_PASSWORD, AppHarness, RunningApp};
use fantoccini::Locator;
use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::elements::Element;
use fantoccini::key::Key;
use serde_json::json;

/// Fills the add form's required fields and saves; the currency stays the store's
/// default (EUR: a new store enables no other).
async fn add_customer(app: &RunningApp, email: &str, first: &str, last: &str) {
    app.fill("#customer-email", email).await;
    app.fill("#customer-first_name", first).await;
    app.fill("#customer-last_name", last).await;
    app.click("#add-customer-submit").await;
}

/// Opens the first customer of the list (a cell, as a person clicks it).
async fn open_first_customer(app: &RunningApp) {
    app.element("#customer-list td.email")
        .await
        .click()
        .await
        .expect("opens the customer");
}

/// Counts the customers in the harness's store file, read directly (the app is closed).
async fn stored_customer_count(harness: &AppHarness) -> usize {
    let store = SqliteStore::open_file(&harness.database_path())
        .await
        .expect("opens the app's store");
    let count = store
        .list_customers(&CustomerQuery::default(), None, 1_000)
        .await
        .expect("lists")
        .items
        .len();
    store.close().await;
    count
}

#[tokio::test]
async fn adding_a_customer_through_the_form_shows_it_in_the_list() {
    let harness = AppHarness::new();
    let app = harness.launch().await;
    app.set_up_admin().await;
    app.wait_for_text("#customer-list-empty", "No customers yet")
        .await;

    add_customer(&app, "  ann.lee@example.com ", "Ann", "Lee").await;

    app.wait_for_text("#customer-list", "ann.lee@example.com")
        .await;
    assert_eq!(
        app.list_rows().await,
        ["Lee | Ann | ann.lee@example.com | EUR"]
    );
    app.wait_for_text("#customers-status", "Added Ann Lee")
        .await;
    let email_input = app.element("#customer-email").await;
    assert_eq!(
        email_input.prop("value").await.expect("reads the value"),
        Some(String::new()),
        "the form is cleared for the next customer"
    );
    app.quit().await;
    assert_eq!(stored_customer_count(&harness).await, 1);
}

#[tokio::test]
async fn an_invalid_email_is_explained_beside_the_field_and_nothing_is_saved() {
    let harness = AppHarness::new();
    let app = harness.launch().await;
    app.set_up_admin().await;

    add_customer(&app, "ann.lee@", "Ann", "Lee").await;

    let message = app
        .wait_for_text(
            "#customer-email-error",
            "Enter an email address like name@example.com",
        )
        .await;
    assert!(!message.is_empty());
    let invalid = app.element("#customer-email").await;
    assert_eq!(
        invalid
            .attr("aria-invalid")
            .await
            .expect("reads aria-invalid"),
        Some("true".to_owned())
    );
    app.wait_for_text("#customer-list-empty", "No customers yet")
        .await;

    // The backend checks again: the same input sent straight to the command is refused.
    let command = CreateCustomer {
        input: NewCustomerRequest {
            details: CustomerInput {
                email: "ann.lee@".into(),
                first_name: "Ann".into(),
                last_name: "Lee".into(),
                preferred_currency: "EUR".into(),
                ..CustomerInput::default()
            },
            ..NewCustomerRequest::default()
        },
    };
    let answer = app
        .invoke(CreateCustomer::NAME, json!({ ARGS_KEY: command }))
        .await;
    assert_eq!(answer["err"]["kind"], "validation", "{answer}");
    assert_eq!(answer["err"]["fields"][0]["field"], "email", "{answer}");
    assert_eq!(
        answer["err"]["fields"][0]["code"], "invalid_email",
        "{answer}"
    );

    app.quit().await;
    assert_eq!(stored_customer_count(&harness).await, 0);
}

#[tokio::test]
async fn a_duplicate_email_is_reported_as_already_in_use() {
    let harness = AppHarness::new();
    let app = harness.launch().await;
    app.set_up_admin().await;
    add_customer(&app, "ann.lee@example.com", "Ann", "Lee").await;
    app.wait_for_text("#customer-list", "ann.lee@example.com")
        .await;

    add_customer(&app, "ANN.LEE@example.com", "Annie", "Leigh").await;

    app.wait_for_text("#customer-email-error", "already in use")
        .await;
    app.screenshot("customers-duplicate-email").await;
    assert_eq!(app.list_rows().await.len(), 1);
    let first_name = app.element("#customer-first_name").await;
    assert_eq!(
        first_name.prop("value").await.expect("reads the value"),
        Some("Annie".to_owned()),
        "what was typed is kept so the person can correct the email"
    );
    app.quit().await;
    assert_eq!(stored_customer_count(&harness).await, 1);
}

#[tokio::test]
async fn customers_are_still_there_after_a_restart() {
    let harness = AppHarness::new();
    let app = harness.launch().await;
    app.set_up_admin().await;
    add_customer(&app, "zoe@example.com", "Zoë", "Zimmer").await;
    add_customer(&app, "bo@example.com", "Bo", "Adler").await;
    app.wait_for_text("#customer-list", "zoe@example.com").await;
    app.wait_for_text("#customer-list", "bo@example.com").await;
    app.quit().await;

    let app = harness.launch().await;
    app.sign_in(ADMIN_EMAIL, ADMIN_PASSWORD).await;
    app.wait_for_text("#customer-list", "zoe@example.com").await;
    assert_eq!(
        app.list_rows().await,
        [
            "Adler | Bo | bo@example.com | EUR",
            "Zimmer | Zoë | zoe@example.com | EUR"
        ]
    );
    app.quit().await;
}

/// The customer list's scroll box, as the page sees it.
const LIST_SCROLL_BOX: &str = "document.getElementById('customer-list-scroll')";

#[tokio::test]
async fn a_long_list_draws_only_the_rows_in_view_and_loads_more_as_it_scrolls() {
    let harness = AppHarness::new();
    let app = harness.launch().await;
    app.set_up_admin().await;
    app.quit().await;

    // 250 customers (three pages of the list) written straight into the app's store
    // while it is closed.
    let store = SqliteStore::open_file(&harness.database_path())
        .await
        .expect("opens the app's store");
    for n in 0..250 {
        desk_tests::fixtures::insert_customer(
            &store,
            &format!("customer{n:03}@example.com"),
            "Pat",
            &format!("Name{n:03}"),
        )
        .await;
    }
    store.close().await;

    let app = harness.launch().await;
    app.sign_in(ADMIN_EMAIL, ADMIN_PASSWORD).await;
    app.wait_for_text("#customer-list", "customer000@example.com")
        .await;
    let first_rows = app.list_rows().await;
    assert_eq!(
        first_rows[0],
        "Name000 | Pat | customer000@example.com | EUR"
    );
    assert!(
        first_rows.len() < 100,
        "only the rows in view are drawn, not the page: {} rows",
        first_rows.len()
    );

    // Scrolling to the end again and again brings the next pages until the last row.
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        app.client()
            .execute(
                &format!("const box = {LIST_SCROLL_BOX}; box.scrollTop = box.scrollHeight;"),
                vec![],
            )
            .await
            .expect("scrolls the list");
        tokio::time::sleep(Duration::from_millis(200)).await;
        let text = app
            .element("#customer-list")
            .await
            .text()
            .await
            .unwrap_or_default();
        if text.contains("customer249@example.com") {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the end of the list never came into view"
        );
    }
    let last_rows = app.list_rows().await;
    assert_eq!(
        last_rows.last().map(String::as_str),
        Some("Name249 | Pat | customer249@example.com | EUR")
    );
    assert!(last_rows.len() < 100, "{} rows drawn", last_rows.len());
    assert!(
        !last_rows.iter().any(|row| row.contains("customer000@")),
        "the first rows are no longer drawn"
    );
    app.screenshot("customers-scrolled-to-the-end").await;

    // And back at the top, the first rows are there again.
    app.client()
        .execute(&format!("{LIST_SCROLL_BOX}.scrollTop = 0;"), vec![])
        .await
        .expect("scrolls the list back");
    app.wait_for_text("#customer-list", "customer000@example.com")
        .await;
    app.quit().await;
}

/// The list cell that shows `email`, once it is drawn. (A cell, not its row:
/// WebKit's WebDriver cannot place the pointer on a table row.)
async fn customer_cell(app: &RunningApp, email: &str) -> Element {
    let xpath = format!("//table[@id='customer-list']//td[contains(., '{email}')]");
    app.client()
        .wait()
        .at_most(Duration::from_secs(15))
        .for_element(Locator::XPath(&xpath))
        .await
        .unwrap_or_else(|error| panic!("no list cell for {email}: {error}"))
}

/// Presses `key` wherever the keyboard focus is, as a person would.
async fn press(app: &RunningApp, key: Key) {
    let keys = KeyActions::new("keyboard".to_owned())
        .then(KeyAction::Down { value: key.into() })
        .then(KeyAction::Up { value: key.into() });
    app.client()
        .perform_actions(keys)
        .await
        .expect("presses a key");
}

/// Waits until the customer details are gone and the list shows `email` again.
async fn wait_for_the_list(app: &RunningApp, email: &str) {
    let deadline = Instant::now() + Duration::from_secs(15);
    while app.exists("#customer-details").await {
        assert!(Instant::now() < deadline, "the details never closed");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    app.wait_for_text("#customer-list", email).await;
}

/// Waits until the keyboard focus is on the list row that shows `email`.
async fn wait_for_focus_on_row(app: &RunningApp, email: &str) {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let focused = app
            .client()
            .execute(
                "return document.activeElement.closest('#customer-list tbody tr')?.innerText ?? '';",
                vec![],
            )
            .await
            .expect("reads the focus");
        if focused.as_str().is_some_and(|row| row.contains(email)) {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "the focus never came to the row of {email} (it is on {focused})"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn a_customer_opens_from_its_row_and_escape_or_back_returns_to_the_list() {
    let harness = AppHarness::new();
    let app = harness.launch().await;
    app.set_up_admin().await;
    add_customer(&app, "bo@example.com", "Bo", "Adler").await;
    app.wait_for_text("#customer-list", "bo@example.com").await;
    add_customer(&app, "ann.lee@example.com", "Ann", "Lee").await;
    app.wait_for_text("#customer-list", "ann.lee@example.com")
        .await;

    // A click on the row opens the customer, read-only.
    customer_cell(&app, "ann.lee@example.com")
        .await
        .click()
        .await
        .expect("clicks the row");
    app.wait_for_text("#customer-details-name", "Ann Lee").await;
    app.wait_for_text("#customer-details-email", "ann.lee@example.com")
        .await;
    app.wait_for_text("#customer-details-currency", "EUR").await;
    let created = app
        .element("#customer-details-created")
        .await
        .text()
        .await
        .expect("reads the creation time");
    assert!(!created.trim().is_empty(), "the creation time is shown");
    let url = app.client().current_url().await.expect("reads the address");
    assert!(
        url.path().starts_with("/customers/"),
        "the details are a route: {url}"
    );
    app.screenshot("customer-details").await;

    // Escape returns to the list, as it was.
    press(&app, Key::Escape).await;
    wait_for_the_list(&app, "ann.lee@example.com").await;
    assert_eq!(
        app.list_rows().await,
        [
            "Adler | Bo | bo@example.com | EUR",
            "Lee | Ann | ann.lee@example.com | EUR"
        ]
    );
    let url = app.client().current_url().await.expect("reads the address");
    assert_eq!(url.path(), "/customers");

    // The keyboard is back on the row that was opened; the arrow keys move to another
    // row, Enter opens it, and the window's Back returns to the list.
    wait_for_focus_on_row(&app, "ann.lee@example.com").await;
    press(&app, Key::Up).await;
    wait_for_focus_on_row(&app, "bo@example.com").await;
    press(&app, Key::Enter).await;
    app.wait_for_text("#customer-details-name", "Bo Adler")
        .await;
    app.client().back().await.expect("goes back");
    wait_for_the_list(&app, "bo@example.com").await;
    let url = app.client().current_url().await.expect("reads the address");
    assert_eq!(url.path(), "/customers");
    app.quit().await;
}

/// Seed 001 and 003 in the window: every field, a generated initial password shown
/// once, the emails the save will send named before saving, then the details with
/// every field, an edit, and "Mark verified".
#[tokio::test]
async fn a_customer_with_every_field_is_added_edited_and_marked_verified() {
    let harness = AppHarness::new();
    let app = harness.launch().await;
    app.set_up_admin().await;
    app.wait_for_text("#customer-list-empty", "No customers yet")
        .await;

    app.fill("#customer-customer_ref", "CUST-00042").await;
    app.fill("#customer-email", "ann.lee@example.com").await;
    app.element("#customer-salutation")
        .await
        .select_by_value("dr")
        .await
        .expect("chooses Dr");
    app.fill("#customer-first_name", "Ann").await;
    app.fill("#customer-last_name", "Lee").await;
    app.element("#customer-gender")
        .await
        .select_by_value("female")
        .await
        .expect("chooses a gender");
    app.fill("#customer-phone", "+41 44 668 18 00").await;
    app.fill("#customer-company", "Acme AG").await;
    app.click("#customer-password-generate").await;
    // The new store's site has no storefront URL: the link email is held back, and
    // the form says so before saving.
    let planned = app
        .wait_for_text("#customer-emails", "Initial password")
        .await;
    assert!(
        planned.contains("Email verification: not sent: the site Default has no storefront URL"),
        "{planned}"
    );
    app.screenshot("customer-add-every-field").await;
    app.click("#add-customer-submit").await;

    let done = app
        .wait_for_text("#add-customer-done", "Customer Ann Lee added as CUST-00042")
        .await;
    let password = app
        .element("#add-customer-generated-password")
        .await
        .text()
        .await
        .expect("the password");
    assert_eq!(password.len(), 23, "{done}");
    app.wait_for_text("#customer-list", "ann.lee@example.com")
        .await;

    // The initial-password email is queued in the outbox; staff read it without the
    // password, which only the customer gets.
    app.click("#nav-outbox").await;
    app.wait_for_text("#outbox-list", "ann.lee@example.com")
        .await;
    app.click("#outbox-list tbody tr td:nth-child(2)").await;
    let text = app
        .wait_for_text("#message-text", "[removed: only the recipient sees this]")
        .await;
    assert!(
        !text.contains(&password),
        "the password is not shown: {text}"
    );
    app.click("#nav-customers").await;
    app.wait_for_text("#customer-list", "ann.lee@example.com")
        .await;

    // The details show every field; the phone as E.164.
    open_first_customer(&app).await;
    app.wait_for_text("#customer-details-ref", "CUST-00042")
        .await;
    app.wait_for_text("#customer-details-name", "Dr Ann Lee")
        .await;
    app.wait_for_text("#customer-details-phone", "+41446681800")
        .await;
    app.wait_for_text("#customer-details-status-value", "Unverified")
        .await;
    // The verification email was held back; sending it now says why it still cannot go.
    app.click("#customer-send-verification").await;
    app.wait_for_text(
        "#customer-details-status",
        "The email cannot go yet: the site Default has no storefront URL",
    )
    .await;

    app.click("#customer-edit").await;
    app.fill("#edit-customer-company", "Acme Holding AG").await;
    app.click("#edit-customer-save").await;
    app.wait_for_text("#customer-details-status", "Saved Ann Lee.")
        .await;
    app.wait_for_text("#customer-details-company", "Acme Holding AG")
        .await;

    app.click("#customer-mark-verified").await;
    app.wait_for_text("#customer-details-status-value", "Verified")
        .await;
    app.screenshot("customer-details-every-field").await;
    app.quit().await;
}

/// Two windows on one store edit the same customer: the first save wins; the second
/// is refused with the stored value beside the person's own, a field only the first
/// changed is taken over, and after choosing, the second save keeps both changes.
#[tokio::test]
async fn two_windows_editing_one_customer_see_the_conflict_with_both_values() {
    let harness = AppHarness::new();
    let first = harness.launch().await;
    first.set_up_admin().await;
    add_customer(&first, "ann.lee@example.com", "Ann", "Lee").await;
    first
        .wait_for_text("#customer-list", "ann.lee@example.com")
        .await;
    let second = harness.launch().await;
    second.sign_in(ADMIN_EMAIL, ADMIN_PASSWORD).await;

    for app in [&first, &second] {
        app.wait_for_text("#customer-list", "ann.lee@example.com")
            .await;
        open_first_customer(app).await;
        app.click("#customer-edit").await;
        app.element("#edit-customer-company").await;
    }
    first.fill("#edit-customer-company", "Acme One").await;
    first.fill("#edit-customer-phone", "+41 44 668 18 00").await;
    first.click("#edit-customer-save").await;
    first
        .wait_for_text("#customer-details-company", "Acme One")
        .await;

    second.fill("#edit-customer-company", "Acme Two").await;
    second.click("#edit-customer-save").await;
    second
        .wait_for_text(
            "#edit-customer-banner",
            "Someone else changed this customer",
        )
        .await;
    second
        .wait_for_text("#edit-customer-company-stored", "Now stored: Acme One")
        .await;
    let own = second
        .element("#edit-customer-company")
        .await
        .prop("value")
        .await
        .expect("reads")
        .unwrap_or_default();
    assert_eq!(own, "Acme Two", "the person's own value stays in the field");
    let phone = second
        .element("#edit-customer-phone")
        .await
        .prop("value")
        .await
        .expect("reads")
        .unwrap_or_default();
    assert_eq!(
        phone, "+41446681800",
        "a field only the other changed is taken"
    );
    second.screenshot("customer-edit-conflict").await;

    second.click("#edit-customer-company-take").await;
    second.click("#edit-customer-save").await;
    second
        .wait_for_text("#customer-details-status", "Saved Ann Lee.")
        .await;
    second
        .wait_for_text("#customer-details-company", "Acme One")
        .await;
    second
        .wait_for_text("#customer-details-phone", "+41446681800")
        .await;
    second.quit().await;
    first.quit().await;
}

/// Seed 003's Addresses and Spryker's notes on the customer's page: two addresses
/// (the first is both defaults), the default billing address switched to the second,
/// a note added; the history names each change.
#[tokio::test]
async fn addresses_and_notes_are_kept_on_the_customer_page() {
    let harness = AppHarness::new();
    let app = harness.launch().await;
    app.set_up_admin().await;
    add_customer(&app, "ann.lee@example.com", "Ann", "Lee").await;
    app.wait_for_text("#customer-list", "ann.lee@example.com")
        .await;
    open_first_customer(&app).await;
    app.wait_for_text("#customer-addresses", "No addresses yet.")
        .await;

    for (address_ref, line1, postal_code) in [
        ("HOME", "Bahnhofstrasse 1", "8001"),
        ("OFFICE", "Seefeldstrasse 2", "8008"),
    ] {
        app.click("#add-address").await;
        app.fill("#address-address_ref", address_ref).await;
        app.fill("#address-first_name", "Ann").await;
        app.fill("#address-last_name", "Lee").await;
        app.fill("#address-line1", line1).await;
        app.fill("#address-postal_code", postal_code).await;
        app.fill("#address-city", "Zürich").await;
        app.element("#address-country")
            .await
            .select_by_value("CH")
            .await
            .expect("chooses Switzerland");
        app.click("#address-save").await;
        app.wait_for_text(&format!("#address-{address_ref}"), line1)
            .await;
    }
    app.wait_for_text("#address-HOME", "Default billing, Default shipping")
        .await;
    app.click("#address-OFFICE .make-billing").await;
    app.wait_for_text("#address-OFFICE", "Default billing")
        .await;
    let home = app.wait_for_text("#address-HOME", "Default shipping").await;
    assert!(!home.contains("Default billing"), "{home}");

    app.fill("#note-body", "Called about the invoice; sends it again.")
        .await;
    app.click("#note-add").await;
    app.wait_for_text("#customer-notes-list", "Called about the invoice")
        .await;
    app.wait_for_text("#customer-notes-list", "Ada Admin").await;
    app.screenshot("customer-addresses-notes").await;

    // The history is read when the page opens: leave and come back.
    app.click("#customer-details-back").await;
    open_first_customer(&app).await;
    let history = app
        .wait_for_text("#customer-history-list", "Note added")
        .await;
    for expected in [
        "Default address changed",
        "Address added",
        "Customer created",
    ] {
        assert!(history.contains(expected), "{expected} in {history}");
    }
    app.quit().await;
}

/// GDPR in the window: the export writes everything to a JSON file (through the same
/// command the button calls once the save dialog answers; WebDriver cannot drive a
/// native dialog), and erasing asks once more, naming the customer, then leaves only
/// the reserved customer ID.
#[tokio::test]
async fn a_customer_is_exported_and_erased_after_a_confirmation_that_names_them() {
    let harness = AppHarness::new();
    let app = harness.launch().await;
    app.set_up_admin().await;
    app.fill("#customer-customer_ref", "GDPR-7").await;
    add_customer(&app, "ann.lee@example.com", "Ann", "Lee").await;
    app.wait_for_text("#customer-list", "ann.lee@example.com")
        .await;
    open_first_customer(&app).await;
    app.wait_for_text("#customer-details-ref", "GDPR-7").await;
    assert!(app.exists("#customer-export").await, "an export button");

    let store = SqliteStore::open_file(&harness.database_path())
        .await
        .expect("opens the app's store");
    let id = store
        .list_customers(&CustomerQuery::default(), None, 1)
        .await
        .expect("lists")
        .items[0]
        .id;
    store.close().await;
    let folder = tempfile::tempdir().expect("a folder");
    let path = folder.path().join("ann.json");
    let answer = app
        .invoke(
            "export_customer",
            json!({ ARGS_KEY: { "request": { "id": id, "path": path.display().to_string() } } }),
        )
        .await;
    assert!(
        answer["ok"]["bytes"].as_u64().unwrap_or(0) > 100,
        "{answer}"
    );
    let exported: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&path).expect("the file")).expect("JSON");
    assert_eq!(exported["customer"]["email"], "ann.lee@example.com");

    app.click("#customer-erase").await;
    app.wait_for_text(
        "#customer-erase-confirm",
        "Erase the personal data of Ann Lee (ann.lee@example.com)?",
    )
    .await;
    app.screenshot("customer-erase-confirm").await;
    app.click("#customer-erase-yes").await;
    app.wait_for_text(
        "#customer-details-status",
        "the customer ID GDPR-7 stays reserved",
    )
    .await;
    app.wait_for_text("#customer-details-name", "Erased customer")
        .await;
    let history = app
        .wait_for_text("#customer-history-list", "Customer erased")
        .await;
    assert!(!history.contains("ann.lee@example.com"), "{history}");
    assert!(
        !app.exists("#customer-edit").await,
        "an erased customer is not edited"
    );
    app.quit().await;
}

/// Seed 003's mixins: an administrator defines a required choice attribute; the
/// customer form shows it with its own check, and the customer's page shows the value.
#[tokio::test]
async fn a_custom_attribute_is_defined_filled_in_and_shown() {
    let harness = AppHarness::new();
    let app = harness.launch().await;
    app.set_up_admin().await;
    app.click("#nav-settings").await;
    app.click("#settings-nav-attributes").await;
    app.fill("#attribute-code", "tier").await;
    app.fill("#attribute-label", "Loyalty tier").await;
    app.element("#attribute-kind")
        .await
        .select_by_value("choice")
        .await
        .expect("chooses Choice");
    // One choice per line (WebKitWebDriver drops "\n" in typed text: Enter it is).
    app.fill("#attribute-choices", "Gold").await;
    app.element("#attribute-choices")
        .await
        .send_keys(&format!("{}Silver", Key::Enter))
        .await
        .expect("types the second choice");
    app.click("#attribute-required").await;
    app.click("#attribute-save").await;
    app.wait_for_text("#attributes-status", "Custom attribute Loyalty tier added.")
        .await;
    app.wait_for_text("#attribute-list", "Gold, Silver").await;
    app.screenshot("custom-attributes").await;

    app.click("#nav-customers").await;
    app.element("[id='customer-attr.tier']").await;
    add_customer(&app, "ann.lee@example.com", "Ann", "Lee").await;
    app.wait_for_text("[id='customer-attr.tier-error']", "Enter the loyalty tier.")
        .await;
    app.element("[id='customer-attr.tier']")
        .await
        .select_by_value("Gold")
        .await
        .expect("chooses Gold");
    app.click("#add-customer-submit").await;
    app.wait_for_text("#customer-list", "ann.lee@example.com")
        .await;
    open_first_customer(&app).await;
    app.wait_for_text("#customer-details-attr-tier", "Gold")
        .await;
    app.quit().await;
}
