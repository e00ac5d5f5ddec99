//! B2B companies on both backends (seed 004): creating one with its billing
//! address, the form's checks that need the store (a sales rep must have the role),
//! editing at a version, the list's order, search and filters, and a sales rep's
//! scope: their own companies, nobody else's, and "not found" for the rest.

use std::sync::Arc;

use chrono::Utc;
use desk_app::audit::list_audit;
use desk_app::companies::{
    company_choices, create_company, get_company, list_companies, update_company,
};
use desk_app::policy::Scope;
use desk_domain::audit::{AuditAction, AuditFilter, EntityType};
use desk_domain::company_address::CompanyAddressInput;
use desk_domain::company_form::{CompanyInput, fields};
use desk_domain::company_list::{
    Company, CompanyListRequest, CompanyQuery, CompanySort, CompanyUpdate,
};
use desk_domain::customer_group::{CustomerPicks, GroupId, GroupInput, NewGroupRequest};
use desk_domain::customer_list::SortDirection;
use desk_domain::staff::{Role, StaffId};
use desk_domain::{DeskError, EntityKind};
use desk_store::Store;
use desk_tests::fixtures::{insert_named_staff_member, tester};

async fn add_group(store: &dyn Store, name: &str) -> GroupId {
    desk_app::groups::create_group(
        store,
        &tester(),
        &NewGroupRequest {
            input: GroupInput {
                name: name.into(),
                description: String::new(),
            },
            customers: CustomerPicks::default(),
        },
        Utc::now(),
    )
    .await
    .unwrap_or_else(|error| panic!("adds {name}: {error:?}"))
    .group
    .id
}

fn form(name: &str, tax_id: &str, group: GroupId, rep: StaffId) -> CompanyInput {
    CompanyInput {
        name: name.into(),
        tax_id: tax_id.into(),
        group: Some(group),
        sales_rep: Some(rep),
        ..CompanyInput::default()
    }
}

async fn create(store: &dyn Store, input: CompanyInput) -> Company {
    create_company(store, &tester(), &input, Utc::now())
        .await
        .unwrap_or_else(|error| panic!("creates {}: {error:?}", input.name))
}

async fn names(store: &dyn Store, scope: Scope, query: CompanyQuery) -> Vec<String> {
    let request = CompanyListRequest {
        query,
        limit: 50,
        ..CompanyListRequest::default()
    };
    list_companies(store, scope, &request)
        .await
        .expect("lists companies")
        .items
        .into_iter()
        .map(|row| row.name)
        .collect()
}

pub async fn a_company_is_created_with_its_billing_address_and_audited_by_name(
    store: Arc<dyn Store>,
) {
    let store = store.as_ref();
    let anna =
        insert_named_staff_member(store, "anna@example.com", "Anna Berg", &[Role::SalesRep]).await;
    let wholesale = add_group(store, "Wholesale").await;
    let mut input = form("Acme Trading GmbH", "de 136 695 976", wholesale, anna);
    input.website = "acme.example".into();
    input.billing = Some(CompanyAddressInput {
        line1: "Hauptstrasse 1".into(),
        postal_code: "10115".into(),
        city: "Berlin".into(),
        country: "DE".into(),
        ..CompanyAddressInput::default()
    });
    let company = create(store, input).await;
    assert_eq!(company.row.name, "Acme Trading GmbH");
    assert_eq!(
        company.row.tax_id, "DE136695976",
        "kept in its compact form"
    );
    assert_eq!(company.row.group.name, "Wholesale");
    assert_eq!(company.row.sales_rep.name, "Anna Berg");
    assert_eq!(company.website.as_deref(), Some("https://acme.example/"));
    assert!(company.row.active);
    let billing = company.billing.as_ref().expect("a billing address");
    assert!(billing.is_default);
    assert_eq!(
        billing.details.one_line(),
        "Hauptstrasse 1, 10115 Berlin, DE"
    );
    assert_eq!(
        get_company(store, Scope::Everything, company.row.id)
            .await
            .expect("reads it back"),
        company
    );

    let log = list_audit(
        store,
        &AuditFilter {
            entity_type: Some(EntityType::Company),
            limit: 10,
            ..AuditFilter::default()
        },
    )
    .await
    .expect("the log");
    let created = log
        .items
        .iter()
        .find(|entry| entry.action == AuditAction::CompanyCreated)
        .expect("an entry says the company was created");
    let value = |field: &str| {
        created
            .changes
            .iter()
            .find(|change| change.field == field)
            .and_then(|change| change.new.clone())
    };
    assert_eq!(
        value(fields::GROUP).as_deref(),
        Some("Wholesale"),
        "by name"
    );
    assert_eq!(value(fields::SALES_REP).as_deref(), Some("Anna Berg"));
    assert_eq!(
        value("billing").as_deref(),
        Some("Hauptstrasse 1, 10115 Berlin, DE")
    );
}

pub async fn a_sales_rep_without_the_role_or_a_bad_tax_id_is_refused_on_its_field(
    store: Arc<dyn Store>,
) {
    let store = store.as_ref();
    let agent = insert_named_staff_member(
        store,
        "sam@example.com",
        "Sam Support",
        &[Role::SupportAgent],
    )
    .await;
    let group = add_group(store, "Retail").await;
    let refusal = create_company(
        store,
        &tester(),
        &form("Brix AG", "DE136695976", group, agent),
        Utc::now(),
    )
    .await
    .expect_err("a support agent is not a sales rep");
    let DeskError::Validation { fields: problems } = refusal else {
        panic!("a field problem, not {refusal:?}");
    };
    assert_eq!(problems[0].field, fields::SALES_REP);
    assert!(problems[0].message.contains("Sales rep role"));

    let refusal = create_company(
        store,
        &tester(),
        &form("Brix AG", "DE136695977", group, agent),
        Utc::now(),
    )
    .await
    .expect_err("a mistyped VAT number");
    let DeskError::Validation { fields: problems } = refusal else {
        panic!("a field problem, not {refusal:?}");
    };
    assert_eq!(problems[0].field, fields::TAX_ID);
    assert!(
        names(store, Scope::Everything, CompanyQuery::default())
            .await
            .is_empty(),
        "nothing was saved"
    );
    let choices = company_choices(store, Scope::Everything)
        .await
        .expect("choices");
    assert!(
        choices.sales_reps.is_empty(),
        "a support agent is not offered"
    );
    assert_eq!(choices.groups.len(), 1);
}

pub async fn an_edit_saves_at_its_version_and_an_older_one_is_a_conflict(store: Arc<dyn Store>) {
    let store = store.as_ref();
    let anna =
        insert_named_staff_member(store, "anna@example.com", "Anna Berg", &[Role::SalesRep]).await;
    let ben =
        insert_named_staff_member(store, "ben@example.com", "Ben Cole", &[Role::SalesRep]).await;
    let group = add_group(store, "Wholesale").await;
    let company = create(store, form("Acme GmbH", "ATU13585627", group, anna)).await;

    let mut input = company.input();
    input.sales_rep = Some(ben);
    input.active = false;
    input.billing = Some(CompanyAddressInput {
        line1: "Ring 2".into(),
        city: "Wien".into(),
        postal_code: "1010".into(),
        country: "AT".into(),
        ..CompanyAddressInput::default()
    });
    let saved = update_company(
        store,
        &tester(),
        &CompanyUpdate {
            id: company.row.id,
            version: company.version,
            input: input.clone(),
        },
        Utc::now(),
    )
    .await
    .expect("saves");
    assert_eq!(saved.row.sales_rep.name, "Ben Cole");
    assert!(!saved.row.active);
    assert_eq!(saved.version, company.version + 1);
    assert_eq!(
        saved
            .billing
            .as_ref()
            .map(|a| a.details.one_line())
            .as_deref(),
        Some("Ring 2, 1010 Wien, AT")
    );

    // A form still at the first version is refused, naming what is stored now.
    let mut stale = company.input();
    stale.name = "Acme Holding GmbH".into();
    let refusal = update_company(
        store,
        &tester(),
        &CompanyUpdate {
            id: company.row.id,
            version: company.version,
            input: stale,
        },
        Utc::now(),
    )
    .await
    .expect_err("an old version");
    let DeskError::EditConflict {
        entity,
        version,
        fields: stored,
    } = refusal
    else {
        panic!("a conflict, not {refusal:?}");
    };
    assert_eq!(entity, EntityKind::Company);
    assert_eq!(version, saved.version);
    assert!(
        stored
            .iter()
            .any(|value| value.field == fields::SALES_REP && value.stored == "Ben Cole"),
        "{stored:?}"
    );
    let log = list_audit(
        store,
        &AuditFilter {
            entity_type: Some(EntityType::Company),
            limit: 10,
            ..AuditFilter::default()
        },
    )
    .await
    .expect("the log");
    let changed = log
        .items
        .iter()
        .find(|entry| entry.action == AuditAction::CompanyChanged)
        .expect("the save is audited");
    let rep = changed
        .changes
        .iter()
        .find(|change| change.field == fields::SALES_REP)
        .expect("the sales rep changed");
    assert_eq!(rep.old.as_deref(), Some("Anna Berg"));
    assert_eq!(rep.new.as_deref(), Some("Ben Cole"));
}

pub async fn the_list_pages_sorts_searches_and_filters(store: Arc<dyn Store>) {
    let store = store.as_ref();
    let anna =
        insert_named_staff_member(store, "anna@example.com", "Anna Berg", &[Role::SalesRep]).await;
    let ben =
        insert_named_staff_member(store, "ben@example.com", "Ben Cole", &[Role::SalesRep]).await;
    let retail = add_group(store, "Retail").await;
    let wholesale = add_group(store, "Wholesale").await;
    create(store, form("Émile Sàrl", "CHE-100.155.212", retail, anna)).await;
    create(store, form("Brix AG", "DE136695976", wholesale, ben)).await;
    let mut cora = form("Cora SA", "FR40303265045", wholesale, anna);
    cora.active = false;
    create(store, cora).await;
    create(store, form("acme inc", "12-3456789", retail, ben)).await;

    let by_name = CompanyQuery::default();
    assert_eq!(
        names(store, Scope::Everything, by_name.clone()).await,
        ["acme inc", "Brix AG", "Cora SA", "Émile Sàrl"],
        "by name as a person reads it: case and accents do not push a name aside"
    );
    // Pages of two continue where the last ended.
    let first = list_companies(
        store,
        Scope::Everything,
        &CompanyListRequest {
            query: by_name.clone(),
            limit: 2,
            after: None,
        },
    )
    .await
    .expect("first page");
    let second = list_companies(
        store,
        Scope::Everything,
        &CompanyListRequest {
            query: by_name,
            limit: 2,
            after: first.next.clone(),
        },
    )
    .await
    .expect("second page");
    let second: Vec<String> = second.items.into_iter().map(|row| row.name).collect();
    assert_eq!(second, ["Cora SA", "Émile Sàrl"]);

    let query = |change: &dyn Fn(&mut CompanyQuery)| {
        let mut query = CompanyQuery::default();
        change(&mut query);
        query
    };
    assert_eq!(
        names(
            store,
            Scope::Everything,
            query(&|q| {
                q.sort = CompanySort::TaxId;
                q.direction = SortDirection::Descending;
            })
        )
        .await,
        ["Cora SA", "Brix AG", "Émile Sàrl", "acme inc"]
    );
    for (search, found) in [
        ("emile", "Émile Sàrl"),
        ("de 136 695 976", "Brix AG"),
        ("123456789", "acme inc"),
        ("CHE100155212", "Émile Sàrl"),
    ] {
        assert_eq!(
            names(
                store,
                Scope::Everything,
                query(&|q| q.search = search.into())
            )
            .await,
            [found],
            "{search}"
        );
    }
    assert_eq!(
        names(
            store,
            Scope::Everything,
            query(&|q| q.group = Some(wholesale))
        )
        .await,
        ["Brix AG", "Cora SA"]
    );
    assert_eq!(
        names(
            store,
            Scope::Everything,
            query(&|q| q.sales_rep = Some(ben))
        )
        .await,
        ["acme inc", "Brix AG"]
    );
    assert_eq!(
        names(store, Scope::Everything, query(&|q| q.active = Some(false))).await,
        ["Cora SA"]
    );
}

pub async fn a_sales_rep_sees_only_their_own_companies_until_reassigned(store: Arc<dyn Store>) {
    let store = store.as_ref();
    let anna =
        insert_named_staff_member(store, "anna@example.com", "Anna Berg", &[Role::SalesRep]).await;
    let ben =
        insert_named_staff_member(store, "ben@example.com", "Ben Cole", &[Role::SalesRep]).await;
    let retail = add_group(store, "Retail").await;
    let wholesale = add_group(store, "Wholesale").await;
    let acme = create(store, form("Acme GmbH", "DE136695976", wholesale, anna)).await;
    let brix = create(store, form("Brix AG", "ATU13585627", retail, ben)).await;

    let all = CompanyQuery::default();
    assert_eq!(
        names(store, Scope::AssignedTo(anna), all.clone()).await,
        ["Acme GmbH"]
    );
    assert_eq!(
        names(store, Scope::AssignedTo(ben), all.clone()).await,
        ["Brix AG"]
    );
    let others = CompanyQuery {
        sales_rep: Some(ben),
        ..CompanyQuery::default()
    };
    assert!(
        names(store, Scope::AssignedTo(anna), others)
            .await
            .is_empty(),
        "asking for Ben's companies shows Anna none"
    );
    let answer = get_company(store, Scope::AssignedTo(anna), brix.row.id).await;
    assert!(
        matches!(answer, Err(DeskError::NotFound { .. })),
        "another rep's company is not found, not forbidden: {answer:?}"
    );
    let choices = company_choices(store, Scope::AssignedTo(anna))
        .await
        .expect("choices");
    let offered: Vec<&str> = choices.groups.iter().map(|g| g.name.as_str()).collect();
    assert_eq!(offered, ["Wholesale"], "only her companies' groups");
    assert_eq!(choices.sales_reps.len(), 1);
    assert_eq!(choices.sales_reps[0].id, anna);

    // Reassigned to Ben: Anna's next read no longer finds it.
    let mut input = acme.input();
    input.sales_rep = Some(ben);
    update_company(
        store,
        &tester(),
        &CompanyUpdate {
            id: acme.row.id,
            version: acme.version,
            input,
        },
        Utc::now(),
    )
    .await
    .expect("reassigns");
    assert!(
        names(store, Scope::AssignedTo(anna), all.clone())
            .await
            .is_empty()
    );
    assert!(
        get_company(store, Scope::AssignedTo(anna), acme.row.id)
            .await
            .is_err()
    );
    assert_eq!(
        names(store, Scope::AssignedTo(ben), all).await,
        ["Acme GmbH", "Brix AG"]
    );
}

fn address(line1: &str, city: &str) -> CompanyAddressInput {
    CompanyAddressInput {
        line1: line1.into(),
        city: city.into(),
        postal_code: "10115".into(),
        country: "DE".into(),
        ..CompanyAddressInput::default()
    }
}

pub async fn the_address_book_keeps_one_default_of_each_kind(store: Arc<dyn Store>) {
    use desk_app::companies::{
        company_addresses, delete_company_address, save_company_address,
        set_default_company_address,
    };
    use desk_domain::company_address::{AddressKind, CompanyAddressRef, CompanyAddressSave};
    let store = store.as_ref();
    let anna =
        insert_named_staff_member(store, "anna@example.com", "Anna Berg", &[Role::SalesRep]).await;
    let ben =
        insert_named_staff_member(store, "ben@example.com", "Ben Cole", &[Role::SalesRep]).await;
    let group = add_group(store, "Wholesale").await;
    let mut input = form("Acme GmbH", "DE136695976", group, anna);
    input.billing = Some(address("Hauptstrasse 1", "Berlin"));
    let acme = create(store, input).await.row.id;
    let save = |kind, line1: &str, make_default| CompanyAddressSave {
        company: acme,
        id: None,
        kind,
        input: address(line1, "Berlin"),
        make_default,
    };
    for (kind, line1, make_default) in [
        (AddressKind::Billing, "Nebenstrasse 2", false),
        (AddressKind::Shipping, "Lager 3", false),
        (AddressKind::Shipping, "Lager 4", false),
    ] {
        save_company_address(
            store,
            &tester(),
            &save(kind, line1, make_default),
            Utc::now(),
        )
        .await
        .unwrap_or_else(|error| panic!("adds {line1}: {error:?}"));
    }
    let book = |store| async move {
        company_addresses(store, Scope::Everything, acme)
            .await
            .expect("the book")
            .into_iter()
            .map(|a| (a.kind, a.details.line1, a.is_default))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        book(store).await,
        [
            (AddressKind::Billing, "Hauptstrasse 1".to_owned(), true),
            (AddressKind::Billing, "Nebenstrasse 2".to_owned(), false),
            (AddressKind::Shipping, "Lager 3".to_owned(), true),
            (AddressKind::Shipping, "Lager 4".to_owned(), false),
        ],
        "the first of each kind is its default"
    );
    let all = company_addresses(store, Scope::Everything, acme)
        .await
        .expect("the book");
    let refer = |line1: &str| CompanyAddressRef {
        company: acme,
        id: all
            .iter()
            .find(|a| a.details.line1 == line1)
            .expect("there")
            .id,
    };
    set_default_company_address(store, &tester(), refer("Nebenstrasse 2"), Utc::now())
        .await
        .expect("a new default");
    let profile = get_company(store, Scope::Everything, acme)
        .await
        .expect("reads");
    assert_eq!(
        profile.billing.map(|a| a.details.line1).as_deref(),
        Some("Nebenstrasse 2"),
        "the profile's billing address is the default one"
    );
    delete_company_address(store, &tester(), refer("Lager 3"), Utc::now())
        .await
        .expect("removes the default shipping address");
    assert_eq!(
        book(store).await,
        [
            (AddressKind::Billing, "Nebenstrasse 2".to_owned(), true),
            (AddressKind::Billing, "Hauptstrasse 1".to_owned(), false),
            (AddressKind::Shipping, "Lager 4".to_owned(), true),
        ],
        "the remaining shipping address becomes the default"
    );
    let mut bad = save(AddressKind::Billing, "", false);
    bad.input.country = "DE".into();
    let refused = save_company_address(store, &tester(), &bad, Utc::now())
        .await
        .expect_err("no street");
    let DeskError::Validation { fields: problems } = refused else {
        panic!("a field problem, not {refused:?}");
    };
    assert_eq!(problems[0].field, "line1");
    let answer = company_addresses(store, Scope::AssignedTo(ben), acme).await;
    assert!(
        matches!(answer, Err(DeskError::NotFound { .. })),
        "another rep's company's addresses are not found: {answer:?}"
    );
}

contract!(
    the_address_book_keeps_one_default_of_each_kind,
    a_company_is_created_with_its_billing_address_and_audited_by_name,
    a_sales_rep_without_the_role_or_a_bad_tax_id_is_refused_on_its_field,
    an_edit_saves_at_its_version_and_an_older_one_is_a_conflict,
    the_list_pages_sorts_searches_and_filters,
    a_sales_rep_sees_only_their_own_companies_until_reassigned,
);
