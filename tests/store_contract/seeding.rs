//! Seeded stores are real stores: rows `desk-seed` writes in bulk (for `cargo xtask
//! seed` and the benchmarks) read back through the store exactly as the app lists,
//! searches and shows them, on both backends.

use desk_domain::customer_list::{CustomerFilter, CustomerQuery};
use desk_domain::sort_key::collation_key;
use desk_seed::people::SeedCustomer;
use desk_store::Store;

/// Every customer in list order, a page at a time.
async fn page_through(
    store: &dyn Store,
    query: &CustomerQuery,
) -> Vec<desk_domain::customer::Customer> {
    let mut seen = Vec::new();
    let mut after = None;
    loop {
        let page = store
            .list_customers(query, after.as_ref(), 200)
            .await
            .expect("lists a page");
        seen.extend(page.items);
        match page.next {
            Some(next) => after = Some(next),
            None => return seen,
        }
    }
}

async fn seeded_customers_list_search_and_show_as_the_app_writes_them(
    store: &dyn Store,
    count: u64,
) {
    let everyone = page_through(store, &CustomerQuery::default()).await;
    assert_eq!(everyone.len() as u64, count);
    let order: Vec<(String, String)> = everyone
        .iter()
        .map(|c| {
            (
                collation_key(c.last_name.as_str()),
                collation_key(c.first_name.as_str()),
            )
        })
        .collect();
    assert!(order.is_sorted(), "pages follow on in name order");

    let expected = SeedCustomer::nth(42);
    let search = CustomerQuery {
        filter: CustomerFilter {
            search: expected.customer_ref.clone(),
            ..CustomerFilter::default()
        },
        ..CustomerQuery::default()
    };
    let found = page_through(store, &search).await;
    assert_eq!(found.len(), 1, "found by customer ID");
    let customer = &found[0];
    assert_eq!(customer.email.as_str(), expected.email);
    assert_eq!(customer.first_name.as_str(), expected.first_name);
    assert_eq!(customer.last_name.as_str(), expected.last_name);
    assert_eq!(
        customer.phone.as_ref().map(|p| p.as_str().to_owned()),
        expected.phone
    );
    assert_eq!(customer.company, expected.company);
    assert_eq!(customer.preferred_site.as_deref(), expected.site);
    assert_eq!(customer.verified_at.is_some(), expected.verified);
    for (code, value) in &expected.attributes {
        assert_eq!(
            customer.attributes.get(*code).map(String::as_str),
            Some(*value)
        );
    }
    let addresses = store.addresses_of(customer.id).await.expect("addresses");
    assert_eq!(addresses.len(), expected.addresses.len());
    assert_eq!(addresses[0].details.city, expected.addresses[0].city);
    assert!(addresses[0].is_default_billing && addresses[0].is_default_shipping);
    let notes = store.notes_of(customer.id, None, 10).await.expect("notes");
    assert_eq!(notes.len(), usize::from(expected.note.is_some()));

    // About 8 % use gmail, and search finds exactly them.
    let gmail: Vec<_> = everyone
        .iter()
        .filter(|c| c.email.as_str().ends_with("@gmail.com"))
        .map(|c| c.id)
        .collect();
    let search = CustomerQuery {
        filter: CustomerFilter {
            search: "gmail".into(),
            ..CustomerFilter::default()
        },
        ..CustomerQuery::default()
    };
    let found: Vec<_> = page_through(store, &search)
        .await
        .iter()
        .map(|c| c.id)
        .collect();
    assert!(!gmail.is_empty());
    assert_eq!(found, gmail);
}

/// The seeded companies read back through the app: one per 50 customers in the
/// "B2B customers" group, five members each, the first the contact person and a
/// Company admin, orders in the history, sales reps the store's own.
async fn seeded_companies_show_as_the_app_writes_them(store: &dyn Store, customers: u64) {
    use desk_app::companies::{company_members, company_orders, get_company, list_companies};
    use desk_app::policy::Scope;
    use desk_domain::company_list::{CompanyListRequest, CompanyQuery};
    use desk_domain::company_member::MembersRequest;
    use desk_seed::companies::{CUSTOMERS_PER_COMPANY, GROUP_NAME, MEMBERS_PER_COMPANY};

    let page = list_companies(
        store,
        Scope::Everything,
        &CompanyListRequest {
            query: CompanyQuery::default(),
            after: None,
            limit: 200,
        },
    )
    .await
    .expect("the companies");
    assert_eq!(page.items.len() as u64, customers / CUSTOMERS_PER_COMPANY);
    assert!(page.items.iter().all(|row| row.group.name == GROUP_NAME));
    let names: Vec<String> = page
        .items
        .iter()
        .map(|row| collation_key(&row.name))
        .collect();
    assert!(names.is_sorted(), "listed in name order");
    let mut with_orders = 0;
    for row in &page.items {
        let company = get_company(store, Scope::Everything, row.id)
            .await
            .expect("a company");
        let members = company_members(
            store,
            Scope::Everything,
            &MembersRequest {
                company: row.id,
                after: None,
                limit: 50,
            },
        )
        .await
        .expect("members")
        .items;
        assert_eq!(members.len() as u64, MEMBERS_PER_COMPANY);
        let contact = members
            .iter()
            .find(|member| member.contact)
            .expect("a contact person among the members");
        assert_eq!(
            company.contact.as_ref().map(|contact| contact.name.clone()),
            Some(contact.name())
        );
        assert!(
            contact
                .roles
                .iter()
                .any(|role| role.name == "Company admin")
        );
        let orders = company_orders(store, Scope::Everything, row.id)
            .await
            .expect("orders");
        with_orders += usize::from(orders.count > 0);
    }
    assert!(with_orders > 0, "some companies have ordered");
}

mod sqlite {
    use desk_store::sqlite::SqliteStore;
    use sqlx::Connection;

    #[tokio::test]
    async fn seeded_customers_list_search_and_show_as_the_app_writes_them() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let path = dir.path().join("seeded.sqlite3");
        // Migrated by the app's own store first, as `desk-seed` does.
        SqliteStore::open_file(&path)
            .await
            .expect("creates the store")
            .close()
            .await;
        let options = sqlx::sqlite::SqliteConnectOptions::new().filename(&path);
        let mut connection = sqlx::SqliteConnection::connect_with(&options)
            .await
            .expect("connects");
        let seeded = desk_seed::bulk::seed_sqlite(&mut connection, 1_500)
            .await
            .expect("seeds");
        assert_eq!((seeded.customers, seeded.addresses), (1_500, 2_250));
        let store = SqliteStore::open_file(&path).await.expect("opens");
        let reps = desk_seed::companies::add_sales_reps(&store)
            .await
            .expect("sales reps");
        desk_seed::companies::seed_companies_sqlite(&mut connection, 0, 1_500, &reps)
            .await
            .expect("seeds companies");
        connection.close().await.expect("closes");

        super::seeded_customers_list_search_and_show_as_the_app_writes_them(&store, 1_500).await;
        super::seeded_companies_show_as_the_app_writes_them(&store, 1_500).await;
        store.close().await;
    }
}

mod postgres {
    use desk_store::postgres::PostgresStore;
    use desk_tests::stores::{POSTGRES_URL_VAR, create_database};
    use sqlx::Connection;

    #[tokio::test]
    async fn seeded_customers_list_search_and_show_as_the_app_writes_them() {
        let admin_url = std::env::var(POSTGRES_URL_VAR).expect("the test server");
        let url = create_database(&admin_url, "desk_seeded").await;
        PostgresStore::migrate_url(&url).await.expect("migrates");
        let mut connection = sqlx::PgConnection::connect(&url).await.expect("connects");
        desk_seed::bulk::seed_postgres(&mut connection, 600)
            .await
            .expect("seeds");
        let store = PostgresStore::open_url(&url).await.expect("opens");
        let reps = desk_seed::companies::add_sales_reps(&store)
            .await
            .expect("sales reps");
        desk_seed::companies::seed_companies_postgres(&mut connection, 0, 600, &reps)
            .await
            .expect("seeds companies");
        connection.close().await.expect("closes");

        super::seeded_customers_list_search_and_show_as_the_app_writes_them(&store, 600).await;
        super::seeded_companies_show_as_the_app_writes_them(&store, 600).await;
    }
}
