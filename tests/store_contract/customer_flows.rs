//! Customers at full depth on both backends: the creation flow with its emails,
//! every field, custom IDs, verification, activation emails, and edits that never
//! lose an update, even with two writers at once.

use std::sync::Arc;

use chrono::Utc;
use desk_app::customers::{create_customer, mark_customer_verified, update_customer};
use desk_app::passwords::Passwords;
use desk_app::signed_links;
use desk_domain::audit::{AuditFilter, EntityType};
use desk_domain::customer::{
    CustomerInput, CustomerUpdate, NewCustomerRequest, PasswordSetupInput, Verification, fields,
};
use desk_domain::customer_number::is_valid_customer_number;
use desk_domain::email_template::TemplateKind;
use desk_domain::link_token::LinkPurpose;
use desk_domain::{DeskError, FieldErrorCode, Sensitive};
use desk_store::{OutboxEntry, OutboxQuery, Store};
use desk_tests::fixtures::{
    audit_by_test, customer_input, customer_request, tester, with_storefront,
};

fn passwords() -> Passwords {
    Passwords::with_params(8_192, 1, 1).expect("valid parameters")
}

async fn outbox(store: &dyn Store) -> Vec<OutboxEntry> {
    let mut entries = store
        .list_outbox(&OutboxQuery {
            limit: 100,
            ..OutboxQuery::default()
        })
        .await
        .expect("lists the outbox");
    entries.reverse();
    entries
}

fn every_field() -> CustomerInput {
    CustomerInput {
        customer_ref: "CUST-00042".into(),
        email: "ann.lee@example.com".into(),
        salutation: "dr".into(),
        first_name: "Ann".into(),
        last_name: "Lee".into(),
        gender: "female".into(),
        date_of_birth: "1985-04-23".into(),
        phone: "+41 44 668 18 00".into(),
        company: "Acme AG".into(),
        locale: "en".into(),
        preferred_currency: "EUR".into(),
        preferred_site: "default".into(),
        restriction: String::new(),
        active: true,
        on_hold: false,
        attributes: Default::default(),
    }
}

pub async fn a_customer_with_every_field_and_a_generated_password_gets_its_emails(
    store: Arc<dyn Store>,
) {
    let store = store.as_ref();
    with_storefront(store).await;
    let created = create_customer(
        store,
        &passwords(),
        &tester(),
        &NewCustomerRequest {
            details: every_field(),
            password: PasswordSetupInput::Generate,
        },
        Utc::now(),
    )
    .await
    .expect("creates");
    let customer = &created.customer;
    assert_eq!(
        customer.input(),
        CustomerInput {
            phone: "+41446681800".into(),
            ..every_field()
        },
        "every field reads back, the phone as E.164"
    );
    assert_eq!(customer.customer_ref, "CUST-00042");
    assert!(is_valid_customer_number(&customer.customer_number));
    assert_eq!(customer.verification(), Verification::Unverified);
    let password = created.generated_password.expect("shown once");
    assert_eq!(password.expose().len(), 23);
    let kinds: Vec<TemplateKind> = created.emails.iter().map(|email| email.kind).collect();
    assert_eq!(
        kinds,
        [TemplateKind::Verification, TemplateKind::InitialPassword]
    );
    assert!(created.emails.iter().all(|email| email.not_sent.is_none()));

    let queued = outbox(store).await;
    assert_eq!(queued.len(), 2);
    assert_eq!(queued[0].message.template, "verification");
    assert_eq!(queued[0].message.recipient, "ann.lee@example.com");
    assert!(
        queued[0]
            .message
            .body_text
            .contains("https://shop.example.com/links/verification?token="),
        "{}",
        queued[0].message.body_text
    );
    assert_eq!(queued[1].message.template, "initial_password");
    assert!(queued[1].message.body_text.contains(password.expose()));

    // Staff read the messages without their secrets; once a message is done with,
    // its bodies lose them too.
    for entry in &queued {
        let (text, html) = entry.message.redacted.clone().expect("a redacted copy");
        assert!(text.contains(desk_app::email::compose::REMOVED), "{text}");
        assert!(!text.contains(password.expose()) && !html.contains(password.expose()));
        assert!(
            !text.contains("token=") || text.contains("token=[removed"),
            "{text}"
        );
    }
    store
        .cancel_message(queued[1].message.id, &audit_by_test())
        .await
        .expect("cancels");
    let cancelled = store
        .outbox_entry(queued[1].message.id)
        .await
        .expect("reads")
        .expect("still listed");
    assert!(!cancelled.message.body_text.contains(password.expose()));
    assert!(!cancelled.message.body_html.contains(password.expose()));

    // The audit entry says a password was set, never which.
    let entries = store
        .list_audit(
            &AuditFilter {
                entity_type: Some(EntityType::Customer),
                limit: 10,
                ..AuditFilter::default()
            },
            10,
        )
        .await
        .expect("audit");
    let recorded = format!("{:?}", entries);
    assert!(recorded.contains("initial password set"));
    assert!(!recorded.contains(password.expose()));
}

pub async fn without_a_storefront_link_emails_are_held_back_and_the_rest_sent(
    store: Arc<dyn Store>,
) {
    let store = store.as_ref();
    let created = create_customer(
        store,
        &passwords(),
        &tester(),
        &NewCustomerRequest {
            details: CustomerInput {
                active: false,
                on_hold: true,
                ..customer_input("bo@example.com", "Bo", "Chan")
            },
            password: PasswordSetupInput::Typed {
                password: Sensitive::new("violet kettle harbour".into()),
            },
        },
        Utc::now(),
    )
    .await
    .expect("creates");
    assert_eq!(created.emails[0].kind, TemplateKind::Verification);
    assert!(
        created.emails[0]
            .not_sent
            .as_deref()
            .is_some_and(|why| why.contains("no storefront URL")),
        "{:?}",
        created.emails
    );
    assert_eq!(created.emails[1].kind, TemplateKind::AccountPrepared);
    assert_eq!(created.emails[1].not_sent, None);
    assert_eq!(created.generated_password, None, "typed, so not shown back");
    let queued = outbox(store).await;
    assert_eq!(queued.len(), 1);
    assert_eq!(queued[0].message.template, "account_prepared");

    // Becoming active and not on hold sends "your account is now active".
    let saved = update_customer(
        store,
        &tester(),
        &CustomerUpdate {
            id: created.customer.id,
            version: created.customer.version,
            opened: created.customer.input(),
            details: CustomerInput {
                active: true,
                on_hold: false,
                ..created.customer.input()
            },
        },
        Utc::now(),
    )
    .await
    .expect("saves");
    assert_eq!(saved.customer.version, 2);
    assert_eq!(saved.emails.len(), 1);
    assert_eq!(saved.emails[0].kind, TemplateKind::AccountActive);
    let queued = outbox(store).await;
    assert_eq!(queued.len(), 2);
    assert_eq!(queued[1].message.template, "account_active");
}

pub async fn a_typed_password_follows_the_policy_and_every_problem_is_told_at_once(
    store: Arc<dyn Store>,
) {
    let store = store.as_ref();
    let error = create_customer(
        store,
        &passwords(),
        &tester(),
        &NewCustomerRequest {
            details: CustomerInput {
                phone: "12".into(),
                ..customer_input("cy@example.com", "Cy", "Dunn")
            },
            password: PasswordSetupInput::Typed {
                password: Sensitive::new("short".into()),
            },
        },
        Utc::now(),
    )
    .await
    .expect_err("refused");
    let problems: Vec<(&str, FieldErrorCode)> = error
        .field_errors()
        .iter()
        .map(|problem| (problem.field.as_str(), problem.code))
        .collect();
    assert_eq!(
        problems,
        [
            (fields::PHONE, FieldErrorCode::InvalidPhone),
            (fields::PASSWORD, FieldErrorCode::TooShort)
        ]
    );
    assert!(outbox(store).await.is_empty());
}

pub async fn customer_ids_are_unique_ignoring_case_and_generated_when_empty(store: Arc<dyn Store>) {
    let store = store.as_ref();
    let add = |email: &str, customer_ref: &str| NewCustomerRequest {
        details: CustomerInput {
            customer_ref: customer_ref.into(),
            ..customer_input(email, "Pat", "Kim")
        },
        ..NewCustomerRequest::default()
    };
    let first = create_customer(
        store,
        &passwords(),
        &tester(),
        &add("a@example.com", "VIP-1"),
        Utc::now(),
    )
    .await
    .expect("creates");
    assert_eq!(first.customer.customer_ref, "VIP-1");
    let taken = create_customer(
        store,
        &passwords(),
        &tester(),
        &add("b@example.com", "vip-1"),
        Utc::now(),
    )
    .await
    .expect_err("taken");
    let DeskError::Conflict { fields: problems } = &taken else {
        panic!("a conflict, got {taken:?}");
    };
    assert_eq!(problems[0].field, fields::CUSTOMER_REF);
    assert!(
        problems[0].message.contains("is taken"),
        "{}",
        problems[0].message
    );
    let generated = create_customer(
        store,
        &passwords(),
        &tester(),
        &add("c@example.com", ""),
        Utc::now(),
    )
    .await
    .expect("creates");
    assert!(generated.customer.customer_ref.starts_with("C-"));
    assert_ne!(
        generated.customer.customer_number,
        first.customer.customer_number
    );
}

pub async fn redeeming_the_verification_link_or_staff_make_a_customer_verified(
    store: Arc<dyn Store>,
) {
    let store = store.as_ref();
    let now = Utc::now();
    let first = create_customer(
        store,
        &passwords(),
        &tester(),
        &customer_request("ann@example.com", "Ann", "Lee"),
        now,
    )
    .await
    .expect("creates")
    .customer;
    let link = signed_links::issue(
        LinkPurpose::Verification,
        "customer",
        &first.id.to_string(),
        chrono::Duration::days(1),
        now,
    );
    store
        .insert_link_token(&link.record, &desk_store::Effects::default())
        .await
        .expect("keeps the link");
    signed_links::redeem(store, link.token.expose(), LinkPurpose::Verification, now)
        .await
        .expect("asks")
        .expect("redeemed");
    let verified = store
        .customer_by_id(first.id)
        .await
        .expect("reads")
        .expect("exists");
    assert_eq!(verified.verification(), Verification::Verified);

    let second = create_customer(
        store,
        &passwords(),
        &tester(),
        &customer_request("bo@example.com", "Bo", "Chan"),
        now,
    )
    .await
    .expect("creates")
    .customer;
    let marked = mark_customer_verified(store, &tester(), second.id, Utc::now())
        .await
        .expect("marks");
    assert_eq!(marked.verification(), Verification::Verified);
    let entries = store
        .list_audit(
            &AuditFilter {
                entity_id: Some(second.id.to_string()),
                limit: 10,
                ..AuditFilter::default()
            },
            10,
        )
        .await
        .expect("audit");
    assert_eq!(entries[0].action.code(), "customer.marked_verified");
}

pub async fn two_writers_of_one_customer_never_lose_an_update(store: Arc<dyn Store>) {
    let created = create_customer(
        store.as_ref(),
        &passwords(),
        &tester(),
        &customer_request("ann@example.com", "Ann", "Lee"),
        Utc::now(),
    )
    .await
    .expect("creates")
    .customer;
    // Both opened the form at version 1; one changes the phone, the other the company.
    let edit = |change: fn(&mut CustomerInput)| {
        let mut details = created.input();
        change(&mut details);
        CustomerUpdate {
            id: created.id,
            version: created.version,
            opened: created.input(),
            details,
        }
    };
    let phone = edit(|details| details.phone = "+44 20 7946 0958".into());
    let company = edit(|details| details.company = "Acme Ltd".into());
    let by = tester();
    let (a, b) = tokio::join!(
        update_customer(store.as_ref(), &by, &phone, Utc::now()),
        update_customer(store.as_ref(), &by, &company, Utc::now()),
    );
    let (saved, refused, refused_form, winner_field) = match (a, b) {
        (Ok(saved), Err(refused)) => (saved, refused, &company, fields::PHONE),
        (Err(refused), Ok(saved)) => (saved, refused, &phone, fields::COMPANY),
        other => panic!("exactly one save wins, got {other:?}"),
    };
    assert_eq!(saved.customer.version, 2);
    let DeskError::EditConflict {
        version,
        fields: stored,
        ..
    } = &refused
    else {
        panic!("a conflict, got {refused:?}");
    };
    assert_eq!(*version, 2);
    // Only what the winner changed is in conflict, with its value now; the loser's
    // own change is theirs to keep.
    assert_eq!(stored.len(), 1, "{stored:?}");
    assert_eq!(stored[0].field, winner_field);
    let winner_value = desk_domain::customer::input_values(&saved.customer.input())
        .into_iter()
        .find(|(field, _)| *field == winner_field)
        .map(|(_, value)| value)
        .expect("the field");
    assert_eq!(stored[0].stored, winner_value);

    // The loser takes the winner's value (their own field untouched) and saves
    // against the version now stored: both changes are kept.
    let mut merged = refused_form.details.clone();
    if winner_field == fields::PHONE {
        merged.phone = winner_value;
    } else {
        merged.company = winner_value;
    }
    let again = update_customer(
        store.as_ref(),
        &tester(),
        &CustomerUpdate {
            id: created.id,
            version: *version,
            opened: saved.customer.input(),
            details: merged,
        },
        Utc::now(),
    )
    .await
    .expect("saves against the version now stored");
    assert_eq!(again.customer.version, 3);
    assert_eq!(again.customer.company.as_deref(), Some("Acme Ltd"));
    assert_eq!(
        again.customer.phone.as_ref().map(|phone| phone.as_str()),
        Some("+442079460958")
    );

    // A change the form does not show (marking verified) is no conflict.
    desk_app::customers::mark_customer_verified(store.as_ref(), &tester(), created.id, Utc::now())
        .await
        .expect("marks");
    let after_verified = update_customer(
        store.as_ref(),
        &tester(),
        &CustomerUpdate {
            id: created.id,
            version: 3,
            opened: again.customer.input(),
            details: CustomerInput {
                gender: "male".into(),
                ..again.customer.input()
            },
        },
        Utc::now(),
    )
    .await
    .expect("saved over a change the form does not show");
    assert_eq!(after_verified.customer.version, 5);
    assert_eq!(
        after_verified.customer.verification(),
        Verification::Verified
    );

    // Saving an unchanged form changes nothing, not even the version.
    let unchanged = update_customer(
        store.as_ref(),
        &tester(),
        &CustomerUpdate {
            id: created.id,
            version: 5,
            opened: after_verified.customer.input(),
            details: after_verified.customer.input(),
        },
        Utc::now(),
    )
    .await
    .expect("nothing to save");
    assert_eq!(unchanged.customer.version, 5);
}

pub async fn a_new_email_address_is_unverified_and_old_links_stop_working(store: Arc<dyn Store>) {
    let store = store.as_ref();
    with_storefront(store).await;
    let now = Utc::now();
    let created = create_customer(
        store,
        &passwords(),
        &tester(),
        &customer_request("ann@example.com", "Ann", "Lee"),
        now,
    )
    .await
    .expect("creates")
    .customer;
    let old_link = signed_links::issue(
        LinkPurpose::SetPassword,
        "customer",
        &created.id.to_string(),
        chrono::Duration::days(1),
        now,
    );
    store
        .insert_link_token(&old_link.record, &desk_store::Effects::default())
        .await
        .expect("keeps the link");
    let verified = mark_customer_verified(store, &tester(), created.id, now)
        .await
        .expect("marks");
    let saved = update_customer(
        store,
        &tester(),
        &CustomerUpdate {
            id: created.id,
            version: verified.version,
            opened: verified.input(),
            details: CustomerInput {
                email: "ann.lee@example.org".into(),
                ..verified.input()
            },
        },
        Utc::now(),
    )
    .await
    .expect("saves");
    assert_eq!(saved.customer.verification(), Verification::Unverified);
    assert_eq!(saved.emails[0].kind, TemplateKind::Verification);
    let newest = outbox(store).await.pop().expect("a message");
    assert_eq!(newest.message.recipient, "ann.lee@example.org");
    assert_eq!(newest.message.template, "verification");
    // On a local store the app redeems; a shared store's storefront gets the same
    // answer from desk_redeem_link.
    if store.sites().await.is_ok() {
        let answer = signed_links::redeem(
            store,
            old_link.token.expose(),
            LinkPurpose::SetPassword,
            Utc::now(),
        )
        .await;
        if let Ok(answer) = answer {
            assert_eq!(answer, Err(desk_domain::link_token::RedeemRefusal::Expired));
        }
    }
}

pub async fn the_history_lists_a_customers_changes_newest_first(store: Arc<dyn Store>) {
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
    update_customer(
        store,
        &tester(),
        &CustomerUpdate {
            id: created.id,
            version: 1,
            opened: created.input(),
            details: CustomerInput {
                company: "Acme".into(),
                ..created.input()
            },
        },
        Utc::now(),
    )
    .await
    .expect("saves");
    let history = store
        .customer_history(&created.id.to_string(), None, 10)
        .await
        .expect("history");
    let actions: Vec<&str> = history.iter().map(|entry| entry.action.code()).collect();
    assert_eq!(actions, ["customer.changed", "customer.created"]);
    assert_eq!(history[0].changes[0].field, fields::COMPANY);
    assert_eq!(history[0].changes[0].new.as_deref(), Some("Acme"));
    let older = store
        .customer_history(&created.id.to_string(), Some(history[0].id), 10)
        .await
        .expect("older");
    assert_eq!(older.len(), 1);
    assert_eq!(older[0].action.code(), "customer.created");
}

contract!(
    a_held_back_verification_email_is_sent_once_the_site_has_a_url,
    a_new_email_address_is_unverified_and_old_links_stop_working,
    the_history_lists_a_customers_changes_newest_first,
    a_customer_with_every_field_and_a_generated_password_gets_its_emails,
    without_a_storefront_link_emails_are_held_back_and_the_rest_sent,
    a_typed_password_follows_the_policy_and_every_problem_is_told_at_once,
    customer_ids_are_unique_ignoring_case_and_generated_when_empty,
    redeeming_the_verification_link_or_staff_make_a_customer_verified,
    two_writers_of_one_customer_never_lose_an_update,
);

pub async fn a_held_back_verification_email_is_sent_once_the_site_has_a_url(store: Arc<dyn Store>) {
    use desk_app::customers::send_customer_email;
    use desk_domain::customer::{CustomerEmail, CustomerEmailRequest};
    let store = store.as_ref();
    let created = create_customer(
        store,
        &passwords(),
        &tester(),
        &customer_request("ann@example.com", "Ann", "Lee"),
        Utc::now(),
    )
    .await
    .expect("creates");
    assert!(
        created.emails[0].not_sent.is_some(),
        "held back: no URL yet"
    );
    let request = CustomerEmailRequest {
        id: created.customer.id,
        email: CustomerEmail::Verification,
    };
    let refused = send_customer_email(store, &tester(), &request, Utc::now())
        .await
        .expect_err("still no URL");
    assert!(
        refused.messages().contains("no storefront URL"),
        "{}",
        refused.messages()
    );
    with_storefront(store).await;
    let sent = send_customer_email(store, &tester(), &request, Utc::now())
        .await
        .expect("queues it");
    assert_eq!(sent.kind, TemplateKind::Verification);
    let queued = outbox(store).await;
    assert_eq!(queued.len(), 1);
    assert!(
        queued[0]
            .message
            .body_text
            .contains("/links/verification?token=")
    );
    mark_customer_verified(store, &tester(), created.customer.id, Utc::now())
        .await
        .expect("marks");
    let verified = send_customer_email(store, &tester(), &request, Utc::now())
        .await
        .expect_err("verified already");
    assert!(
        verified
            .messages()
            .contains("confirmed their email address already")
    );
}
