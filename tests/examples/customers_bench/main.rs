//! The customer list at a million: the app's own functions (the ones the commands
//! call) against the same SQL run directly with sqlx, on the same store in the same
//! run, on SQLite and (with `DESK_TEST_POSTGRES_URL`, as `cargo xtask bench customers`
//! sets it) on Postgres. Prints median and p95 of each and the ratio of the p95s,
//! then the process's peak memory. Run it with `cargo xtask bench customers`.
//!
//! Options: `--customers N` (default 1,000,000; 1.5 addresses and 0.3 notes each),
//! `--sqlite-only`, `--postgres-only`; with `DESK_BENCH_KEEP_DATABASE` set, the
//! seeded Postgres database is kept by name and reused, as the SQLite file is.
//! The seeded SQLite file is kept in `target/bench/` and reused by the next run.
//! `--groups` measures customer groups instead (see `groups.rs`;
//! `cargo xtask bench groups`); with `--pages-only`, only their pages. `--companies`
//! measures B2B companies (see `companies.rs`; SQLite only for now).

mod companies;
mod groups;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use chrono::Utc;
use desk_app::customers::{
    bulk_change_customers, customer_addresses, customer_history, customer_notes, get_customer,
    list_customers,
};
use desk_domain::customer::CustomerId;
use desk_domain::customer_bulk::{BulkChange, BulkChangeRequest, CustomerSelection};
use desk_domain::customer_list::{
    CustomerCursor, CustomerFilter, CustomerListRequest, CustomerQuery, CustomerSort,
    VerificationFilter,
};
use desk_domain::search_text::search_terms;
use desk_seed::people::SeedCustomer;
use desk_store::Store;
use sqlx::{Connection, Row};

const PAGE: u32 = 50;
const RUNS: usize = 40;
const BULK_RUNS: usize = 5;

fn customers_option() -> u64 {
    let args: Vec<String> = std::env::args().skip(1).collect();
    args.windows(2)
        .find(|pair| pair[0] == "--customers")
        .and_then(|pair| pair[1].replace('_', "").parse().ok())
        .unwrap_or(1_000_000)
}

/// Median and p95 of some timings.
#[derive(Debug, Clone, Copy)]
struct Figures {
    median: Duration,
    p95: Duration,
}

fn figures(mut times: Vec<Duration>) -> Figures {
    times.sort();
    let at = |q: f64| times[((times.len() as f64 * q).ceil() as usize).clamp(1, times.len()) - 1];
    Figures {
        median: at(0.5),
        p95: at(0.95),
    }
}

/// One workload's result on one backend: the app, and the raw SQL.
#[derive(Debug, Clone, Copy)]
struct Row2 {
    app: Option<Figures>,
    raw: Figures,
}

async fn time<F, Fut>(runs: usize, mut work: F) -> Figures
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    // A warm-up run first: the cache state a person has after the list opened.
    work().await;
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let started = Instant::now();
        work().await;
        times.push(started.elapsed());
    }
    figures(times)
}

/// What differs between the two backends for the raw queries.
enum Raw {
    Sqlite(sqlx::SqlitePool),
    Postgres(sqlx::PgPool),
}

/// Runs `sql` with text parameters and returns how many rows came back.
async fn raw_rows(raw: &Raw, sql: &str, params: &[String]) -> usize {
    match raw {
        Raw::Sqlite(pool) => {
            let mut query = sqlx::query(sql);
            for param in params {
                query = query.bind(param.clone());
            }
            query.fetch_all(pool).await.expect("raw query").len()
        }
        Raw::Postgres(pool) => {
            let mut query = sqlx::query(sql);
            for param in params {
                query = query.bind(param.clone());
            }
            query.fetch_all(pool).await.expect("raw query").len()
        }
    }
}

fn is_postgres(raw: &Raw) -> bool {
    matches!(raw, Raw::Postgres(_))
}

/// `$n` as a uuid where Postgres needs one.
fn id_param(raw: &Raw, n: usize) -> String {
    if is_postgres(raw) {
        format!("${n}::uuid")
    } else {
        format!("${n}")
    }
}

const ORDER_BY_NAME: &str = "ORDER BY last_name_key, first_name_key, id";

fn order_of(sort: CustomerSort) -> &'static str {
    match sort {
        CustomerSort::LastName => ORDER_BY_NAME,
        CustomerSort::FirstName => "ORDER BY first_name_key, last_name_key, id",
        CustomerSort::Email => "ORDER BY email_key",
        CustomerSort::CustomerRef => "ORDER BY customer_ref_key",
        CustomerSort::Company => {
            "ORDER BY coalesce(company_key, '~'), last_name_key, first_name_key, id"
        }
        CustomerSort::Created => "ORDER BY created_at, id",
    }
}

/// The search plan by hand: read in name order testing the first 2,000 rows; when
/// that does not fill the page, the trigram index's hits, sorted.
async fn raw_search(raw: &Raw, typed: &str) {
    let terms = search_terms(typed);
    let params: Vec<String> = terms.iter().map(|term| format!("%{term}%")).collect();
    let likes: Vec<String> = (1..=terms.len())
        .map(|n| format!("search_text LIKE ${n}"))
        .collect();
    if terms.iter().all(|term| term.chars().count() < 3) {
        let sql = format!(
            "SELECT * FROM customers WHERE {} {ORDER_BY_NAME} LIMIT {}",
            likes.join(" AND "),
            PAGE + 1
        );
        raw_rows(raw, &sql, &params).await;
        return;
    }
    // As the store does: SQLite takes the rows in the subquery's order as they come.
    let outer_order = if is_postgres(raw) { ORDER_BY_NAME } else { "" };
    let first = format!(
        "SELECT * FROM (SELECT * FROM customers {ORDER_BY_NAME} LIMIT 2000) c WHERE {} {outer_order} LIMIT {}",
        likes.join(" AND "),
        PAGE + 1
    );
    if raw_rows(raw, &first, &params).await > PAGE as usize {
        return;
    }
    let hits = if is_postgres(raw) {
        format!(
            "(SELECT * FROM customers WHERE {} OFFSET 0) c",
            likes.join(" AND ")
        )
    } else {
        let matches: Vec<String> = (1..=terms.len())
            .map(|n| format!("s.search_text LIKE ${n}"))
            .collect();
        format!(
            "(SELECT c.* FROM customer_search s CROSS JOIN customers c ON c.rowid = s.rowid WHERE {}) c",
            matches.join(" AND ")
        )
    };
    let sql = format!("SELECT * FROM {hits} {ORDER_BY_NAME} LIMIT {}", PAGE + 1);
    raw_rows(raw, &sql, &params).await;
}

/// The naive plan the benchmark's issue warns about: every trigram hit, sorted.
async fn raw_trigram_sorted(raw: &Raw, term: &str) {
    let sql = if is_postgres(raw) {
        format!(
            "SELECT * FROM customers WHERE search_text LIKE $1 {ORDER_BY_NAME} LIMIT {}",
            PAGE + 1
        )
    } else {
        format!(
            "SELECT c.* FROM customer_search s CROSS JOIN customers c ON c.rowid = s.rowid \
             WHERE s.search_text LIKE $1 {ORDER_BY_NAME} LIMIT {}",
            PAGE + 1
        )
    };
    raw_rows(raw, &sql, &[format!("%{term}%")]).await;
}

fn request(query: CustomerQuery, after: Option<CustomerCursor>) -> CustomerListRequest {
    CustomerListRequest {
        query,
        after,
        limit: PAGE,
    }
}

fn searching(typed: &str) -> CustomerQuery {
    CustomerQuery {
        filter: CustomerFilter {
            search: typed.into(),
            ..CustomerFilter::default()
        },
        ..CustomerQuery::default()
    }
}

/// Every workload on one store: (name, figures).
async fn workloads(store: &dyn Store, raw: &Raw, count: u64) -> Vec<(String, Row2)> {
    let mut rows = Vec::new();
    for sort in CustomerSort::ALL {
        let query = CustomerQuery {
            sort,
            ..CustomerQuery::default()
        };
        let app = time(RUNS, || async {
            list_customers(store, &request(query.clone(), None))
                .await
                .expect("a page");
        })
        .await;
        let sql = format!(
            "SELECT * FROM customers {} LIMIT {}",
            order_of(sort),
            PAGE + 1
        );
        let raw_figures = time(RUNS, || async {
            raw_rows(raw, &sql, &[]).await;
        })
        .await;
        rows.push((
            format!("first page by {}", sort.label().to_lowercase()),
            Row2 {
                app: Some(app),
                raw: raw_figures,
            },
        ));
    }

    // Deep: the cursor of row 500,000 (or half the store), found once by OFFSET.
    let depth = (count / 2).min(500_000);
    let offset_sql = format!(
        "SELECT last_name_key, first_name_key, CAST(id AS text) AS id FROM customers {ORDER_BY_NAME} LIMIT 1 OFFSET {}",
        depth - 1
    );
    let (last, first, id): (String, String, String) = match raw {
        Raw::Sqlite(pool) => {
            let row = sqlx::query(&offset_sql)
                .fetch_one(pool)
                .await
                .expect("row at depth");
            (
                row.get("last_name_key"),
                row.get("first_name_key"),
                row.get("id"),
            )
        }
        Raw::Postgres(pool) => {
            let row = sqlx::query(&offset_sql)
                .fetch_one(pool)
                .await
                .expect("row at depth");
            (
                row.get("last_name_key"),
                row.get("first_name_key"),
                row.get("id"),
            )
        }
    };
    let cursor = CustomerCursor {
        keys: vec![last.clone(), first.clone()],
        id: CustomerId(id.parse().expect("an id")),
    };
    let app = time(RUNS, || async {
        list_customers(
            store,
            &request(CustomerQuery::default(), Some(cursor.clone())),
        )
        .await
        .expect("a page");
    })
    .await;
    let keyset = format!(
        "SELECT * FROM customers WHERE (last_name_key, first_name_key, id) > ($1, $2, {}) {ORDER_BY_NAME} LIMIT {}",
        id_param(raw, 3),
        PAGE + 1
    );
    let params = [last, first, id];
    let raw_figures = time(RUNS, || async {
        raw_rows(raw, &keyset, &params).await;
    })
    .await;
    rows.push((
        format!("page at depth {depth}"),
        Row2 {
            app: Some(app),
            raw: raw_figures,
        },
    ));
    let offset_page = format!(
        "SELECT * FROM customers {ORDER_BY_NAME} LIMIT {} OFFSET {depth}",
        PAGE + 1
    );
    let offset = time(5, || async {
        raw_rows(raw, &offset_page, &[]).await;
    })
    .await;
    rows.push((
        format!("  (OFFSET {depth}, what keyset avoids)"),
        Row2 {
            app: None,
            raw: offset,
        },
    ));

    // Filtered: verified customers of the Swiss site, by name.
    let filtered = CustomerQuery {
        filter: CustomerFilter {
            verification: Some(VerificationFilter::Verified),
            preferred_site: Some("ch".into()),
            ..CustomerFilter::default()
        },
        ..CustomerQuery::default()
    };
    let app = time(RUNS, || async {
        list_customers(store, &request(filtered.clone(), None))
            .await
            .expect("a page");
    })
    .await;
    let sql = format!(
        "SELECT * FROM customers WHERE verified_at IS NOT NULL AND preferred_site = 'ch' {ORDER_BY_NAME} LIMIT {}",
        PAGE + 1
    );
    let raw_figures = time(RUNS, || async {
        raw_rows(raw, &sql, &[]).await;
    })
    .await;
    rows.push((
        "filtered: verified, site ch".into(),
        Row2 {
            app: Some(app),
            raw: raw_figures,
        },
    ));

    // Search as you type, then a broad term and a phone fragment as typed.
    let phone = SeedCustomer::nth(1_234)
        .phone
        .or(SeedCustomer::nth(1_235).phone)
        .expect("a seeded phone");
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    let fragment = format!("{} {}", &digits[2..5], &digits[5..8]);
    for typed in [
        "m",
        "mi",
        "mil",
        "mill",
        "mille",
        "miller",
        "gmail",
        fragment.as_str(),
    ] {
        let query = searching(typed);
        let app = time(RUNS, || async {
            list_customers(store, &request(query.clone(), None))
                .await
                .expect("a page");
        })
        .await;
        let raw_figures = time(RUNS, || async { raw_search(raw, typed).await }).await;
        rows.push((
            format!("search \"{typed}\""),
            Row2 {
                app: Some(app),
                raw: raw_figures,
            },
        ));
    }
    let naive = time(10, || async { raw_trigram_sorted(raw, "gmail").await }).await;
    rows.push((
        "  (\"gmail\": trigram hits sorted, the naive plan)".into(),
        Row2 {
            app: None,
            raw: naive,
        },
    ));

    // One customer with everything the details screen shows.
    let someone = SeedCustomer::nth(4_242);
    let id = CustomerId(someone.id);
    let app = time(RUNS, || async {
        get_customer(store, id).await.expect("customer");
        customer_addresses(store, id).await.expect("addresses");
        customer_notes(store, id, None).await.expect("notes");
        customer_history(store, id, None).await.expect("history");
    })
    .await;
    let id_text = someone.id.hyphenated().to_string();
    let one = format!("SELECT * FROM customers WHERE id = {}", id_param(raw, 1));
    let addresses = format!(
        "SELECT * FROM customer_addresses WHERE customer_id = {}",
        id_param(raw, 1)
    );
    let notes = format!(
        "SELECT * FROM customer_notes WHERE customer_id = {} ORDER BY created_at DESC, id DESC LIMIT 21",
        id_param(raw, 1)
    );
    let history = "SELECT * FROM audit_log WHERE entity_type = 'customer' AND entity_id = $1 ORDER BY id DESC LIMIT 21";
    let raw_figures = time(RUNS, || async {
        for sql in [one.as_str(), addresses.as_str(), notes.as_str(), history] {
            raw_rows(raw, sql, std::slice::from_ref(&id_text)).await;
        }
    })
    .await;
    rows.push((
        "open one customer (details screen)".into(),
        Row2 {
            app: Some(app),
            raw: raw_figures,
        },
    ));

    // Bulk: put 10,000 ticked customers on hold, in the UI's chunks of 1,000; before
    // each run (untimed) they are released again, so every run changes all of them.
    let ids: Vec<CustomerId> = (0..10_000_u64.min(count))
        .map(|n| CustomerId(SeedCustomer::nth(n * (count / 10_000).max(1)).id))
        .collect();
    let id_texts: Vec<String> = ids.iter().map(|id| id.0.hyphenated().to_string()).collect();
    let by = desk_tests::fixtures::tester();
    let mut app_times = Vec::new();
    let mut raw_times = Vec::new();
    for _ in 0..BULK_RUNS {
        raw_hold(raw, &id_texts, false).await;
        let started = Instant::now();
        for chunk in ids.chunks(1_000) {
            bulk_change_customers(
                store,
                &by,
                &BulkChangeRequest {
                    selection: CustomerSelection::Ticked(chunk.to_vec()),
                    change: BulkChange::OnHold(true),
                },
                Utc::now(),
            )
            .await
            .expect("bulk");
        }
        app_times.push(started.elapsed());
        raw_hold(raw, &id_texts, false).await;
        let started = Instant::now();
        raw_hold(raw, &id_texts, true).await;
        raw_times.push(started.elapsed());
    }
    raw_hold(raw, &id_texts, false).await;
    let (app, raw_figures) = (figures(app_times), figures(raw_times));
    rows.push((
        "bulk on hold, 10,000 ticked".into(),
        Row2 {
            app: Some(app),
            raw: raw_figures,
        },
    ));
    rows
}

/// Sets on hold on `ids` with plain UPDATEs, 500 at a time (no audit entries).
async fn raw_hold(raw: &Raw, ids: &[String], on_hold: bool) {
    for chunk in ids.chunks(500) {
        let list: Vec<String> = (1..=chunk.len()).map(|n| id_param(raw, n)).collect();
        let flag = match (raw, on_hold) {
            (Raw::Postgres(_), value) => value.to_string(),
            (Raw::Sqlite(_), value) => u8::from(value).to_string(),
        };
        let sql = format!(
            "UPDATE customers SET on_hold = {flag}, version = version + 1 WHERE id IN ({})",
            list.join(", ")
        );
        match raw {
            Raw::Sqlite(pool) => {
                let mut query = sqlx::query(&sql);
                for id in chunk {
                    query = query.bind(id.clone());
                }
                query.execute(pool).await.expect("raw update");
            }
            Raw::Postgres(pool) => {
                let mut query = sqlx::query(&sql);
                for id in chunk {
                    query = query.bind(id.clone());
                }
                query.execute(pool).await.expect("raw update");
            }
        }
    }
}

fn ms(duration: Duration) -> String {
    format!("{:.2}", duration.as_secs_f64() * 1000.0)
}

fn cell(row: Option<&Row2>) -> String {
    match row {
        None => format!("{:>37}", "-"),
        Some(Row2 {
            app: Some(app),
            raw,
        }) => format!(
            "{:>8} {:>8} {:>8} {:>8} {:>4.1}x",
            ms(app.median),
            ms(app.p95),
            ms(raw.median),
            ms(raw.p95),
            app.p95.as_secs_f64() / raw.p95.as_secs_f64().max(1e-9)
        ),
        Some(Row2 { app: None, raw }) => {
            format!(
                "{:>8} {:>8} {:>8} {:>8} {:>5}",
                "",
                "",
                ms(raw.median),
                ms(raw.p95),
                ""
            )
        }
    }
}

fn report(title: &str, sqlite: &[(String, Row2)], postgres: &[(String, Row2)], count: u64) {
    println!();
    println!(
        "{title}, {count} customers (1.5 addresses, 0.3 notes each); times in ms; ratio = app p95 / raw p95"
    );
    println!("{:<48}| {:^45}| {:^45}", "workload", "SQLite", "Postgres");
    println!(
        "{:<48}| {:>8} {:>8} {:>8} {:>8} {:>5} | {:>8} {:>8} {:>8} {:>8} {:>5}",
        "",
        "app med",
        "app p95",
        "raw med",
        "raw p95",
        "ratio",
        "app med",
        "app p95",
        "raw med",
        "raw p95",
        "ratio"
    );
    // The workloads of whichever backend ran (both run the same list).
    let names = if sqlite.is_empty() { postgres } else { sqlite };
    let find = |rows: &[(String, Row2)], name: &str| {
        rows.iter()
            .find(|(other, _)| other == name)
            .map(|(_, row)| *row)
    };
    for (name, _) in names {
        println!(
            "{name:<48}| {} | {}",
            cell(find(sqlite, name).as_ref()),
            cell(find(postgres, name).as_ref())
        );
    }
    let peak = std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find(|line| line.starts_with("VmHWM:"))
                .map(|line| line.trim_start_matches("VmHWM:").trim().to_owned())
        })
        .unwrap_or_else(|| "unknown".into());
    println!("peak memory of this process (VmHWM): {peak}");
}

async fn sqlite_store(count: u64) -> (PathBuf, f64) {
    let folder = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/bench");
    std::fs::create_dir_all(&folder).expect("a bench folder");
    let path = folder.join(format!("customers-{count}.sqlite3"));
    let ready = folder.join(format!("customers-{count}.ready"));
    if ready.exists() {
        return (path, 0.0);
    }
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    desk_store::sqlite::SqliteStore::open_file(&path)
        .await
        .expect("creates")
        .close()
        .await;
    let options = sqlx::sqlite::SqliteConnectOptions::new()
        .filename(&path)
        .journal_mode(sqlx::sqlite::SqliteJournalMode::Wal)
        .synchronous(sqlx::sqlite::SqliteSynchronous::Normal);
    let mut connection = sqlx::SqliteConnection::connect_with(&options)
        .await
        .expect("connects");
    let seeded = desk_seed::bulk::seed_sqlite(&mut connection, count)
        .await
        .expect("seeds");
    connection.close().await.expect("closes");
    std::fs::write(&ready, "seeded\n").expect("marks the store seeded");
    (path, seeded.seconds)
}

async fn measure_sqlite(count: u64, of_groups: bool, of_companies: bool) -> Vec<(String, Row2)> {
    eprintln!(
        "SQLite: preparing a store of {count} customers (reused from target/bench when there)…"
    );
    let (path, seconds) = sqlite_store(count).await;
    if seconds > 0.0 {
        eprintln!(
            "  seeded in {seconds:.0} s ({:.0} customers per minute)",
            count as f64 / seconds * 60.0
        );
    }
    let store = desk_store::sqlite::SqliteStore::open_file(&path)
        .await
        .expect("opens");
    // As the store's connections: the log is copied back by the store's background
    // copier, not by the commit of whichever statement takes it past 1,000 pages.
    let pool = sqlx::SqlitePool::connect_with(
        sqlx::sqlite::SqliteConnectOptions::new()
            .filename(&path)
            .pragma("wal_autocheckpoint", "0"),
    )
    .await
    .expect("raw pool");
    eprintln!("SQLite: measuring…");
    let raw = Raw::Sqlite(pool);
    let rows = if of_companies {
        companies::workloads(&store, &raw).await
    } else if of_groups {
        groups::workloads(&store, &raw).await
    } else {
        workloads(&store, &raw, count).await
    };
    store.close().await;
    rows
}

/// A Postgres database of `count` seeded customers: with `DESK_BENCH_KEEP_DATABASE`
/// set, one kept by name between runs (seeded once); else a fresh one.
async fn postgres_database(admin_url: &str, count: u64) -> String {
    if std::env::var_os("DESK_BENCH_KEEP_DATABASE").is_none() {
        return seeded_postgres(
            desk_tests::stores::create_database(admin_url, "desk_bench").await,
            count,
        )
        .await;
    }
    let name = format!("desk_bench_kept_{count}");
    let url = {
        let mut url = url::Url::parse(admin_url).expect("a URL");
        url.set_path(&name);
        url.to_string()
    };
    if sqlx::PgConnection::connect(&url).await.is_ok() {
        eprintln!("Postgres: reusing {name}");
        desk_store::postgres::PostgresStore::migrate_url(&url)
            .await
            .expect("migrates");
        return url;
    }
    let mut admin = sqlx::PgConnection::connect(admin_url)
        .await
        .expect("connects");
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&mut admin)
        .await
        .expect("creates");
    seeded_postgres(url, count).await
}

async fn seeded_postgres(url: String, count: u64) -> String {
    desk_store::postgres::PostgresStore::migrate_url(&url)
        .await
        .expect("migrates");
    eprintln!("Postgres: seeding {count} customers…");
    let mut connection = sqlx::PgConnection::connect(&url).await.expect("connects");
    let seeded = desk_seed::bulk::seed_postgres(&mut connection, count)
        .await
        .expect("seeds");
    connection.close().await.expect("closes");
    eprintln!(
        "  seeded in {:.0} s ({:.0} customers per minute)",
        seeded.seconds,
        seeded.per_minute()
    );
    url
}

#[tokio::main]
async fn main() {
    let count = customers_option();
    let of_groups = std::env::args().any(|arg| arg == "--groups");
    let of_companies = std::env::args().any(|arg| arg == "--companies");
    let postgres_only = std::env::args().any(|arg| arg == "--postgres-only");
    let mut sqlite = Vec::new();
    if !postgres_only {
        sqlite = measure_sqlite(count, of_groups, of_companies).await;
    }
    let mut postgres = Vec::new();
    let skip_postgres = of_companies || std::env::args().any(|arg| arg == "--sqlite-only");
    if skip_postgres {
        eprintln!("Postgres: skipped (--sqlite-only)");
    } else if let Ok(admin_url) = std::env::var(desk_tests::stores::POSTGRES_URL_VAR) {
        let url = postgres_database(&admin_url, count).await;
        let store = desk_store::postgres::PostgresStore::open_url(&url)
            .await
            .expect("opens");
        let pool = sqlx::PgPool::connect(&url).await.expect("raw pool");
        eprintln!("Postgres: measuring…");
        let raw = Raw::Postgres(pool);
        postgres = if of_groups {
            groups::workloads(&store, &raw).await
        } else {
            workloads(&store, &raw, count).await
        };
    } else {
        eprintln!(
            "Postgres: skipped ({} not set; `cargo xtask bench customers` sets it)",
            desk_tests::stores::POSTGRES_URL_VAR
        );
    }
    let title = if of_companies {
        "B2B companies (100,000 companies, 10 members each)"
    } else if of_groups {
        "Customer groups (1,000 groups, one of 200,000)"
    } else {
        "Customer list"
    };
    report(title, &sqlite, &postgres, count);
}
