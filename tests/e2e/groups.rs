//! Customer groups in the real window, step by step as seed 002 describes them: add a
//! group with its description and tick customers on two pages and through a search;
//! view it and open a member's page; edit it and clear one tick; filter the customer
//! list by the group and assign more from the list in bulk; edit again and De-select
//! all.

use std::time::{Duration, Instant};

use desk_tests::app_driver::RunningApp;
use fantoccini::Locator;

use super::customer_list::{column, seeded_app, wait_until_all};

/// Ticks the box of row `index` (0-based) of table `table`, scrolling it into view.
async fn tick_row(app: &RunningApp, table: &str, index: usize) {
    let scroll = format!("{table}-scroll");
    app.client()
        .execute(
            "const box = document.getElementById(arguments[0]); \
             box.scrollTop = Math.max(0, arguments[1] * 36 - 72);",
            vec![
                serde_json::json!(scroll.trim_start_matches('#')),
                serde_json::json!(index),
            ],
        )
        .await
        .expect("scrolls");
    let css = format!(
        "{table} tbody tr[aria-rowindex='{}'] td.select input",
        index + 2
    );
    app.click(&css).await;
}

/// How many rows table `table` draws now.
async fn rows_of(app: &RunningApp, table: &str) -> usize {
    app.client()
        .find_all(Locator::Css(&format!("{table} tbody tr[data-key]")))
        .await
        .map(|rows| rows.len())
        .unwrap_or(0)
}

/// The texts of column `class` in table `table`, top to bottom.
async fn column_of(app: &RunningApp, table: &str, class: &str) -> Vec<String> {
    let mut texts = Vec::new();
    let cells = app
        .client()
        .find_all(Locator::Css(&format!(
            "{table} tbody tr[data-key] td.{class}"
        )))
        .await
        .unwrap_or_default();
    for cell in cells {
        texts.push(cell.text().await.unwrap_or_default());
    }
    texts
}

async fn text_of(app: &RunningApp, css: &str) -> String {
    app.element(css).await.text().await.expect("reads")
}

#[tokio::test]
async fn a_group_is_added_viewed_edited_used_in_the_list_and_emptied() {
    let (_harness, app) = seeded_app().await;

    // Customers › Customer groups: none yet; "Add customer group" at the top right.
    app.click("#nav-groups").await;
    app.wait_for_text("#group-list-empty", "No customer groups yet.")
        .await;
    app.click("#add-group").await;

    // General information, then Next.
    app.fill("#group-name", "Wholesale").await;
    app.fill("#group-description", "Resellers in Europe").await;
    app.screenshot("group-add-general").await;
    app.click("#group-next").await;

    // Customers: two on the first page, one on the second, one through a search.
    app.element("#group-customer-list tbody td.select input")
        .await;
    tick_row(&app, "#group-customer-list", 0).await;
    tick_row(&app, "#group-customer-list", 1).await;
    tick_row(&app, "#group-customer-list", 150).await;
    app.wait_for_text("#group-picked", "3 customers ticked")
        .await;
    app.fill("#group-customer-search", "gmail").await;
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let emails: Vec<String> = app
            .client()
            .execute(
                "return [...document.querySelectorAll('#group-customer-list tbody td.email')]\
                 .map(cell => cell.textContent);",
                vec![],
            )
            .await
            .ok()
            .and_then(|value| serde_json::from_value(value).ok())
            .unwrap_or_default();
        if !emails.is_empty() && emails.iter().all(|email| email.ends_with("@gmail.com")) {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the search never answered: {emails:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // The first gmail customer, unless ticked already on the first page.
    let boxes = app
        .client()
        .find_all(Locator::Css("#group-customer-list tbody td.select input"))
        .await
        .expect("tick boxes");
    let mut ticked_by_search = false;
    for tick in boxes {
        if !tick.is_selected().await.expect("reads") {
            tick.click().await.expect("ticks");
            ticked_by_search = true;
            break;
        }
    }
    assert!(ticked_by_search, "a gmail customer to tick");
    app.wait_for_text("#group-picked", "4 customers ticked")
        .await;
    app.screenshot("group-add-customers").await;
    app.click("#group-save-customers").await;

    // The group's page: its fields and its four customers.
    app.wait_for_text(
        "#group-status",
        "Customer group \"Wholesale\" added. 4 customers assigned.",
    )
    .await;
    assert_eq!(text_of(&app, "#group-count").await, "4");
    assert_eq!(
        text_of(&app, "#group-description-text").await,
        "Resellers in Europe"
    );
    let deadline = Instant::now() + Duration::from_secs(15);
    while rows_of(&app, "#group-members").await != 4 {
        assert!(
            Instant::now() < deadline,
            "the group never listed its four customers"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    app.screenshot("group-view").await;

    // View a member: their page lists the group as a link.
    app.click("#group-members tbody td.actions a").await;
    app.wait_for_text("#customer-groups", "Wholesale").await;
    app.click("#customer-groups a").await;
    app.wait_for_text("#group-name", "Wholesale").await;

    // Edit: clear one tick in Assigned customers and save.
    app.click("#group-edit").await;
    app.click("#tab-customers").await;
    app.element("#group-assigned-list tbody td.select input")
        .await;
    // The picker below shows who is in the group already: ticked and greyed.
    let member = text_of(&app, "#group-assigned-list tbody tr[data-key] td.email").await;
    app.fill("#group-customer-search", &member).await;
    let deadline = Instant::now() + Duration::from_secs(15);
    while column_of(&app, "#group-customer-list", "email").await != [member.clone()] {
        assert!(
            Instant::now() < deadline,
            "the search never showed {member} alone"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let tick = app
        .element("#group-customer-list tbody tr[data-key] td.select input")
        .await;
    assert_eq!(
        tick.prop("disabled").await.expect("reads").as_deref(),
        Some("true"),
        "an assigned customer cannot be ticked again"
    );
    assert_eq!(
        tick.prop("checked").await.expect("reads").as_deref(),
        Some("true"),
        "an assigned customer shows ticked"
    );
    app.screenshot("group-edit-picker-assigned").await;
    tick_row(&app, "#group-assigned-list", 0).await;
    app.wait_for_text(
        "#group-assigned-summary",
        "4 assigned; 1 will be unassigned when you save.",
    )
    .await;
    // Cleared above, the same customer is no longer greyed in the picker below.
    assert_eq!(
        tick.prop("disabled").await.expect("reads").as_deref(),
        Some("false"),
        "a customer this form unassigns can be ticked again"
    );
    app.screenshot("group-edit-assigned").await;
    app.click("#group-save-customers").await;
    app.wait_for_text("#group-status", "1 customer unassigned.")
        .await;
    assert_eq!(text_of(&app, "#group-count").await, "3");

    // The customer list filters by the group…
    app.click("#nav-customers").await;
    app.element("#customer-list tbody td.email").await;
    app.click("#customer-filters summary").await;
    app.element("#filter-group option:nth-child(2)").await;
    app.element("#filter-group")
        .await
        .select_by_label("Wholesale")
        .await
        .expect("chooses the group");
    app.click("#customer-filters summary").await;
    let deadline = Instant::now() + Duration::from_secs(15);
    while column(&app, "email").await.len() != 3 {
        assert!(
            Instant::now() < deadline,
            "the filter never showed the three members"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // The Customer groups column names the group on each of them.
    app.click("#customer-columns summary").await;
    app.click("#column-groups").await;
    app.click("#customer-columns summary").await;
    wait_until_all(&app, "groups", "the group's name", |groups| {
        groups.contains("Wholesale")
    })
    .await;
    app.screenshot("customer-list-group-filter").await;

    // …and assigns more in bulk: every result of "gmail" but those in it already.
    app.click("#customer-filters summary").await;
    app.element("#filter-group")
        .await
        .select_by_value("")
        .await
        .expect("any group");
    app.click("#customer-filters summary").await;
    app.fill("#customer-search", "gmail").await;
    wait_until_all(&app, "email", "gmail addresses", |email| {
        email.ends_with("@gmail.com")
    })
    .await;
    app.element("#customer-list tbody td.select input")
        .await
        .click()
        .await
        .expect("ticks");
    app.click("#select-all-results").await;
    app.wait_for_text("#selection-count", "results selected")
        .await;
    app.element("#bulk-group")
        .await
        .select_by_label("Wholesale")
        .await
        .expect("chooses the group");
    app.click("#bulk-assign-group").await;
    let status = app
        .wait_for_text("#customers-status", "assigned to “Wholesale”")
        .await;
    assert!(status.contains("customers assigned"), "{status}");

    // Edit again and De-select all: the count is shown before saving.
    app.click("#nav-groups").await;
    app.wait_for_text("#group-list", "Wholesale").await;
    app.click("#group-list tbody td.actions a[id^='edit-']")
        .await;
    app.click("#tab-customers").await;
    app.click("#group-deselect-all").await;
    let summary = app
        .wait_for_text(
            "#group-assigned-summary",
            "will be unassigned when you save.",
        )
        .await;
    assert!(summary.starts_with("All "), "{summary}");
    app.screenshot("group-deselect-all").await;
    app.click("#group-save-customers").await;
    app.wait_for_text("#group-status", "customers unassigned.")
        .await;
    assert_eq!(text_of(&app, "#group-count").await, "0");

    // Delete it: a confirmation names the group; the list says it is gone.
    app.click("#group-delete").await;
    app.wait_for_text(
        "#group-delete-confirm",
        "Delete the customer group \"Wholesale\"?",
    )
    .await;
    app.click("#group-delete-yes").await;
    app.wait_for_text("#groups-status", "Customer group \"Wholesale\" deleted.")
        .await;
    app.wait_for_text("#group-list-empty", "No customer groups yet.")
        .await;
    app.quit().await;
}
