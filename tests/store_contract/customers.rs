//! Customer stories for the contract suite.

use std::collections::HashSet;
use std::sync::Arc;

use chrono::Utc;
use desk_app::customers::{create_customer, list_customers};
use desk_app::passwords::Passwords;
use desk_domain::customer::{CustomerInput, CustomerListRequest, NewCustomerRequest, fields};
use desk_domain::customer_list::CustomerQuery;
use desk_domain::sort_key::collation_key;
use desk_domain::{DeskError, FieldErrorCode};
use desk_store::{Store, StoreError, UniqueField};
use desk_tests::fixtures::{
    customer_request, insert_customer, insert_details, new_customer, tester,
};

fn passwords() -> Passwords {
    Passwords::owasp()
}

async fn all_customers(store: &dyn Store) -> Vec<(String, String, String)> {
    store
        .list_customers(&CustomerQuery::default(), None, 10_000)
        .await
        .expect("lists")
        .items
        .into_iter()
        .map(|customer| {
            (
                customer.last_name.to_string(),
                customer.first_name.to_string(),
                customer.email.to_string(),
            )
        })
        .collect()
}

pub async fn an_inserted_customer_reads_back_unchanged(store: Arc<dyn Store>) {
    let store = store.as_ref();
    let customer = new_customer("ann.lee@example.com", "Ann", "Lee");
    let inserted = insert_details(store, &customer).await;
    assert_eq!(inserted.email, customer.email);
    assert_eq!(inserted.first_name, customer.first_name);
    assert_eq!(inserted.last_name, customer.last_name);
    assert_eq!(inserted.preferred_currency, customer.preferred_currency);
    assert_eq!(inserted.created_at, inserted.updated_at);
    assert_eq!(inserted.version, 1);
    let listed = store
        .list_customers(&CustomerQuery::default(), None, 10)
        .await
        .expect("lists");
    assert_eq!(listed.items, vec![inserted]);
    assert_eq!(listed.next, None);
}

pub async fn the_email_is_unique_ignoring_case(store: Arc<dyn Store>) {
    let store = store.as_ref();
    insert_customer(store, "ann@example.com", "Ann", "Lee").await;
    let record = desk_store::NewCustomerRecord {
        id: desk_domain::customer::CustomerId(uuid::Uuid::now_v7()),
        customer_ref: "C-SECOND",
        customer_number: "1234567897",
        details: &new_customer("ANN@Example.COM", "Anna", "Li"),
        password_hash: None,
        at: Utc::now(),
    };
    let second = store
        .insert_customer(&record, &desk_tests::fixtures::audit_by_test())
        .await;
    assert!(
        matches!(
            second,
            Err(StoreError::Duplicate(UniqueField::CustomerEmail))
        ),
        "{second:?}"
    );
    assert_eq!(all_customers(store).await.len(), 1);
}

pub async fn the_list_is_sorted_by_last_then_first_name_ignoring_case(store: Arc<dyn Store>) {
    let store = store.as_ref();
    let people = [
        ("dora@example.com", "Dora", "Devlin"),
        ("bob@example.com", "Bob", "baker"),
        ("zed@example.com", "Zed", "adams"),
        ("carl@example.com", "Carl", "de Vries"),
        ("ann@example.com", "ann", "Baker"),
    ];
    for (email, first, last) in people {
        insert_customer(store, email, first, last).await;
    }
    let order: Vec<_> = all_customers(store)
        .await
        .into_iter()
        .map(|(last, first, _)| format!("{last}, {first}"))
        .collect();
    assert_eq!(
        order,
        [
            "adams, Zed",
            "Baker, ann",
            "baker, Bob",
            "de Vries, Carl",
            "Devlin, Dora",
        ]
    );
}

pub async fn keyset_pages_cover_every_customer_once_in_order(store: Arc<dyn Store>) {
    let store = store.as_ref();
    // Many share a name, so the id must break ties for the cursor to be exact.
    for n in 0..23 {
        let last = ["Meyer", "Müller", "Meier"][n % 3];
        let first = if n % 2 == 0 { "Sam" } else { "Alex" };
        insert_customer(store, &format!("c{n}@example.com"), first, last).await;
    }
    let expected = all_customers(store).await;
    let mut seen = Vec::new();
    let mut request = CustomerListRequest {
        limit: 7,
        ..CustomerListRequest::default()
    };
    let mut pages = 0;
    loop {
        let page = list_customers(store, &request).await.expect("lists a page");
        pages += 1;
        assert!(page.items.len() <= 7);
        seen.extend(page.items.into_iter().map(|customer| {
            (
                customer.last_name.to_string(),
                customer.first_name.to_string(),
                customer.email.to_string(),
            )
        }));
        match page.next {
            Some(next) => request.after = Some(next),
            None => break,
        }
    }
    assert_eq!(pages, 4, "23 customers in pages of 7");
    assert_eq!(seen, expected);
    let unique: HashSet<_> = seen.iter().map(|(_, _, email)| email.clone()).collect();
    assert_eq!(unique.len(), 23);
}

pub async fn a_page_request_past_the_end_is_empty(store: Arc<dyn Store>) {
    let store = store.as_ref();
    let customer = insert_customer(store, "z@example.com", "Zoe", "Zimmer").await;
    let page = list_customers(
        store,
        &CustomerListRequest {
            after: Some(desk_domain::customer::CustomerCursor {
                keys: vec![
                    collation_key(customer.last_name.as_str()),
                    collation_key(customer.first_name.as_str()),
                ],
                id: customer.id,
            }),
            limit: 10,
            ..CustomerListRequest::default()
        },
    )
    .await
    .expect("lists");
    assert!(page.items.is_empty());
    assert_eq!(page.next, None);
}

pub async fn adding_through_the_app_trims_and_keeps_the_values(store: Arc<dyn Store>) {
    let store = store.as_ref();
    let input = NewCustomerRequest {
        details: CustomerInput {
            email: "  Ann.Lee@Example.com ".into(),
            first_name: " Ann ".into(),
            last_name: "\tLee".into(),
            preferred_currency: "eur".into(),
            ..CustomerInput::default()
        },
        ..NewCustomerRequest::default()
    };
    let created = create_customer(store, &passwords(), &tester(), &input, Utc::now())
        .await
        .expect("creates")
        .customer;
    assert_eq!(created.email.as_str(), "Ann.Lee@Example.com");
    assert_eq!(created.first_name.as_str(), "Ann");
    assert_eq!(created.last_name.as_str(), "Lee");
    assert_eq!(created.preferred_currency.as_str(), "EUR");
    let listed = list_customers(
        store,
        &CustomerListRequest {
            limit: 10,
            ..CustomerListRequest::default()
        },
    )
    .await
    .expect("lists");
    assert_eq!(listed.items, vec![created]);
}

pub async fn a_duplicate_email_is_reported_on_the_email_field_and_nothing_is_saved(
    store: Arc<dyn Store>,
) {
    let store = store.as_ref();
    create_customer(
        store,
        &passwords(),
        &tester(),
        &customer_request("ann@example.com", "Ann", "Lee"),
        Utc::now(),
    )
    .await
    .expect("first");
    let error = create_customer(
        store,
        &passwords(),
        &tester(),
        &customer_request("Ann@EXAMPLE.com", "Other", "Person"),
        Utc::now(),
    )
    .await
    .expect_err("duplicate");
    let DeskError::Conflict { fields: problems } = &error else {
        panic!("expected a conflict, got {error:?}");
    };
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].field, fields::EMAIL);
    assert_eq!(problems[0].code, FieldErrorCode::AlreadyInUse);
    assert!(
        problems[0].message.contains("already in use"),
        "{}",
        problems[0].message
    );
    assert_eq!(all_customers(store).await.len(), 1);
}

pub async fn invalid_input_is_refused_and_nothing_is_saved(store: Arc<dyn Store>) {
    let store = store.as_ref();
    let error = create_customer(
        store,
        &passwords(),
        &tester(),
        &customer_request("not-an-email", "", "Lee"),
        Utc::now(),
    )
    .await
    .expect_err("invalid");
    let codes: Vec<_> = error
        .field_errors()
        .iter()
        .map(|problem| (problem.field.as_str(), problem.code))
        .collect();
    assert_eq!(
        codes,
        [
            (fields::EMAIL, FieldErrorCode::InvalidEmail),
            (fields::FIRST_NAME, FieldErrorCode::Required),
        ]
    );
    assert!(all_customers(store).await.is_empty());
}

pub async fn creating_a_customer_records_who_and_what_in_the_audit_log(store: Arc<dyn Store>) {
    let store = store.as_ref();
    let created = create_customer(
        store,
        &passwords(),
        &tester(),
        &customer_request("ann@example.com", "Ann", "Lee"),
        Utc::now(),
    )
    .await
    .expect("creates")
    .customer;
    let filter = desk_domain::audit::AuditFilter {
        entity_type: Some(desk_domain::audit::EntityType::Customer),
        limit: 10,
        ..Default::default()
    };
    let entries = store.list_audit(&filter, 10).await.expect("lists");
    assert_eq!(entries.len(), 1);
    let entry = &entries[0];
    assert_eq!(entry.action.code(), "customer.created");
    assert_eq!(entry.entity_id, created.id.to_string());
    assert_eq!(entry.actor_email, "contract-suite@example.com");
    let email = entry
        .changes
        .iter()
        .find(|change| change.field == "email")
        .expect("the email is recorded");
    assert_eq!(email.old, None);
    assert_eq!(email.new.as_deref(), Some("ann@example.com"));
}

contract!(
    an_inserted_customer_reads_back_unchanged,
    the_email_is_unique_ignoring_case,
    the_list_is_sorted_by_last_then_first_name_ignoring_case,
    keyset_pages_cover_every_customer_once_in_order,
    a_page_request_past_the_end_is_empty,
    adding_through_the_app_trims_and_keeps_the_values,
    a_duplicate_email_is_reported_on_the_email_field_and_nothing_is_saved,
    invalid_input_is_refused_and_nothing_is_saved,
    creating_a_customer_records_who_and_what_in_the_audit_log,
);
