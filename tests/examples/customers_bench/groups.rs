//! Customer groups at a million customers (`cargo xtask bench groups`): 1,000 groups,
//! one of 200,000 members and 999 of about 50, added to the seeded store once; then,
//! through the app's own functions and as raw SQL on the same data: a group's first
//! page of customers (the big group and a small one), the customer list filtered by
//! the big group sorted by name, saving a new group with 100,000 customers picked by
//! "select all results", and De-select all on a 200,000-customer group.

use std::time::{Duration, Instant};

use chrono::{DateTime, TimeZone, Utc};
use desk_app::customers::{count_customers, list_customers};
use desk_app::groups::{create_group, group_members, update_group};
use desk_app::policy::Scope;
use desk_domain::customer_bulk::CustomerSelection;
use desk_domain::customer_group::{
    CustomerPicks, GroupDetails, GroupId, GroupInput, GroupMembersRequest, GroupUpdate,
    NewGroupRequest, group_name_key,
};
use desk_domain::customer_list::{CustomerFilter, CustomerListRequest, CustomerQuery};
use desk_domain::search_text::fold;
use desk_domain::sort_key::collation_key;
use desk_store::Store;

use crate::{PAGE, RUNS, Raw, Row2, figures, id_param, is_postgres, raw_rows, time};

/// Groups in the store, and the members of the big one.
const GROUPS: u128 = 1_000;
/// Saves of 100,000 assignments and De-select alls of 200,000: each is heavy.
const HEAVY_RUNS: usize = 5;

/// The big group's id (the others follow it).
fn group_id(k: u128) -> GroupId {
    GroupId(uuid::Uuid::from_u128(0xb0_0000 + k))
}

/// Adds the 1,000 groups and their members once (a store that has them keeps them).
async fn ensure_groups(raw: &Raw) {
    let present = match raw {
        Raw::Sqlite(pool) => sqlx::query_scalar::<_, i64>("SELECT count(*) FROM customer_groups")
            .fetch_one(pool)
            .await
            .expect("counts"),
        Raw::Postgres(pool) => sqlx::query_scalar::<_, i64>("SELECT count(*) FROM customer_groups")
            .fetch_one(pool)
            .await
            .expect("counts"),
    };
    if present >= GROUPS as i64 {
        return;
    }
    let started = Instant::now();
    let now = Utc::now();
    let mut statements = vec![
        "DELETE FROM customer_group_members".to_owned(),
        "DELETE FROM customer_groups".to_owned(),
    ];
    for k in 0..GROUPS {
        let name = if k == 0 {
            "Loyalty programme".to_owned()
        } else {
            format!("Regional group {k:03}")
        };
        let details = GroupDetails {
            name: name.clone(),
            description: String::new(),
        };
        statements.push(format!(
            "INSERT INTO customer_groups (id, name, name_key, name_sort, description, \
             search_text, member_count, created_at, updated_at, version) VALUES \
             ('{}', '{name}', '{}', '{}', '', '{}', 0, '{}', '{}', 1)",
            group_id(k),
            group_name_key(&details.name),
            collation_key(&details.name),
            fold(&details.name),
            now.to_rfc3339(),
            now.to_rfc3339(),
        ));
    }
    // One customer in five is in the big group; the others hold about 50 each.
    let (big, small) = if is_postgres(raw) {
        (
            "abs(hashtext(id::text)) % 5 = 0",
            "abs(hashtext(c.id::text)) % 20000",
        )
    } else {
        ("rowid % 5 = 0", "c.rowid % 20000")
    };
    statements.push(format!(
        "INSERT INTO customer_group_members (group_id, customer_id, added_in) \
         SELECT '{}', id, 1 FROM customers WHERE {big}",
        group_id(0)
    ));
    statements.push(format!(
        "INSERT INTO customer_group_members (group_id, customer_id, added_in) \
         SELECT g.id, c.id, 1 FROM customers c JOIN customer_groups g \
           ON g.id = (SELECT id FROM customer_groups WHERE name_key = 'regional group ' || \
                      substr('000' || ({small}), -3)) \
         WHERE ({small}) BETWEEN 1 AND {}",
        GROUPS - 1
    ));
    statements.push(
        "UPDATE customer_groups SET member_count = (SELECT count(*) FROM \
         customer_group_members m WHERE m.group_id = customer_groups.id)"
            .to_owned(),
    );
    match raw {
        Raw::Sqlite(pool) => {
            let mut tx = pool.begin().await.expect("begins");
            for statement in &statements {
                sqlx::query(statement)
                    .execute(&mut *tx)
                    .await
                    .expect("seeds groups");
            }
            tx.commit().await.expect("commits");
        }
        Raw::Postgres(pool) => {
            let mut tx = pool.begin().await.expect("begins");
            // Seeding as the owner: the direct-write audit triggers stay out of it.
            sqlx::query("SET LOCAL session_replication_role = replica")
                .execute(&mut *tx)
                .await
                .expect("replica role");
            for statement in &statements {
                let statement = statement
                    .replace("substr('000' || (", "lpad((")
                    .replace("), -3)", ")::text, 3, '0')");
                sqlx::query(&statement)
                    .execute(&mut *tx)
                    .await
                    .expect("seeds groups");
            }
            tx.commit().await.expect("commits");
            sqlx::query("ANALYZE customer_group_members")
                .execute(pool)
                .await
                .expect("analyzes");
            sqlx::query("ANALYZE customer_groups")
                .execute(pool)
                .await
                .expect("analyzes");
        }
    }
    eprintln!("  groups added in {:.0} s", started.elapsed().as_secs_f64());
}

/// The created-between filter that picks about a tenth of the customers (seeded
/// customers are created evenly over three years).
fn tenth() -> CustomerQuery {
    let from = Utc
        .with_ymd_and_hms(2025, 1, 1, 0, 0, 0)
        .single()
        .expect("a time");
    CustomerQuery {
        filter: CustomerFilter {
            created_from: Some(from),
            created_before: Some(from + chrono::Duration::days(110)),
            ..CustomerFilter::default()
        },
        ..CustomerQuery::default()
    }
}

fn time_param(raw: &Raw, n: usize) -> String {
    if is_postgres(raw) {
        format!("${n}::timestamptz")
    } else {
        format!("${n}")
    }
}

fn stored_time(at: DateTime<Utc>) -> String {
    at.to_rfc3339()
}

/// Times `work` `runs` times, each after an untimed `setup` and `settle`.
async fn time_after<S, SF, W, WF>(
    raw: &Raw,
    runs: usize,
    mut setup: S,
    mut work: W,
) -> crate::Figures
where
    S: FnMut(usize) -> SF,
    SF: std::future::Future<Output = ()>,
    W: FnMut(usize) -> WF,
    WF: std::future::Future<Output = ()>,
{
    // One run more than measured, first and untimed: it reads the store's pages from
    // the disk where this machine's page cache dropped them (a first save measured
    // 3.5-9 s, the next ones 1 s), so app and raw SQL both start warm.
    let mut times = Vec::with_capacity(runs + 1);
    for run in 0..=runs {
        setup(run).await;
        settle(raw).await;
        let started = Instant::now();
        work(run).await;
        times.push(started.elapsed());
    }
    // Each run, so one slow run (p95 of five is their slowest) can be told from a
    // slow workload.
    let each: Vec<String> = times
        .iter()
        .map(|time| format!("{:.0}", time.as_secs_f64() * 1000.0))
        .collect();
    eprintln!(
        "  (warm-up run: {} ms; measured runs: {} ms)",
        each[0],
        each[1..].join(", ")
    );
    times.remove(0);
    figures(times)
}

/// On SQLite, before a heavy run (untimed): waits for the store's background task to
/// write out the per-customer entries the last change recorded as a set, then copies
/// the log back into the file, as the task would in the second after. Every run then
/// starts from the same quiet store instead of racing the work of the run before.
/// How long each took is printed: it is the work a save leaves to the background.
async fn settle(raw: &Raw) {
    if let Raw::Sqlite(pool) = raw {
        let written_out = sets_written_out(pool).await;
        let started = Instant::now();
        sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
            .execute(pool)
            .await
            .expect("copies the log back");
        let copied = started.elapsed();
        let flushed = flush_to_disk();
        eprintln!(
            "  (before the run: entries written out in the background in {} ms, \
             log copied back in {} ms, the system's writes flushed in {} ms)",
            written_out.as_millis(),
            copied.as_millis(),
            flushed.as_millis()
        );
    }
}

/// Waits for the operating system to write what it holds back for the disk (`sync`),
/// so that a run does not pay for the writes of the one before, or of the clean-up
/// of earlier runs (1.5 million entries taken out: one save measured 9 s after it,
/// the next ones 1 s); how long that took.
fn flush_to_disk() -> Duration {
    let started = Instant::now();
    #[cfg(unix)]
    {
        let _ = std::process::Command::new("sync").status();
    }
    started.elapsed()
}

/// Waits until no entry recorded as a set is left to write out; how long that took.
async fn sets_written_out(pool: &sqlx::SqlitePool) -> Duration {
    let started = Instant::now();
    loop {
        let pending: i64 = sqlx::query_scalar("SELECT count(*) FROM audit_sets")
            .fetch_one(pool)
            .await
            .expect("counts the sets");
        if pending == 0 {
            return started.elapsed();
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

async fn execute(raw: &Raw, sql: &str) {
    match raw {
        Raw::Sqlite(pool) => {
            sqlx::query(sql).execute(pool).await.expect("raw statement");
        }
        Raw::Postgres(pool) => {
            sqlx::query(sql).execute(pool).await.expect("raw statement");
        }
    }
}

/// A group named `name` with every member of the big group, made directly.
async fn copy_of_big_group(raw: &Raw, id: GroupId, name: &str) {
    execute(
        raw,
        &format!("DELETE FROM customer_group_members WHERE group_id = '{id}'"),
    )
    .await;
    execute(
        raw,
        &format!("DELETE FROM customer_groups WHERE id = '{id}'"),
    )
    .await;
    execute(
        raw,
        &format!(
            "INSERT INTO customer_groups (id, name, name_key, name_sort, description, search_text, \
             member_count, created_at, updated_at, version) SELECT '{id}', '{name}', '{}', '{}', '', \
             '', member_count, created_at, updated_at, 1 FROM customer_groups WHERE id = '{}'",
            group_name_key(name),
            collation_key(name),
            group_id(0)
        ),
    )
    .await;
    execute(
        raw,
        &format!(
            "INSERT INTO customer_group_members (group_id, customer_id, added_in) \
             SELECT '{id}', customer_id, 1 FROM customer_group_members WHERE group_id = '{}'",
            group_id(0)
        ),
    )
    .await;
}

/// Takes out of a kept SQLite store's log the entries earlier runs of this benchmark
/// wrote (about 900,000 a run: every save and De-select all writes one per customer),
/// so that every run measures the store as seeded rather than a log that grows by
/// runs. The log is append-only; this lifts its delete guard for the one statement,
/// in one transaction, and puts the guard back as it was.
async fn forget_earlier_runs(raw: &Raw) {
    let Raw::Sqlite(pool) = raw else {
        return;
    };
    // Entries a run that ended early left recorded as sets come out first.
    sets_written_out(pool).await;
    let mut transaction = pool.begin().await.expect("begins");
    let guard: String = sqlx::query_scalar(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'audit_log_no_delete'",
    )
    .fetch_one(&mut *transaction)
    .await
    .expect("the log's delete guard");
    sqlx::query("DROP TRIGGER audit_log_no_delete")
        .execute(&mut *transaction)
        .await
        .expect("lifts the guard");
    let forgotten = sqlx::query(
        "DELETE FROM audit_log WHERE action IN ('customer.added_to_group', \
         'customer.removed_from_group') OR entity_type = 'group'",
    )
    .execute(&mut *transaction)
    .await
    .expect("forgets")
    .rows_affected();
    sqlx::query(&guard)
        .execute(&mut *transaction)
        .await
        .expect("puts the guard back");
    // A store of a million customers has a history: give each seeded customer the
    // entry of its creation (once; kept), so that entries per customer go into a log
    // index of realistic size rather than an empty one.
    let created = sqlx::query(
        "INSERT INTO audit_log (id, at, actor_id, actor_email, action, entity_type, \
           entity_id, changes) \
         SELECT printf('%08x-%04x-7%03x-%04x-%012x', ms >> 16, ms & 65535, random() & 4095, \
           (random() & 16383) | 32768, random() & 281474976710655), \
           created_at, NULL, 'seed@example.com', 'customer.created', 'customer', id, '[]' \
         FROM (SELECT id, created_at, \
           CAST((julianday(created_at) - 2440587.5) * 86400000 AS INTEGER) AS ms \
           FROM customers) \
         WHERE NOT EXISTS (SELECT 1 FROM audit_log WHERE action = 'customer.created')",
    )
    .execute(&mut *transaction)
    .await
    .expect("writes the history of creation")
    .rows_affected();
    transaction.commit().await.expect("commits");
    eprintln!(
        "  (took {forgotten} entries of earlier runs out of the log; added {created} \
         creation entries)"
    );
}

pub async fn workloads(store: &dyn Store, raw: &Raw) -> Vec<(String, Row2)> {
    ensure_groups(raw).await;
    forget_earlier_runs(raw).await;
    settle(raw).await;
    let mut rows = Vec::new();
    let by = desk_tests::fixtures::tester();
    let big = group_id(0);
    let small = group_id(7);
    let members_of = |group: GroupId| GroupMembersRequest {
        id: group,
        after: None,
        limit: PAGE,
    };
    let page_sql = format!(
        "SELECT c.* FROM customers c WHERE EXISTS (SELECT 1 FROM customer_group_members m \
         WHERE m.group_id = {} AND m.customer_id = c.id) \
         ORDER BY c.last_name_key, c.first_name_key, c.id LIMIT {}",
        id_param(raw, 1),
        PAGE + 1
    );
    let small_sql = format!(
        "SELECT c.* FROM customer_group_members m JOIN customers c ON c.id = m.customer_id \
         WHERE m.group_id = {} ORDER BY c.last_name_key, c.first_name_key, c.id LIMIT {}",
        id_param(raw, 1),
        PAGE + 1
    );
    for (name, group, sql) in [
        ("group page: the 200,000 group, first page", big, &page_sql),
        (
            "group page: a 50-customer group, first page",
            small,
            &small_sql,
        ),
    ] {
        let app = time(RUNS, || async {
            group_members(store, Scope::Everything, &members_of(group))
                .await
                .expect("a page of members");
        })
        .await;
        let raw_figures = time(RUNS, || async {
            raw_rows(raw, sql, &[group.to_string()]).await;
        })
        .await;
        rows.push((
            name.to_owned(),
            Row2 {
                app: Some(app),
                raw: raw_figures,
            },
        ));
    }

    let by_group = CustomerListRequest {
        query: CustomerQuery {
            filter: CustomerFilter {
                group: Some(big),
                ..CustomerFilter::default()
            },
            ..CustomerQuery::default()
        },
        after: None,
        limit: PAGE,
    };
    let app = time(RUNS, || async {
        list_customers(store, &by_group).await.expect("a page");
    })
    .await;
    let raw_figures = time(RUNS, || async {
        raw_rows(raw, &page_sql, &[big.to_string()]).await;
    })
    .await;
    rows.push((
        "customer list by the 200,000 group, by name".to_owned(),
        Row2 {
            app: Some(app),
            raw: raw_figures,
        },
    ));

    if std::env::args().any(|arg| arg == "--pages-only") {
        // On Postgres each heavy run's set-up (taking 100,000 assignments out again)
        // writes the database's own entry per row and takes minutes.
        eprintln!("  (saves and De-select all skipped: --pages-only)");
        return rows;
    }

    // Saving a new group with a tenth of the customers, picked by "select all results".
    let query = tenth();
    let picked = count_customers(store, &query).await.expect("counts");
    eprintln!("  \"select all results\" picks {picked} customers");
    let save_name = format!("save group with {picked} customers (select all)");
    let target = |run: usize| GroupId(uuid::Uuid::from_u128(0xc0_0000 + run as u128));
    let app = time_after(
        raw,
        HEAVY_RUNS,
        |_| async {
            execute(
                raw,
                "DELETE FROM customer_group_members WHERE group_id IN \
                 (SELECT id FROM customer_groups WHERE name LIKE 'Bench save %')",
            )
            .await;
            execute(
                raw,
                "DELETE FROM customer_groups WHERE name LIKE 'Bench save %'",
            )
            .await;
        },
        |run| {
            let query = query.clone();
            let by = by.clone();
            async move {
                create_group(
                    store,
                    &by,
                    &NewGroupRequest {
                        input: GroupInput {
                            name: format!("Bench save {run}"),
                            description: String::new(),
                        },
                        customers: CustomerPicks {
                            ticked: Vec::new(),
                            all_of: vec![CustomerSelection::AllMatching {
                                query: Box::new(query),
                                except: Vec::new(),
                                after: None,
                            }],
                        },
                    },
                    Utc::now(),
                )
                .await
                .expect("saves the group");
            }
        },
    )
    .await;
    let (from, before) = (
        query.filter.created_from.expect("from"),
        query.filter.created_before.expect("before"),
    );
    let raw_figures = time_after(
        raw,
        HEAVY_RUNS,
        |run| async move {
            let id = target(run);
            execute(
                raw,
                &format!("DELETE FROM customer_group_members WHERE group_id = '{id}'"),
            )
            .await;
            execute(
                raw,
                &format!("DELETE FROM customer_groups WHERE id = '{id}'"),
            )
            .await;
            execute(
                raw,
                &format!(
                    "INSERT INTO customer_groups (id, name, name_key, name_sort, description, \
                     search_text, member_count, created_at, updated_at, version) VALUES \
                     ('{id}', 'Raw save {run}', 'raw save {run}', '00', '', '', 0, \
                     '{}', '{}', 1)",
                    stored_time(Utc::now()),
                    stored_time(Utc::now())
                ),
            )
            .await;
        },
        |run| async move {
            let sql = format!(
                "WITH picked AS MATERIALIZED (SELECT id FROM customers WHERE created_at >= {} \
                 AND created_at < {} AND erased_at IS NULL) \
                 INSERT INTO customer_group_members (group_id, customer_id, added_in) \
                 SELECT {}, id, 1 FROM picked ORDER BY id",
                time_param(raw, 1),
                time_param(raw, 2),
                id_param(raw, 3)
            );
            raw_execute(
                raw,
                &sql,
                &[
                    stored_time(from),
                    stored_time(before),
                    target(run).to_string(),
                ],
            )
            .await;
        },
    )
    .await;
    rows.push((
        save_name,
        Row2 {
            app: Some(app),
            raw: raw_figures,
        },
    ));

    // De-select all on a copy of the 200,000 group, made afresh before each run.
    let copy = GroupId(uuid::Uuid::from_u128(0xd0_0000));
    let app = time_after(
        raw,
        HEAVY_RUNS,
        |_| copy_of_big_group(raw, copy, "Bench deselect"),
        |_| {
            let by = by.clone();
            async move {
                let input = GroupInput {
                    name: "Bench deselect".into(),
                    description: String::new(),
                };
                update_group(
                    store,
                    &by,
                    &GroupUpdate {
                        id: copy,
                        version: 1,
                        opened: input.clone(),
                        input,
                        remove_all: true,
                        ..GroupUpdate::default()
                    },
                    Utc::now(),
                )
                .await
                .expect("de-selects all");
            }
        },
    )
    .await;
    let raw_figures = time_after(
        raw,
        HEAVY_RUNS,
        |_| copy_of_big_group(raw, copy, "Bench deselect"),
        |_| async move {
            let sql = format!(
                "DELETE FROM customer_group_members WHERE group_id = {} AND added_in <= 1",
                id_param(raw, 1)
            );
            raw_execute(raw, &sql, &[copy.to_string()]).await;
        },
    )
    .await;
    rows.push((
        "de-select all on a 200,000 group".to_owned(),
        Row2 {
            app: Some(app),
            raw: raw_figures,
        },
    ));
    rows
}

async fn raw_execute(raw: &Raw, sql: &str, params: &[String]) {
    match raw {
        Raw::Sqlite(pool) => {
            let mut query = sqlx::query(sql);
            for param in params {
                query = query.bind(param.clone());
            }
            query.execute(pool).await.expect("raw statement");
        }
        Raw::Postgres(pool) => {
            let mut query = sqlx::query(sql);
            for param in params {
                query = query.bind(param.clone());
            }
            query.execute(pool).await.expect("raw statement");
        }
    }
}
