//! `desk-seed --customers N [--database-url URL]`, run by `cargo xtask seed`: fills a
//! store with N deterministic, realistic customers (1.5 addresses and 0.3 notes each
//! on average), continuing after customers seeded before, and a B2B company for every
//! 50 of them with five members and their orders. Without a URL it seeds the app's
//! embedded SQLite store, the one `cargo xtask run` opens.

use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use desk_domain::staff::StaffId;
use desk_seed::bulk::{Seeded, seed_postgres, seed_sqlite};
use desk_seed::companies::{
    ACTIVE_REPS, SeededCompanies, add_sales_reps, seed_companies_postgres, seed_companies_sqlite,
};
use desk_store::DEFAULT_DATABASE_FILE;
use desk_store::postgres::PostgresStore;
use desk_store::sqlite::SqliteStore;
use sqlx::Connection;

const USAGE: &str = "usage: desk-seed --customers N [--database-url sqlite://PATH | postgres://…]";

/// Where Tauri keeps the app's data (its bundle identifier under the OS data folder).
const APP_IDENTIFIER: &str = "app.customerdesk.desktop";

#[tokio::main]
async fn main() {
    if let Err(error) = run().await {
        eprintln!("desk-seed: {error:#}");
        std::process::exit(1);
    }
}

async fn run() -> Result<()> {
    let mut customers = None;
    let mut url = std::env::var("DESK_DATABASE_URL").ok();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--customers" => {
                let value = args.next().context(USAGE)?;
                customers = Some(value.replace('_', "").parse::<u64>().with_context(|| {
                    format!("--customers takes a whole number, like 100000, not {value:?}")
                })?);
            }
            "--database-url" => url = Some(args.next().context(USAGE)?),
            "--help" | "-h" => {
                println!("{USAGE}");
                return Ok(());
            }
            other => bail!("unknown argument {other:?}\n{USAGE}"),
        }
    }
    let count = customers.context(USAGE)?;
    let (seeded, companies) = match url.as_deref() {
        Some(url) if url.starts_with("postgres://") || url.starts_with("postgresql://") => {
            eprintln!("Seeding {count} customers into the Postgres store…");
            PostgresStore::migrate_url(url)
                .await
                .context("migrating the store")?;
            let mut connection = sqlx::PgConnection::connect(url)
                .await
                .context("connecting")?;
            let seeded = seed_postgres(&mut connection, count).await.context(
                "seeding (as a superuser: seeding skips the audit triggers, which only one may)",
            )?;
            let mut reps = rep_ids(
                sqlx::query_scalar(ACTIVE_REPS)
                    .fetch_all(&mut connection)
                    .await?,
            )?;
            let created = if reps.is_empty() {
                let store = PostgresStore::open_url(url)
                    .await
                    .context("opening the store")?;
                reps = add_sales_reps(&store).await.context("adding sales reps")?;
                store.close().await;
                reps.len()
            } else {
                0
            };
            let companies = seed_companies_postgres(&mut connection, seeded.first, count, &reps)
                .await
                .context("seeding companies")?;
            (
                seeded,
                SeededCompanies {
                    reps_created: created,
                    ..companies
                },
            )
        }
        Some(url) => {
            let path = PathBuf::from(
                url.trim_start_matches("sqlite://")
                    .trim_start_matches("sqlite:"),
            );
            seed_file(path, count).await?
        }
        None => {
            let folder = dirs::data_dir()
                .context("this system names no data folder; pass --database-url")?
                .join(APP_IDENTIFIER);
            std::fs::create_dir_all(&folder)
                .with_context(|| format!("creating {}", folder.display()))?;
            seed_file(folder.join(DEFAULT_DATABASE_FILE), count).await?
        }
    };
    report(&seeded, &companies);
    Ok(())
}

/// Staff ids as the `ACTIVE_REPS` query reads them.
fn rep_ids(ids: Vec<String>) -> Result<Vec<StaffId>> {
    ids.iter()
        .map(|id| Ok(StaffId(id.parse().context("a staff id")?)))
        .collect()
}

async fn seed_file(path: PathBuf, count: u64) -> Result<(Seeded, SeededCompanies)> {
    eprintln!("Seeding {count} customers into {}…", path.display());
    // Created and migrated by the app's own store first.
    SqliteStore::open_file(&path)
        .await
        .context("opening the store")?
        .close()
        .await;
    let options = sqlx::sqlite::SqliteConnectOptions::new()
        .filename(&path)
        .journal_mode(sqlx::sqlite::SqliteJournalMode::Wal)
        .synchronous(sqlx::sqlite::SqliteSynchronous::Normal);
    let mut connection = sqlx::SqliteConnection::connect_with(&options)
        .await
        .context("connecting")?;
    let seeded = seed_sqlite(&mut connection, count)
        .await
        .context("seeding")?;
    let mut reps = rep_ids(
        sqlx::query_scalar(ACTIVE_REPS)
            .fetch_all(&mut connection)
            .await?,
    )?;
    let created = if reps.is_empty() {
        let store = SqliteStore::open_file(&path)
            .await
            .context("opening the store")?;
        reps = add_sales_reps(&store).await.context("adding sales reps")?;
        store.close().await;
        reps.len()
    } else {
        0
    };
    let companies = seed_companies_sqlite(&mut connection, seeded.first, count, &reps)
        .await
        .context("seeding companies")?;
    connection.close().await?;
    Ok((
        seeded,
        SeededCompanies {
            reps_created: created,
            ..companies
        },
    ))
}

fn report(seeded: &Seeded, companies: &SeededCompanies) {
    println!(
        "Seeded customers {} to {}: {} customers, {} addresses, {} notes in {:.1} s ({:.0} customers per minute).",
        seeded.first + 1,
        seeded.first + seeded.customers,
        seeded.customers,
        seeded.addresses,
        seeded.notes,
        seeded.seconds,
        seeded.per_minute()
    );
    println!(
        "B2B: {} companies in the group \"{}\", {} members, {} orders{}.",
        companies.companies,
        desk_seed::companies::GROUP_NAME,
        companies.members,
        companies.orders,
        if companies.reps_created > 0 {
            format!(
                "; {} sales reps added (Sam Sales, Rita Reyes, Omar Okafor) with passwords \
                 nobody knows: reset one under Staff to hand it out",
                companies.reps_created
            )
        } else {
            String::new()
        }
    );
}
