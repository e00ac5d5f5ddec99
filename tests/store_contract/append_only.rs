//! The audit log is append-only in the database itself, not only in the app: an
//! UPDATE or DELETE sent straight to the database is refused.

use desk_tests::fixtures::audit_by_test;
use desk_tests::stores::TestStore;
use sqlx::{Connection, Database, Executor, IntoArguments};

/// Appends one entry through the store, then tries to change and to delete it over a
/// raw connection of type `C` to the same database.
async fn the_database_refuses_changes<C>(store: TestStore)
where
    C: Connection,
    for<'c> &'c mut C: Executor<'c, Database = C::Database>,
    for<'q> <C::Database as Database>::Arguments<'q>: IntoArguments<'q, C::Database>,
{
    store.store.record(&audit_by_test()).await.expect("appends");
    let mut connection = C::connect(&store.url).await.expect("connects");
    for statement in [
        "UPDATE audit_log SET actor_email = 'someone-else@example.com'",
        "DELETE FROM audit_log",
    ] {
        let result = sqlx::query::<C::Database>(statement)
            .execute(&mut connection)
            .await;
        let Err(refused) = result else {
            panic!("{statement} was accepted");
        };
        assert!(
            refused.to_string().contains("append-only"),
            "{statement}: {refused}"
        );
    }
    let entries = store
        .store
        .list_audit(&Default::default(), 10)
        .await
        .expect("lists");
    assert_eq!(entries.len(), 1, "the entry is still there");
}

mod sqlite {
    #[tokio::test]
    async fn the_database_refuses_to_change_or_delete_audit_entries() {
        let store = desk_tests::stores::sqlite().await;
        super::the_database_refuses_changes::<sqlx::SqliteConnection>(store).await;
    }
}

mod postgres {
    #[tokio::test]
    async fn the_database_refuses_to_change_or_delete_audit_entries() {
        let store = desk_tests::stores::postgres().await;
        super::the_database_refuses_changes::<sqlx::PgConnection>(store).await;
    }
}
