//! B2B data for seeded stores (seed 004): one company per 50 seeded customers, in the
//! customer group "B2B customers", with five of those customers as members (the
//! first its contact person, a Company admin; the others Buyers or Members), and
//! orders for them (placed, approved, shipped, delivered or cancelled, in the
//! member's currency). Sales reps are the store's active ones; a store without any
//! gets three, with random passwords nobody knows (an administrator resets one to
//! hand it out). Everything derives from the customers' numbers, so a run adds the
//! companies of the customers it added.

use base64::Engine;
use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD};
use chrono::{Duration, SubsecRound, Utc};
use desk_domain::search_text::fold;
use desk_domain::sort_key::collation_key;
use desk_domain::staff::{Role, StaffId};
use desk_domain::{Email, PersonName};
use desk_store::{NewStaffRecord, PasswordSecrets, Store, company_search_line};
use sqlx::{Connection, PgConnection, QueryBuilder, SqliteConnection};

use crate::people::{SeedCustomer, mix};

/// Seeded customers per company.
pub const CUSTOMERS_PER_COMPANY: u64 = 50;
/// Members of each seeded company.
pub const MEMBERS_PER_COMPANY: u64 = 5;
/// Companies per multi-row INSERT.
const COMPANIES_PER_STATEMENT: usize = 200;

/// The seeded companies' customer group.
pub const GROUP_NAME: &str = "B2B customers";
const GROUP_ID: uuid::Uuid = uuid::Uuid::from_u128(0x0000_0000_0000_7000_8000_0000_0000_0b2b);
const MEMBER_ROLE: &str = "00000000-0000-7000-8000-000000000001";
const BUYER_ROLE: &str = "00000000-0000-7000-8000-000000000002";
const ADMIN_ROLE: &str = "00000000-0000-7000-8000-000000000003";
const STATUSES: [&str; 5] = ["placed", "approved", "shipped", "delivered", "cancelled"];
const SUFFIXES: [&str; 6] = ["GmbH", "Ltd", "AG", "SARL", "BV", "AB"];

/// What one run added.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SeededCompanies {
    pub companies: u64,
    pub members: u64,
    pub orders: u64,
    pub reps_created: usize,
}

/// A seeded company: the customer its members start at, and what it is called.
struct SeedCompany {
    k: u64,
    id: uuid::Uuid,
    name: String,
    tax_id: String,
    members: Vec<SeedCustomer>,
}

fn company_id(k: u64) -> uuid::Uuid {
    let mut bytes = [0_u8; 16];
    bytes[..8].copy_from_slice(&mix(k, 700).to_be_bytes());
    bytes[8..].copy_from_slice(&mix(k, 701).to_be_bytes());
    uuid::Builder::from_random_bytes(bytes).into_uuid()
}

fn order_id(customer: u64, j: u64) -> uuid::Uuid {
    let mut bytes = [0_u8; 16];
    bytes[..8].copy_from_slice(&mix(customer, 800 + j).to_be_bytes());
    bytes[8..].copy_from_slice(&mix(customer, 900 + j).to_be_bytes());
    uuid::Builder::from_random_bytes(bytes).into_uuid()
}

impl SeedCompany {
    fn nth(k: u64) -> Self {
        let first = k * CUSTOMERS_PER_COMPANY;
        let members: Vec<SeedCustomer> = (first..first + MEMBERS_PER_COMPANY)
            .map(SeedCustomer::nth)
            .collect();
        let founder = &members[0];
        // The first member's employer, or a made-up trading company.
        let name = founder.company.clone().unwrap_or_else(|| {
            format!(
                "{} Trading {}",
                founder.last_name,
                SUFFIXES[(mix(k, 702) % SUFFIXES.len() as u64) as usize]
            )
        });
        // A tax ID outside the EU rules (an EIN's shape): only length and characters
        // are checked, so it stays valid whatever the name's country.
        let tax_id = format!(
            "{:02}-{:07}",
            10 + mix(k, 703) % 89,
            mix(k, 704) % 10_000_000
        );
        Self {
            k,
            id: company_id(k),
            name,
            tax_id,
            members,
        }
    }

    /// The role of the member at `index`: the contact person is a Company admin.
    fn role(&self, index: usize) -> &'static str {
        match (index, mix(self.k, 705 + index as u64) % 3) {
            (0, _) => ADMIN_ROLE,
            (_, 0) => BUYER_ROLE,
            _ => MEMBER_ROLE,
        }
    }
}

/// The orders of `member`: none to three.
fn orders_of(
    member: &SeedCustomer,
) -> Vec<(uuid::Uuid, String, chrono::DateTime<Utc>, &'static str, i64)> {
    (0..mix(member.n, 810) % 4)
        .map(|j| {
            (
                order_id(member.n, j),
                format!("SO-{:07}-{j}", member.n),
                (member.created_at + Duration::days(1 + (mix(member.n, 820 + j) % 300) as i64))
                    .trunc_subsecs(6),
                STATUSES[(mix(member.n, 830 + j) % STATUSES.len() as u64) as usize],
                (1_000 + mix(member.n, 840 + j) % 500_000) as i64,
            )
        })
        .collect()
}

/// The query for the store's active sales reps' ids (both backends have the view).
pub const ACTIVE_REPS: &str = "SELECT CAST(id AS TEXT) AS id FROM staff_names WHERE sales_rep AND active \
     ORDER BY display_name_key";

/// `N` random bytes (from version-4 UUIDs, the operating system's randomness).
fn random<const N: usize>() -> [u8; N] {
    let mut bytes = [0_u8; N];
    for chunk in bytes.chunks_mut(16) {
        let fresh = uuid::Uuid::new_v4();
        chunk.copy_from_slice(&fresh.as_bytes()[..chunk.len()]);
    }
    bytes
}

/// A well-formed argon2id hash of a password nobody knows (random salt and output):
/// sign-in is refused until an administrator resets it.
fn unknowable_password_hash() -> String {
    format!(
        "$argon2id$v=19$m=19456,t=2,p=1${}${}",
        STANDARD_NO_PAD.encode(random::<16>()),
        STANDARD_NO_PAD.encode(random::<32>())
    )
}

/// A well-formed SCRAM-SHA-256 verifier of a password nobody knows, for the
/// account's database login.
fn unknowable_scram_verifier() -> String {
    format!(
        "SCRAM-SHA-256$4096:{}${}:{}",
        STANDARD.encode(random::<16>()),
        STANDARD.encode(random::<32>()),
        STANDARD.encode(random::<32>())
    )
}

/// Three sales reps for a store that has none, added through the store (on Postgres
/// with their logins), with random passwords nobody knows.
pub async fn add_sales_reps(store: &dyn Store) -> anyhow::Result<Vec<StaffId>> {
    let mut reps = Vec::new();
    for (email, name) in [
        ("sam.sales@seed.example", "Sam Sales"),
        ("rita.reyes@seed.example", "Rita Reyes"),
        ("omar.okafor@seed.example", "Omar Okafor"),
    ] {
        let (hash, verifier) = (unknowable_password_hash(), unknowable_scram_verifier());
        let email = Email::parse("email", email).map_err(|e| anyhow::anyhow!(e.message))?;
        let name = PersonName::parse("display_name", "display name", name)
            .map_err(|e| anyhow::anyhow!(e.message))?;
        let record = NewStaffRecord {
            id: StaffId(uuid::Uuid::now_v7()),
            email: &email,
            display_name: &name,
            roles: &[Role::SalesRep],
            password: PasswordSecrets {
                hash: &hash,
                database_verifier: &verifier,
                expires_at: Some(Utc::now()),
            },
            created_at: Utc::now().trunc_subsecs(6),
        };
        reps.push(
            store
                .insert_staff(&record, &desk_store::Effects::default())
                .await?
                .id,
        );
    }
    Ok(reps)
}

/// Companies, members, roles and orders of customers `first..first + count` for one
/// backend, in `$tx`; `$id` turns a Uuid into what the backend binds.
macro_rules! insert_companies {
    ($db:ty, $tx:expr, $first:expr, $count:expr, $reps:expr, $id:expr) => {{
        let (first, count, reps): (u64, u64, &[StaffId]) = ($first, $count, $reps);
        let now = Utc::now().trunc_subsecs(6);
        let mut seeded = SeededCompanies::default();
        let mut group: QueryBuilder<$db> = QueryBuilder::new(
            "INSERT INTO customer_groups (id, name, name_key, name_sort, description, \
             search_text, created_at, updated_at) VALUES (",
        );
        group
            .push_bind(($id)(GROUP_ID))
            .push(", ")
            .push_bind(GROUP_NAME)
            .push(", ")
            .push_bind(GROUP_NAME.to_lowercase())
            .push(", ")
            .push_bind(collation_key(GROUP_NAME))
            .push(", ")
            .push_bind("The companies of the seeded customers.")
            .push(", ")
            .push_bind(fold(GROUP_NAME))
            .push(", ")
            .push_bind(now)
            .push(", ")
            .push_bind(now)
            .push(") ON CONFLICT (id) DO NOTHING");
        group.build().execute(&mut *$tx).await?;
        // The companies whose five members were all added by this run.
        let ks: Vec<u64> = (first.div_ceil(CUSTOMERS_PER_COMPANY)..)
            .take_while(|k| k * CUSTOMERS_PER_COMPANY + MEMBERS_PER_COMPANY <= first + count)
            .collect();
        for chunk in ks.chunks(COMPANIES_PER_STATEMENT) {
            let companies: Vec<SeedCompany> = chunk.iter().map(|k| SeedCompany::nth(*k)).collect();
            let mut insert: QueryBuilder<$db> = QueryBuilder::new(
                "INSERT INTO companies (id, name, name_sort, tax_id, group_id, sales_rep_id, \
                 active, search_text, contact_customer_id, created_at, updated_at) ",
            );
            insert.push_values(&companies, |mut row, company| {
                row.push_bind(($id)(company.id))
                    .push_bind(company.name.clone())
                    .push_bind(collation_key(&company.name))
                    .push_bind(company.tax_id.clone())
                    .push_bind(($id)(GROUP_ID))
                    .push_bind(($id)(reps[(company.k % reps.len() as u64) as usize].0))
                    .push_bind(mix(company.k, 706) % 20 != 0)
                    .push_bind(company_search_line(&company.name, &company.tax_id))
                    .push_bind(($id)(company.members[0].id))
                    .push_bind(company.members[0].created_at.trunc_subsecs(6))
                    .push_bind(now);
            });
            insert.build().execute(&mut *$tx).await?;
            let members: Vec<(&SeedCompany, usize)> = companies
                .iter()
                .flat_map(|company| (0..company.members.len()).map(move |i| (company, i)))
                .collect();
            let mut insert: QueryBuilder<$db> = QueryBuilder::new(
                "INSERT INTO company_members (company_id, customer_id, active, added_at) ",
            );
            insert.push_values(&members, |mut row, (company, i)| {
                row.push_bind(($id)(company.id))
                    .push_bind(($id)(company.members[*i].id))
                    .push_bind(true)
                    .push_bind(company.members[*i].created_at.trunc_subsecs(6));
            });
            insert.build().execute(&mut *$tx).await?;
            let mut insert: QueryBuilder<$db> = QueryBuilder::new(
                "INSERT INTO company_member_roles (company_id, customer_id, role_id) ",
            );
            insert.push_values(&members, |mut row, (company, i)| {
                row.push_bind(($id)(company.id))
                    .push_bind(($id)(company.members[*i].id))
                    .push_bind(($id)(
                        company.role(*i).parse::<uuid::Uuid>().expect("a role id"),
                    ));
            });
            insert.build().execute(&mut *$tx).await?;
            let orders: Vec<_> = members
                .iter()
                .flat_map(|(company, i)| {
                    let member = &company.members[*i];
                    orders_of(member)
                        .into_iter()
                        .map(move |order| (company.id, member, order))
                })
                .collect();
            if !orders.is_empty() {
                let mut insert: QueryBuilder<$db> = QueryBuilder::new(
                    "INSERT INTO orders (id, order_number, company_id, customer_id, placed_at, \
                     status, total_minor, currency) ",
                );
                insert.push_values(&orders, |mut row, (company, member, order)| {
                    row.push_bind(($id)(order.0))
                        .push_bind(order.1.clone())
                        .push_bind(($id)(*company))
                        .push_bind(($id)(member.id))
                        .push_bind(order.2)
                        .push_bind(order.3)
                        .push_bind(order.4)
                        .push_bind(member.currency);
                });
                insert.build().execute(&mut *$tx).await?;
            }
            seeded.companies += companies.len() as u64;
            seeded.members += members.len() as u64;
            seeded.orders += orders.len() as u64;
        }
        seeded
    }};
}

/// Adds the companies of customers `first..first + count` to the SQLite store.
pub async fn seed_companies_sqlite(
    connection: &mut SqliteConnection,
    first: u64,
    count: u64,
    reps: &[StaffId],
) -> Result<SeededCompanies, sqlx::Error> {
    let mut tx = connection.begin().await?;
    let seeded = insert_companies!(sqlx::Sqlite, tx, first, count, reps, |id: uuid::Uuid| id
        .hyphenated()
        .to_string());
    tx.commit().await?;
    Ok(seeded)
}

/// Adds the companies of customers `first..first + count` to the Postgres store, as
/// a superuser (the audit triggers are skipped, as for the customers).
pub async fn seed_companies_postgres(
    connection: &mut PgConnection,
    first: u64,
    count: u64,
    reps: &[StaffId],
) -> Result<SeededCompanies, sqlx::Error> {
    let mut tx = connection.begin().await?;
    sqlx::query("SET LOCAL session_replication_role = replica")
        .execute(&mut *tx)
        .await?;
    let seeded = insert_companies!(sqlx::Postgres, tx, first, count, reps, |id: uuid::Uuid| id);
    tx.commit().await?;
    Ok(seeded)
}
