//! GDPR on both backends: an export holds everything about a customer; erasing
//! anonymises them, removes addresses and notes, empties their messages, redacts their
//! audit entries and keeps their customer ID reserved.

use std::sync::Arc;

use chrono::Utc;
use desk_app::customers::{
    add_note, create_customer, customer_export, erase_customer, export_customer, save_address,
    update_customer,
};
use desk_app::passwords::Passwords;
use desk_domain::DeskError;
use desk_domain::customer::{CustomerInput, CustomerUpdate, NewCustomerRequest};
use desk_domain::customer_address::{AddressInput, AddressSave};
use desk_domain::customer_export::ExportRequest;
use desk_domain::customer_note::NewNote;
use desk_store::{OutboxQuery, OutboxStatus, Store};
use desk_tests::fixtures::{audit_by_test, customer_input, tester};

pub async fn an_export_holds_everything_and_erasure_leaves_nothing_personal(store: Arc<dyn Store>) {
    let store = store.as_ref();
    let mut site = store.sites().await.expect("sites").remove(0);
    site.storefront_url = Some("https://shop.example.com".into());
    store
        .update_site(&site, &audit_by_test())
        .await
        .expect("a URL");
    let created = create_customer(
        store,
        &Passwords::with_params(8_192, 1, 1).expect("params"),
        &tester(),
        &NewCustomerRequest {
            details: CustomerInput {
                customer_ref: "GDPR-1".into(),
                phone: "+41 44 668 18 00".into(),
                company: "Acme AG".into(),
                ..customer_input("ann.lee@example.com", "Ann", "Lee")
            },
            ..NewCustomerRequest::default()
        },
        Utc::now(),
    )
    .await
    .expect("creates")
    .customer;
    let id = created.id;
    update_customer(
        store,
        &tester(),
        &CustomerUpdate {
            id,
            version: 1,
            opened: created.input(),
            details: CustomerInput {
                last_name: "Lee-Smith".into(),
                ..created.input()
            },
        },
        Utc::now(),
    )
    .await
    .expect("changes the name");
    save_address(
        store,
        &tester(),
        &AddressSave {
            customer_id: id,
            id: None,
            version: 0,
            input: AddressInput {
                first_name: "Ann".into(),
                last_name: "Lee".into(),
                line1: "Bahnhofstrasse 1".into(),
                city: "Zürich".into(),
                postal_code: "8001".into(),
                country: "CH".into(),
                ..AddressInput::default()
            },
        },
        Utc::now(),
    )
    .await
    .expect("an address");
    let author = super::addresses::staff_member(store, "sam@example.com").await;
    add_note(
        store,
        &author,
        &tester(),
        &NewNote {
            customer_id: id,
            body: "Ann prefers calls in the morning.".into(),
        },
        Utc::now(),
    )
    .await
    .expect("a note");

    // The export holds every part.
    let export = customer_export(store, id, Utc::now())
        .await
        .expect("exports");
    assert_eq!(export.customer.email.as_str(), "ann.lee@example.com");
    assert_eq!(export.addresses.len(), 1);
    assert!(export.history.len() >= 3, "{:?}", export.history);
    let folder = tempfile::tempdir().expect("a folder");
    let path = folder.path().join("ann.json");
    let written = export_customer(
        store,
        &tester(),
        &ExportRequest {
            id,
            path: path.display().to_string(),
        },
        Utc::now(),
    )
    .await
    .expect("writes the file");
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&path).expect("the file")).expect("JSON");
    assert_eq!(json["customer"]["customer_ref"], "GDPR-1");
    assert_eq!(written.bytes, std::fs::metadata(&path).expect("size").len());

    let erased = erase_customer(store, &tester(), id, Utc::now())
        .await
        .expect("erases");
    assert_eq!(erased.customer_ref, "GDPR-1", "the ID stays");
    assert_eq!(erased.full_name(), "Erased customer");
    assert!(erased.erased_at.is_some());
    assert_eq!((erased.phone, erased.company), (None, None));
    assert!(!erased.email.as_str().contains("ann"));

    let after = customer_export(store, id, Utc::now())
        .await
        .expect("exports");
    assert!(after.addresses.is_empty() && after.notes.is_empty());
    assert_eq!(export.notes.len(), 1, "the note was in the export before");
    let trail = serde_json::to_string(&after.history).expect("JSON");
    for personal in [
        "ann.lee@example.com",
        "Lee-Smith",
        "Bahnhofstrasse",
        "Acme",
        "+41446681800",
    ] {
        assert!(!trail.contains(personal), "{personal} in {trail}");
    }
    assert!(
        trail.contains("GDPR-1"),
        "the ID stays in the trail: {trail}"
    );
    assert!(trail.contains("customer.erased"), "{trail}");
    let messages = store
        .list_outbox(&OutboxQuery {
            limit: 10,
            ..OutboxQuery::default()
        })
        .await
        .expect("outbox");
    assert!(!messages.is_empty());
    for message in &messages {
        assert!(!message.message.recipient.contains("ann"), "{message:?}");
        assert!(!message.message.body_text.contains("Ann"), "{message:?}");
        assert_ne!(message.status, OutboxStatus::Queued);
    }

    // Erased once is erased; the ID stays taken.
    let again = erase_customer(store, &tester(), id, Utc::now()).await;
    assert!(
        matches!(again, Err(DeskError::Validation { .. })),
        "{again:?}"
    );
    let reuse = create_customer(
        store,
        &Passwords::with_params(8_192, 1, 1).expect("params"),
        &tester(),
        &NewCustomerRequest {
            details: CustomerInput {
                customer_ref: "gdpr-1".into(),
                ..customer_input("new@example.com", "New", "Person")
            },
            ..NewCustomerRequest::default()
        },
        Utc::now(),
    )
    .await;
    assert!(
        matches!(reuse, Err(DeskError::Conflict { .. })),
        "{reuse:?}"
    );
}

contract!(an_export_holds_everything_and_erasure_leaves_nothing_personal);
