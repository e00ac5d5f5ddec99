//! Writes seeded customers straight into a migrated store, many rows per statement
//! and thousands per transaction: going through the app's one-at-a-time insert (an
//! audit entry each) would take an hour for a million. The rows have the shape the
//! app writes, with sort keys and search line computed by desk-domain as it does.

use std::time::Instant;

use chrono::Utc;
use desk_domain::customer_fields::PhoneNumber;
use desk_domain::search_text::SearchableCustomer;
use desk_domain::sort_key::{SORT_KEYS_VERSION, collation_key};
use sqlx::{Connection, PgConnection, QueryBuilder, SqliteConnection};

use crate::people::{ATTRIBUTES, COUNTRIES, SITES, SeedCustomer, mix};

/// Customers per multi-row INSERT (30 parameters each, under both backends' caps).
const ROWS_PER_STATEMENT: u64 = 500;
/// Customers per transaction: a progress line each, and an interrupted run keeps
/// what it committed.
const ROWS_PER_TRANSACTION: u64 = 20_000;

/// How a seeding run went.
#[derive(Debug, Clone, Copy)]
pub struct Seeded {
    pub first: u64,
    pub customers: u64,
    pub addresses: u64,
    pub notes: u64,
    pub seconds: f64,
}

impl Seeded {
    pub fn per_minute(&self) -> f64 {
        self.customers as f64 / self.seconds.max(f64::EPSILON) * 60.0
    }
}

/// The columns of a seeded customer row that are derived: keys and search line.
struct Derived {
    first_name_key: String,
    last_name_key: String,
    company_key: Option<String>,
    phone_digits: Option<String>,
    search_text: String,
    attributes: String,
}

fn derive(customer: &SeedCustomer) -> Derived {
    let phone = customer.phone.clone().map(PhoneNumber::from_trusted);
    let searchable = SearchableCustomer {
        first_name: customer.first_name,
        last_name: customer.last_name,
        email: &customer.email,
        company: customer.company.as_deref(),
        phone: phone.as_ref(),
    };
    let attributes: serde_json::Map<String, serde_json::Value> = customer
        .attributes
        .iter()
        .map(|(code, value)| ((*code).to_owned(), serde_json::Value::from(*value)))
        .collect();
    Derived {
        first_name_key: collation_key(customer.first_name),
        last_name_key: collation_key(customer.last_name),
        company_key: customer.company.as_deref().map(collation_key),
        phone_digits: phone.as_ref().map(PhoneNumber::digits),
        // The store appends the IDs to the line (SEARCH_TEXT_IDS); so does this.
        search_text: format!(
            "{}|{}|{}",
            searchable.text(),
            customer.customer_ref.to_lowercase(),
            customer.customer_number
        ),
        attributes: serde_json::Value::Object(attributes).to_string(),
    }
}

fn address_id(customer: &SeedCustomer, k: usize) -> uuid::Uuid {
    let mut bytes = [0_u8; 16];
    bytes[..8].copy_from_slice(&mix(customer.n, 100 + k as u64).to_be_bytes());
    bytes[8..].copy_from_slice(&mix(customer.n, 200 + k as u64).to_be_bytes());
    uuid::Builder::from_random_bytes(bytes).into_uuid()
}

fn note_id(customer: &SeedCustomer) -> uuid::Uuid {
    let mut bytes = [0_u8; 16];
    bytes[..8].copy_from_slice(&mix(customer.n, 300).to_be_bytes());
    bytes[8..].copy_from_slice(&mix(customer.n, 301).to_be_bytes());
    uuid::Builder::from_random_bytes(bytes).into_uuid()
}

/// The customer INSERT for one backend; `$id` turns a Uuid into what the backend
/// binds, `$json` is what follows a JSON parameter (a cast on Postgres).
macro_rules! insert_batch {
    ($db:ty, $connection:expr, $batch:expr, $id:expr, $json:expr) => {{
        let batch: &[(SeedCustomer, Derived)] = $batch;
        let now = Utc::now();
        let mut customers: QueryBuilder<$db> = QueryBuilder::new(
            "INSERT INTO customers (id, customer_ref, customer_ref_key, customer_number, email, \
             email_key, salutation, first_name, first_name_key, last_name, last_name_key, gender, \
             date_of_birth, phone, phone_digits, company, company_key, locale, preferred_currency, \
             preferred_site, active, on_hold, verified_at, registered_at, last_login_at, \
             created_at, updated_at, custom_attributes, search_text, sort_keys_version) ",
        );
        customers.push_values(batch, |mut row, (customer, derived)| {
            row.push_bind(($id)(customer.id))
                .push_bind(customer.customer_ref.clone())
                .push_bind(customer.customer_ref.to_lowercase())
                .push_bind(customer.customer_number.clone())
                .push_bind(customer.email.clone())
                .push_bind(customer.email.to_lowercase())
                .push_bind(customer.salutation)
                .push_bind(customer.first_name)
                .push_bind(derived.first_name_key.clone())
                .push_bind(customer.last_name)
                .push_bind(derived.last_name_key.clone())
                .push_bind(customer.gender)
                .push_bind(customer.date_of_birth)
                .push_bind(customer.phone.clone())
                .push_bind(derived.phone_digits.clone())
                .push_bind(customer.company.clone())
                .push_bind(derived.company_key.clone())
                .push_bind(customer.locale)
                .push_bind(customer.currency)
                .push_bind(customer.site)
                .push_bind(customer.active)
                .push_bind(customer.on_hold)
                .push_bind(customer.verified.then_some(customer.created_at))
                .push_bind(Some(customer.created_at))
                .push_bind(customer.last_login_at)
                .push_bind(customer.created_at)
                .push_bind(customer.created_at)
                .push_bind(derived.attributes.clone())
                .push_unseparated($json)
                .push_bind(derived.search_text.clone())
                .push_bind(SORT_KEYS_VERSION);
        });
        customers.build().execute(&mut *$connection).await?;

        let addresses: Vec<(&SeedCustomer, usize)> = batch
            .iter()
            .flat_map(|(customer, _)| (0..customer.addresses.len()).map(move |k| (customer, k)))
            .collect();
        let mut insert: QueryBuilder<$db> = QueryBuilder::new(
            "INSERT INTO customer_addresses (id, customer_id, address_ref, address_ref_key, \
             first_name, last_name, company, line1, city, postal_code, region, country, phone, \
             is_default_billing, is_default_shipping, created_at, updated_at) ",
        );
        insert.push_values(&addresses, |mut row, (customer, k)| {
            let address = &customer.addresses[*k];
            let reference = format!("A-{}", k + 1);
            row.push_bind(($id)(address_id(customer, *k)))
                .push_bind(($id)(customer.id))
                .push_bind(reference.clone())
                .push_bind(reference.to_lowercase())
                .push_bind(customer.first_name)
                .push_bind(customer.last_name)
                .push_bind(customer.company.clone())
                .push_bind(address.line1.clone())
                .push_bind(address.city)
                .push_bind(address.postal_code)
                .push_bind(address.region)
                .push_bind(address.country)
                .push_bind(customer.phone.clone())
                .push_bind(*k == 0)
                .push_bind(*k == 0)
                .push_bind(customer.created_at)
                .push_bind(customer.created_at);
        });
        insert.build().execute(&mut *$connection).await?;

        let noted: Vec<&SeedCustomer> = batch
            .iter()
            .map(|(customer, _)| customer)
            .filter(|customer| customer.note.is_some())
            .collect();
        if !noted.is_empty() {
            let mut notes: QueryBuilder<$db> = QueryBuilder::new(
                "INSERT INTO customer_notes (id, customer_id, body, author_name, created_at) ",
            );
            notes.push_values(&noted, |mut row, customer| {
                row.push_bind(($id)(note_id(customer)))
                    .push_bind(($id)(customer.id))
                    .push_bind(customer.note.unwrap_or_default())
                    .push_bind("Demo data")
                    .push_bind(customer.last_login_at.unwrap_or(now));
            });
            notes.build().execute(&mut *$connection).await?;
        }
        (addresses.len() as u64, noted.len() as u64)
    }};
}

/// The store's lists that seeded customers refer to: currencies, locales, sites and
/// attribute definitions, added where missing (nothing existing changes).
const SETUP: &[&str] = &[
    "INSERT INTO currencies (code) VALUES ('EUR'), ('GBP'), ('USD'), ('CHF'), ('SEK'), \
     ('PLN'), ('JPY') ON CONFLICT (code) DO NOTHING",
];

fn locale_rows() -> Vec<&'static str> {
    let mut locales: Vec<&str> = COUNTRIES.iter().map(|country| country.locale).collect();
    locales.sort_unstable();
    locales.dedup();
    locales
}

macro_rules! setup_lists {
    ($db:ty, $connection:expr, $json:expr) => {{
        for statement in SETUP {
            sqlx::query(statement).execute(&mut *$connection).await?;
        }
        for locale in locale_rows() {
            sqlx::query("INSERT INTO locales (tag) VALUES ($1) ON CONFLICT (tag) DO NOTHING")
                .bind(locale)
                .execute(&mut *$connection)
                .await?;
        }
        for (code, name, currency, locale) in SITES {
            sqlx::query(
                "INSERT INTO sites (code, name, default_currency, default_locale) \
                 VALUES ($1, $2, $3, $4) ON CONFLICT (code) DO NOTHING",
            )
            .bind(code)
            .bind(name)
            .bind(currency)
            .bind(locale)
            .execute(&mut *$connection)
            .await?;
        }
        for (position, (code, label, kind, choices)) in ATTRIBUTES.iter().enumerate() {
            let choices = serde_json::Value::from(choices.to_vec()).to_string();
            let mut insert: QueryBuilder<$db> = QueryBuilder::new(
                "INSERT INTO customer_attributes (code, label, kind, choices, position, created_at) VALUES (",
            );
            insert
                .push_bind(*code)
                .push(", ")
                .push_bind(*label)
                .push(", ")
                .push_bind(*kind)
                .push(", ")
                .push_bind(choices)
                .push($json)
                .push(", ")
                .push_bind(1000 + position as i32)
                .push(", ")
                .push_bind(Utc::now())
                .push(") ON CONFLICT (code) DO NOTHING");
            insert.build().execute(&mut *$connection).await?;
        }
    }};
}

/// Customer numbers already seeded into a store: seeding continues after them, so
/// running it twice adds more instead of failing on taken IDs.
const SEEDED_SO_FAR: &str =
    "SELECT count(*) AS seeded FROM customers WHERE customer_ref LIKE 'C-_______'";

fn batches(first: u64, count: u64) -> impl Iterator<Item = Vec<(SeedCustomer, Derived)>> {
    let end = first + count;
    (first..end)
        .step_by(ROWS_PER_STATEMENT as usize)
        .map(move |start| {
            (start..(start + ROWS_PER_STATEMENT).min(end))
                .map(|n| {
                    let customer = SeedCustomer::nth(n);
                    let derived = derive(&customer);
                    (customer, derived)
                })
                .collect()
        })
}

fn progress(done: u64, count: u64, started: Instant) {
    let seconds = started.elapsed().as_secs_f64();
    eprintln!(
        "  {done:>9} / {count} customers  ({:.0} per minute)",
        done as f64 / seconds.max(f64::EPSILON) * 60.0
    );
}

/// Adds `count` seeded customers to the migrated SQLite store `connection` is open on.
pub async fn seed_sqlite(
    connection: &mut SqliteConnection,
    count: u64,
) -> Result<Seeded, sqlx::Error> {
    let started = Instant::now();
    let first: i64 = sqlx::Row::try_get(
        &sqlx::query(SEEDED_SO_FAR)
            .fetch_one(&mut *connection)
            .await?,
        "seeded",
    )?;
    let first = first as u64;
    let mut tx = connection.begin().await?;
    setup_lists!(sqlx::Sqlite, tx, "");
    let (mut addresses, mut notes, mut done) = (0, 0, 0);
    for batch in batches(first, count) {
        let (a, n) = insert_batch!(
            sqlx::Sqlite,
            tx,
            &batch,
            |id: uuid::Uuid| id.hyphenated().to_string(),
            ""
        );
        addresses += a;
        notes += n;
        done += batch.len() as u64;
        if done % ROWS_PER_TRANSACTION == 0 || done == count {
            tx.commit().await?;
            progress(done, count, started);
            tx = connection.begin().await?;
        }
    }
    tx.commit().await?;
    // The planner's statistics, as a store that grew over time would have them.
    sqlx::query("ANALYZE").execute(&mut *connection).await?;
    Ok(Seeded {
        first,
        customers: count,
        addresses,
        notes,
        seconds: started.elapsed().as_secs_f64(),
    })
}

/// Adds `count` seeded customers to the migrated Postgres store `connection` is open
/// on. It must be a superuser's session: seeding skips the audit triggers (a million
/// "changed directly" entries would bury the log), which only a superuser may do.
pub async fn seed_postgres(
    connection: &mut PgConnection,
    count: u64,
) -> Result<Seeded, sqlx::Error> {
    let started = Instant::now();
    let first: i64 = sqlx::Row::try_get(
        &sqlx::query(SEEDED_SO_FAR)
            .fetch_one(&mut *connection)
            .await?,
        "seeded",
    )?;
    let first = first as u64;
    let (mut addresses, mut notes, mut done) = (0, 0, 0);
    let mut tx = connection.begin().await?;
    sqlx::query("SET LOCAL session_replication_role = replica")
        .execute(&mut *tx)
        .await?;
    setup_lists!(sqlx::Postgres, tx, "::jsonb");
    for batch in batches(first, count) {
        let (a, n) = insert_batch!(sqlx::Postgres, tx, &batch, |id: uuid::Uuid| id, "::jsonb");
        addresses += a;
        notes += n;
        done += batch.len() as u64;
        if done % ROWS_PER_TRANSACTION == 0 || done == count {
            tx.commit().await?;
            progress(done, count, started);
            tx = connection.begin().await?;
            sqlx::query("SET LOCAL session_replication_role = replica")
                .execute(&mut *tx)
                .await?;
        }
    }
    tx.commit().await?;
    sqlx::query("ANALYZE").execute(&mut *connection).await?;
    Ok(Seeded {
        first,
        customers: count,
        addresses,
        notes,
        seconds: started.elapsed().as_secs_f64(),
    })
}
