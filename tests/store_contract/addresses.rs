//! A customer's addresses and notes on both backends: the first address is both
//! defaults, defaults move and pass on when one is removed, address IDs are unique per
//! customer, edits never lose an update, and notes list newest first with their author.

use std::sync::Arc;

use chrono::Utc;
use desk_app::customers::{
    add_note, customer_addresses, customer_history, customer_notes, delete_address, save_address,
    set_default_address,
};
use desk_domain::customer::CustomerId;
use desk_domain::customer_address::{Address, AddressDefault, AddressInput, AddressSave};
use desk_domain::customer_note::NewNote;
use desk_domain::staff::{Role, StaffId, StaffMember};
use desk_domain::{DeskError, Email, PersonName};
use desk_store::{NewStaffRecord, PasswordSecrets, Store};
use desk_tests::fixtures::{insert_customer, tester};

fn address(line1: &str, address_ref: &str) -> AddressInput {
    AddressInput {
        address_ref: address_ref.into(),
        first_name: "Ann".into(),
        last_name: "Lee".into(),
        line1: line1.into(),
        city: "Zürich".into(),
        postal_code: "8001".into(),
        country: "CH".into(),
        ..AddressInput::default()
    }
}

async fn add(store: &dyn Store, customer: CustomerId, input: AddressInput) -> Vec<Address> {
    save_address(
        store,
        &tester(),
        &AddressSave {
            customer_id: customer,
            id: None,
            version: 0,
            input,
        },
        Utc::now(),
    )
    .await
    .expect("adds the address")
}

fn defaults(addresses: &[Address]) -> (String, String) {
    let billing = addresses.iter().find(|a| a.is_default_billing);
    let shipping = addresses.iter().find(|a| a.is_default_shipping);
    (
        billing.map(|a| a.address_ref.clone()).unwrap_or_default(),
        shipping.map(|a| a.address_ref.clone()).unwrap_or_default(),
    )
}

pub async fn the_first_address_is_both_defaults_until_changed(store: Arc<dyn Store>) {
    let store = store.as_ref();
    // Added as the app adds one, so its history holds the app's entries alone.
    let customer = desk_app::customers::create_customer(
        store,
        &desk_app::passwords::Passwords::owasp(),
        &tester(),
        &desk_tests::fixtures::customer_request("ann@example.com", "Ann", "Lee"),
        Utc::now(),
    )
    .await
    .expect("adds a customer")
    .customer
    .id;
    let one = add(store, customer, address("Bahnhofstrasse 1", "HOME")).await;
    assert_eq!(defaults(&one), ("HOME".into(), "HOME".into()));
    let two = add(store, customer, address("Seefeldstrasse 2", "")).await;
    assert_eq!(two.len(), 2);
    let office = two[1].clone();
    assert!(
        office.address_ref.starts_with("A-"),
        "generated: {}",
        office.address_ref
    );
    assert_eq!(defaults(&two), ("HOME".into(), "HOME".into()));

    let moved = set_default_address(
        store,
        &tester(),
        office.id,
        AddressDefault::Billing,
        Utc::now(),
    )
    .await
    .expect("moves the default");
    assert_eq!(
        defaults(&moved),
        (office.address_ref.clone(), "HOME".into())
    );

    // Removing the default shipping address passes it to the oldest remaining one.
    let home = moved
        .iter()
        .find(|a| a.address_ref == "HOME")
        .expect("home")
        .id;
    let left = delete_address(store, &tester(), home, Utc::now())
        .await
        .expect("removes");
    assert_eq!(left.len(), 1);
    assert_eq!(
        defaults(&left),
        (office.address_ref.clone(), office.address_ref.clone())
    );
    let history = customer_history(store, customer, None)
        .await
        .expect("history");
    let actions: Vec<&str> = history.items.iter().map(|e| e.action.code()).collect();
    assert_eq!(
        actions[..4],
        [
            "customer.address_removed",
            "customer.default_address_changed",
            "customer.address_added",
            "customer.address_added"
        ]
    );
}

pub async fn address_ids_are_unique_per_customer_and_postal_codes_checked(store: Arc<dyn Store>) {
    let store = store.as_ref();
    let ann = insert_customer(store, "ann@example.com", "Ann", "Lee")
        .await
        .id;
    let bo = insert_customer(store, "bo@example.com", "Bo", "Chan")
        .await
        .id;
    add(store, ann, address("Bahnhofstrasse 1", "HOME")).await;
    add(store, bo, address("Bahnhofstrasse 1", "HOME")).await;
    let taken = save_address(
        store,
        &tester(),
        &AddressSave {
            customer_id: ann,
            id: None,
            version: 0,
            input: address("Seefeldstrasse 2", "home"),
        },
        Utc::now(),
    )
    .await
    .expect_err("taken for Ann");
    assert!(
        matches!(&taken, DeskError::Conflict { fields } if fields[0].field == "address_ref"),
        "{taken:?}"
    );
    let bad_code = save_address(
        store,
        &tester(),
        &AddressSave {
            customer_id: ann,
            id: None,
            version: 0,
            input: AddressInput {
                postal_code: "80010".into(),
                ..address("Seefeldstrasse 2", "")
            },
        },
        Utc::now(),
    )
    .await
    .expect_err("a Swiss code has four digits");
    assert_eq!(bad_code.field_errors()[0].field, "postal_code");
    assert_eq!(
        customer_addresses(store, ann).await.expect("reads").len(),
        1
    );
}

pub async fn an_address_edited_from_an_old_version_is_refused(store: Arc<dyn Store>) {
    let store = store.as_ref();
    let customer = insert_customer(store, "ann@example.com", "Ann", "Lee")
        .await
        .id;
    let added = add(store, customer, address("Bahnhofstrasse 1", "HOME")).await;
    let opened = added[0].clone();
    let save = |line1: &str, version: i64| AddressSave {
        customer_id: customer,
        id: Some(opened.id),
        version,
        input: AddressInput {
            line1: line1.into(),
            ..opened.details.input(&opened.address_ref)
        },
    };
    let saved = save_address(store, &tester(), &save("Bahnhofstrasse 3", 1), Utc::now())
        .await
        .expect("saves");
    assert_eq!(saved[0].details.line1, "Bahnhofstrasse 3");
    assert_eq!(saved[0].version, 2);
    let stale = save_address(store, &tester(), &save("Bahnhofstrasse 5", 1), Utc::now())
        .await
        .expect_err("stale");
    let DeskError::EditConflict {
        version, fields, ..
    } = stale
    else {
        panic!("a conflict, got {stale:?}");
    };
    assert_eq!(version, 2);
    assert!(
        fields
            .iter()
            .any(|value| value.field == "line1" && value.stored == "Bahnhofstrasse 3")
    );
}

pub async fn notes_list_newest_first_with_their_author(store: Arc<dyn Store>) {
    let store = store.as_ref();
    let customer = insert_customer(store, "ann@example.com", "Ann", "Lee")
        .await
        .id;
    let author = staff_member(store, "sam@example.com").await;
    for n in 0..23 {
        add_note(
            store,
            &author,
            &tester(),
            &NewNote {
                customer_id: customer,
                body: format!("  Note {n}  "),
            },
            Utc::now(),
        )
        .await
        .expect("adds a note");
    }
    let first = customer_notes(store, customer, None).await.expect("notes");
    assert_eq!(first.items.len(), 20);
    assert_eq!(first.items[0].body, "Note 22");
    assert_eq!(first.items[0].author_name, "Sam Support");
    let rest = customer_notes(store, customer, first.next_before)
        .await
        .expect("older notes");
    let bodies: Vec<&str> = rest.items.iter().map(|note| note.body.as_str()).collect();
    assert_eq!(bodies, ["Note 2", "Note 1", "Note 0"]);
    assert_eq!(rest.next_before, None);
    let empty = add_note(
        store,
        &author,
        &tester(),
        &NewNote {
            customer_id: customer,
            body: " \n ".into(),
        },
        Utc::now(),
    )
    .await
    .expect_err("an empty note");
    assert_eq!(empty.field_errors()[0].message, "Write the note first.");
}

/// A support agent in the store, who writes the notes.
pub(crate) async fn staff_member(store: &dyn Store, email: &str) -> StaffMember {
    use chrono::SubsecRound;
    let email = Email::parse("email", email).expect("valid");
    let name = PersonName::parse("display_name", "display name", "Sam Support").expect("valid");
    let record = NewStaffRecord {
        id: StaffId(uuid::Uuid::now_v7()),
        email: &email,
        display_name: &name,
        roles: &[Role::SupportAgent],
        password: PasswordSecrets {
            hash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo",
            database_verifier: &desk_app::database_password::scram_verifier("test password"),
            expires_at: None,
        },
        created_at: Utc::now().trunc_subsecs(6),
    };
    store
        .insert_staff(&record, &desk_tests::fixtures::audit_by_test())
        .await
        .expect("a staff member")
}

contract!(
    the_first_address_is_both_defaults_until_changed,
    address_ids_are_unique_per_customer_and_postal_codes_checked,
    an_address_edited_from_an_old_version_is_refused,
    notes_list_newest_first_with_their_author,
);
