//! Custom attributes on both backends: administrators define them, the customer form
//! checks values by kind, values change with the customer's version and history, and
//! erasure clears them.

use std::sync::Arc;

use chrono::Utc;
use desk_app::customers::{create_customer, customer_history, erase_customer, update_customer};
use desk_app::passwords::Passwords;
use desk_domain::DeskError;
use desk_domain::custom_attribute::{AttributeDefinition, AttributeKind};
use desk_domain::customer::{CustomerInput, CustomerUpdate, NewCustomerRequest};
use desk_store::{Store, StoreError, UniqueField};
use desk_tests::fixtures::{audit_by_test, customer_input, tester};

fn tier() -> AttributeDefinition {
    AttributeDefinition {
        code: "tier".into(),
        label: "Loyalty tier".into(),
        other_labels: vec![("de".into(), "Treuestufe".into())],
        kind: AttributeKind::Choice,
        required: true,
        choices: vec!["Gold".into(), "Silver".into()],
    }
}

pub async fn attributes_are_defined_checked_versioned_and_erased(store: Arc<dyn Store>) {
    let store = store.as_ref();
    store
        .insert_customer_attribute(&tier(), Utc::now(), &audit_by_test())
        .await
        .expect("defines tier");
    let since = AttributeDefinition {
        code: "member_since".into(),
        label: "Member since".into(),
        kind: AttributeKind::Date,
        ..AttributeDefinition::default()
    };
    store
        .insert_customer_attribute(&since, Utc::now(), &audit_by_test())
        .await
        .expect("defines member_since");
    let again = store
        .insert_customer_attribute(&tier(), Utc::now(), &audit_by_test())
        .await;
    assert!(
        matches!(
            again,
            Err(StoreError::Duplicate(UniqueField::AttributeCode))
        ),
        "{again:?}"
    );
    let defined = store.customer_attributes().await.expect("reads");
    assert_eq!(defined, [tier(), since], "in the order they were defined");

    let passwords = Passwords::with_params(8_192, 1, 1).expect("params");
    let request = |tier_value: &str| {
        let mut details = customer_input("ann@example.com", "Ann", "Lee");
        details.attributes.insert("tier".into(), tier_value.into());
        NewCustomerRequest {
            details,
            ..NewCustomerRequest::default()
        }
    };
    let missing = create_customer(store, &passwords, &tester(), &request(""), Utc::now())
        .await
        .expect_err("tier is required");
    assert_eq!(missing.field_errors()[0].field, "attr.tier");
    let created = create_customer(store, &passwords, &tester(), &request("Gold"), Utc::now())
        .await
        .expect("creates")
        .customer;
    assert_eq!(
        created.attributes.get("tier").map(String::as_str),
        Some("Gold")
    );

    let mut changed = created.input();
    changed.attributes.insert("tier".into(), "Silver".into());
    changed
        .attributes
        .insert("member_since".into(), "2020-02-29".into());
    let saved = update_customer(
        store,
        &tester(),
        &CustomerUpdate {
            id: created.id,
            version: created.version,
            opened: created.input(),
            details: changed,
        },
        Utc::now(),
    )
    .await
    .expect("saves")
    .customer;
    assert_eq!(saved.version, 2);
    assert_eq!(
        saved.attributes.get("member_since").map(String::as_str),
        Some("2020-02-29")
    );
    let history = customer_history(store, created.id, None)
        .await
        .expect("history");
    let change = &history.items[0].changes;
    assert!(
        change.iter().any(|c| c.field == "attr.tier"
            && c.old.as_deref() == Some("Gold")
            && c.new.as_deref() == Some("Silver")),
        "{change:?}"
    );

    let unknown = update_customer(
        store,
        &tester(),
        &CustomerUpdate {
            id: created.id,
            version: saved.version,
            opened: saved.input(),
            details: CustomerInput {
                attributes: [("shoe_size".to_owned(), "42".to_owned())].into(),
                ..saved.input()
            },
        },
        Utc::now(),
    )
    .await
    .expect_err("no such attribute");
    assert!(
        matches!(unknown, DeskError::Validation { .. }),
        "{unknown:?}"
    );

    let erased = erase_customer(store, &tester(), created.id, Utc::now())
        .await
        .expect("erases");
    assert!(erased.attributes.is_empty());
}

contract!(attributes_are_defined_checked_versioned_and_erased);
