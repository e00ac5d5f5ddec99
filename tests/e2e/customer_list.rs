//! The customer list as a person uses it on a seeded store: search as you type with
//! `/`, sort by a column both ways, filter, choose columns, tick customers and put
//! them on hold, select all results of a filter and act on them, all by keyboard and
//! mouse in the real window.

use std::time::{Duration, Instant};

use desk_store::sqlite::SqliteStore;
use desk_tests::app_driver::{ADMIN_EMAIL, ADMIN_PASSWORD, AppHarness, RunningApp};
use fantoccini::Locator;
use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use sqlx::Connection;

const SEEDED: u64 = 400;

pub(crate) async fn type_key(app: &RunningApp, key: char) {
    let keys = KeyActions::new("keyboard".to_owned())
        .then(KeyAction::Down { value: key })
        .then(KeyAction::Up { value: key });
    app.client()
        .perform_actions(keys)
        .await
        .expect("presses a key");
}

/// The texts of column `class` in the rows drawn now (whole, though the cell may
/// show them cut with an ellipsis).
pub(crate) async fn column(app: &RunningApp, class: &str) -> Vec<String> {
    let script =
        "return [...document.querySelectorAll(arguments[0])].map(cell => cell.textContent);";
    let texts = app
        .client()
        .execute(
            script,
            vec![serde_json::json!(format!(
                "#customer-list tbody td.{class}"
            ))],
        )
        .await
        .expect("reads the cells");
    serde_json::from_value(texts).expect("a list of texts")
}

/// Waits until every drawn cell of column `class` passes `check` (and there are some).
pub(crate) async fn wait_until_all(
    app: &RunningApp,
    class: &str,
    what: &str,
    check: impl Fn(&str) -> bool,
) -> Vec<String> {
    let deadline = Instant::now() + Duration::from_secs(15);
    let mut last = Vec::new();
    while Instant::now() < deadline {
        last = column(app, class).await;
        if !last.is_empty() && last.iter().all(|text| check(text)) {
            return last;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the {class} column never showed only {what}; last: {last:?}");
}

pub(crate) async fn seeded_app() -> (AppHarness, RunningApp) {
    let harness = AppHarness::new();
    let app = harness.launch().await;
    app.set_up_admin().await;
    app.quit().await;
    SqliteStore::open_file(&harness.database_path())
        .await
        .expect("opens")
        .close()
        .await;
    let options = sqlx::sqlite::SqliteConnectOptions::new().filename(harness.database_path());
    let mut connection = sqlx::SqliteConnection::connect_with(&options)
        .await
        .expect("connects");
    desk_seed::bulk::seed_sqlite(&mut connection, SEEDED)
        .await
        .expect("seeds");
    connection.close().await.expect("closes");
    let app = harness.launch().await;
    app.sign_in(ADMIN_EMAIL, ADMIN_PASSWORD).await;
    app.element("#customer-list tbody td.email").await;
    (harness, app)
}

#[tokio::test]
async fn search_sort_filter_columns_and_bulk_actions_work_by_keyboard_and_mouse() {
    let (_harness, app) = seeded_app().await;
    app.screenshot("customer-list").await;

    // `/` goes to the search box; the list answers while the person types.
    app.click("#customers-heading").await;
    type_key(&app, '/').await;
    for key in "gmail".chars() {
        type_key(&app, key).await;
    }
    wait_until_all(&app, "email", "gmail addresses", |email| {
        email.ends_with("@gmail.com")
    })
    .await;
    app.screenshot("customer-list-search").await;
    // Escape clears the search.
    type_key(&app, '\u{e00c}').await;
    wait_until_all(&app, "email", "every address again", |_| true).await;
    let deadline = Instant::now() + Duration::from_secs(10);
    while column(&app, "email")
        .await
        .iter()
        .all(|email| email.ends_with("@gmail.com"))
    {
        assert!(Instant::now() < deadline, "the search never cleared");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }

    // Sort by email, then the other way round.
    app.click("#sort-email").await;
    let ascending = wait_until_all(&app, "email", "sorted addresses", |_| true).await;
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let shown = column(&app, "email").await;
        let mut sorted = shown.clone();
        sorted.sort_by_key(|email| email.to_lowercase());
        if !shown.is_empty()
            && shown == sorted
            && shown[0].to_lowercase()
                <= ascending
                    .last()
                    .map(|e| e.to_lowercase())
                    .unwrap_or_default()
        {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "never sorted by email: {shown:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let th = app.element("th.email").await;
    assert_eq!(
        th.attr("aria-sort").await.expect("reads").as_deref(),
        Some("ascending")
    );
    app.click("#sort-email").await;
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let shown = column(&app, "email").await;
        let mut sorted = shown.clone();
        sorted.sort_by_key(|email| std::cmp::Reverse(email.to_lowercase()));
        if !shown.is_empty() && shown == sorted {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "never sorted by email backwards: {shown:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(
        app.element("th.email")
            .await
            .attr("aria-sort")
            .await
            .expect("reads")
            .as_deref(),
        Some("descending")
    );

    // Show the preferred site and on-hold columns; filter to the Swiss site.
    app.click("#customer-columns summary").await;
    app.click("#column-preferred-site").await;
    app.click("#column-on-hold").await;
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
    app.screenshot("customer-list-filtered").await;

    // Tick two customers and put them on hold.
    let boxes = app
        .client()
        .find_all(Locator::Css("#customer-list tbody td.select input"))
        .await
        .expect("tick boxes");
    assert!(boxes.len() >= 2, "the filter leaves at least two customers");
    boxes[0].click().await.expect("ticks");
    boxes[1].click().await.expect("ticks");
    app.wait_for_text("#selection-count", "2 selected").await;
    app.screenshot("customer-list-ticked").await;
    app.click("#bulk-on-hold").await;
    app.wait_for_text("#customers-status", "Put on hold: ")
        .await;
    let status = app
        .element("#customers-status")
        .await
        .text()
        .await
        .expect("reads");
    assert!(
        status.contains("2 customers changed") || status.contains("had it already"),
        "{status}"
    );

    // Every result of the filter, without ticking them one by one: release them.
    let first = app.element("#customer-list tbody td.select input").await;
    first.click().await.expect("ticks");
    app.click("#select-all-results").await;
    app.wait_for_text("#selection-count", "All ").await;
    app.wait_for_text("#selection-count", "results selected")
        .await;
    app.click("#bulk-release-hold").await;
    app.wait_for_text("#customers-status", "Release from hold: ")
        .await;
    wait_until_all(&app, "on-hold", "customers not on hold", |on_hold| {
        on_hold == "No"
    })
    .await;
    app.screenshot("customer-list-bulk-done").await;
    app.quit().await;
}

#[tokio::test]
async fn a_saved_view_is_there_again_after_a_restart() {
    let (harness, app) = seeded_app().await;
    app.click("#customer-columns summary").await;
    app.click("#column-phone").await;
    app.click("#column-created").await;
    app.click("#customer-columns summary").await;
    app.click("#customer-filters summary").await;
    app.element("#filter-verification")
        .await
        .select_by_value("verified")
        .await
        .expect("chooses verified");
    app.click("#customer-filters summary").await;
    app.click("#sort-created").await;
    app.click("#sort-created").await;
    app.click("#customer-view-save summary").await;
    app.fill("#view-name", "Verified, newest first").await;
    app.click("#view-default").await;
    app.screenshot("customer-list-save-view").await;
    app.click("#view-save").await;
    app.wait_for_text(
        "#customers-status",
        "View \"Verified, newest first\" saved.",
    )
    .await;
    app.quit().await;

    let app = harness.launch().await;
    app.sign_in(ADMIN_EMAIL, ADMIN_PASSWORD).await;
    app.element("#customer-list tbody td.phone").await;
    let created = app.element("th.created").await;
    let deadline = Instant::now() + Duration::from_secs(10);
    while created.attr("aria-sort").await.expect("reads").as_deref() != Some("descending") {
        assert!(Instant::now() < deadline, "the view's sort never came back");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let verification = app
        .element("#filter-verification")
        .await
        .prop("value")
        .await
        .expect("reads");
    assert_eq!(verification.as_deref(), Some("verified"));
    let chosen = app
        .client()
        .execute(
            "return document.querySelector('#customer-view').selectedOptions[0].textContent;",
            vec![],
        )
        .await
        .expect("reads the chosen view");
    assert_eq!(chosen.as_str(), Some("Verified, newest first (opens with)"));
    // The rows follow the view's query once its first page is in.
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let dates = column(&app, "created").await;
        let mut newest_first = dates.clone();
        newest_first.sort_by(|a, b| b.cmp(a));
        if !dates.is_empty() && dates == newest_first {
            break;
        }
        assert!(Instant::now() < deadline, "never newest first: {dates:?}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    app.screenshot("customer-list-view-after-restart").await;

    // A second view by the same name (typed in other case) is refused beside the name.
    app.element("#customer-view")
        .await
        .select_by_value("")
        .await
        .expect("chooses the standard view");
    app.click("#customer-view-save summary").await;
    app.fill("#view-name", "verified, NEWEST first").await;
    app.click("#view-save").await;
    app.wait_for_text(
        "#view-name-error",
        "You have a view named \"verified, NEWEST first\" already",
    )
    .await;
    app.screenshot("customer-list-view-name-taken").await;

    // Choosing the view offers to delete it; once deleted it is gone from the picker.
    app.element("#customer-view")
        .await
        .select_by_label("Verified, newest first (opens with)")
        .await
        .expect("chooses the saved view");
    app.click("#view-delete").await;
    app.wait_for_text(
        "#customers-status",
        "View \"Verified, newest first\" deleted.",
    )
    .await;
    let options = app
        .client()
        .execute(
            "return document.querySelectorAll('#customer-view option').length;",
            vec![],
        )
        .await
        .expect("counts the views");
    assert_eq!(options.as_u64(), Some(1), "only the standard view is left");
    app.quit().await;
}

#[tokio::test]
async fn the_first_run_offers_a_demo_set_to_try_the_list_on() {
    let harness = AppHarness::new();
    let app = harness.launch().await;
    app.set_up_admin().await;
    app.wait_for_text("#demo-offer", "try the list on a demo set")
        .await;
    app.screenshot("customer-list-demo-offer").await;
    app.click("#load-demo").await;
    app.wait_for_text_within(
        "#customers-status",
        "Added 200 demo customers.",
        Duration::from_secs(60),
    )
    .await;
    wait_until_all(&app, "email", "demo customers", |email| email.contains('@')).await;
    assert!(
        !app.exists("#demo-offer").await,
        "the offer is gone once there are customers"
    );
    app.quit().await;
}
