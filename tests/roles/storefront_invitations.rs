//! A storefront accepts invitations through the contract's functions
//! (docs/storefront-contract.md, "Invitations"): it looks a link up without using it,
//! then accepts it, which registers a new customer or links the existing one as a
//! member with the invited role; each refusal is distinct. Customers it registers get
//! their sort keys when the schema owner next runs the upgrade.

use chrono::Utc;
use desk_app::companies::{
    Inviter, company_invitations, company_members, company_roles, send_invitations,
};
use desk_app::policy::Scope;
use desk_domain::company_invitation::{InvitationsRequest, InviteeRequest, SendInvitations};
use desk_domain::company_member::MembersRequest;
use desk_domain::staff::Role;
use desk_store::postgres::PostgresStore;
use desk_tests::fixtures::{
    create_company_in_own_group, insert_customer, insert_named_staff_member, tester,
    with_storefront,
};
use desk_tests::stores;
use sqlx::postgres::{PgConnectOptions, PgSslMode};
use sqlx::{ConnectOptions, Connection, PgConnection, Row};
use std::str::FromStr;

async fn accept(shop: &mut PgConnection, token: &str, first: &str, last: &str) -> String {
    let row =
        sqlx::query("SELECT outcome, customer_id, created FROM desk_accept_invitation($1, $2, $3)")
            .bind(token)
            .bind(first)
            .bind(last)
            .fetch_one(&mut *shop)
            .await
            .expect("the storefront may call the function");
    let outcome: String = row.get("outcome");
    let created: Option<bool> = row.get("created");
    match created {
        Some(created) => format!("{outcome} created={created}"),
        None => outcome,
    }
}

#[tokio::test]
async fn a_storefront_accepts_invitations_through_the_functions() {
    let test = stores::postgres().await;
    let store = test.store.as_ref();
    let mut owner = PgConnection::connect(&test.url).await.expect("owner");
    let prefix: String = sqlx::query_scalar("SELECT role_prefix FROM desk_store")
        .fetch_one(&mut owner)
        .await
        .expect("the store's prefix");
    let login = format!("shop_{}", uuid::Uuid::new_v4().simple());
    let password = "storefront password 9";
    for sql in [
        format!("CREATE ROLE {login} LOGIN PASSWORD '{password}'"),
        format!("GRANT {prefix}_storefront TO {login}"),
    ] {
        sqlx::query(&sql).execute(&mut owner).await.expect(&sql);
    }

    // A company, an existing customer, and two invitations sent through the app.
    with_storefront(store).await;
    let rep =
        insert_named_staff_member(store, "rep@example.com", "Anna Berg", &[Role::SalesRep]).await;
    let acme = create_company_in_own_group(store, "Acme GmbH", rep).await;
    insert_customer(store, "bob@example.com", "Bob", "Baker").await;
    let roles = company_roles(store).await.expect("roles");
    let buyer = roles
        .iter()
        .find(|role| role.name == "Buyer")
        .expect("Buyer");
    send_invitations(
        store,
        &Inviter {
            by: tester(),
            name: "Sam Sales".into(),
            scope: Scope::Everything,
        },
        &SendInvitations {
            company: acme,
            invitees: ["nina@example.com", "bob@example.com"]
                .into_iter()
                .enumerate()
                .map(|(index, email)| InviteeRequest {
                    line: index + 1,
                    email: email.into(),
                    role: buyer.id,
                })
                .collect(),
        },
        Utc::now(),
    )
    .await
    .expect("sent");
    let listed = company_invitations(
        store,
        Scope::Everything,
        &InvitationsRequest {
            company: acme,
            before: None,
            limit: 10,
        },
        Utc::now(),
        true,
    )
    .await
    .expect("invitations")
    .items;
    let token_of = |email: &str| {
        listed
            .iter()
            .find(|invitation| invitation.email == email)
            .and_then(|invitation| invitation.link.as_deref())
            .and_then(|link| link.rsplit_once("token="))
            .map(|(_, token)| token.to_owned())
            .expect("a link")
    };
    let (nina, bob) = (token_of("nina@example.com"), token_of("bob@example.com"));

    let mut shop = PgConnectOptions::from_str(&test.url)
        .expect("the test URL parses")
        .username(&login)
        .password(password)
        .ssl_mode(PgSslMode::Disable)
        .connect()
        .await
        .expect("the storefront connects");

    // Looking a link up does not use it, and says what the form needs.
    let found: (String, Option<String>, Option<String>, Option<String>) = sqlx::query_as(
        "SELECT outcome, email, company_name, role_name FROM desk_invitation_for_link($1)",
    )
    .bind(&nina)
    .fetch_one(&mut shop)
    .await
    .expect("looks up");
    assert_eq!(
        found,
        (
            "valid".into(),
            Some("nina@example.com".into()),
            Some("Acme GmbH".into()),
            Some("Buyer".into())
        )
    );
    // The invitations table itself is not the storefront's to read.
    assert!(
        sqlx::query("SELECT * FROM company_invitations")
            .fetch_all(&mut shop)
            .await
            .is_err()
    );

    // A new person: names first, then registered and a member; the link works once.
    assert_eq!(
        accept(&mut shop, &nina, " ", "Novak").await,
        "name_required"
    );
    assert_eq!(
        accept(&mut shop, &nina, "Nina", "Novak").await,
        "accepted created=true"
    );
    assert_eq!(accept(&mut shop, &nina, "Nina", "Novak").await, "used");
    // An existing customer is linked.
    assert_eq!(
        accept(&mut shop, &bob, "", "").await,
        "accepted created=false"
    );
    assert_eq!(
        accept(&mut shop, "no-such-token", "A", "B").await,
        "unknown"
    );

    let members = company_members(
        store,
        Scope::Everything,
        &MembersRequest {
            company: acme,
            after: None,
            limit: 10,
        },
    )
    .await
    .expect("members")
    .items;
    let mut names: Vec<(String, Vec<String>)> = members
        .iter()
        .map(|member| {
            (
                member.name(),
                member.roles.iter().map(|role| role.name.clone()).collect(),
            )
        })
        .collect();
    names.sort();
    assert_eq!(
        names,
        vec![
            ("Bob Baker".to_owned(), vec!["Buyer".to_owned()]),
            ("Nina Novak".to_owned(), vec!["Buyer".to_owned()]),
        ]
    );
    let registered: (String, bool, i32) = sqlx::query_as(
        "SELECT customer_number, verified_at IS NOT NULL, sort_keys_version FROM customers \
         WHERE email_key = 'nina@example.com'",
    )
    .fetch_one(&mut owner)
    .await
    .expect("Nina's record");
    assert!(
        desk_domain::customer_number::is_valid_customer_number(&registered.0),
        "a Luhn-checked number: {}",
        registered.0
    );
    assert!(registered.1, "the link verified her address");
    assert_eq!(registered.2, 0, "sort keys wait for the app");

    // The schema owner's next upgrade gives her sort keys and a search line.
    PostgresStore::migrate_url(&test.url)
        .await
        .expect("the upgrade runs again");
    let (version, search): (i32, String) = sqlx::query_as(
        "SELECT sort_keys_version, search_text FROM customers \
         WHERE email_key = 'nina@example.com'",
    )
    .fetch_one(&mut owner)
    .await
    .expect("Nina's record");
    assert!(version > 0);
    assert!(search.contains("novak"), "{search}");
}
