//! Start-up, memory and list round trip of the real app window, on an empty store and
//! on a store of a million customers. Run it with `cargo xtask bench startup`, which
//! builds the app as `cargo xtask run` does and provides the display and tauri-driver.
//!
//! Every list figure is printed beside the raw keyset query on the same file in the
//! same run, with their ratio: on a shared, noisy machine the ratio says more than
//! either time alone.
//!
//! Options: `--customers N` (default 1,000,000), `--pages N` (default 200).

use std::path::Path;
use std::time::{Duration, Instant};

use desk_tests::app_driver::{ADMIN_EMAIL, ADMIN_PASSWORD, AppHarness, RunningApp};
use desk_tests::process_tree::TreeMemory;
use fantoccini::wd::TimeoutConfiguration;
use serde_json::{Value, json};
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{Connection, Row, SqliteConnection};

/// The page size the customer table asks for.
const PAGE_SIZE: u32 = 100;
/// How long the window settles after its first screen before "idle" is read.
const SETTLE: Duration = Duration::from_secs(3);

#[derive(Debug)]
struct Options {
    customers: usize,
    pages: usize,
}

fn options() -> Options {
    let mut options = Options {
        customers: 1_000_000,
        pages: 200,
    };
    let args: Vec<String> = std::env::args().skip(1).collect();
    for pair in args.chunks(2) {
        let value = pair
            .get(1)
            .and_then(|value| value.replace('_', "").parse().ok());
        match (pair[0].as_str(), value) {
            ("--customers", Some(value)) => options.customers = value,
            ("--pages", Some(value)) => options.pages = value,
            _ => panic!("usage: window_bench [--customers N] [--pages N]; got {args:?}"),
        }
    }
    options
}

/// What one store's run measured.
#[derive(Debug)]
struct StoreRun {
    startup: Duration,
    idle: Option<TreeMemory>,
    after_pages: Option<TreeMemory>,
    invoke: Vec<f64>,
    raw: Vec<f64>,
    scroll: Vec<f64>,
}

#[tokio::main]
async fn main() {
    let options = options();
    println!(
        "Customer Desk window benchmark: {} (pages of {PAGE_SIZE}, {} pages)",
        std::env::var("DESK_E2E_APP").unwrap_or_default(),
        options.pages
    );

    let empty = AppHarness::new();
    let empty_run = measure(&empty, &options, true).await;

    let large = AppHarness::new();
    let app = large.launch().await;
    app.set_up_admin().await;
    app.quit().await;
    let seeding = Instant::now();
    let options_customers = options.customers as u64;
    {
        use sqlx::Connection;
        let options = sqlx::sqlite::SqliteConnectOptions::new().filename(large.database_path());
        let mut connection = sqlx::SqliteConnection::connect_with(&options)
            .await
            .expect("opens the store");
        desk_seed::bulk::seed_sqlite(&mut connection, options_customers)
            .await
            .expect("seeds the store");
    }
    println!(
        "seeded {} customers in {:.1} s",
        options.customers,
        seeding.elapsed().as_secs_f64()
    );
    let large_run = measure(&large, &options, false).await;

    report(&options, &empty_run, &large_run);
}

async fn measure(harness: &AppHarness, options: &Options, first_run: bool) -> StoreRun {
    let app = harness.launch().await;
    let startup = app.startup();
    app.client()
        .update_timeouts(TimeoutConfiguration::new(
            Some(Duration::from_secs(300)),
            None,
            None,
        ))
        .await
        .expect("sets the script timeout");
    tokio::time::sleep(SETTLE).await;
    let idle = app.memory();
    if first_run {
        app.set_up_admin().await;
    } else {
        app.sign_in(ADMIN_EMAIL, ADMIN_PASSWORD).await;
    }
    let invoke = invoke_pages(&app, options.pages).await;
    let raw = raw_pages(&harness.database_path(), options.pages).await;
    let scroll = if first_run {
        Vec::new()
    } else {
        scroll_pages(&app, options.pages).await
    };
    tokio::time::sleep(Duration::from_secs(1)).await;
    let after_pages = app.memory();
    app.quit().await;
    StoreRun {
        startup,
        idle,
        after_pages,
        invoke,
        raw,
        scroll,
    }
}

/// Pages through the list with the command the table uses, from inside the window:
/// each time is one whole round trip (JavaScript → IPC → store → JSON → JavaScript).
async fn invoke_pages(app: &RunningApp, pages: usize) -> Vec<f64> {
    let script = "const [pages, limit, done] = arguments;\n\
        (async () => {\n\
          const times = []; let after = null;\n\
          for (let i = 0; i < pages; i++) {\n\
            const started = performance.now();\n\
            const page = await window.__TAURI__.core.invoke('list_customers',\n\
              { args: { request: { after, limit } } });\n\
            times.push(performance.now() - started);\n\
            after = page.next ?? null;\n\
          }\n\
          done({ times });\n\
        })().catch(error => done({ error: JSON.stringify(error) }));";
    let result = app
        .client()
        .execute_async(script, vec![json!(pages), json!(PAGE_SIZE)])
        .await
        .expect("runs the paging script");
    times_of(&result, "paging through list_customers")
}

/// The same pages with the store's keyset query, straight on the file with sqlx.
async fn raw_pages(database: &Path, pages: usize) -> Vec<f64> {
    let options = SqliteConnectOptions::new()
        .filename(database)
        .read_only(true);
    let mut connection = SqliteConnection::connect_with(&options)
        .await
        .expect("opens the store file");
    let mut times = Vec::with_capacity(pages);
    let mut after: Option<(String, String, String)> = None;
    for _ in 0..pages {
        let started = Instant::now();
        let rows = match &after {
            None => sqlx::query(
                "SELECT id, email, first_name, last_name, preferred_currency, created_at, \
                 last_name_key, first_name_key FROM customers \
                 ORDER BY last_name_key, first_name_key, id LIMIT ?",
            )
            .bind(i64::from(PAGE_SIZE))
            .fetch_all(&mut connection)
            .await
            .expect("first page"),
            Some((last, first, id)) => sqlx::query(
                "SELECT id, email, first_name, last_name, preferred_currency, created_at, \
                 last_name_key, first_name_key FROM customers \
                 WHERE (last_name_key, first_name_key, id) > (?, ?, ?) \
                 ORDER BY last_name_key, first_name_key, id LIMIT ?",
            )
            .bind(last)
            .bind(first)
            .bind(id)
            .bind(i64::from(PAGE_SIZE))
            .fetch_all(&mut connection)
            .await
            .expect("next page"),
        };
        after = rows.last().map(|row| {
            (
                row.get::<String, _>("last_name_key"),
                row.get::<String, _>("first_name_key"),
                row.get::<String, _>("id"),
            )
        });
        times.push(started.elapsed().as_secs_f64() * 1000.0);
        if after.is_none() || rows.len() < PAGE_SIZE as usize {
            after = None;
        }
    }
    connection.close().await.expect("closes the store file");
    times
}

/// Scrolls the customer table to its end again and again, as a person would, timing
/// each from the scroll to the next page laid out (the table grows when it arrives).
async fn scroll_pages(app: &RunningApp, pages: usize) -> Vec<f64> {
    app.element("#customer-list tbody tr").await;
    let script = "const [pages, done] = arguments;\n\
        (async () => {\n\
          const box = document.getElementById('customer-list-scroll');\n\
          const frame = () => new Promise(resolve => setTimeout(resolve, 1));\n\
          const times = [];\n\
          for (let i = 0; i < pages; i++) {\n\
            const before = box.scrollHeight;\n\
            const started = performance.now();\n\
            box.scrollTop = box.scrollHeight;\n\
            while (box.scrollHeight <= before) {\n\
              if (performance.now() - started > 20000) {\n\
                return done({ error: `page ${i + 1} did not arrive within 20 s` });\n\
              }\n\
              await frame();\n\
            }\n\
            times.push(performance.now() - started);\n\
          }\n\
          done({ times });\n\
        })().catch(error => done({ error: String(error) }));";
    let result = app
        .client()
        .execute_async(script, vec![json!(pages)])
        .await
        .expect("runs the scrolling script");
    times_of(&result, "scrolling the customer table")
}

fn times_of(result: &Value, what: &str) -> Vec<f64> {
    if let Some(error) = result.get("error") {
        panic!("{what} failed: {error}");
    }
    result["times"]
        .as_array()
        .unwrap_or_else(|| panic!("{what} returned no times: {result}"))
        .iter()
        .filter_map(Value::as_f64)
        .collect()
}

/// The `fraction` quantile (nearest rank) of `times`, in ms.
fn quantile(times: &[f64], fraction: f64) -> f64 {
    if times.is_empty() {
        return f64::NAN;
    }
    let mut sorted = times.to_vec();
    sorted.sort_by(f64::total_cmp);
    let rank = ((fraction * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1]
}

fn megabytes(memory: Option<TreeMemory>) -> String {
    match memory {
        Some(memory) => format!(
            "{:>4.0} MB (RSS sum {:>4.0} MB, PSS {:>4.0} MB, {} processes)",
            memory.tree as f64 / 1_048_576.0,
            memory.resident as f64 / 1_048_576.0,
            memory.proportional as f64 / 1_048_576.0,
            memory.processes
        ),
        None => "not measurable on this OS".to_owned(),
    }
}

fn report(options: &Options, empty: &StoreRun, large: &StoreRun) {
    let large_name = format!("{} customers", options.customers);
    println!(
        "\nStart-up (launch to first interactive screen) and memory of the app and its WebKit \
         processes (private pages plus each shared file once)"
    );
    println!("{:<28} {:>12} {:>12}", "", "empty store", large_name);
    println!(
        "{:<28} {:>9.0} ms {:>9.0} ms",
        "start-up",
        empty.startup.as_secs_f64() * 1000.0,
        large.startup.as_secs_f64() * 1000.0
    );
    println!(
        "memory at idle, empty store:      {}",
        megabytes(empty.idle)
    );
    println!("memory at idle, {large_name}: {}", megabytes(large.idle));
    println!(
        "after {} list pages, empty store: {}",
        options.pages,
        megabytes(empty.after_pages)
    );
    println!(
        "after {} list pages, {large_name}: {}",
        options.pages,
        megabytes(large.after_pages)
    );

    for (name, run) in [("empty store", empty), (large_name.as_str(), large)] {
        println!(
            "\nList pages of {PAGE_SIZE} on the {name} ({} pages)",
            options.pages
        );
        println!(
            "{:<44} {:>9} {:>9} {:>12}",
            "", "p50 ms", "p95 ms", "p50 vs raw"
        );
        let raw50 = quantile(&run.raw, 0.5);
        let row = |label: &str, times: &[f64]| {
            if times.is_empty() {
                return;
            }
            let p50 = quantile(times, 0.5);
            println!(
                "{label:<44} {p50:>9.2} {:>9.2} {:>11.1}×",
                quantile(times, 0.95),
                p50 / raw50
            );
        };
        row("raw keyset query (sqlx on the same file)", &run.raw);
        row("window round trip (invoke list_customers)", &run.invoke);
        row("table scroll until the next page is drawn", &run.scroll);
    }
}
