//! Upgrading a store that already holds customers: the migrations of issue 10 add
//! their columns to existing rows (generated customer IDs and numbers, fresh sort
//! keys) on both backends, and the customers read back through the store.

use std::path::{Path, PathBuf};

use sqlx::migrate::Migrator;

/// A folder with the migrations of `backend` up to (not including) `first_new`, as a
/// store from before that migration was made.
fn migrations_before(backend: &str, first_new: &str) -> tempfile::TempDir {
    let source = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../migrations")
        .join(backend);
    let dir = tempfile::tempdir().expect("temporary folder");
    let mut names: Vec<String> = std::fs::read_dir(&source)
        .expect("the migrations folder")
        .map(|entry| {
            entry
                .expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    for name in names.into_iter().filter(|name| name.as_str() < first_new) {
        std::fs::copy(source.join(&name), dir.path().join(&name)).expect("copies");
    }
    dir
}

async fn old_migrator(dir: &Path) -> Migrator {
    Migrator::new(dir).await.expect("reads the old migrations")
}

const OLD_CUSTOMER: &str = "INSERT INTO customers (id, email, email_key, first_name, \
    first_name_key, last_name, last_name_key, preferred_currency, created_at) VALUES \
    ($1, 'ann@example.com', 'ann@example.com', 'Ann', 'ann', 'Ångström', 'ångström', 'EUR', \
    '2026-01-02T03:04:05Z')";

mod sqlite {
    use desk_store::CustomerStore;
    use desk_store::sqlite::SqliteStore;
    use sqlx::Connection;

    #[tokio::test]
    async fn customers_from_before_issue_10_come_through_the_upgrade() {
        let folder = tempfile::tempdir().expect("temporary folder");
        let path = folder.path().join("old.sqlite3");
        let url = format!("sqlite://{}?mode=rwc", path.display());
        let old = super::migrations_before("sqlite", "20261122000009");
        let mut connection = sqlx::SqliteConnection::connect(&url).await.expect("opens");
        super::old_migrator(old.path())
            .await
            .run(&mut connection)
            .await
            .expect("the old schema");
        let id = uuid::Uuid::now_v7();
        sqlx::query(super::OLD_CUSTOMER)
            .bind(id.hyphenated().to_string())
            .execute(&mut connection)
            .await
            .expect("an old customer");
        connection.close().await.expect("closes");

        let store = SqliteStore::open_file(&path).await.expect("upgrades");
        let customers = store
            .list_customers(
                &desk_domain::customer_list::CustomerQuery::default(),
                None,
                10,
            )
            .await
            .expect("lists")
            .items;
        assert_eq!(customers.len(), 1);
        let customer = &customers[0];
        assert!(customer.customer_ref.starts_with("C-"), "{customer:?}");
        assert_eq!(customer.customer_number.len(), 10);
        assert_eq!(customer.version, 1);
        assert_eq!(customer.updated_at, customer.created_at);
        assert!(customer.active && !customer.on_hold);
        store.close().await;
    }
}

mod postgres {
    use desk_store::CustomerStore;
    use desk_store::postgres::PostgresStore;
    use desk_tests::stores::{POSTGRES_URL_VAR, create_database};
    use sqlx::Connection;

    #[tokio::test]
    async fn customers_from_before_issue_10_come_through_the_upgrade() {
        let admin_url = std::env::var(POSTGRES_URL_VAR).expect("the test server");
        let url = create_database(&admin_url, "desk_upgrade").await;
        let old = super::migrations_before("postgres", "20261122000013");
        let mut connection = sqlx::PgConnection::connect(&url).await.expect("connects");
        super::old_migrator(old.path())
            .await
            .run(&mut connection)
            .await
            .expect("the old schema");
        let id = uuid::Uuid::now_v7();
        sqlx::query(super::OLD_CUSTOMER)
            .bind(id)
            .execute(&mut connection)
            .await
            .expect("an old customer");
        let entries_before = audit_entries(&mut connection).await;
        connection.close().await.expect("closes");

        PostgresStore::migrate_url(&url).await.expect("upgrades");
        let store = PostgresStore::open_url(&url).await.expect("opens");
        let customers = store
            .list_customers(
                &desk_domain::customer_list::CustomerQuery::default(),
                None,
                10,
            )
            .await
            .expect("lists")
            .items;
        assert_eq!(customers.len(), 1);
        let customer = &customers[0];
        assert!(customer.customer_ref.starts_with("C-"), "{customer:?}");
        assert_eq!(customer.customer_number.len(), 10);
        assert_eq!(customer.version, 1);
        // The upgrade (backfill, fresh sort keys) is upkeep: no audit entries.
        let mut check = sqlx::PgConnection::connect(&url).await.expect("connects");
        assert_eq!(audit_entries(&mut check).await, entries_before);
        store.close().await;
    }

    async fn audit_entries(connection: &mut sqlx::PgConnection) -> i64 {
        sqlx::query_scalar("SELECT count(*) FROM audit_log")
            .fetch_one(connection)
            .await
            .expect("counts")
    }
}
