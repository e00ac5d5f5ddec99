//! An invitation file of 10,000 addresses, checked and previewed (seed 004: "a file
//! of 10,000 emails is checked and previewed in under a second"): the app's own path
//! (the domain's parser, then `check_invitees`, which asks the store which addresses
//! are members or invited already) against the raw work on the same data in the same
//! run (lines split and lower-cased by hand, the same two questions as plain sqlx
//! queries). The company has 100 members and 1,000 pending invitations; the file
//! names 100 of each, with 2% bad lines and 2% repeats. Run it with `cargo xtask
//! bench invitations`; with `DESK_TEST_POSTGRES_URL` set, Postgres is measured too.

use std::collections::HashSet;
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::Utc;
use desk_app::companies::{
    Inviter, add_company_members, check_invitees, company_roles, send_invitations,
};
use desk_app::policy::Scope;
use desk_domain::company::CompanyId;
use desk_domain::company_invitation::{
    CheckInvitees, InviteeLine, InviteeRequest, SendInvitations,
};
use desk_domain::company_member::AddMembers;
use desk_domain::invitation_list::parse_invitation_list;
use desk_domain::staff::Role;
use desk_store::Store;
use desk_tests::fixtures::{
    create_company_in_own_group, insert_customer, insert_named_staff_member, tester,
    with_storefront,
};
use desk_tests::stores;

const RUNS: usize = 20;
const LINES: usize = 10_000;
const MEMBERS: usize = 100;
const INVITED: usize = 1_000;

/// Median and p95 of some timings.
#[derive(Debug, Clone, Copy)]
struct Figures {
    median: Duration,
    p95: Duration,
}

async fn time<F, Fut>(mut work: F) -> Figures
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    work().await;
    let mut times = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let started = Instant::now();
        work().await;
        times.push(started.elapsed());
    }
    times.sort();
    let at = |q: f64| times[((times.len() as f64 * q).ceil() as usize).clamp(1, times.len()) - 1];
    Figures {
        median: at(0.5),
        p95: at(0.95),
    }
}

/// The dropped file: a heading, then addresses (members, people invited already,
/// new people), every 50th line not an address and every 50th a repeat.
fn file() -> String {
    let mut text = String::from("Email;Name\r\n");
    for n in 0..LINES {
        let line = if n % 50 == 7 {
            format!("not an address {n};X")
        } else if n % 50 == 13 {
            format!("PERSON{:05}@EXAMPLE.COM;again", n - 13)
        } else if n < MEMBERS {
            format!("member{n:03}@example.com;Member {n}")
        } else if n < MEMBERS + 100 {
            format!("invited{:04}@example.com;Invited", n - MEMBERS)
        } else {
            format!("person{n:05}@example.com;Person {n}")
        };
        text.push_str(&line);
        text.push_str("\r\n");
    }
    text
}

/// A company with its members and pending invitations.
async fn prepare(store: &dyn Store) -> CompanyId {
    with_storefront(store).await;
    let rep =
        insert_named_staff_member(store, "rep@bench.example", "Rep One", &[Role::SalesRep]).await;
    let company = create_company_in_own_group(store, "Bench GmbH", rep).await;
    let roles = company_roles(store).await.expect("roles");
    let member = roles
        .iter()
        .find(|role| role.name == "Member")
        .expect("Member");
    let mut customers = Vec::new();
    for n in 0..MEMBERS {
        customers.push(
            insert_customer(
                store,
                &format!("member{n:03}@example.com"),
                "Member",
                "Bench",
            )
            .await
            .id,
        );
    }
    add_company_members(
        store,
        &tester(),
        &AddMembers {
            company,
            customers,
            roles: vec![member.id],
        },
        Utc::now(),
    )
    .await
    .expect("members");
    send_invitations(
        store,
        &Inviter {
            by: tester(),
            name: "Rep One".into(),
            scope: Scope::Everything,
        },
        &SendInvitations {
            company,
            invitees: (0..INVITED)
                .map(|n| InviteeRequest {
                    line: n + 1,
                    email: format!("invited{n:04}@example.com"),
                    role: member.id,
                })
                .collect(),
        },
        Utc::now(),
    )
    .await
    .expect("invitations");
    company
}

/// The raw work: split, find an address by hand, lower-case, drop repeats.
fn raw_parse(text: &str) -> Vec<(usize, String)> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for (index, line) in text.lines().enumerate().skip(1) {
        let Some(value) = line.split(';').find(|value| value.contains('@')) else {
            continue;
        };
        let key = value.trim().to_lowercase();
        if seen.insert(key.clone()) {
            out.push((index + 1, key));
        }
    }
    out
}

/// A plain sqlx pool on the same database as the store.
enum Raw {
    Sqlite(sqlx::SqlitePool),
    Postgres(sqlx::PgPool),
}

async fn raw_pool(url: &str) -> Raw {
    if url.starts_with("postgres") {
        Raw::Postgres(sqlx::PgPool::connect(url).await.expect("connects"))
    } else {
        Raw::Sqlite(sqlx::SqlitePool::connect(url).await.expect("connects"))
    }
}

/// The raw questions: which keys are members, which invited, 500 per query.
async fn raw_check(raw: &Raw, company: CompanyId, keys: &[String]) -> usize {
    let postgres = matches!(raw, Raw::Postgres(_));
    let company_param = if postgres { "$1::uuid" } else { "$1" };
    let mut found = 0;
    for chunk in keys.chunks(500) {
        let list = (0..chunk.len())
            .map(|n| format!("${}", n + 2))
            .collect::<Vec<_>>()
            .join(", ");
        for sql in [
            format!(
                "SELECT lower(email) FROM company_member_details \
                 WHERE company_id = {company_param} AND lower(email) IN ({list})"
            ),
            format!(
                "SELECT email_key FROM company_invitations WHERE company_id = {company_param} \
                 AND status = 'pending' AND email_key IN ({list})"
            ),
        ] {
            found += match raw {
                Raw::Sqlite(pool) => {
                    let mut query = sqlx::query(&sql).bind(company.0.to_string());
                    for key in chunk {
                        query = query.bind(key.clone());
                    }
                    query.fetch_all(pool).await.expect("raw").len()
                }
                Raw::Postgres(pool) => {
                    let mut query = sqlx::query(&sql).bind(company.0.to_string());
                    for key in chunk {
                        query = query.bind(key.clone());
                    }
                    query.fetch_all(pool).await.expect("raw").len()
                }
            };
        }
    }
    found
}

fn ms(duration: Duration) -> String {
    format!("{:.2}", duration.as_secs_f64() * 1000.0)
}

fn row(name: &str, app: Figures, raw: Figures) {
    println!(
        "| {name} | {} | {} | {} | {} | {:.1}× |",
        ms(app.median),
        ms(app.p95),
        ms(raw.median),
        ms(raw.p95),
        app.p95.as_secs_f64() / raw.p95.as_secs_f64()
    );
}

async fn measure(backend: &str, store: Arc<dyn Store>, url: &str) {
    let store = store.as_ref();
    let company = prepare(store).await;
    let text = file();
    let raw = raw_pool(url).await;
    let list = parse_invitation_list(&text).expect("parses");
    let refused = check_invitees(
        store,
        Scope::Everything,
        &CheckInvitees {
            company,
            invitees: list
                .invitees
                .iter()
                .map(|invitee| InviteeLine {
                    line: invitee.line,
                    email: invitee.email.as_str().to_owned(),
                })
                .collect(),
        },
        Utc::now(),
    )
    .await
    .expect("checks");
    println!(
        "\n{backend}: {LINES} lines → {} invitees, {} rejected lines, {} refused by the store",
        list.invitees.len(),
        list.rejected.len(),
        refused.len()
    );
    println!("| workload | app med | app p95 | raw med | raw p95 | ratio (p95) |");
    println!("|---|---|---|---|---|---|");
    let parse_app = time(|| async {
        std::hint::black_box(parse_invitation_list(&text).expect("parses"));
    })
    .await;
    let parse_raw = time(|| async {
        std::hint::black_box(raw_parse(&text));
    })
    .await;
    row("parse 10,000 lines", parse_app, parse_raw);
    let preview_app = time(|| async {
        let list = parse_invitation_list(&text).expect("parses");
        let refused = check_invitees(
            store,
            Scope::Everything,
            &CheckInvitees {
                company,
                invitees: list
                    .invitees
                    .iter()
                    .map(|invitee| InviteeLine {
                        line: invitee.line,
                        email: invitee.email.as_str().to_owned(),
                    })
                    .collect(),
            },
            Utc::now(),
        )
        .await
        .expect("checks");
        std::hint::black_box(refused);
    })
    .await;
    let preview_raw = time(|| async {
        let keys: Vec<String> = raw_parse(&text).into_iter().map(|(_, key)| key).collect();
        std::hint::black_box(raw_check(&raw, company, &keys).await);
    })
    .await;
    row("parse and check (the preview)", preview_app, preview_raw);
}

#[tokio::main]
async fn main() {
    let sqlite = stores::sqlite().await;
    measure("SQLite", sqlite.store.clone(), &sqlite.url).await;
    if std::env::var("DESK_TEST_POSTGRES_URL").is_ok() {
        let postgres = stores::postgres().await;
        measure("Postgres", postgres.store.clone(), &postgres.url).await;
    }
}
