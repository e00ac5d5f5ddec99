//! A storefront's login (docs/storefront-contract.md): it reads the sites, the enabled
//! currencies and locales and the customer access, redeems links through
//! `desk_redeem_link` (each refusal distinct), and nothing else: no customer, staff,
//! audit or outbox row, no write to any table.

use chrono::{Duration, Utc};
use desk_app::signed_links;
use desk_domain::Sensitive;
use desk_domain::link_token::LinkPurpose;
use desk_store::Effects;
use desk_tests::stores;
use sqlx::postgres::{PgConnectOptions, PgSslMode};
use sqlx::{ConnectOptions, Connection, PgConnection, Row};
use std::str::FromStr;

use super::{attempt, is_refusal};

async fn redeem(connection: &mut PgConnection, token: &str, purpose: &str) -> String {
    let row = sqlx::query("SELECT outcome, record_type, record_id FROM desk_redeem_link($1, $2)")
        .bind(token)
        .bind(purpose)
        .fetch_one(&mut *connection)
        .await
        .expect("the storefront may call the function");
    let outcome: String = row.get("outcome");
    let record: Option<String> = row.get("record_id");
    match record {
        Some(record) => format!("{outcome} {record}"),
        None => outcome,
    }
}

#[tokio::test]
async fn a_storefront_reads_its_contract_and_redeems_links_only_through_the_function() {
    let test = stores::postgres().await;
    let mut owner = PgConnection::connect(&test.url).await.expect("owner");
    let prefix: String = sqlx::query_scalar("SELECT role_prefix FROM desk_store")
        .fetch_one(&mut owner)
        .await
        .expect("the store's prefix");
    let login = format!("shop_{}", uuid::Uuid::new_v4().simple());
    let password = "storefront password 9";
    sqlx::query(&format!("CREATE ROLE {login} LOGIN PASSWORD '{password}'"))
        .execute(&mut owner)
        .await
        .expect("a storefront login");
    sqlx::query(&format!("GRANT {prefix}_storefront TO {login}"))
        .execute(&mut owner)
        .await
        .expect("in the storefront role");

    let now = Utc::now();
    let issue = |purpose, record: &str, lifetime| {
        signed_links::issue(purpose, "customer", record, lifetime, now)
    };
    let verification = issue(LinkPurpose::Verification, "c1", Duration::days(3));
    let set_password = issue(LinkPurpose::SetPassword, "c2", Duration::days(3));
    let expired = issue(LinkPurpose::Verification, "c3", Duration::seconds(-60));
    for link in [&verification, &set_password, &expired] {
        test.store
            .insert_link_token(&link.record, &Effects::default())
            .await
            .expect("issued");
    }

    let mut shop = PgConnectOptions::from_str(&test.url)
        .expect("the test URL parses")
        .username(&login)
        .password(password)
        .ssl_mode(PgSslMode::Disable)
        .connect()
        .await
        .expect("the storefront connects");

    // What the contract lets it read.
    let hidden: Vec<(String, bool)> = sqlx::query_as("SELECT content, hidden FROM customer_access")
        .fetch_all(&mut shop)
        .await
        .expect("customer access");
    assert_eq!(hidden.len(), 5);
    assert!(
        hidden.iter().all(|(_, hidden)| *hidden),
        "all hidden on a new store"
    );
    let site: (String, Option<String>, String, String) = sqlx::query_as(
        "SELECT code, storefront_url, default_currency, default_locale FROM sites \
         WHERE code = 'default'",
    )
    .fetch_one(&mut shop)
    .await
    .expect("its site");
    assert_eq!(site, ("default".into(), None, "EUR".into(), "en".into()));
    for table in ["currencies", "locales"] {
        attempt(&mut shop, &format!("SELECT * FROM {table}"))
            .await
            .expect("the enabled lists");
    }

    // Company roles and their policies (a new store has the three built-in ones), and
    // who holds which role in which company.
    let grants: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM company_role_grants g JOIN company_roles r ON r.id = g.role_id \
         WHERE r.built_in = 'company_admin'",
    )
    .fetch_one(&mut shop)
    .await
    .expect("roles and policies");
    assert_eq!(grants, 6, "a company admin has every policy");
    for table in ["company_members", "company_member_roles"] {
        attempt(&mut shop, &format!("SELECT * FROM {table}"))
            .await
            .expect("members and their roles");
    }
    // Orders: read, and written as the contract says (no customer here, so the
    // foreign key refuses this one; the grant let it get that far).
    attempt(&mut shop, "SELECT * FROM orders")
        .await
        .expect("orders");
    let refused = attempt(
        &mut shop,
        "INSERT INTO orders (id, order_number, customer_id, placed_at, status, total_minor, \
         currency) VALUES (gen_random_uuid(), 'SO-1', gen_random_uuid(), now(), 'placed', 100, 'EUR')",
    )
    .await
    .expect_err("no such customer");
    assert!(
        refused.to_string().contains("foreign key"),
        "the grant allows the insert; only the missing customer refuses it: {refused}"
    );
    // The contract's two queries, as written there.
    for sql in [
        "SELECT c.id, c.name, c.active AS company_active, c.group_id, m.active AS member_active \
           FROM company_members m JOIN companies c ON c.id = m.company_id \
          WHERE m.customer_id = gen_random_uuid()",
        "SELECT g.policy, \
                CASE WHEN bool_or(g.reach = 'company') THEN 'company' ELSE 'own' END AS reach \
           FROM company_member_roles mr \
           JOIN company_role_grants g ON g.role_id = mr.role_id \
          WHERE mr.company_id = gen_random_uuid() AND mr.customer_id = gen_random_uuid() \
          GROUP BY g.policy",
    ] {
        attempt(&mut shop, sql).await.expect(sql);
    }

    // Nothing else, and no writes.
    for sql in [
        "SELECT * FROM customers",
        "SELECT id FROM staff",
        "SELECT * FROM audit_log",
        "SELECT * FROM outbox",
        "SELECT * FROM link_tokens",
        "SELECT * FROM store_settings",
        "SELECT * FROM email_templates",
        "UPDATE sites SET name = 'Mine'",
        "UPDATE customer_access SET hidden = false",
        "INSERT INTO currencies (code) VALUES ('USD')",
        "UPDATE link_tokens SET used_at = NULL",
        "DELETE FROM link_tokens",
        "SELECT * FROM company_member_details",
        "DELETE FROM company_members",
        "INSERT INTO company_role_grants (role_id, policy, reach) SELECT id, 'view_prices', \
         'company' FROM company_roles LIMIT 1",
    ] {
        let refused = attempt(&mut shop, sql).await.expect_err(sql);
        assert!(is_refusal(&refused), "{sql}: {refused}");
    }

    // Redeeming: once, for its purpose, before its expiry; each refusal distinct.
    let token = |link: &signed_links::IssuedLink| Sensitive::expose(&link.token).clone();
    assert_eq!(
        redeem(&mut shop, &token(&verification), "verification").await,
        "redeemed c1"
    );
    assert_eq!(
        redeem(&mut shop, &token(&verification), "verification").await,
        "used"
    );
    assert_eq!(
        redeem(&mut shop, &token(&set_password), "verification").await,
        "wrong_purpose"
    );
    assert_eq!(
        redeem(&mut shop, &token(&expired), "verification").await,
        "expired"
    );
    assert_eq!(
        redeem(&mut shop, "not-a-real-token", "invitation").await,
        "unknown"
    );
    assert_eq!(
        redeem(
            &mut shop,
            &format!(" {} ", token(&set_password)),
            "set_password"
        )
        .await,
        "redeemed c2",
        "surrounding spaces (a pasted link) do not matter"
    );
    // The app's own redeem sees the same state.
    let again = signed_links::redeem(
        test.store.as_ref(),
        &token(&set_password),
        LinkPurpose::SetPassword,
        Utc::now(),
    )
    .await
    .expect("reads");
    assert!(
        again.is_err(),
        "used through the storefront, so used for the app too"
    );
}
