//! Orders on both backends: written as a storefront writes them, read back as a
//! company's and a customer's history with totals per currency (cancelled orders
//! not counted), newest first, and a sales rep reads only their own companies'.

use std::sync::Arc;

use chrono::{Duration, TimeZone, Utc};
use desk_app::companies::{company_orders, create_company, customer_orders};
use desk_app::policy::Scope;
use desk_domain::DeskError;
use desk_domain::company_form::CompanyInput;
use desk_domain::customer_group::{CustomerPicks, GroupInput, NewGroupRequest};
use desk_domain::order::OrderStatus;
use desk_domain::staff::Role;
use desk_store::{NewOrder, Store};
use desk_tests::fixtures::{insert_customer, insert_named_staff_member, tester};

pub async fn histories_count_total_per_currency_and_list_the_latest_first(store: Arc<dyn Store>) {
    let store = store.as_ref();
    let anna =
        insert_named_staff_member(store, "anna@example.com", "Anna Berg", &[Role::SalesRep]).await;
    let ben =
        insert_named_staff_member(store, "ben@example.com", "Ben Cole", &[Role::SalesRep]).await;
    let group = desk_app::groups::create_group(
        store,
        &tester(),
        &NewGroupRequest {
            input: GroupInput {
                name: "Wholesale".into(),
                description: String::new(),
            },
            customers: CustomerPicks::default(),
        },
        Utc::now(),
    )
    .await
    .expect("a group")
    .group
    .id;
    let acme = create_company(
        store,
        &tester(),
        &CompanyInput {
            name: "Acme GmbH".into(),
            tax_id: "DE136695976".into(),
            group: Some(group),
            sales_rep: Some(anna),
            ..CompanyInput::default()
        },
        Utc::now(),
    )
    .await
    .expect("a company")
    .row
    .id;
    let ada = insert_customer(store, "ada@example.com", "Ada", "Lovelace").await;
    let start = Utc
        .with_ymd_and_hms(2026, 11, 1, 9, 0, 0)
        .single()
        .expect("a time");
    for (n, (status, minor, currency, company)) in [
        (OrderStatus::Delivered, 120_050, "EUR", Some(acme)),
        (OrderStatus::Shipped, 9_950, "EUR", Some(acme)),
        (OrderStatus::Cancelled, 50_000, "EUR", Some(acme)),
        (OrderStatus::Placed, 30_000, "CHF", Some(acme)),
        (OrderStatus::Placed, 1_000, "EUR", None),
    ]
    .into_iter()
    .enumerate()
    {
        store
            .insert_order(&NewOrder {
                id: uuid::Uuid::now_v7(),
                order_number: &format!("SO-{:05}", n + 1),
                company,
                customer: ada.id,
                placed_at: start + Duration::days(n as i64),
                status,
                total_minor: minor,
                currency,
            })
            .await
            .expect("a storefront writes an order");
    }

    let history = company_orders(store, Scope::Everything, acme)
        .await
        .expect("the company's orders");
    assert_eq!(history.count, 4);
    let totals: Vec<String> = history.totals.iter().map(|t| t.display()).collect();
    assert_eq!(
        totals,
        ["300.00 CHF", "1,300.00 EUR"],
        "per currency, the cancelled order not counted"
    );
    let numbers: Vec<&str> = history
        .latest
        .iter()
        .map(|o| o.order_number.as_str())
        .collect();
    assert_eq!(numbers, ["SO-00004", "SO-00003", "SO-00002", "SO-00001"]);
    assert_eq!(history.latest[0].company.as_deref(), Some("Acme GmbH"));

    let own = customer_orders(store, ada.id).await.expect("her orders");
    assert_eq!(own.count, 5, "her orders for no company count on her page");
    assert_eq!(own.latest[0].order_number, "SO-00005");

    assert_eq!(
        company_orders(store, Scope::AssignedTo(anna), acme)
            .await
            .expect("Anna's company")
            .count,
        4
    );
    let answer = company_orders(store, Scope::AssignedTo(ben), acme).await;
    assert!(
        matches!(answer, Err(DeskError::NotFound { .. })),
        "another rep's company's orders are not found: {answer:?}"
    );
}

contract!(histories_count_total_per_currency_and_list_the_latest_first);
