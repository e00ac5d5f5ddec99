//! Entries about whole sets of customers, written after the change that caused them,
//! on backends that allow it (SQLite; `Backend::DEFERS_SET_ENTRIES`).
//!
//! A save that assigns 100,000 customers owes an entry to each. In the log's
//! by-record index those land on a page each, which took 1.5 to 3 s of the save at a
//! million customers. Instead the change records, in its own transaction, one row in
//! `audit_sets` (who, when, what) and the customers it is about in
//! `audit_set_members`, in customer order: an append. The per-customer entries are
//! then written from it a chunk per transaction, by the store's background task
//! within a second or so, and always before the log or a history is read, with the
//! time, author and id order the change would have given them. Nothing is lost if
//! the app stops in between: the set is in the file, and the next start writes it
//! out.

use desk_domain::audit::AuditEntry;
use sqlx::Pool;
use uuid::Uuid;

use super::corrupt;
use crate::backend::Statement;
use crate::{Backend, StoreError};

/// Entries written per transaction: short enough that a person's save waiting for
/// the write lock barely notices (about 0.1 s each at a million customers).
const CHUNK: i64 = 10_000;

/// Records `template` (an entry whose `entity_id` is left out) as a set, inside the
/// caller's transaction; its members are added with [`members_sql`]. Returns the
/// set's id.
pub(super) async fn open_set<DB: Backend>(
    connection: &mut DB::Connection,
    template: &AuditEntry,
) -> Result<Uuid, StoreError> {
    let changes = serde_json::to_string(&template.changes)
        .map_err(|error| corrupt("audit changes", error))?;
    Statement::<DB>::new(
        "INSERT INTO audit_sets (id, at, at_ms, actor_id, actor_email, action, entity_type, \
           changes) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .id(template.id)
    .time(template.at)
    .integer(template.at.timestamp_millis())
    .optional_id(template.actor_id.map(|actor| actor.0))
    .text(&template.actor_email)
    .text(template.action.code())
    .text(template.entity_type.code())
    .text(changes)
    .execute(connection)
    .await?;
    Ok(template.id)
}

/// The statement that adds the records `select` names (one column, `entity_id`;
/// parameters from `$2`) to set `$1`, in record order.
pub(super) fn members_sql(select: &str) -> String {
    format!(
        "INSERT INTO audit_set_members (set_id, entity_id) \
         SELECT $1, picked.entity_id FROM ({select}) AS picked ORDER BY picked.entity_id"
    )
}

/// Writes out every pending set, a chunk per transaction; a no-op where the backend
/// writes entries with the change.
pub(crate) async fn write_out_all<DB: Backend>(pool: &Pool<DB>) -> Result<(), StoreError> {
    if !DB::DEFERS_SET_ENTRIES {
        return Ok(());
    }
    while write_out_chunk(pool).await? {}
    Ok(())
}

/// Writes out every pending set inside the caller's transaction (erasure: the
/// entries about a customer must be in the log before their personal data is taken
/// out of it); a no-op where the backend writes entries with the change.
pub(crate) async fn write_out_all_in<DB: Backend>(
    connection: &mut DB::Connection,
) -> Result<(), StoreError> {
    if !DB::DEFERS_SET_ENTRIES {
        return Ok(());
    }
    while write_out_in::<DB>(connection, CHUNK).await? {}
    Ok(())
}

/// Writes up to [`CHUNK`] entries of the oldest pending set in one transaction;
/// whether there was anything to write.
pub(crate) async fn write_out_chunk<DB: Backend>(pool: &Pool<DB>) -> Result<bool, StoreError> {
    write_out_chunk_of(pool, CHUNK).await
}

/// [`write_out_chunk`] with chunks of `chunk` entries.
async fn write_out_chunk_of<DB: Backend>(pool: &Pool<DB>, chunk: i64) -> Result<bool, StoreError> {
    // A quick look first, so reads pay for a write transaction only when needed.
    let mut connection = pool.acquire().await?;
    let pending = Statement::<DB>::new("SELECT 1 AS pending FROM audit_sets LIMIT 1")
        .fetch_optional(&mut connection)
        .await?
        .is_some();
    drop(connection);
    if !pending {
        return Ok(false);
    }
    let mut tx = DB::begin_write(pool).await?;
    let wrote = write_out_in::<DB>(&mut tx, chunk).await?;
    tx.commit().await?;
    Ok(wrote)
}

/// Writes up to `chunk` entries of the oldest pending set on `connection`, inside
/// the caller's transaction; whether there was a set.
async fn write_out_in<DB: Backend>(
    connection: &mut DB::Connection,
    chunk: i64,
) -> Result<bool, StoreError> {
    let Some(set) =
        Statement::<DB>::new("SELECT id, at_ms, written FROM audit_sets ORDER BY id LIMIT 1")
            .fetch_optional(connection)
            .await?
    else {
        return Ok(false);
    };
    let id = DB::id(&set, "id")?;
    let at_ms = DB::integer(&set, "at_ms")?;
    let written = DB::integer(&set, "written")?;
    // The last member of this chunk, when more follow it.
    let boundary_sql = format!(
        "SELECT entity_id FROM audit_set_members WHERE set_id = $1 \
         ORDER BY entity_id LIMIT 1 OFFSET {}",
        chunk - 1
    );
    let boundary = Statement::<DB>::new(&boundary_sql)
        .id(id)
        .fetch_optional(connection)
        .await?
        .map(|row| DB::text(&row, "entity_id"))
        .transpose()?;
    let up_to = if boundary.is_some() {
        " AND entity_id <= $4"
    } else {
        ""
    };
    let insert = format!(
        "INSERT INTO audit_log (id, at, actor_id, actor_email, action, entity_type, entity_id, \
           changes) \
         SELECT {}, s.at, s.actor_id, s.actor_email, s.action, s.entity_type, m.entity_id, \
           s.changes \
         FROM (SELECT entity_id, $2 + row_number() OVER (ORDER BY entity_id) AS n \
               FROM audit_set_members WHERE set_id = $1{up_to}) AS m \
         JOIN audit_sets s ON s.id = $1 ORDER BY m.entity_id",
        DB::new_entry_id(3, "m.n")
    );
    let mut statement = Statement::<DB>::new(&insert)
        .id(id)
        .integer(written)
        .integer(at_ms);
    if let Some(last) = &boundary {
        statement = statement.text(last.clone());
    }
    let count = statement.execute(connection).await?;
    let delete = format!(
        "DELETE FROM audit_set_members WHERE set_id = $1{}",
        if boundary.is_some() {
            " AND entity_id <= $2"
        } else {
            ""
        }
    );
    let mut statement = Statement::<DB>::new(&delete).id(id);
    if let Some(last) = boundary.clone() {
        statement = statement.text(last);
    }
    statement.execute(connection).await?;
    if boundary.is_some() {
        Statement::<DB>::new("UPDATE audit_sets SET written = written + $1 WHERE id = $2")
            .integer(i64::try_from(count).unwrap_or(i64::MAX))
            .id(id)
            .execute(connection)
            .await?;
    } else {
        Statement::<DB>::new("DELETE FROM audit_sets WHERE id = $1")
            .id(id)
            .execute(connection)
            .await?;
    }
    Ok(true)
}

#[cfg(test)]
mod tests {
    use chrono::{SubsecRound, Utc};
    use desk_domain::audit::{AuditAction, EntityType, FieldChange};
    use desk_domain::staff::StaffId;

    use super::*;
    use crate::sqlite::SqliteStore;

    /// A set of `members` entries recorded as a change would record it.
    async fn record(store: &SqliteStore, members: &[&str]) -> AuditEntry {
        let template = AuditEntry {
            id: Uuid::from_u128(0x0190_0000_0000_7000_8000_0000_0000_0001),
            at: Utc::now().trunc_subsecs(6),
            actor_id: Some(StaffId(Uuid::from_u128(7))),
            actor_email: "ann@example.com".into(),
            action: AuditAction::AddedToGroup,
            entity_type: EntityType::Customer,
            entity_id: String::new(),
            changes: vec![FieldChange::added("group", "Wholesale")],
        };
        let mut tx = store.pool.begin().await.expect("begins");
        let set = open_set::<sqlx::Sqlite>(&mut tx, &template)
            .await
            .expect("opens");
        let select = members
            .iter()
            .map(|member| format!("SELECT '{member}' AS entity_id"))
            .collect::<Vec<_>>()
            .join(" UNION ALL ");
        Statement::<sqlx::Sqlite>::new(&members_sql(&select))
            .id(set)
            .execute(&mut tx)
            .await
            .expect("adds the members");
        tx.commit().await.expect("commits");
        template
    }

    async fn entries(store: &SqliteStore) -> Vec<(String, String, String, String)> {
        sqlx::query_as(
            "SELECT id, entity_id, at, actor_email FROM audit_log \
             WHERE action = 'customer.added_to_group' ORDER BY id",
        )
        .fetch_all(&store.pool)
        .await
        .expect("reads the log")
    }

    async fn pending(store: &SqliteStore) -> i64 {
        sqlx::query_scalar(
            "SELECT (SELECT count(*) FROM audit_sets) + \
                            (SELECT count(*) FROM audit_set_members)",
        )
        .fetch_one(&store.pool)
        .await
        .expect("counts")
    }

    #[tokio::test]
    async fn a_set_is_written_out_in_chunks_as_the_change_would_have_written_it() {
        let folder = tempfile::tempdir().expect("a folder");
        let store = SqliteStore::open_file(&folder.path().join("desk.sqlite3"))
            .await
            .expect("opens");
        let members = ["c-5", "c-1", "c-4", "c-2", "c-3"];
        let template = record(&store, &members).await;
        // Chunks of two: three transactions, the last one ending the set.
        let mut rounds = 0;
        while write_out_chunk_of(&store.pool, 2).await.expect("writes") {
            rounds += 1;
            assert!(rounds <= 4, "ends");
        }
        assert_eq!(rounds, 3);
        assert_eq!(pending(&store).await, 0, "nothing is left pending");
        let written = entries(&store).await;
        let named: Vec<&str> = written.iter().map(|(_, id, _, _)| id.as_str()).collect();
        assert_eq!(
            named,
            ["c-1", "c-2", "c-3", "c-4", "c-5"],
            "one entry per member; their ids ascend in member order across chunks"
        );
        for (id, _, at, actor) in &written {
            let id = Uuid::parse_str(id).expect("a uuid");
            assert_eq!(id.get_version_num(), 7);
            let millis = u64::from_str_radix(&id.simple().to_string()[..12], 16).expect("hex");
            assert_eq!(
                millis,
                u64::try_from(template.at.timestamp_millis()).expect("positive"),
                "the id carries the change's time"
            );
            assert_eq!(
                chrono::DateTime::parse_from_rfc3339(at).expect("a time"),
                template.at
            );
            assert_eq!(actor, "ann@example.com");
        }
        store.close().await;
    }

    #[tokio::test]
    async fn the_background_writes_out_a_set_without_anyone_reading() {
        let folder = tempfile::tempdir().expect("a folder");
        let store = SqliteStore::open_file(&folder.path().join("desk.sqlite3"))
            .await
            .expect("opens");
        record(&store, &["c-1", "c-2", "c-3"]).await;
        // The task runs every second; give it ten before calling it stuck.
        for _ in 0..100 {
            if pending(&store).await == 0 {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        assert_eq!(pending(&store).await, 0, "the set was written out");
        assert_eq!(entries(&store).await.len(), 3);
        store.close().await;
    }
}
