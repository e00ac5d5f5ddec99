//! Acting on a selection of the customer list in the real window: "select all
//! results" of a filter, untick one of them ("all but these"), export the rest to a
//! CSV file, then set them inactive, each with the status line a person reads and an
//! audit entry per customer.

use std::time::{Duration, Instant};

use desk_tests::app_driver::RunningApp;
use fantoccini::Locator;
use serde_json::json;
use sqlx::{Connection, Row};

use super::customer_list::{column, seeded_app, wait_until_all};

/// Answers the save dialog with `path`, as a person choosing that file would: the
/// native dialog is out of WebDriver's reach, so the page's own call to it is
/// answered instead (`window.__TAURI__` is a plain global; the app's commands still
/// go to the real backend).
async fn answer_save_dialog_with(app: &RunningApp, path: &std::path::Path) {
    app.client()
        .execute(
            "const path = arguments[0];
             const tauri = window.__TAURI__;
             const invoke = tauri.core.invoke;
             window.__TAURI__ = { ...tauri, core: { ...tauri.core,
                 invoke: (command, args, options) => command === 'plugin:dialog|save'
                     ? Promise.resolve(path)
                     : invoke(command, args, options) } };",
            vec![json!(path.display().to_string())],
        )
        .await
        .expect("answers the save dialog");
}

/// The number in "All 37 results selected…".
async fn selected_results(app: &RunningApp) -> u64 {
    let text = app
        .wait_for_text("#selection-count", "results selected")
        .await;
    text.split_whitespace()
        .nth(1)
        .and_then(|count| count.parse().ok())
        .unwrap_or_else(|| panic!("a count in {text:?}"))
}

#[tokio::test]
async fn all_results_but_one_are_exported_to_csv_and_set_inactive() {
    let (harness, app) = seeded_app().await;
    // The customers of the Swiss site, with that column shown.
    app.click("#customer-columns summary").await;
    app.click("#column-preferred-site").await;
    app.click("#customer-columns summary").await;
    app.click("#customer-filters summary").await;
    app.element("#filter-site option[value='ch']").await;
    app.element("#filter-site")
        .await
        .select_by_value("ch")
        .await
        .expect("chooses a site");
    app.click("#customer-filters summary").await;
    wait_until_all(&app, "preferred-site", "the Swiss site", |site| {
        site == "ch"
    })
    .await;

    // Select all results, then untick the first one again.
    let unticked_email = column(&app, "email").await[0].clone();
    app.element("#customer-list tbody td.select input")
        .await
        .click()
        .await
        .expect("ticks");
    app.click("#select-all-results").await;
    let all = selected_results(&app).await;
    assert!(all >= 3, "the seed has Swiss customers: {all}");
    let boxes = app
        .client()
        .find_all(Locator::Css("#customer-list tbody td.select input"))
        .await
        .expect("tick boxes");
    assert!(
        boxes[1].is_selected().await.expect("reads"),
        "every result is ticked"
    );
    boxes[0].click().await.expect("unticks");
    app.wait_for_text(
        "#selection-count",
        &format!("{} of {all} results selected", all - 1),
    )
    .await;

    let unticked_was_active = {
        let options = sqlx::sqlite::SqliteConnectOptions::new()
            .filename(harness.database_path())
            .read_only(true);
        let mut connection = sqlx::SqliteConnection::connect_with(&options)
            .await
            .expect("reads the app's store");
        let active: i64 = sqlx::query("SELECT active FROM customers WHERE email = ?")
            .bind(&unticked_email)
            .fetch_one(&mut connection)
            .await
            .expect("reads")
            .get(0);
        connection.close().await.expect("closes");
        active != 0
    };

    // Export them to CSV, with the columns shown.
    let folder = tempfile::tempdir().expect("a folder");
    let path = folder.path().join("swiss.csv");
    answer_save_dialog_with(&app, &path).await;
    app.click("#bulk-export-csv").await;
    let status = app
        .wait_for_text(
            "#customers-status",
            &format!("Exported {} customers to ", all - 1),
        )
        .await;
    assert!(status.contains("swiss.csv"), "{status}");
    app.screenshot("customer-list-exported-csv").await;
    let bytes = std::fs::read(&path).expect("the export");
    let text = String::from_utf8(bytes[3..].to_vec()).expect("UTF-8 after the BOM");
    let lines: Vec<&str> = text.split_terminator("\r\n").collect();
    assert_eq!(
        lines[0],
        "Last name,First name,Email,Currency,Preferred site"
    );
    assert_eq!(
        lines.len() as u64,
        all,
        "a heading and all but the unticked one"
    );
    assert!(
        lines[1..].iter().all(|line| line.ends_with(",ch")),
        "{text}"
    );
    assert!(
        !text.contains(&unticked_email),
        "{unticked_email} was unticked"
    );

    // The selection stays for the next action: set them inactive.
    app.wait_for_text("#selection-count", &format!("{} of {all}", all - 1))
        .await;
    app.click("#bulk-inactive").await;
    app.wait_for_text("#customers-status", "Set inactive: ")
        .await;
    let deadline = Instant::now() + Duration::from_secs(10);
    while app.exists("#bulk-bar").await {
        assert!(
            Instant::now() < deadline,
            "the selection is cleared after a change"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }

    let options = sqlx::sqlite::SqliteConnectOptions::new()
        .filename(harness.database_path())
        .read_only(true);
    let mut connection = sqlx::SqliteConnection::connect_with(&options)
        .await
        .expect("reads the app's store");
    let exported: i64 =
        sqlx::query("SELECT count(*) FROM audit_log WHERE action = 'customer.exported_to_csv'")
            .fetch_one(&mut connection)
            .await
            .expect("counts")
            .get(0);
    assert_eq!(exported as u64, all - 1, "one entry per customer exported");
    // Only the unticked customer may still be active, and only if they were before.
    let expected_active: Vec<String> = if unticked_was_active {
        vec![unticked_email.clone()]
    } else {
        Vec::new()
    };
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let rows = sqlx::query("SELECT email, active FROM customers WHERE preferred_site = 'ch'")
            .fetch_all(&mut connection)
            .await
            .expect("reads");
        let still_active: Vec<String> = rows
            .iter()
            .filter(|row| row.get::<i64, _>("active") != 0)
            .map(|row| row.get("email"))
            .collect();
        if still_active == expected_active {
            break;
        }
        assert!(Instant::now() < deadline, "still active: {still_active:?}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    connection.close().await.expect("closes");
    app.quit().await;
}
