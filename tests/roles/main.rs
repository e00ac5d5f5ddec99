//! The direct-SQL role suite: what each staff role can do to a shared store when it
//! skips the app and talks to Postgres itself, as any staff member can (their login
//! is theirs). Staff accounts are made through the store, as the app makes them, so
//! their logins are the real ones; then each login connects with its password and
//! tries every operation on every table, plus the ways around the rules: disabling
//! triggers, `SET ROLE`, reading password hashes and other people's accounts.
//!
//! Each attempt runs in a transaction that is rolled back, so the attempts do not
//! change what the next one finds. The matrix is printed (`--nocapture`) for review.

mod storefront;
mod storefront_invitations;

use std::collections::BTreeMap;
use std::str::FromStr;

use chrono::{Duration, SubsecRound, Utc};
use desk_app::database_password::scram_verifier;
use desk_domain::audit::{AuditAction, AuditFilter};
use desk_domain::staff::{Role, StaffId};
use desk_domain::{Email, PersonName};
use desk_store::{Effects, NewStaffRecord, PasswordSecrets, Store};
use desk_tests::stores::{self, TestStore};
use sqlx::postgres::{PgConnectOptions, PgSslMode};
use sqlx::{ConnectOptions, Connection, PgConnection};

const TABLES: [&str; 23] = [
    "customers",
    "companies",
    "company_addresses",
    "company_invitations",
    "customer_groups",
    "customer_group_members",
    "customer_attributes",
    "customer_passwords",
    "customer_addresses",
    "customer_notes",
    "email_templates",
    "sites",
    "currencies",
    "locales",
    "customer_access",
    "link_tokens",
    "outbox",
    "staff",
    "staff_roles",
    "audit_log",
    "store_settings",
    "desk_store",
    "_sqlx_migrations",
];
const OPERATIONS: [&str; 5] = ["SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE"];

/// One staff member of the suite, with the login the store made for them.
struct Member {
    role: Role,
    id: StaffId,
    login: String,
    password: String,
}

/// What an attempt came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    /// The statement ran and touched (or read) rows.
    Allowed,
    /// Row security left only the member's own rows.
    OwnRowsOnly,
    /// The database refused it (insufficient privilege, row security, not the owner).
    Refused,
}

impl Outcome {
    fn mark(self) -> &'static str {
        match self {
            Self::Allowed => "yes",
            Self::OwnRowsOnly => "own",
            Self::Refused => "no",
        }
    }
}

async fn make_member(
    test: &TestStore,
    role: Role,
    password: &str,
    expires_at: Option<chrono::DateTime<Utc>>,
) -> Member {
    let id = StaffId(uuid::Uuid::now_v7());
    let email = Email::parse("email", &format!("{}@example.com", role.code())).expect("email");
    let name = PersonName::parse("display_name", "name", role.label()).expect("name");
    let verifier = scram_verifier(password);
    let record = NewStaffRecord {
        id,
        email: &email,
        display_name: &name,
        roles: &[role],
        password: PasswordSecrets {
            hash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo",
            database_verifier: &verifier,
            expires_at,
        },
        created_at: Utc::now().trunc_subsecs(6),
    };
    let member = test
        .store
        .insert_staff(&record, &Effects::default())
        .await
        .expect("the store makes the account and its login");
    Member {
        role,
        id,
        login: member.database_login.expect("a login on a shared store"),
        password: password.to_owned(),
    }
}

fn options_for(test: &TestStore, login: &str, password: &str) -> PgConnectOptions {
    PgConnectOptions::from_str(&test.url)
        .expect("the test URL parses")
        .username(login)
        .password(password)
        .ssl_mode(PgSslMode::Disable)
}

async fn connect(test: &TestStore, member: &Member) -> PgConnection {
    options_for(test, &member.login, &member.password)
        .connect()
        .await
        .unwrap_or_else(|error| panic!("{} connects with its password: {error}", member.login))
}

fn is_refusal(error: &sqlx::Error) -> bool {
    matches!(error, sqlx::Error::Database(database)
        if database.code().as_deref() == Some("42501"))
}

/// Runs `sql` in a transaction that is rolled back; what came of it.
async fn attempt(connection: &mut PgConnection, sql: &str) -> Result<u64, sqlx::Error> {
    let mut tx = connection.begin().await.expect("begins");
    let result = sqlx::query(sql).execute(&mut *tx).await;
    tx.rollback().await.expect("rolls back");
    result.map(|done| done.rows_affected())
}

/// The statement that tries `operation` on `table`, as `member`.
fn statement(table: &str, operation: &str, member: &Member, others: &[Member]) -> String {
    let other = others
        .iter()
        .find(|someone| someone.id != member.id)
        .expect("someone else");
    let fresh = uuid::Uuid::new_v4();
    match (operation, table) {
        // Every column but the password hash, which nobody may read (tried apart).
        ("SELECT", "staff") => "SELECT id, email, display_name, db_login FROM staff".to_owned(),
        // Every column but the link and its token's hash, which only those who may
        // change companies read (tried apart).
        ("SELECT", "company_invitations") => {
            "SELECT id, company_id, email, role_name, status, expires_at FROM company_invitations"
                .to_owned()
        }
        ("SELECT", _) => format!("SELECT * FROM {table}"),
        ("INSERT", "customers") => format!(
            "INSERT INTO customers (id, email, email_key, first_name, first_name_key, last_name, \
             last_name_key, preferred_currency, created_at, updated_at, customer_ref, \
             customer_ref_key, customer_number) VALUES ('{fresh}', 'x@example.com', \
             'x@example.com', 'X', 'x', 'Y', 'y', 'EUR', now(), now(), 'C-X', 'c-x', \
             '1000000009')"
        ),
        ("INSERT", "link_tokens") => format!(
            "INSERT INTO link_tokens (token_hash, purpose, record_type, record_id, \
             created_at, expires_at) VALUES ('{fresh}', 'verification', 'customer', 'x', \
             now(), now())"
        ),
        ("UPDATE", "link_tokens") => "UPDATE link_tokens SET used_at = now()".to_owned(),
        // A hash planted on an existing customer would take over their account.
        ("INSERT", "customer_passwords") => "INSERT INTO customer_passwords (customer_id, \
             password_hash, set_at) SELECT id, 'x', now() FROM customers LIMIT 1"
            .to_owned(),
        ("UPDATE", "customer_passwords") => {
            "UPDATE customer_passwords SET password_hash = password_hash".to_owned()
        }
        ("INSERT", "customer_addresses") => format!(
            "INSERT INTO customer_addresses (id, customer_id, address_ref, address_ref_key, \
             first_name, last_name, line1, city, country, created_at, updated_at) \
             SELECT '{fresh}', id, 'A-{fresh}', 'a-{fresh}', 'X', 'Y', 'Street 1', 'Town', 'CH', \
             now(), now() FROM customers LIMIT 1"
        ),
        ("UPDATE", "customer_addresses") => "UPDATE customer_addresses SET city = city".to_owned(),
        ("INSERT", "customer_notes") => format!(
            "INSERT INTO customer_notes (id, customer_id, body, author_name, created_at) \
             SELECT '{fresh}', id, 'A note', 'Someone', now() FROM customers LIMIT 1"
        ),
        ("UPDATE", "customer_notes") => "UPDATE customer_notes SET body = body".to_owned(),
        ("INSERT", "customer_groups") => format!(
            "INSERT INTO customer_groups (id, name, name_key, name_sort, search_text, \
             created_at, updated_at) VALUES ('{fresh}', 'G {fresh}', 'g {fresh}', '00', 'g', \
             now(), now())"
        ),
        ("UPDATE", "customer_groups") => "UPDATE customer_groups SET name = name".to_owned(),
        // The groups no company uses (the database refuses deleting one a company uses).
        ("DELETE", "customer_groups") => "DELETE FROM customer_groups WHERE id NOT IN \
             (SELECT group_id FROM companies)"
            .to_owned(),
        ("INSERT", "companies") => format!(
            "INSERT INTO companies (id, name, name_sort, tax_id, group_id, sales_rep_id, \
             search_text, created_at, updated_at) SELECT '{fresh}', 'New', '00', 'DE1', g.id, \
             '{}', 'new', now(), now() FROM customer_groups g LIMIT 1",
            member.id.0
        ),
        ("UPDATE", "companies") => "UPDATE companies SET name = name".to_owned(),
        ("INSERT", "company_addresses") => format!(
            "INSERT INTO company_addresses (id, company_id, kind, line1, city, country, \
             created_at, updated_at) SELECT '{fresh}', c.id, 'shipping', 'Street 1', 'Town', \
             'DE', now(), now() FROM companies c LIMIT 1"
        ),
        ("UPDATE", "company_addresses") => "UPDATE company_addresses SET city = city".to_owned(),
        ("INSERT", "company_invitations") => format!(
            "INSERT INTO company_invitations (id, company_id, email, email_key, role_id, \
             role_name, token_hash, link, invited_by_name, created_at, sent_at, expires_at) \
             SELECT '{fresh}', c.id, 'new@example.com', 'new@example.com', \
             '00000000-0000-7000-8000-000000000001', 'Member', '{fresh}', 'https://shop/x', \
             'Someone', now(), now(), now() FROM companies c LIMIT 1"
        ),
        ("UPDATE", "company_invitations") => {
            "UPDATE company_invitations SET invited_by_name = invited_by_name".to_owned()
        }
        ("INSERT", "customer_group_members") => "INSERT INTO customer_group_members \
             (group_id, customer_id, added_in) SELECT g.id, c.id, 1 \
             FROM customer_groups g, customers c WHERE NOT EXISTS (SELECT 1 \
             FROM customer_group_members m WHERE m.group_id = g.id AND m.customer_id = c.id) \
             LIMIT 1"
            .to_owned(),
        ("UPDATE", "customer_group_members") => {
            "UPDATE customer_group_members SET added_in = added_in".to_owned()
        }
        ("INSERT", "customer_attributes") => format!(
            "INSERT INTO customer_attributes (code, label, kind, position, created_at) \
             VALUES ('a{}', 'A', 'text', 9, now())",
            fresh.simple()
        ),
        ("UPDATE", "customer_attributes") => {
            "UPDATE customer_attributes SET label = label".to_owned()
        }
        ("INSERT", "outbox") => format!(
            "INSERT INTO outbox (id, message_id, recipient, template, locale, subject, \
             body_text, body_html, created_at, next_attempt_at) VALUES ('{fresh}', \
             '<{fresh}@test>', 'x@example.com', 'test', 'en', 'S', 'T', 'H', now(), now())"
        ),
        ("UPDATE", "outbox") => "UPDATE outbox SET attempts = attempts".to_owned(),
        ("INSERT", "staff") => format!(
            "INSERT INTO staff (id, email, email_key, display_name, display_name_key, \
             password_hash, created_at) VALUES ('{fresh}', 'new@example.com', 'new@example.com', \
             'New', 'new', 'x', now())"
        ),
        ("INSERT", "staff_roles") => format!(
            "INSERT INTO staff_roles (staff_id, role) VALUES ('{}', '{}')",
            member.id.0,
            // A role the member does not have yet.
            if member.role == Role::SalesRep {
                "reviewer"
            } else {
                "sales_rep"
            }
        ),
        ("INSERT", "audit_log") => format!(
            "INSERT INTO audit_log (id, at, actor_id, actor_email, action, entity_type, \
             entity_id, changes) VALUES ('{fresh}', now(), NULL, 'someone@example.com', \
             'customer.created', 'customer', 'x', '[]')"
        ),
        ("INSERT", "sites") => "INSERT INTO sites (code, name, default_currency, default_locale) \
             VALUES ('another', 'Another', 'EUR', 'en')"
            .to_owned(),
        ("INSERT", "email_templates") => "INSERT INTO email_templates (kind, locale, subject, \
             body_text, body_html) VALUES ('verification', 'en', 'S', 'T', 'H')"
            .to_owned(),
        ("UPDATE", "email_templates") => "UPDATE email_templates SET subject = subject".to_owned(),
        ("INSERT", "currencies") => "INSERT INTO currencies (code) VALUES ('JPY')".to_owned(),
        ("INSERT", "locales") => "INSERT INTO locales (tag) VALUES ('fr')".to_owned(),
        ("INSERT", "customer_access") => "INSERT INTO customer_access (content, hidden) \
             VALUES ('price', false) ON CONFLICT (content) DO UPDATE SET hidden = excluded.hidden"
            .to_owned(),
        ("UPDATE", "sites") => "UPDATE sites SET name = name".to_owned(),
        ("UPDATE", "currencies") => "UPDATE currencies SET is_default = is_default".to_owned(),
        ("UPDATE", "locales") => "UPDATE locales SET is_default = is_default".to_owned(),
        ("UPDATE", "customer_access") => "UPDATE customer_access SET hidden = hidden".to_owned(),
        // Ones no site uses (the set-up enables them), so only grants can refuse.
        ("DELETE", "currencies") => "DELETE FROM currencies WHERE code = 'USD'".to_owned(),
        ("DELETE", "locales") => "DELETE FROM locales WHERE tag = 'de'".to_owned(),
        ("INSERT", "store_settings") => "INSERT INTO store_settings DEFAULT VALUES".to_owned(),
        ("INSERT", "desk_store") => {
            "INSERT INTO desk_store (singleton, role_prefix) VALUES (false, 'x')".to_owned()
        }
        ("INSERT", "_sqlx_migrations") => {
            "INSERT INTO _sqlx_migrations (version, description, success, checksum, \
             execution_time) VALUES (99999999999999, 'x', true, '\\x00', 0)"
                .to_owned()
        }
        ("UPDATE", "customers") => "UPDATE customers SET first_name = first_name".to_owned(),
        ("UPDATE", "staff") => format!(
            "UPDATE staff SET display_name = display_name WHERE id = '{}'",
            other.id.0
        ),
        ("UPDATE", "staff_roles") => "UPDATE staff_roles SET role = role".to_owned(),
        ("UPDATE", "audit_log") => "UPDATE audit_log SET action = action".to_owned(),
        ("UPDATE", "store_settings") => {
            "UPDATE store_settings SET idle_timeout_minutes = 30".to_owned()
        }
        ("UPDATE", "desk_store") => "UPDATE desk_store SET role_prefix = role_prefix".to_owned(),
        ("UPDATE", "_sqlx_migrations") => {
            "UPDATE _sqlx_migrations SET description = description".to_owned()
        }
        ("DELETE", _) => format!("DELETE FROM {table}"),
        ("TRUNCATE", _) => format!("TRUNCATE {table} CASCADE"),
        _ => unreachable!("{operation} {table}"),
    }
}

/// What the policy allows: `desk-app`'s policy table (docs/command-policy.md) as
/// grants. Administrators manage staff and read the audit log; support agents add and
/// change customers; reviewers read customers; sales reps see no customers, only
/// their own companies and those companies' groups. Nobody deletes or truncates anything, nobody rewrites the
/// audit log, the schema version or the store's identity.
fn expected(role: Role, table: &str, operation: &str) -> Outcome {
    use Outcome::{Allowed, OwnRowsOnly, Refused};
    let admin = role == Role::Administrator;
    match (table, operation) {
        ("customers", "SELECT") => {
            if matches!(
                role,
                Role::Administrator | Role::SupportAgent | Role::Reviewer
            ) {
                Allowed
            } else {
                Refused
            }
        }
        // Nobody reads a customer's password hash, and none is written but through
        // desk_set_initial_password, with the customer it is for.
        ("customer_passwords", _) => Refused,
        ("customer_addresses" | "customer_notes", "SELECT") => {
            if matches!(
                role,
                Role::Administrator | Role::SupportAgent | Role::Reviewer
            ) {
                Allowed
            } else {
                Refused
            }
        }
        // Every staff member's form shows the custom attributes; administrators define
        // them; none is removed (customers' values refer to them).
        ("customer_attributes", "SELECT") => Allowed,
        ("customer_attributes", "INSERT" | "UPDATE") => {
            if admin {
                Allowed
            } else {
                Refused
            }
        }
        // Notes are a record: added, never changed or removed.
        ("customer_addresses", "INSERT" | "UPDATE" | "DELETE") | ("customer_notes", "INSERT") => {
            if matches!(role, Role::Administrator | Role::SupportAgent) {
                Allowed
            } else {
                Refused
            }
        }
        // Messages are queued with the changes of those who change customers, and
        // delivered from their desktops; never deleted.
        ("outbox", "SELECT" | "INSERT" | "UPDATE") => {
            if matches!(role, Role::Administrator | Role::SupportAgent) {
                Allowed
            } else {
                Refused
            }
        }
        // Issued with the customer changes that send them; redeemed by storefronts.
        ("link_tokens", "INSERT") => {
            if matches!(role, Role::Administrator | Role::SupportAgent) {
                Allowed
            } else {
                Refused
            }
        }
        // Administrators and support agents manage groups and companies; reviewers
        // read them; sales reps read their own companies and those companies' groups,
        // not who is in the groups.
        (
            "customer_groups" | "companies" | "company_addresses" | "company_invitations",
            "SELECT",
        ) if role == Role::SalesRep => OwnRowsOnly,
        (
            "customer_groups"
            | "customer_group_members"
            | "companies"
            | "company_addresses"
            | "company_invitations",
            "SELECT",
        ) => {
            if matches!(
                role,
                Role::Administrator | Role::SupportAgent | Role::Reviewer
            ) {
                Allowed
            } else {
                Refused
            }
        }
        ("companies" | "company_invitations", "INSERT" | "UPDATE")
        | ("company_addresses", "INSERT" | "UPDATE" | "DELETE") => {
            if matches!(role, Role::Administrator | Role::SupportAgent) {
                Allowed
            } else {
                Refused
            }
        }
        ("customer_groups" | "customer_group_members", "INSERT" | "UPDATE" | "DELETE") => {
            if matches!(role, Role::Administrator | Role::SupportAgent) {
                Allowed
            } else {
                Refused
            }
        }
        ("customers", "INSERT" | "UPDATE") => {
            if matches!(role, Role::Administrator | Role::SupportAgent) {
                Allowed
            } else {
                Refused
            }
        }
        ("staff" | "staff_roles", "SELECT") => {
            if admin {
                Allowed
            } else {
                OwnRowsOnly
            }
        }
        ("staff", "INSERT" | "UPDATE") | ("staff_roles", "INSERT" | "DELETE") => {
            if admin {
                Allowed
            } else {
                Refused
            }
        }
        ("audit_log", "SELECT") => {
            if admin {
                Allowed
            } else {
                Refused
            }
        }
        // Anyone may add an entry; the database stamps it with their login and time.
        ("audit_log", "INSERT") => Allowed,
        ("store_settings" | "desk_store" | "_sqlx_migrations", "SELECT") => Allowed,
        // Everyone who queues messages renders them; administrators write them.
        ("email_templates", "SELECT") => Allowed,
        ("email_templates", "INSERT" | "UPDATE" | "DELETE") => {
            if admin {
                Allowed
            } else {
                Refused
            }
        }
        // Everyone reads the store's sites and lists (forms offer them); administrators
        // change them, and only currencies and locales are ever removed.
        ("sites" | "currencies" | "locales" | "customer_access", "SELECT") => Allowed,
        ("sites" | "currencies" | "locales" | "customer_access", "INSERT" | "UPDATE")
        | ("currencies" | "locales", "DELETE") => {
            if admin {
                Allowed
            } else {
                Refused
            }
        }
        ("store_settings", "UPDATE") => {
            if admin {
                Allowed
            } else {
                Refused
            }
        }
        _ => Refused,
    }
}

async fn observe(
    connection: &mut PgConnection,
    table: &str,
    operation: &str,
    member: &Member,
    everyone: &[Member],
) -> Outcome {
    let sql = statement(table, operation, member, everyone);
    match attempt(connection, &sql).await {
        Ok(_) if operation == "SELECT" && matches!(table, "staff" | "staff_roles") => {
            let visible: i64 = sqlx::query_scalar(&format!(
                "SELECT count(DISTINCT {}) FROM {table}",
                if table == "staff" { "id" } else { "staff_id" }
            ))
            .fetch_one(&mut *connection)
            .await
            .expect("counts");
            if visible == 1 {
                Outcome::OwnRowsOnly
            } else {
                Outcome::Allowed
            }
        }
        Ok(_)
            if operation == "SELECT"
                && matches!(
                    table,
                    "customer_groups" | "companies" | "company_addresses" | "company_invitations"
                ) =>
        {
            let (visible, stored): (i64, i64) = sqlx::query_as(&format!(
                "SELECT count(*), {}::bigint FROM {table}",
                rows_in_setup(table)
            ))
            .fetch_one(&mut *connection)
            .await
            .expect("counts");
            if visible == stored {
                Outcome::Allowed
            } else if visible > 0 {
                Outcome::OwnRowsOnly
            } else {
                Outcome::Refused
            }
        }
        Ok(0) if operation != "SELECT" => Outcome::Refused,
        Ok(_) => Outcome::Allowed,
        Err(error) if is_refusal(&error) => Outcome::Refused,
        // Integrity triggers (the append-only audit log) refuse the owner too; for a
        // staff login the grant refuses first, but either way nothing changed.
        Err(sqlx::Error::Database(database)) if database.message().contains("append-only") => {
            Outcome::Refused
        }
        Err(error) => panic!("{} {operation} {table}: unexpected {error}", member.login),
    }
}

/// How many rows `setup` puts in a table where row security may show fewer.
fn rows_in_setup(table: &str) -> i64 {
    match table {
        "customer_groups" => 3,
        "companies" | "company_addresses" | "company_invitations" => 2,
        _ => unreachable!("{table}"),
    }
}

async fn setup() -> (TestStore, Vec<Member>) {
    let test = stores::postgres().await;
    let mut members = Vec::new();
    for (role, password) in [
        (Role::Administrator, "admin password 1"),
        (Role::SupportAgent, "support password 2"),
        (Role::SalesRep, "sales password 3"),
        (Role::Reviewer, "reviewer password 4"),
    ] {
        members.push(make_member(&test, role, password, None).await);
    }
    // One customer, so that updates and deletes have a row to touch.
    let mut owner = PgConnection::connect(&test.url).await.expect("owner");
    sqlx::query(
        "INSERT INTO customers (id, email, email_key, first_name, first_name_key, last_name, \
         last_name_key, preferred_currency, created_at, updated_at, customer_ref, \
         customer_ref_key, customer_number) VALUES (gen_random_uuid(), 'c@example.com', \
         'c@example.com', 'C', 'c', 'D', 'd', 'EUR', now(), now(), 'C-C', 'c-c', '1000000017')",
    )
    .execute(&mut owner)
    .await
    .expect("a customer");
    // With an address, a note and a password, so that changing them is up to grants.
    for statement in [
        "INSERT INTO customer_addresses (id, customer_id, address_ref, address_ref_key, \
         first_name, last_name, line1, city, country, created_at, updated_at) \
         SELECT gen_random_uuid(), id, 'A-1', 'a-1', 'C', 'D', 'Street 1', 'Town', 'CH', now(), \
         now() FROM customers",
        "INSERT INTO customer_notes (id, customer_id, body, author_name, created_at) \
         SELECT gen_random_uuid(), id, 'Called', 'Owner', now() FROM customers",
        "INSERT INTO customer_passwords (customer_id, password_hash, set_at) \
         SELECT id, 'x', now() FROM customers",
        "INSERT INTO customer_attributes (code, label, kind, position, created_at) \
         VALUES ('tier', 'Tier', 'text', 1, now())",
        // Three groups, the customer in the first, so that assigning and unassigning
        // are up to grants.
        "INSERT INTO customer_groups (id, name, name_key, name_sort, search_text, created_at, \
         updated_at) VALUES (gen_random_uuid(), 'One', 'one', '01', 'one', now(), now()), \
         (gen_random_uuid(), 'Two', 'two', '02', 'two', now(), now()), \
         (gen_random_uuid(), 'Three', 'three', '03', 'three', now(), now())",
        "INSERT INTO customer_group_members (group_id, customer_id, added_in) \
         SELECT g.id, c.id, 1 FROM customer_groups g, customers c WHERE g.name = 'One'",
    ] {
        sqlx::query(statement)
            .execute(&mut owner)
            .await
            .expect("a customer's part");
    }
    // Two companies: the sales rep's, with group One, and another's, with group Two
    // (Three is no company's), so that row security has something to narrow.
    let rep = members
        .iter()
        .find(|member| member.role == Role::SalesRep)
        .expect("a sales rep");
    let other = members
        .iter()
        .find(|member| member.role == Role::Administrator)
        .expect("an administrator");
    for (name, group, sales_rep) in [("Mine", "One", rep.id), ("Theirs", "Two", other.id)] {
        sqlx::query(
            "INSERT INTO companies (id, name, name_sort, tax_id, group_id, sales_rep_id, \
             search_text, created_at, updated_at) SELECT gen_random_uuid(), $1, '00', 'DE1', \
             g.id, $2, 'x', now(), now() FROM customer_groups g WHERE g.name = $3",
        )
        .bind(name)
        .bind(sales_rep.0)
        .bind(group)
        .execute(&mut owner)
        .await
        .expect("a company");
    }
    // A billing address of each company, for row security to narrow.
    sqlx::query(
        "INSERT INTO company_addresses (id, company_id, kind, is_default, line1, city, \
         country, created_at, updated_at) SELECT gen_random_uuid(), c.id, 'billing', true, \
         'Street 1', 'Town', 'DE', now(), now() FROM companies c",
    )
    .execute(&mut owner)
    .await
    .expect("company addresses");
    // An invitation to each company, for row security to narrow.
    sqlx::query(
        "INSERT INTO company_invitations (id, company_id, email, email_key, role_id, \
         role_name, token_hash, link, invited_by_name, created_at, sent_at, expires_at) \
         SELECT gen_random_uuid(), c.id, 'i@example.com', 'i@example.com', \
         '00000000-0000-7000-8000-000000000001', 'Member', md5(c.id::text), 'https://shop/x', \
         'Owner', now(), now(), now() + interval '1 day' FROM companies c",
    )
    .execute(&mut owner)
    .await
    .expect("company invitations");
    // The customer is a member of both companies.
    sqlx::query(
        "INSERT INTO company_members (company_id, customer_id, added_at) \
         SELECT c.id, cu.id, now() FROM companies c, customers cu",
    )
    .execute(&mut owner)
    .await
    .expect("company members");
    // And has ordered for each.
    sqlx::query(
        "INSERT INTO orders (id, order_number, company_id, customer_id, placed_at, status, \
         total_minor, currency) SELECT gen_random_uuid(), 'SO-' || c.name, c.id, cu.id, now(), \
         'placed', 1000, 'EUR' FROM companies c, customers cu",
    )
    .execute(&mut owner)
    .await
    .expect("orders");
    // A currency and a locale no site uses, so that removing them is up to grants.
    sqlx::query("INSERT INTO currencies (code) VALUES ('USD')")
        .execute(&mut owner)
        .await
        .expect("a currency");
    sqlx::query("INSERT INTO locales (tag) VALUES ('de')")
        .execute(&mut owner)
        .await
        .expect("a locale");
    // A template, so that changing and removing one is up to grants.
    sqlx::query(
        "INSERT INTO email_templates (kind, locale, subject, body_text, body_html) \
         VALUES ('test', 'en', 'S', 'T', 'H')",
    )
    .execute(&mut owner)
    .await
    .expect("a template");
    // And one queued message.
    sqlx::query(
        "INSERT INTO outbox (id, message_id, recipient, template, locale, subject, body_text, \
         body_html, created_at, next_attempt_at) VALUES (gen_random_uuid(), '<seed@test>', \
         'c@example.com', 'test', 'en', 'S', 'T', 'H', now(), now())",
    )
    .execute(&mut owner)
    .await
    .expect("a message");
    (test, members)
}

#[tokio::test]
async fn each_role_can_do_with_sql_exactly_what_the_policy_allows() {
    let (test, members) = setup().await;
    let mut mismatches = Vec::new();
    let mut matrix: BTreeMap<(&str, &str), Vec<&str>> = BTreeMap::new();
    for member in &members {
        let mut connection = connect(&test, member).await;
        for table in TABLES {
            for operation in OPERATIONS {
                let found = observe(&mut connection, table, operation, member, &members).await;
                let wanted = expected(member.role, table, operation);
                matrix
                    .entry((table, operation))
                    .or_default()
                    .push(found.mark());
                if found != wanted {
                    mismatches.push(format!(
                        "{} ({}) {operation} {table}: {found:?}, policy says {wanted:?}",
                        member.login,
                        member.role.code()
                    ));
                }
            }
        }
    }
    println!("| table | operation | administrator | support agent | sales rep | reviewer |");
    println!("| --- | --- | --- | --- | --- | --- |");
    for ((table, operation), marks) in &matrix {
        println!("| `{table}` | {operation} | {} |", marks.join(" | "));
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}

#[tokio::test]
async fn nobody_gets_around_the_rules_with_sql() {
    let (test, members) = setup().await;
    let admin_group: String = {
        let mut owner = PgConnection::connect(&test.url).await.expect("owner");
        sqlx::query_scalar("SELECT desk_role('administrator')::text")
            .fetch_one(&mut owner)
            .await
            .expect("the administrators' group")
    };
    for member in &members {
        let mut connection = connect(&test, member).await;
        let who = format!("{} ({})", member.login, member.role.code());
        for sql in [
            "ALTER TABLE audit_log DISABLE TRIGGER ALL".to_owned(),
            "ALTER TABLE customers DISABLE TRIGGER ALL".to_owned(),
            "DROP TRIGGER audit_log_no_update_or_delete ON audit_log".to_owned(),
            "ALTER TABLE staff DISABLE ROW LEVEL SECURITY".to_owned(),
            "SELECT password_hash FROM staff".to_owned(),
            "CREATE TABLE mine (x int)".to_owned(),
            format!("GRANT {admin_group} TO {}", member.login),
            format!("ALTER ROLE {} CREATEROLE", member.login),
            // A queued message's recipient and text are fixed (delivery moves only
            // its status).
            "UPDATE outbox SET recipient = 'someone@elsewhere.test'".to_owned(),
            "UPDATE outbox SET body_html = '<p>changed</p>'".to_owned(),
        ] {
            let result = attempt(&mut connection, &sql).await;
            assert!(
                matches!(&result, Err(error) if is_refusal(error)),
                "{who}: {sql} should be refused, got {result:?}"
            );
        }
        // Registration links let whoever holds one register as the invitee: only
        // those who may change companies read them.
        let links = attempt(
            &mut connection,
            "SELECT link, token_hash FROM company_invitations",
        )
        .await;
        if matches!(member.role, Role::SalesRep | Role::Reviewer) {
            assert!(
                matches!(&links, Err(error) if is_refusal(error)),
                "{who}: invitation links should be refused, got {links:?}"
            );
        } else {
            assert!(links.is_ok(), "{who}: reads invitation links: {links:?}");
        }
        // Skipping one's own forced password change, or moving one's own session
        // epoch back: only the database's functions write those.
        for sql in [
            format!(
                "UPDATE staff SET must_change_password = false WHERE id = '{}'",
                member.id.0
            ),
            format!(
                "UPDATE staff SET session_epoch = 0 WHERE id = '{}'",
                member.id.0
            ),
        ] {
            if member.role == Role::Administrator {
                continue;
            }
            let result = attempt(&mut connection, &sql).await;
            assert!(
                matches!(&result, Err(error) if is_refusal(error)),
                "{who}: {sql} should be refused, got {result:?}"
            );
        }
        // Setting a role one is not in, or someone else's password.
        if member.role != Role::Administrator {
            let result = attempt(
                &mut connection,
                &format!(
                    "SELECT desk_set_login_password('{}', 'SCRAM-SHA-256$4096:x$y:z', NULL)",
                    members[0].id.0
                ),
            )
            .await;
            assert!(
                matches!(&result, Err(error) if is_refusal(error)),
                "{who}: setting the administrator's password should be refused, got {result:?}"
            );
            let result = attempt(&mut connection, &format!("SET ROLE {admin_group}")).await;
            assert!(
                matches!(&result, Err(error) if is_refusal(error)),
                "{who}: SET ROLE {admin_group} should be refused, got {result:?}"
            );
        }
        // Other people's accounts are not even visible.
        let others: i64 = sqlx::query_scalar("SELECT count(*) FROM staff WHERE id <> $1")
            .bind(member.id.0)
            .fetch_one(&mut connection)
            .await
            .expect("counts");
        let expected = if member.role == Role::Administrator {
            3
        } else {
            0
        };
        assert_eq!(others, expected, "{who} sees {others} other accounts");
    }
    // No staff login holds CREATEROLE, superuser, or owns anything.
    let mut owner = PgConnection::connect(&test.url).await.expect("owner");
    for member in &members {
        let (create_role, superuser, owned): (bool, bool, i64) = sqlx::query_as(
            "SELECT r.rolcreaterole, r.rolsuper, \
               (SELECT count(*) FROM pg_class c WHERE c.relowner = r.oid) \
             FROM pg_roles r WHERE r.rolname = $1",
        )
        .bind(&member.login)
        .fetch_one(&mut owner)
        .await
        .expect("reads the role");
        assert!(!create_role && !superuser && owned == 0, "{}", member.login);
    }
}

#[tokio::test]
async fn direct_writes_and_forged_entries_are_audited_under_the_writers_login() {
    let (test, members) = setup().await;
    let support = members
        .iter()
        .find(|member| member.role == Role::SupportAgent)
        .expect("a support agent");
    let reviewer = members
        .iter()
        .find(|member| member.role == Role::Reviewer)
        .expect("a reviewer");

    // A support agent changes a customer with SQL, writing no entry of their own.
    let mut connection = connect(&test, support).await;
    let changed = sqlx::query("UPDATE customers SET first_name = 'Changed by SQL'")
        .execute(&mut connection)
        .await
        .expect("support agents may change customers")
        .rows_affected();
    assert_eq!(changed, 1);

    // A reviewer adds an entry claiming to be someone else, at another time.
    let mut connection = connect(&test, reviewer).await;
    let claimed_at = Utc::now() - Duration::days(30);
    sqlx::query(
        "INSERT INTO audit_log (id, at, actor_id, actor_email, action, entity_type, entity_id, \
         changes) VALUES ($1, $2, $3, 'admin@example.com', 'customer.created', 'customer', \
         'x', '[]')",
    )
    .bind(uuid::Uuid::now_v7())
    .bind(claimed_at)
    .bind(members[0].id.0)
    .execute(&mut connection)
    .await
    .expect("anyone may add an entry");

    let entries = test
        .store
        .list_audit(&AuditFilter::default(), 100)
        .await
        .expect("lists");
    let direct = entries
        .iter()
        .find(|entry| {
            entry.action == AuditAction::RecordChangedDirectly
                && entry.entity_type == desk_domain::audit::EntityType::Customer
                && entry.actor_id.is_some()
        })
        .expect("the direct write left an entry");
    assert_eq!(direct.actor_id, Some(support.id), "{direct:?}");
    assert!(
        direct
            .changes
            .iter()
            .any(|change| change.field == "first_name"
                && change.new.as_deref() == Some("Changed by SQL")),
        "{direct:?}"
    );
    let forged = entries
        .iter()
        .find(|entry| entry.action == AuditAction::CustomerCreated)
        .expect("the added entry");
    assert_eq!(
        forged.actor_id,
        Some(reviewer.id),
        "stamped with the writer: {forged:?}"
    );
    assert_eq!(forged.actor_email, "reviewer@example.com");
    assert!(
        (Utc::now() - forged.at).num_minutes().abs() < 5,
        "stamped with the database clock: {forged:?}"
    );
}

#[tokio::test]
async fn an_entry_written_by_hand_does_not_hide_a_change_and_every_change_is_recorded() {
    let (test, members) = setup().await;
    let support = members
        .iter()
        .find(|member| member.role == Role::SupportAgent)
        .expect("a support agent");
    let mut connection = connect(&test, support).await;
    let mut tx = connection.begin().await.expect("begins");
    let id: uuid::Uuid = sqlx::query_scalar("SELECT id FROM customers LIMIT 1")
        .fetch_one(&mut *tx)
        .await
        .expect("a customer");
    // A harmless-looking entry about the same customer, then two changes.
    sqlx::query(
        "INSERT INTO audit_log (id, at, actor_id, actor_email, action, entity_type, entity_id, \
         changes) VALUES (gen_random_uuid(), now(), NULL, 'x', 'customer.created', 'customer', \
         $1, '[]')",
    )
    .bind(id.to_string())
    .execute(&mut *tx)
    .await
    .expect("anyone may add an entry");
    for email in ["first@example.com", "second@example.com"] {
        sqlx::query("UPDATE customers SET email = $1, email_key = $1 WHERE id = $2")
            .bind(email)
            .bind(id)
            .execute(&mut *tx)
            .await
            .expect("support agents change customers");
    }
    tx.commit().await.expect("commits");
    let entries = test
        .store
        .list_audit(&AuditFilter::default(), 100)
        .await
        .expect("lists");
    for email in ["first@example.com", "second@example.com"] {
        assert!(
            entries.iter().any(|entry| {
                entry.action == AuditAction::RecordChangedDirectly
                    && entry.actor_id == Some(support.id)
                    && entry.changes.iter().any(|change| {
                        change.field == "email" && change.new.as_deref() == Some(email)
                    })
            }),
            "the change to {email} is recorded by the database: {entries:?}"
        );
    }
}

#[tokio::test]
async fn a_password_an_administrator_sets_is_always_one_time() {
    let (test, members) = setup().await;
    let admin = &members[0];
    let reviewer = members
        .iter()
        .find(|member| member.role == Role::Reviewer)
        .expect("a reviewer");
    let mut connection = connect(&test, admin).await;
    // Asked for a lasting password (no expiry), the database makes it one-time anyway.
    sqlx::query("SELECT desk_set_login_password($1, $2, NULL)")
        .bind(reviewer.id.0)
        .bind(scram_verifier("known to the administrator"))
        .execute(&mut connection)
        .await
        .expect("administrators reset passwords");
    let record = test
        .store
        .staff_by_id(reviewer.id)
        .await
        .expect("reads")
        .expect("exists");
    assert!(record.must_change_password, "{record:?}");
    let expires = record.password_expires_at.expect("expires");
    assert!(expires <= Utc::now() + Duration::hours(24) + Duration::minutes(1));
    assert!(record.session_epoch > 0, "the reviewer's sessions end");
}

#[tokio::test]
async fn the_server_checks_each_login_password_one_time_passwords_expire_and_deactivation_locks_out()
 {
    let test = stores::postgres().await;
    // Someone must stay administrator for a deactivation to be allowed.
    make_member(&test, Role::Administrator, "admin password", None).await;
    let member = make_member(&test, Role::Reviewer, "right password", None).await;
    assert!(
        options_for(&test, &member.login, "wrong password")
            .connect()
            .await
            .is_err(),
        "a wrong password is refused by the server"
    );
    connect(&test, &member).await;

    // A one-time password that has run out: the server refuses it.
    let expired = make_member(
        &test,
        Role::SupportAgent,
        "one-time password",
        Some(Utc::now() - Duration::hours(1)),
    )
    .await;
    assert!(
        options_for(&test, &expired.login, &expired.password)
            .connect()
            .await
            .is_err(),
        "an expired one-time password is refused by the server"
    );

    // Deactivated: the login can no longer log in.
    let store: &dyn Store = test.store.as_ref();
    store
        .deactivate_staff(member.id, &Effects::default())
        .await
        .expect("deactivates");
    assert!(
        options_for(&test, &member.login, &member.password)
            .connect()
            .await
            .is_err(),
        "a deactivated member's login is refused"
    );
}

#[tokio::test]
async fn each_login_reads_and_writes_only_its_own_saved_views() {
    let (test, members) = setup().await;
    let (admin, support) = (&members[0], &members[1]);
    let mut owner = PgConnection::connect(&test.url).await.expect("owner");
    sqlx::query(
        "INSERT INTO customer_views (id, staff_id, name, name_key, columns, query, updated_at) \
         VALUES (gen_random_uuid(), $1, 'Mine', 'mine', '[\"email\"]', '{}', now())",
    )
    .bind(admin.id.0)
    .execute(&mut owner)
    .await
    .expect("a view of the administrator's");

    let mut connection = connect(&test, support).await;
    let seen: i64 = sqlx::query_scalar("SELECT count(*) FROM customer_views")
        .fetch_one(&mut connection)
        .await
        .expect("reads");
    assert_eq!(seen, 0, "another's views are not there for this login");
    let forged = attempt(
        &mut connection,
        &format!(
            "INSERT INTO customer_views (id, staff_id, name, name_key, columns, query, updated_at) \
             VALUES (gen_random_uuid(), '{}', 'Planted', 'planted', '[]', '{{}}', now())",
            admin.id.0
        ),
    )
    .await;
    assert!(
        forged.as_ref().is_err_and(is_refusal),
        "a view for someone else is refused: {forged:?}"
    );
    let changed = attempt(&mut connection, "UPDATE customer_views SET name = 'Taken'")
        .await
        .expect("runs");
    assert_eq!(changed, 0, "and theirs cannot be changed");
    let own = attempt(
        &mut connection,
        &format!(
            "INSERT INTO customer_views (id, staff_id, name, name_key, columns, query, updated_at) \
             VALUES (gen_random_uuid(), '{}', 'Mine too', 'mine too', '[]', '{{}}', now())",
            support.id.0
        ),
    )
    .await
    .expect("one's own view is saved");
    assert_eq!(own, 1);
}

#[tokio::test]
async fn a_sales_rep_reads_only_their_companies_and_those_companies_groups() {
    let (test, members) = setup().await;
    for member in &members {
        let mut connection = connect(&test, member).await;
        let companies: Vec<String> = sqlx::query_scalar("SELECT name FROM companies ORDER BY name")
            .fetch_all(&mut connection)
            .await
            .expect("reads companies");
        if member.role == Role::SalesRep {
            let groups: Vec<String> =
                sqlx::query_scalar("SELECT name FROM customer_groups ORDER BY name")
                    .fetch_all(&mut connection)
                    .await
                    .expect("reads groups");
            assert_eq!(companies, ["Mine"], "{}", member.login);
            assert_eq!(groups, ["One"], "{}", member.login);
        } else {
            assert_eq!(companies, ["Mine", "Theirs"], "{}", member.login);
        }
        // Members, their details, the companies' addresses and orders: a sales rep's
        // own company's only; everyone else, both companies'.
        let own_only = if member.role == Role::SalesRep { 1 } else { 2 };
        for table in [
            "company_members",
            "company_member_details",
            "company_addresses",
            "orders",
        ] {
            let seen: i64 = sqlx::query_scalar(&format!("SELECT count(*) FROM {table}"))
                .fetch_one(&mut connection)
                .await
                .unwrap_or_else(|error| panic!("{} reads {table}: {error}", member.login));
            assert_eq!(seen, own_only, "{} reads {table}", member.login);
        }
    }
}
