//! The audit log is append-only in the database itself, not only in the app: an
//! UPDATE or DELETE sent straight to the database is refused.

use desk_tests::fixtures::audit_by_test;
use sqlx::Connection;

async fn sqlite_refuses(url: &str) -> (String, String) {
    let mut connection = sqlx::SqliteConnection::connect(url)
        .await
        .expect("connects");
    let update = sqlx::query("UPDATE audit_log SET actor_email = 'someone-else@example.com'")
        .execute(&mut connection)
        .await
        .expect_err("update refused");
    let delete = sqlx::query("DELETE FROM audit_log")
        .execute(&mut connection)
        .await
        .expect_err("delete refused");
    (update.to_string(), delete.to_string())
}

async fn postgres_refuses(url: &str) -> (String, String) {
    let mut connection = sqlx::PgConnection::connect(url).await.expect("connects");
    let update = sqlx::query("UPDATE audit_log SET actor_email = 'someone-else@example.com'")
        .execute(&mut connection)
        .await
        .expect_err("update refused");
    let delete = sqlx::query("DELETE FROM audit_log")
        .execute(&mut connection)
        .await
        .expect_err("delete refused");
    (update.to_string(), delete.to_string())
}

mod sqlite {
    #[tokio::test]
    async fn the_database_refuses_to_change_or_delete_audit_entries() {
        let store = desk_tests::stores::sqlite().await;
        store
            .store
            .append_audit(&super::audit_by_test())
            .await
            .expect("appends");
        let (update, delete) = super::sqlite_refuses(&store.url).await;
        assert!(update.contains("append-only"), "{update}");
        assert!(delete.contains("append-only"), "{delete}");
        assert_eq!(
            store
                .store
                .list_audit(&Default::default(), 10)
                .await
                .expect("lists")
                .len(),
            1
        );
    }
}

mod postgres {
    #[tokio::test]
    async fn the_database_refuses_to_change_or_delete_audit_entries() {
        let store = desk_tests::stores::postgres().await;
        store
            .store
            .append_audit(&super::audit_by_test())
            .await
            .expect("appends");
        let (update, delete) = super::postgres_refuses(&store.url).await;
        assert!(update.contains("append-only"), "{update}");
        assert!(delete.contains("append-only"), "{delete}");
        assert_eq!(
            store
                .store
                .list_audit(&Default::default(), 10)
                .await
                .expect("lists")
                .len(),
            1
        );
    }
}
