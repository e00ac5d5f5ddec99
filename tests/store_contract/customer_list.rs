//! The customer list's sorts, filters and search, on both backends: examples a
//! person would try, and random queries whose keyset pages are checked against a
//! model of what the list should show (every row once, in order).

use std::sync::Arc;

use chrono::{DateTime, Duration, TimeZone, Utc};
use desk_app::customers::list_customers;
use desk_domain::customer::{Customer, CustomerDetails, CustomerId, CustomerInput};
use desk_domain::customer_list::{
    CustomerFilter, CustomerListRequest, CustomerQuery, CustomerSort, SortDirection,
    VerificationFilter,
};
use desk_domain::search_text::{SearchableCustomer, search_terms};
use desk_domain::sort_key::{collation_key, collation_prefix};
use desk_store::{NewCustomerRecord, Store};
use desk_tests::fixtures::{audit_by_test, new_store_choices};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;

/// First name, last name, email, company, phone, preferred site, active, on hold,
/// verified: names with accents and shared names, so order and ties are tested.
pub(crate) type Row = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    bool,
    bool,
    bool,
    bool,
);

pub(crate) const PEOPLE: &[Row] = &[
    (
        "Ann",
        "Müller",
        "ann.mueller@gmail.com",
        "Acme AG",
        "+41 44 668 18 00",
        true,
        true,
        false,
        true,
    ),
    (
        "ann",
        "Muller",
        "ann.muller@example.com",
        "",
        "",
        false,
        true,
        false,
        false,
    ),
    (
        "Anders",
        "Ångström",
        "anders@uu.se",
        "Uppsala Labs",
        "+46 8 123 456 78",
        true,
        true,
        false,
        true,
    ),
    (
        "Zoë",
        "Łukasiewicz",
        "zoe@gmail.com",
        "",
        "+48 22 123 45 67",
        true,
        false,
        true,
        false,
    ),
    (
        "Liam",
        "O'Brien",
        "liam.obrien@example.ie",
        "Éire Foods",
        "",
        false,
        true,
        false,
        true,
    ),
    (
        "Émile",
        "Zola",
        "emile@gmail.com",
        "acme ag",
        "",
        true,
        true,
        true,
        false,
    ),
    (
        "Bob",
        "Baker",
        "bob@baker.example",
        "Baker & Sons",
        "+1 212 555 0123",
        false,
        true,
        false,
        false,
    ),
    (
        "Ann",
        "Lee",
        "ann.lee@gmail.com",
        "",
        "",
        true,
        true,
        false,
        true,
    ),
    (
        "Sam",
        "Meyer",
        "sam@meyer.de",
        "Meyer GmbH",
        "+49 30 1234567",
        true,
        false,
        false,
        false,
    ),
    (
        "Sam",
        "Meier",
        "SAM.MEIER@Example.com",
        "",
        "",
        false,
        true,
        true,
        true,
    ),
    (
        "Alex",
        "Meyer",
        "alex@meyer.de",
        "Meyer GmbH",
        "",
        true,
        true,
        false,
        false,
    ),
    (
        "Ørjan",
        "Ørsted",
        "orjan@orsted.dk",
        "",
        "",
        false,
        true,
        false,
        true,
    ),
    (
        "Milla",
        "Miller",
        "milla@gmail.com",
        "",
        "",
        true,
        true,
        false,
        false,
    ),
    (
        "Mila",
        "Mills",
        "mila.mills@example.com",
        "Mill Works",
        "+41 44 668 18 01",
        true,
        false,
        false,
        true,
    ),
    (
        "Chloé",
        "Åberg",
        "chloe@aberg.se",
        "",
        "",
        false,
        true,
        true,
        false,
    ),
    (
        "Ann",
        "Lee",
        "ann.lee2@example.com",
        "",
        "",
        true,
        true,
        false,
        false,
    ),
];

/// The time customer `n` of [`PEOPLE`] was created: a day apart, some on the same
/// instant, so the id must break ties.
fn created(n: usize) -> DateTime<Utc> {
    let start = Utc
        .with_ymd_and_hms(2026, 1, 1, 9, 30, 0)
        .single()
        .expect("a time");
    start + Duration::days((n / 2) as i64)
}

fn details(row: &Row) -> CustomerDetails {
    let (first, last, email, company, phone, site, active, on_hold, _) = *row;
    let input = CustomerInput {
        email: email.into(),
        first_name: first.into(),
        last_name: last.into(),
        company: company.into(),
        phone: phone.into(),
        preferred_currency: "EUR".into(),
        preferred_site: if site {
            "default".into()
        } else {
            String::new()
        },
        active,
        on_hold,
        ..CustomerInput::default()
    };
    CustomerDetails::parse(&input, &new_store_choices(), Utc::now().date_naive())
        .unwrap_or_else(|errors| panic!("{email} is a valid customer: {errors:?}"))
}

/// Stores every row of [`PEOPLE`], with references `C-0000` on.
pub(crate) async fn store_people(store: &dyn Store) -> Vec<Customer> {
    let mut stored = Vec::new();
    for (n, row) in PEOPLE.iter().enumerate() {
        let record = NewCustomerRecord {
            id: CustomerId(uuid::Uuid::now_v7()),
            customer_ref: &format!("C-{n:04}"),
            customer_number: &format!("{:010}", 4_000_000_000_u64 + n as u64),
            details: &details(row),
            password_hash: None,
            at: created(n),
        };
        let mut customer = store
            .insert_customer(&record, &audit_by_test())
            .await
            .expect("inserts");
        if row.8 {
            customer = store
                .mark_customer_verified(customer.id, created(n), &audit_by_test())
                .await
                .expect("marks verified")
                .expect("the customer is there");
        }
        stored.push(customer);
    }
    stored
}

/// Every page of `query`, `page_size` at a time, as the list would fetch them.
async fn page_through(store: &dyn Store, query: &CustomerQuery, page_size: u32) -> Vec<Customer> {
    let mut request = CustomerListRequest {
        query: query.clone(),
        after: None,
        limit: page_size,
    };
    let mut seen = Vec::new();
    for _ in 0..=PEOPLE.len() {
        let page = list_customers(store, &request).await.expect("lists a page");
        assert!(page.items.len() <= page_size as usize);
        seen.extend(page.items);
        match page.next {
            Some(next) => request.after = Some(next),
            None => return seen,
        }
    }
    panic!("the list never ended: {query:?}");
}

fn names(customers: &[Customer]) -> Vec<String> {
    customers
        .iter()
        .map(|customer| format!("{} {}", customer.first_name, customer.last_name))
        .collect()
}

fn search(term: &str) -> CustomerQuery {
    CustomerQuery {
        filter: CustomerFilter {
            search: term.into(),
            ..CustomerFilter::default()
        },
        ..CustomerQuery::default()
    }
}

pub async fn names_sort_as_people_expect_in_both_directions(store: Arc<dyn Store>) {
    let store = store.as_ref();
    store_people(store).await;
    let query = CustomerQuery::default();
    let listed = names(&page_through(store, &query, 4).await);
    assert_eq!(
        listed[..4],
        ["Chloé Åberg", "Anders Ångström", "Bob Baker", "Ann Lee"],
        "Å with the A's, ignoring the accent first"
    );
    let position = |name: &str| listed.iter().position(|n| n == name).expect(name);
    assert!(position("Zoë Łukasiewicz") > position("Ann Lee"));
    assert!(position("Zoë Łukasiewicz") < position("Sam Meier"));
    assert!(position("Ørjan Ørsted") > position("Liam O'Brien"));
    let backwards = CustomerQuery {
        direction: SortDirection::Descending,
        ..CustomerQuery::default()
    };
    let mut reversed = names(&page_through(store, &backwards, 3).await);
    reversed.reverse();
    assert_eq!(reversed, listed);
}

pub async fn filters_narrow_the_list_and_combine(store: Arc<dyn Store>) {
    let store = store.as_ref();
    store_people(store).await;
    let filtered = |filter: CustomerFilter| CustomerQuery {
        filter,
        ..CustomerQuery::default()
    };
    let by_last_name = filtered(CustomerFilter {
        last_name: "mul".into(),
        ..CustomerFilter::default()
    });
    assert_eq!(
        names(&page_through(store, &by_last_name, 10).await),
        ["ann Muller", "Ann Müller"],
        "starts with, ignoring case and accents"
    );
    let by_company = filtered(CustomerFilter {
        company: "ACME".into(),
        active: Some(true),
        ..CustomerFilter::default()
    });
    assert_eq!(
        names(&page_through(store, &by_company, 10).await),
        ["Ann Müller", "Émile Zola"]
    );
    let by_email = filtered(CustomerFilter {
        email: "SAM.".into(),
        verification: Some(VerificationFilter::Verified),
        ..CustomerFilter::default()
    });
    assert_eq!(
        names(&page_through(store, &by_email, 10).await),
        ["Sam Meier"]
    );
    let on_hold_unverified = filtered(CustomerFilter {
        on_hold: Some(true),
        verification: Some(VerificationFilter::Unverified),
        ..CustomerFilter::default()
    });
    assert_eq!(
        names(&page_through(store, &on_hold_unverified, 10).await),
        ["Chloé Åberg", "Zoë Łukasiewicz", "Émile Zola"]
    );
    let created_between = filtered(CustomerFilter {
        created_from: Some(created(2)),
        created_before: Some(created(6)),
        preferred_site: Some("default".into()),
        ..CustomerFilter::default()
    });
    assert_eq!(
        names(&page_through(store, &created_between, 10).await),
        ["Anders Ångström", "Zoë Łukasiewicz", "Émile Zola"]
    );
    let by_reference = filtered(CustomerFilter {
        customer_ref: "c-000".into(),
        ..CustomerFilter::default()
    });
    assert_eq!(page_through(store, &by_reference, 10).await.len(), 10);
}

pub async fn search_finds_names_emails_companies_and_phones_however_typed(store: Arc<dyn Store>) {
    let store = store.as_ref();
    store_people(store).await;
    let found =
        |term: &'static str| async move { names(&page_through(store, &search(term), 3).await) };
    assert_eq!(found("MULLER").await, ["ann Muller", "Ann Müller"]);
    assert_eq!(found("łukasiewicz").await, ["Zoë Łukasiewicz"]);
    assert_eq!(
        found("gmail").await,
        [
            "Ann Lee",
            "Zoë Łukasiewicz",
            "Milla Miller",
            "Ann Müller",
            "Émile Zola"
        ]
    );
    assert_eq!(found("044 668 18 00").await, ["Ann Müller"]);
    assert_eq!(found("+41 44 668").await, ["Mila Mills", "Ann Müller"]);
    assert_eq!(found("0301234567").await, ["Sam Meyer"]);
    assert_eq!(found("lee ann").await, ["Ann Lee", "Ann Lee"]);
    assert_eq!(found("mill works").await, ["Mila Mills"]);
    assert_eq!(found("c-0003").await, ["Zoë Łukasiewicz"]);
    assert_eq!(found("nobody-like-this").await, Vec::<String>::new());
    // Two letters have no trigram: the list is read in order and tested.
    assert_eq!(found("zo").await, ["Zoë Łukasiewicz", "Émile Zola"]);
}

pub async fn an_erased_customer_is_not_found_by_their_old_details(store: Arc<dyn Store>) {
    let store = store.as_ref();
    let people = store_people(store).await;
    let zoe = &people[3];
    store
        .erase_customer(zoe.id, Utc::now(), &audit_by_test())
        .await
        .expect("erases")
        .expect("was there");
    assert_eq!(
        names(&page_through(store, &search("łukasiewicz"), 5).await),
        Vec::<String>::new()
    );
    assert_eq!(
        names(&page_through(store, &search("48221234567"), 5).await),
        Vec::<String>::new()
    );
    assert_eq!(
        names(&page_through(store, &search("C-0003"), 5).await),
        ["Erased customer"],
        "the customer ID stays, and finds the erased record"
    );
}

/// What the list should show for `query`, worked out from the stored customers.
fn model(people: &[Customer], query: &CustomerQuery) -> Vec<CustomerId> {
    let filter = &query.filter;
    let starts = |value: &str, typed: &str| value.starts_with(&collation_prefix(typed.trim()));
    let terms = search_terms(&filter.search);
    let mut shown: Vec<&Customer> = people
        .iter()
        .filter(|c| {
            c.customer_ref
                .to_lowercase()
                .starts_with(&filter.customer_ref.trim().to_lowercase())
        })
        .filter(|c| {
            c.email
                .unique_key()
                .starts_with(&filter.email.trim().to_lowercase())
        })
        .filter(|c| starts(&collation_key(c.first_name.as_str()), &filter.first_name))
        .filter(|c| starts(&collation_key(c.last_name.as_str()), &filter.last_name))
        .filter(|c| {
            filter.company.trim().is_empty()
                || c.company
                    .as_deref()
                    .is_some_and(|company| starts(&collation_key(company), &filter.company))
        })
        .filter(|c| filter.preferred_site.is_none() || c.preferred_site == filter.preferred_site)
        .filter(|c| match filter.verification {
            Some(VerificationFilter::Verified) => c.verified_at.is_some(),
            Some(VerificationFilter::Unverified) => c.verified_at.is_none(),
            None => true,
        })
        .filter(|c| filter.active.is_none_or(|active| c.active == active))
        .filter(|c| filter.on_hold.is_none_or(|on_hold| c.on_hold == on_hold))
        .filter(|c| filter.created_from.is_none_or(|from| c.created_at >= from))
        .filter(|c| {
            filter
                .created_before
                .is_none_or(|before| c.created_at < before)
        })
        .filter(|c| {
            let line = format!(
                "{}|{}|{}",
                SearchableCustomer {
                    first_name: c.first_name.as_str(),
                    last_name: c.last_name.as_str(),
                    email: c.email.as_str(),
                    company: c.company.as_deref(),
                    phone: c.phone.as_ref(),
                }
                .text(),
                c.customer_ref.to_lowercase(),
                c.customer_number
            );
            terms.iter().all(|term| line.contains(term.as_str()))
        })
        .collect();
    let id = |c: &Customer| c.id.0.hyphenated().to_string();
    let company = |c: &Customer| {
        c.company
            .as_deref()
            .map_or_else(|| "~".to_owned(), collation_key)
    };
    shown.sort_by_key(|c| match query.sort {
        CustomerSort::LastName => vec![
            collation_key(c.last_name.as_str()),
            collation_key(c.first_name.as_str()),
            id(c),
        ],
        CustomerSort::FirstName => vec![
            collation_key(c.first_name.as_str()),
            collation_key(c.last_name.as_str()),
            id(c),
        ],
        CustomerSort::Email => vec![c.email.unique_key()],
        CustomerSort::CustomerRef => vec![c.customer_ref.to_lowercase()],
        CustomerSort::Company => vec![
            company(c),
            collation_key(c.last_name.as_str()),
            collation_key(c.first_name.as_str()),
            id(c),
        ],
        CustomerSort::Created => vec![
            c.created_at
                .to_rfc3339_opts(chrono::SecondsFormat::Nanos, true),
            id(c),
        ],
    });
    if query.direction == SortDirection::Descending {
        shown.reverse();
    }
    shown.iter().map(|c| c.id).collect()
}

fn queries() -> impl Strategy<Value = (CustomerQuery, u32)> {
    // Each filter is mostly off, so that many queries span several pages.
    let text = |options: &'static [&'static str]| {
        prop_oneof![
            4 => Just(String::new()),
            1 => proptest::sample::select(options).prop_map(str::to_owned),
        ]
    };
    let filter = (
        text(&["mu", "Mül", "AN", "Ø", "z", "o'b", "mill", "Lee"]),
        text(&["ann", "SAM", "é", "Mi"]),
        text(&[
            "gmail",
            "zo",
            "lee",
            "044 668",
            "meyer gmbh",
            "C-00",
            "an",
            "mill",
            "e",
        ]),
        text(&["acme", "MEYER", "mill"]),
        proptest::option::weighted(0.15, any::<bool>()),
        proptest::option::weighted(0.15, any::<bool>()),
        proptest::option::weighted(
            0.15,
            prop_oneof![
                Just(VerificationFilter::Verified),
                Just(VerificationFilter::Unverified)
            ],
        ),
        proptest::option::weighted(0.15, 0_usize..PEOPLE.len()),
        proptest::bool::weighted(0.15),
    )
        .prop_map(
            |(
                last_name,
                first_name,
                search,
                company,
                active,
                on_hold,
                verification,
                from,
                site,
            )| {
                CustomerFilter {
                    last_name,
                    first_name,
                    search,
                    company,
                    active,
                    on_hold,
                    verification,
                    created_from: from.map(created),
                    preferred_site: site.then(|| "default".to_owned()),
                    ..CustomerFilter::default()
                }
            },
        );
    (
        proptest::sample::select(CustomerSort::ALL.to_vec()),
        prop_oneof![
            Just(SortDirection::Ascending),
            Just(SortDirection::Descending)
        ],
        filter,
        1_u32..6,
    )
        .prop_map(|(sort, direction, filter, page_size)| {
            (
                CustomerQuery {
                    sort,
                    direction,
                    filter,
                },
                page_size,
            )
        })
}

pub async fn keyset_pages_show_every_match_once_in_order_under_any_query(store: Arc<dyn Store>) {
    let store = store.as_ref();
    let people = store_people(store).await;
    let mut runner = TestRunner::deterministic();
    let strategy = queries();
    let mut with_rows = 0;
    for _ in 0..120 {
        let (query, page_size) = strategy.new_tree(&mut runner).expect("a query").current();
        let listed: Vec<CustomerId> = page_through(store, &query, page_size)
            .await
            .iter()
            .map(|customer| customer.id)
            .collect();
        assert_eq!(
            listed,
            model(&people, &query),
            "{query:#?} in pages of {page_size}"
        );
        with_rows += usize::from(listed.len() > page_size as usize);
    }
    // Most random filters match little; enough must span pages for the test to count.
    assert!(
        with_rows >= 20,
        "only {with_rows} queries spanned more than a page"
    );
}

pub async fn bulk_changes_apply_per_customer_with_an_audit_entry_each(store: Arc<dyn Store>) {
    use desk_app::customers::{bulk_change_customers, count_customers, customer_history};
    use desk_domain::customer_bulk::{BulkChange, BulkChangeRequest, CustomerSelection};
    let store = store.as_ref();
    let people = store_people(store).await;
    let by = desk_tests::fixtures::tester();
    // Ticked: Ann Müller (not on hold), Zoë (on hold already), Bob Baker (not on hold).
    let ticked = vec![people[0].id, people[3].id, people[6].id];
    let zoe_entries = customer_history(store, people[3].id, None)
        .await
        .expect("history")
        .items
        .len();
    let progress = bulk_change_customers(
        store,
        &by,
        &BulkChangeRequest {
            selection: CustomerSelection::Ticked(ticked.clone()),
            change: BulkChange::OnHold(true),
        },
        Utc::now(),
    )
    .await
    .expect("puts them on hold");
    assert_eq!(
        (progress.looked_at, progress.changed, progress.next),
        (3, 2, None)
    );
    for id in &ticked {
        let customer = store
            .customer_by_id(*id)
            .await
            .expect("reads")
            .expect("there");
        assert!(customer.on_hold);
    }
    let history = customer_history(store, people[0].id, None)
        .await
        .expect("history");
    let newest = &history.items[0];
    assert_eq!(newest.changes.len(), 1);
    assert_eq!(newest.changes[0].field, "on_hold");
    assert_eq!(
        (
            newest.changes[0].old.as_deref(),
            newest.changes[0].new.as_deref()
        ),
        (Some("no"), Some("yes"))
    );
    let zoe = customer_history(store, people[3].id, None)
        .await
        .expect("history");
    assert_eq!(
        zoe.items.len(),
        zoe_entries,
        "nothing for a change that changed nothing"
    );

    // Every inactive customer of a filter, without ticking them: each becomes
    // active, and the ones not on hold get "account now active".
    let inactive = CustomerQuery {
        filter: CustomerFilter {
            active: Some(false),
            ..CustomerFilter::default()
        },
        ..CustomerQuery::default()
    };
    let expected = count_customers(store, &inactive).await.expect("counts");
    assert_eq!(expected, 3);
    let queued_before = store
        .list_outbox(&desk_store::OutboxQuery {
            limit: 100,
            ..desk_store::OutboxQuery::default()
        })
        .await
        .expect("outbox")
        .len();
    let progress = bulk_change_customers(
        store,
        &by,
        &BulkChangeRequest {
            selection: CustomerSelection::AllMatching {
                query: Box::new(inactive.clone()),
                except: Vec::new(),
                after: None,
            },
            change: BulkChange::Active(true),
        },
        Utc::now(),
    )
    .await
    .expect("activates them");
    assert_eq!(
        (progress.looked_at, progress.changed, progress.next),
        (3, 3, None)
    );
    assert_eq!(count_customers(store, &inactive).await.expect("counts"), 0);
    let queued: Vec<String> = store
        .list_outbox(&desk_store::OutboxQuery {
            limit: 100,
            ..desk_store::OutboxQuery::default()
        })
        .await
        .expect("outbox")
        .into_iter()
        .map(|entry| entry.message.recipient)
        .collect();
    // Inactive: Zoë (on hold, so no email), Sam Meyer and Mila Mills.
    assert_eq!(queued.len() - queued_before, 2, "{queued:?}");
    assert!(queued.iter().any(|to| to == "sam@meyer.de"));
    assert!(queued.iter().any(|to| to == "mila.mills@example.com"));
}

pub async fn saved_views_are_each_staff_members_own_with_one_default(store: Arc<dyn Store>) {
    use desk_app::customers::{customer_views, delete_customer_view, save_customer_view};
    use desk_domain::customer_view::CustomerViewInput;
    let store = store.as_ref();
    let ann = crate::addresses::staff_member(store, "ann.staff@example.com")
        .await
        .id;
    let bob = crate::addresses::staff_member(store, "bob.staff@example.com")
        .await
        .id;
    let swiss = CustomerViewInput {
        name: "Swiss on hold".into(),
        columns: vec!["last-name".into(), "preferred-site".into()],
        query: CustomerQuery {
            sort: CustomerSort::Created,
            direction: SortDirection::Descending,
            filter: CustomerFilter {
                preferred_site: Some("default".into()),
                on_hold: Some(true),
                ..CustomerFilter::default()
            },
        },
        is_default: true,
        ..CustomerViewInput::default()
    };
    let saved = save_customer_view(store, ann, &swiss, Utc::now())
        .await
        .expect("saves");
    assert_eq!(saved.query, swiss.query);
    assert_eq!(saved.columns, swiss.columns);
    let again = save_customer_view(
        store,
        ann,
        &CustomerViewInput {
            name: "SWISS ON HOLD".into(),
            ..swiss.clone()
        },
        Utc::now(),
    )
    .await;
    assert!(
        matches!(again, Err(desk_domain::DeskError::Validation { .. })),
        "{again:?}"
    );
    let other = CustomerViewInput {
        name: "Everyone".into(),
        ..swiss.clone()
    };
    let everyone = save_customer_view(store, ann, &other, Utc::now())
        .await
        .expect("saves");
    let views = customer_views(store, ann).await.expect("lists");
    let defaults: Vec<&str> = views
        .iter()
        .filter(|v| v.is_default)
        .map(|v| v.name.as_str())
        .collect();
    assert_eq!(defaults, ["Everyone"], "one default at a time");
    assert!(
        customer_views(store, bob).await.expect("lists").is_empty(),
        "Ann's views are hers"
    );
    assert!(
        delete_customer_view(store, bob, everyone.id).await.is_err(),
        "Bob cannot delete Ann's view"
    );
    let taken = save_customer_view(
        store,
        bob,
        &CustomerViewInput {
            id: Some(everyone.id),
            ..other.clone()
        },
        Utc::now(),
    )
    .await;
    assert!(taken.is_err(), "nor save over it: {taken:?}");
    delete_customer_view(store, ann, everyone.id)
        .await
        .expect("deletes");
    assert_eq!(customer_views(store, ann).await.expect("lists").len(), 1);
}

pub async fn the_demo_set_fills_an_empty_store_once(store: Arc<dyn Store>) {
    use desk_app::customers::{DEMO_CUSTOMERS, customer_history, load_demo_customers};
    let store = store.as_ref();
    let by = desk_tests::fixtures::tester();
    let added = load_demo_customers(store, &by, Utc::now())
        .await
        .expect("adds");
    assert_eq!(added, DEMO_CUSTOMERS);
    let everyone = page_through(store, &CustomerQuery::default(), 200).await;
    assert_eq!(everyone.len() as u64, DEMO_CUSTOMERS);
    let history = customer_history(store, everyone[0].id, None)
        .await
        .expect("history");
    assert_eq!(
        history.items.len(),
        1,
        "each has its Customer created entry"
    );
    let again = load_demo_customers(store, &by, Utc::now()).await;
    assert!(
        matches!(again, Err(desk_domain::DeskError::Validation { .. })),
        "{again:?}"
    );
}

contract!(
    names_sort_as_people_expect_in_both_directions,
    filters_narrow_the_list_and_combine,
    search_finds_names_emails_companies_and_phones_however_typed,
    an_erased_customer_is_not_found_by_their_old_details,
    keyset_pages_show_every_match_once_in_order_under_any_query,
    bulk_changes_apply_per_customer_with_an_audit_entry_each,
    saved_views_are_each_staff_members_own_with_one_default,
    the_demo_set_fills_an_empty_store_once,
);
