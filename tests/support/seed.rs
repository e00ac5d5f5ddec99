//! Large stores for benchmarks: a million customers written straight into an app's
//! SQLite file in one transaction, many rows per statement. Going through the store's
//! one-at-a-time insert (with its audit entry each) would take minutes; the rows are the
//! same shape, with keys computed by desk-domain exactly as the app computes them.

use std::path::Path;

use chrono::{Duration, Utc};
use desk_domain::customer::{CustomerChoices, CustomerDetails, CustomerInput};
use desk_domain::sort_key::{SORT_KEYS_VERSION, collation_key};
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{Connection, QueryBuilder, Sqlite, SqliteConnection};
use uuid::Uuid;

const FIRST_NAMES: &[&str] = &[
    "Ada", "Ben", "Chloé", "Dmitri", "Elif", "Farah", "Grace", "Hiro", "Ines", "Jonas", "Kofi",
    "Lena", "Mateo", "Nia", "Oskar", "Priya", "Quinn", "Rosa", "Sven", "Tariq", "Uma", "Viktor",
    "Wen", "Ximena", "Yusuf", "Zoë",
];
const LAST_NAMES: &[&str] = &[
    "Abara",
    "Berg",
    "Castillo",
    "Dubois",
    "Eriksen",
    "Fischer",
    "García",
    "Horvath",
    "Ivanova",
    "Jensen",
    "Kowalski",
    "Lindqvist",
    "Müller",
    "Nakamura",
    "O'Brien",
    "Petrov",
    "Quintero",
    "Rossi",
    "Schmidt",
    "Tanaka",
    "Usman",
    "Varga",
    "Weber",
    "Xu",
    "Yilmaz",
    "Zimmermann",
];
const CURRENCIES: &[&str] = &["EUR", "USD", "GBP", "CHF", "SEK", "PLN"];

/// Rows per INSERT: 15 columns each, well under SQLite's 32,766 bound parameters.
const ROWS_PER_STATEMENT: usize = 500;

/// The form input of the `n`th seeded customer: names cycle through short lists (so
/// many customers share a name, as in a real store, and the id breaks the ties) with a
/// number that keeps every surname distinct enough to page through.
pub fn seeded_customer_input(n: usize) -> CustomerInput {
    let first = FIRST_NAMES[n % FIRST_NAMES.len()];
    let last = LAST_NAMES[(n / FIRST_NAMES.len()) % LAST_NAMES.len()];
    let series = n / (FIRST_NAMES.len() * LAST_NAMES.len());
    CustomerInput {
        email: format!("customer{n:07}@example.com"),
        first_name: first.to_owned(),
        last_name: format!("{last} {series}"),
        preferred_currency: CURRENCIES[n % CURRENCIES.len()].to_owned(),
        active: true,
        ..CustomerInput::default()
    }
}

/// What the seeded store offers: the currencies seeded customers use.
pub fn seed_choices() -> CustomerChoices {
    CustomerChoices {
        currencies: CURRENCIES.iter().map(|code| (*code).to_owned()).collect(),
        locales: vec!["en".to_owned()],
        ..CustomerChoices::default()
    }
}

/// The `n`th seeded customer, parsed as the app parses a form.
pub fn seeded_customer(n: usize) -> CustomerDetails {
    CustomerDetails::parse(
        &seeded_customer_input(n),
        &seed_choices(),
        Utc::now().date_naive(),
    )
    .unwrap_or_else(|errors| panic!("seed customer {n} is invalid: {errors:?}"))
}

/// Appends `count` customers to the SQLite store at `path` (which the app has already
/// created and migrated), in one transaction.
pub async fn seed_customers(path: &Path, count: usize) -> Result<(), sqlx::Error> {
    let options = SqliteConnectOptions::new().filename(path);
    let mut connection = SqliteConnection::connect_with(&options).await?;
    let mut transaction = connection.begin().await?;
    let created = Utc::now() - Duration::days(365);
    let mut next = 0;
    while next < count {
        let end = (next + ROWS_PER_STATEMENT).min(count);
        let customers: Vec<CustomerDetails> = (next..end).map(seeded_customer).collect();
        let mut insert: QueryBuilder<Sqlite> = QueryBuilder::new(
            "INSERT INTO customers (id, email, email_key, first_name, first_name_key, \
             last_name, last_name_key, preferred_currency, created_at, updated_at, \
             customer_ref, customer_ref_key, customer_number, active, sort_keys_version) ",
        );
        insert.push_values(
            customers.iter().enumerate(),
            |mut row, (offset, customer)| {
                let n = next + offset;
                let at = created + Duration::seconds(n as i64 % 31_536_000);
                // Distinct and deterministic; the app draws random ones.
                let reference = format!("SEED-{n:07}");
                row.push_bind(Uuid::now_v7().hyphenated().to_string())
                    .push_bind(customer.email.as_str().to_owned())
                    .push_bind(customer.email.unique_key())
                    .push_bind(customer.first_name.as_str().to_owned())
                    .push_bind(collation_key(customer.first_name.as_str()))
                    .push_bind(customer.last_name.as_str().to_owned())
                    .push_bind(collation_key(customer.last_name.as_str()))
                    .push_bind(customer.preferred_currency.as_str().to_owned())
                    .push_bind(at)
                    .push_bind(at)
                    .push_bind(reference.clone())
                    .push_bind(reference.to_lowercase())
                    .push_bind(format!("{:010}", 1_000_000_000 + n))
                    .push_bind(true)
                    .push_bind(SORT_KEYS_VERSION);
            },
        );
        insert.build().execute(&mut *transaction).await?;
        next = end;
    }
    transaction.commit().await?;
    // The planner's statistics, as a store that grew over time would have them.
    sqlx::query("ANALYZE").execute(&mut connection).await?;
    connection.close().await
}
