//! The benchmark's seeded stores are real stores: rows written in bulk by
//! `desk_tests::seed` read back through the store exactly as the app lists them.

mod sqlite {
    use desk_domain::customer::CustomerCursor;
    use desk_domain::customer_list::CustomerQuery;
    use desk_domain::sort_key::collation_key;
    use desk_store::CustomerStore;
    use desk_store::sqlite::SqliteStore;
    use desk_tests::seed::{seed_customers, seeded_customer};

    #[tokio::test]
    async fn seeded_customers_page_through_the_store_in_name_order() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let path = dir.path().join("seeded.sqlite3");
        // Migrated by the app's own store first, as the benchmark's app run does.
        SqliteStore::open_file(&path)
            .await
            .expect("creates the store")
            .close()
            .await;
        seed_customers(&path, 1_500).await.expect("seeds");

        let store = SqliteStore::open_file(&path).await.expect("opens");
        let mut seen = Vec::new();
        let mut after: Option<CustomerCursor> = None;
        loop {
            let page = store
                .list_customers(&CustomerQuery::default(), after.as_ref(), 400)
                .await
                .expect("lists a page");
            seen.extend(page.items);
            match page.next {
                Some(next) => after = Some(next),
                None => break,
            }
        }
        assert_eq!(seen.len(), 1_500);
        let order: Vec<(String, String)> = seen
            .iter()
            .map(|customer| {
                (
                    collation_key(customer.last_name.as_str()),
                    collation_key(customer.first_name.as_str()),
                )
            })
            .collect();
        let mut sorted = order.clone();
        sorted.sort();
        assert_eq!(order, sorted, "pages follow on in name order");

        let expected = seeded_customer(42);
        let found = seen
            .iter()
            .find(|customer| customer.email == expected.email)
            .expect("customer 42 is there");
        assert_eq!(found.first_name, expected.first_name);
        assert_eq!(found.last_name, expected.last_name);
        assert_eq!(found.preferred_currency, expected.preferred_currency);
        store.close().await;
    }
}
