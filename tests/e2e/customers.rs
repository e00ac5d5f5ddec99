//! The Customers screen: adding, validation, duplicates and persistence.

use desk_store::CustomerStore;
use desk_store::sqlite::SqliteStore;
use desk_tests::app_driver::{ADMIN_EMAIL, ADMIN_PASSWORD, AppHarness, RunningApp};
use serde_json::json;

async fn add_customer(app: &RunningApp, email: &str, first: &str, last: &str, currency: &str) {
    app.fill("#customer-email", email).await;
    app.fill("#customer-first_name", first).await;
    app.fill("#customer-last_name", last).await;
    app.fill("#customer-preferred_currency", currency).await;
    app.click("#add-customer-submit").await;
}

/// Counts the customers in the harness's store file, read directly (the app is closed).
async fn stored_customer_count(harness: &AppHarness) -> usize {
    let store = SqliteStore::open_file(&harness.database_path())
        .await
        .expect("opens the app's store");
    let count = store
        .list_customers(None, 1_000)
        .await
        .expect("lists")
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

    add_customer(&app, "  ann.lee@example.com ", "Ann", "Lee", "usd").await;

    app.wait_for_text("#customer-list", "ann.lee@example.com")
        .await;
    assert_eq!(
        app.list_rows().await,
        ["Lee | Ann | ann.lee@example.com | USD"]
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

    add_customer(&app, "ann.lee@", "Ann", "Lee", "EUR").await;

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
    let answer = app
        .invoke(
            "create_customer",
            json!({"input": {
                "email": "ann.lee@",
                "first_name": "Ann",
                "last_name": "Lee",
                "preferred_currency": "EUR"
            }}),
        )
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
    add_customer(&app, "ann.lee@example.com", "Ann", "Lee", "EUR").await;
    app.wait_for_text("#customer-list", "ann.lee@example.com")
        .await;

    add_customer(&app, "ANN.LEE@example.com", "Annie", "Leigh", "EUR").await;

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
    add_customer(&app, "zoe@example.com", "Zoë", "Zimmer", "CHF").await;
    add_customer(&app, "bo@example.com", "Bo", "Adler", "EUR").await;
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
            "Zimmer | Zoë | zoe@example.com | CHF"
        ]
    );
    app.quit().await;
}

#[tokio::test]
async fn a_long_list_is_paged_with_load_more() {
    let harness = AppHarness::new();
    let app = harness.launch().await;
    app.set_up_admin().await;
    app.quit().await;

    // Sixty customers written straight into the app's store while it is closed.
    let store = SqliteStore::open_file(&harness.database_path())
        .await
        .expect("opens the app's store");
    for n in 0..60 {
        let customer = desk_tests::fixtures::new_customer(
            &format!("customer{n:02}@example.com"),
            "Pat",
            &format!("Name{n:02}"),
        );
        store
            .insert_customer(
                desk_domain::customer::CustomerId(uuid::Uuid::now_v7()),
                chrono::Utc::now(),
                &customer,
                &desk_tests::fixtures::audit_by_test(),
            )
            .await
            .expect("inserts");
    }
    store.close().await;

    let app = harness.launch().await;
    app.sign_in(ADMIN_EMAIL, ADMIN_PASSWORD).await;
    app.wait_for_text("#customer-list", "customer49@example.com")
        .await;
    let first_page = app.list_rows().await;
    assert_eq!(first_page.len(), 50, "one page of fifty");
    assert_eq!(first_page[0], "Name00 | Pat | customer00@example.com | EUR");
    app.click("#customer-list-more").await;
    app.wait_for_text("#customer-list", "customer59@example.com")
        .await;
    let rows = app.list_rows().await;
    assert_eq!(rows.len(), 60);
    assert_eq!(rows[59], "Name59 | Pat | customer59@example.com | EUR");
    assert!(
        !app.exists("#customer-list-more").await,
        "nothing more to load"
    );
    app.quit().await;
}
