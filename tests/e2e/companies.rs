//! Companies in the real window, as seed 004 describes them: create one with name,
//! tax ID, customer group and sales representative (a mistyped VAT number is refused
//! beside its field), then add a website and a billing address; open its profile;
//! sign in as its sales rep and see it, and as another sales rep and see none.

use desk_domain::Rpc;
use desk_domain::commands::CreateCustomer;
use desk_domain::customer::{CustomerInput, NewCustomerRequest};
use desk_domain::rpc::ARGS_KEY;
use desk_tests::app_driver::{AppHarness, RunningApp};
use serde_json::json;

const ANNA: &str = "anna.berg@example.com";
const BEN: &str = "ben.cole@example.com";
const ONE_TIME: &str = "first password 123";

async fn add_sales_rep(app: &RunningApp, email: &str, name: &str) {
    app.click("#nav-staff").await;
    app.fill("#staff-email", email).await;
    app.fill("#staff-display_name", name).await;
    // The form keeps the last person's roles ticked: tick exactly Sales rep.
    for (role, wanted) in [
        ("administrator", false),
        ("support_agent", false),
        ("sales_rep", true),
        ("reviewer", false),
    ] {
        let tick = app.element(&format!("#staff-role-{role}")).await;
        if tick.is_selected().await.expect("reads the tick") != wanted {
            tick.click().await.expect("ticks");
        }
    }
    app.fill("#staff-password", ONE_TIME).await;
    app.click("#new-staff-submit").await;
    app.wait_for_text("#staff-list", email).await;
}

async fn choose(app: &RunningApp, css: &str, label: &str) {
    app.element(css)
        .await
        .select_by_label(label)
        .await
        .unwrap_or_else(|error| panic!("chooses {label} in {css}: {error}"));
}

#[tokio::test]
async fn a_company_is_created_edited_and_seen_only_by_its_sales_rep() {
    let harness = AppHarness::new();
    let app = harness.launch().await;
    app.set_up_admin().await;
    add_sales_rep(&app, ANNA, "Anna Berg").await;
    add_sales_rep(&app, BEN, "Ben Cole").await;
    app.click("#nav-groups").await;
    app.click("#add-group").await;
    app.fill("#group-name", "Wholesale").await;
    app.click("#group-save").await;
    app.wait_for_text("#group-status", "Wholesale").await;

    // Members › Companies: none yet; Create at the top right.
    app.click("#nav-companies").await;
    app.wait_for_text("#company-list-empty", "No companies to show.")
        .await;
    app.click("#create-company").await;
    app.fill("#company-name", "Acme Trading GmbH").await;
    app.fill("#company-tax_id", "DE 136 695 977").await;
    choose(&app, "#company-group", "Wholesale").await;
    choose(&app, "#company-sales_rep", "Anna Berg").await;
    app.click("#company-save").await;
    app.wait_for_text("#company-tax_id-error", "check digits do not match")
        .await;
    app.screenshot("company-create-tax-id-refused").await;
    app.fill("#company-tax_id", "DE 136 695 976").await;
    app.click("#company-save").await;
    app.wait_for_text("#company-status", "Company \"Acme Trading GmbH\" created.")
        .await;
    app.wait_for_text("#company-tax-id", "DE136695976").await;
    app.wait_for_text("#company-sales-rep", "Anna Berg").await;
    app.wait_for_text("#company-orders-empty", "No orders yet.")
        .await;

    // Optionally, a website and a billing address.
    app.click("#company-edit").await;
    app.fill("#company-website", "acme.example").await;
    app.fill("#company-billing_line1", "Hauptstrasse 1").await;
    app.fill("#company-billing_postal_code", "10115").await;
    app.fill("#company-billing_city", "Berlin").await;
    choose(&app, "#company-billing_country", "Germany").await;
    app.screenshot("company-edit").await;
    app.click("#company-save").await;
    app.wait_for_text("#company-status", "saved").await;
    app.wait_for_text("#company-website", "https://acme.example/")
        .await;
    app.click("#tab-profile").await;
    app.wait_for_text("#company-billing", "Hauptstrasse 1, 10115 Berlin, DE")
        .await;
    app.screenshot("company-profile").await;

    // Members: add an existing customer, found by name, and make her the contact
    // person; she cannot be removed while she is.
    let created = app
        .invoke(
            CreateCustomer::NAME,
            json!({ ARGS_KEY: CreateCustomer {
                input: NewCustomerRequest {
                    details: CustomerInput {
                        email: "ada.lovelace@example.com".into(),
                        first_name: "Ada".into(),
                        last_name: "Lovelace".into(),
                        preferred_currency: "EUR".into(),
                        ..CustomerInput::default()
                    },
                    ..NewCustomerRequest::default()
                },
            } }),
        )
        .await;
    assert!(created.get("ok").is_some(), "adds a customer: {created}");
    app.click("#tab-members").await;
    app.wait_for_text("#company-members-empty", "No members yet.")
        .await;
    app.fill("#member-search", "lovelace").await;
    app.click("#member-search-results button").await;
    app.wait_for_text("#members-status", "Ada Lovelace added as a member.")
        .await;
    app.wait_for_text("#company-members td.roles", "Member")
        .await;
    app.click("#company-members button[id^='make-contact-']")
        .await;
    app.wait_for_text("#members-status", "Ada Lovelace is now the contact person.")
        .await;
    app.wait_for_text("#company-members td.contact", "Contact person")
        .await;
    app.click("#company-members button[id^='remove-']").await;
    app.wait_for_text(
        "#members-error",
        "Make another member the contact person first.",
    )
    .await;
    app.click("#company-members button[id^='policies-']").await;
    app.wait_for_text(
        "#member-policies",
        "View prices: the whole company's (from Member)",
    )
    .await;
    app.screenshot("company-members").await;
    // Her roles: Buyer too.
    app.click("#company-members button[id^='roles-']").await;
    app.click("#member-role-buyer").await;
    app.click("#member-roles-save").await;
    app.wait_for_text("#members-status", "Roles of Ada Lovelace saved.")
        .await;
    app.wait_for_text("#company-members td.roles", "Buyer, Member")
        .await;
    // Deactivated, she stays listed.
    app.click("#company-members button[id^='toggle-active-']")
        .await;
    app.wait_for_text("#members-status", "Ada Lovelace deactivated.")
        .await;
    app.wait_for_text("#company-members td.status", "Deactivated")
        .await;

    // Address book: the billing address from the form is the default billing one; a
    // shipping address added is the default of its kind; another billing address
    // made the default takes over, and deleting the old one leaves one of each.
    app.click("#tab-addresses").await;
    app.wait_for_text(
        "#company-addresses td.address",
        "Hauptstrasse 1, 10115 Berlin, DE",
    )
    .await;
    choose(&app, "#company-address-kind", "Shipping").await;
    app.fill("#company-address-line1", "Lagerweg 5").await;
    app.fill("#company-address-postal_code", "12345").await;
    app.fill("#company-address-city", "Potsdam").await;
    choose(&app, "#company-address-country", "Germany").await;
    app.click("#company-address-save").await;
    app.wait_for_text("#addresses-status", "Address added.")
        .await;
    app.wait_for_text("#company-addresses", "Lagerweg 5, 12345 Potsdam, DE")
        .await;
    choose(&app, "#company-address-kind", "Billing").await;
    app.fill("#company-address-line1", "Rechnungsweg 9").await;
    app.fill("#company-address-postal_code", "1234").await;
    app.fill("#company-address-city", "Berlin").await;
    choose(&app, "#company-address-country", "Germany").await;
    app.click("#company-address-make_default").await;
    // WebKitWebDriver selected Germany in the second address's country list without
    // a change event (the first address's worked; a person's click always sends
    // one), so the test sends it.
    app.client()
        .execute(
            "document.getElementById('company-address-country')\
             .dispatchEvent(new Event('change', { bubbles: true }));",
            vec![],
        )
        .await
        .expect("dispatch");
    app.click("#company-address-save").await;
    app.wait_for_text(
        "#company-address-postal_code-error",
        "is not a postal code in Germany",
    )
    .await;
    app.fill("#company-address-postal_code", "10117").await;
    assert!(
        app.element("#company-address-make_default")
            .await
            .is_selected()
            .await
            .expect("reads the tick")
    );
    app.click("#company-address-save").await;
    app.wait_for_text("#addresses-status", "Address added.")
        .await;
    // The status comes before the list is read again: under load the table still
    // showed the old defaults, so wait for the new address to be listed.
    app.wait_for_text("#company-addresses", "Rechnungsweg 9")
        .await;
    let defaults: Vec<String> = app
        .client()
        .execute(
            "return [...document.querySelectorAll('#company-addresses tbody tr')]\
             .filter(row => row.querySelector('td.default').textContent === 'Default')\
             .map(row => row.querySelector('td.address').textContent);",
            vec![],
        )
        .await
        .ok()
        .and_then(|value| serde_json::from_value(value).ok())
        .unwrap_or_default();
    assert_eq!(
        defaults,
        [
            "Rechnungsweg 9, 10117 Berlin, DE",
            "Lagerweg 5, 12345 Potsdam, DE"
        ],
        "one default of each kind"
    );
    // The old billing address goes; the new default stays.
    app.client()
        .execute(
            "[...document.querySelectorAll('#company-addresses tbody tr')]\
             .find(row => row.textContent.includes('Hauptstrasse 1'))\
             .querySelector('button[id^=\"delete-address-\"]').click();",
            vec![],
        )
        .await
        .expect("clicks Delete");
    app.wait_for_text(
        "#addresses-status",
        "Address \"Hauptstrasse 1, 10115 Berlin, DE\" removed.",
    )
    .await;
    app.screenshot("company-address-book").await;

    // The list shows it with its group and sales rep by name.
    app.click("#company-back").await;
    app.wait_for_text("#company-list tbody td.sales-rep", "Anna Berg")
        .await;
    app.wait_for_text("#company-list tbody td.group", "Wholesale")
        .await;
    // A search for another name shows none; its tax ID, typed with spaces, finds it.
    app.fill("#company-search", "brix").await;
    app.wait_for_text("#company-list-empty", "No companies to show.")
        .await;
    app.fill("#company-search", "de 136 695 976").await;
    app.wait_for_text("#company-list tbody td.name", "Acme Trading GmbH")
        .await;
    app.screenshot("company-list").await;
    app.sign_out().await;

    // Anna, its sales rep, sees it; Ben sees none.
    app.sign_in_with_one_time(ANNA, ONE_TIME, "anna's own password 1")
        .await;
    app.click("#nav-companies").await;
    app.wait_for_text("#company-list tbody td.name", "Acme Trading GmbH")
        .await;
    assert!(
        !app.exists("#create-company").await,
        "a sales rep does not add companies"
    );
    app.screenshot("company-list-sales-rep").await;
    app.sign_out().await;
    app.sign_in_with_one_time(BEN, ONE_TIME, "ben's own password 12")
        .await;
    app.click("#nav-companies").await;
    app.wait_for_text("#company-list-empty", "No companies to show.")
        .await;
    app.screenshot("company-list-other-sales-rep").await;
    app.quit().await;
}
