//! B2B companies at 100,000 companies and a million customers (`cargo xtask bench
//! companies`, SQLite): 100,000 companies in 10 customer groups with 20 sales reps,
//! and every customer a member of one company (10 members each), added to the
//! seeded store once; then, through the app's own functions and as raw SQL on the
//! same data: the companies list's first page and a page deep in it, a search by
//! name, a sales rep's own list, and a company's members.

use std::time::Instant;

use chrono::Utc;
use desk_app::companies::{company_members, list_companies};
use desk_app::policy::Scope;
use desk_domain::company::CompanyId;
use desk_domain::company_list::{CompanyListRequest, CompanyQuery};
use desk_domain::company_member::MembersRequest;
use desk_domain::search_text::fold;
use desk_domain::sort_key::collation_key;
use desk_domain::staff::{Role, StaffId};
use desk_store::Store;

use crate::{PAGE, RUNS, Raw, Row2, raw_rows, time};

const COMPANIES: u128 = 100_000;
const GROUPS: u128 = 10;
const REPS: usize = 20;

fn company_id(k: u128) -> CompanyId {
    CompanyId(uuid::Uuid::from_u128(0xc0_0000_0000 + k))
}

fn group_id(k: u128) -> uuid::Uuid {
    uuid::Uuid::from_u128(0xc1_0000_0000 + k)
}

/// The sales reps, by id; added with the companies.
async fn ensure_companies(store: &dyn Store, pool: &sqlx::SqlitePool) -> Vec<StaffId> {
    let reps: Vec<StaffId> = sqlx::query_scalar::<_, String>(
        "SELECT id FROM staff_names WHERE sales_rep ORDER BY display_name_key",
    )
    .fetch_all(pool)
    .await
    .expect("reps")
    .iter()
    .map(|id| StaffId(id.parse().expect("a uuid")))
    .collect();
    let present: i64 = sqlx::query_scalar("SELECT count(*) FROM companies")
        .fetch_one(pool)
        .await
        .expect("counts");
    if present >= COMPANIES as i64 && reps.len() >= REPS {
        return reps;
    }
    let started = Instant::now();
    let mut reps = Vec::new();
    for r in 0..REPS {
        reps.push(
            desk_tests::fixtures::insert_named_staff_member(
                store,
                &format!("rep{r:02}@bench.example"),
                &format!("Rep {r:02}"),
                &[Role::SalesRep],
            )
            .await,
        );
    }
    let now = Utc::now().to_rfc3339();
    let mut tx = pool.begin().await.expect("begins");
    for k in 0..GROUPS {
        let name = format!("Company group {k}");
        sqlx::query(
            "INSERT INTO customer_groups (id, name, name_key, name_sort, description, \
             search_text, member_count, created_at, updated_at, version) \
             VALUES (?, ?, ?, ?, '', ?, 0, ?, ?, 1)",
        )
        .bind(group_id(k).to_string())
        .bind(&name)
        .bind(name.to_lowercase())
        .bind(collation_key(&name))
        .bind(fold(&name))
        .bind(&now)
        .bind(&now)
        .execute(&mut *tx)
        .await
        .expect("a group");
    }
    for k in 0..COMPANIES {
        let name = format!("Company {k:06} Trading");
        let tax_id = format!("DE{:09}", 100_000_000 + k);
        sqlx::query(
            "INSERT INTO companies (id, name, name_sort, tax_id, group_id, sales_rep_id, \
             active, search_text, created_at, updated_at, version) \
             VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?, 1)",
        )
        .bind(company_id(k).to_string())
        .bind(&name)
        .bind(collation_key(&name))
        .bind(&tax_id)
        .bind(group_id(k % GROUPS).to_string())
        .bind(reps[(k as usize) % REPS].0.to_string())
        .bind(fold(&format!("{name} {tax_id}")))
        .bind(&now)
        .bind(&now)
        .execute(&mut *tx)
        .await
        .expect("a company");
    }
    // Every customer joins one company: ten members each.
    sqlx::query(
        "INSERT INTO company_members (company_id, customer_id, active, added_at) \
         SELECT printf('00000000-0000-0000-0000-00%02x%08x', 0xc0, (rowid - 1) % 100000), id, 1, ? \
           FROM customers",
    )
    .bind(&now)
    .execute(&mut *tx)
    .await
    .expect("members");
    sqlx::query(
        "INSERT INTO company_member_roles (company_id, customer_id, role_id) \
         SELECT company_id, customer_id, '00000000-0000-7000-8000-000000000001' \
           FROM company_members",
    )
    .execute(&mut *tx)
    .await
    .expect("member roles");
    tx.commit().await.expect("commits");
    eprintln!(
        "  added {COMPANIES} companies and their members in {:.0} s",
        started.elapsed().as_secs_f64()
    );
    reps
}

const RAW_LIST: &str = "SELECT c.id, c.name, c.name_sort, c.tax_id, c.active, c.created_at, \
       c.updated_at, c.version, c.website, c.group_id, g.name AS group_name, \
       c.sales_rep_id, s.display_name AS sales_rep_name \
     FROM companies c JOIN customer_groups g ON g.id = c.group_id \
     JOIN staff_names s ON s.id = c.sales_rep_id";

pub async fn workloads(store: &dyn Store, raw: &Raw) -> Vec<(String, Row2)> {
    let Raw::Sqlite(pool) = raw else {
        panic!("the companies benchmark runs on SQLite");
    };
    let reps = ensure_companies(store, pool).await;
    let mut rows = Vec::new();
    let request = |query: CompanyQuery, after| CompanyListRequest {
        query,
        after,
        limit: PAGE,
    };

    // First page by name.
    let app = time(RUNS, || async {
        let page = list_companies(
            store,
            Scope::Everything,
            &request(CompanyQuery::default(), None),
        )
        .await
        .expect("a page");
        assert_eq!(page.items.len(), PAGE as usize);
    })
    .await;
    let sql = format!("{RAW_LIST} ORDER BY c.name_sort, c.id LIMIT {}", PAGE + 1);
    let raw_figures = time(RUNS, || async {
        assert_eq!(raw_rows(raw, &sql, &[]).await, PAGE as usize + 1);
    })
    .await;
    rows.push((
        "companies, first page by name".to_owned(),
        Row2 {
            app: Some(app),
            raw: raw_figures,
        },
    ));

    // A page half-way down the list.
    let middle = format!("Company {:06} Trading", COMPANIES / 2);
    let cursor = desk_domain::company_list::CompanyCursor {
        sort: Default::default(),
        key: collation_key(&middle),
        id: company_id(COMPANIES / 2),
    };
    let app = time(RUNS, || async {
        let page = list_companies(
            store,
            Scope::Everything,
            &request(CompanyQuery::default(), Some(cursor.clone())),
        )
        .await
        .expect("a page");
        assert_eq!(page.items.len(), PAGE as usize);
    })
    .await;
    let sql = format!(
        "{RAW_LIST} WHERE (c.name_sort, c.id) > ($1, $2) ORDER BY c.name_sort, c.id LIMIT {}",
        PAGE + 1
    );
    let params = [cursor.key.clone(), cursor.id.to_string()];
    let raw_figures = time(RUNS, || async {
        assert_eq!(raw_rows(raw, &sql, &params).await, PAGE as usize + 1);
    })
    .await;
    rows.push((
        "companies, page 1,000 (keyset)".to_owned(),
        Row2 {
            app: Some(app),
            raw: raw_figures,
        },
    ));

    // A search that matches eleven companies: "Company 042170" to "…79", and
    // "Company 004217".
    let search = CompanyQuery {
        search: "company 04217".into(),
        ..CompanyQuery::default()
    };
    let app = time(RUNS, || async {
        let page = list_companies(store, Scope::Everything, &request(search.clone(), None))
            .await
            .expect("a page");
        assert_eq!(page.items.len(), 11);
    })
    .await;
    let sql = format!(
        "{RAW_LIST} WHERE c.search_text LIKE $1 AND c.search_text LIKE $2 \
         ORDER BY c.name_sort, c.id LIMIT {}",
        PAGE + 1
    );
    let params = ["%company%".to_owned(), "%04217%".to_owned()];
    let raw_figures = time(RUNS, || async {
        assert_eq!(raw_rows(raw, &sql, &params).await, 11);
    })
    .await;
    rows.push((
        "companies, search \"company 04217\" (11 hits)".to_owned(),
        Row2 {
            app: Some(app),
            raw: raw_figures,
        },
    ));

    // A sales rep's own list (5,000 companies), first page.
    let rep = reps[7];
    let app = time(RUNS, || async {
        let page = list_companies(
            store,
            Scope::AssignedTo(rep),
            &request(CompanyQuery::default(), None),
        )
        .await
        .expect("a page");
        assert_eq!(page.items.len(), PAGE as usize);
    })
    .await;
    let sql = format!(
        "{RAW_LIST} WHERE c.sales_rep_id = $1 ORDER BY c.name_sort, c.id LIMIT {}",
        PAGE + 1
    );
    let params = [rep.0.to_string()];
    let raw_figures = time(RUNS, || async {
        assert_eq!(raw_rows(raw, &sql, &params).await, PAGE as usize + 1);
    })
    .await;
    rows.push((
        "a sales rep's companies, first page".to_owned(),
        Row2 {
            app: Some(app),
            raw: raw_figures,
        },
    ));

    // A company's members (10), by name, with their roles.
    let company = company_id(4_217);
    let app = time(RUNS, || async {
        let page = company_members(
            store,
            Scope::Everything,
            &MembersRequest {
                company,
                after: None,
                limit: PAGE,
            },
        )
        .await
        .expect("members");
        assert_eq!(page.items.len(), 10);
    })
    .await;
    let sql = format!(
        "SELECT d.customer_id, d.first_name, d.last_name, d.email, d.phone, d.locale, d.active, \
           d.added_at, d.last_name_key, d.first_name_key, \
           (SELECT group_concat(r.name) FROM company_member_roles mr \
              JOIN company_roles r ON r.id = mr.role_id \
             WHERE mr.company_id = d.company_id AND mr.customer_id = d.customer_id) AS roles \
         FROM company_member_details d WHERE d.company_id = $1 \
         ORDER BY d.last_name_key, d.first_name_key, d.customer_id LIMIT {}",
        PAGE + 1
    );
    let params = [company.to_string()];
    let raw_figures = time(RUNS, || async {
        assert_eq!(raw_rows(raw, &sql, &params).await, 10);
    })
    .await;
    rows.push((
        "a company's members (10), with roles".to_owned(),
        Row2 {
            app: Some(app),
            raw: raw_figures,
        },
    ));
    rows
}
