use async_trait::async_trait;
use chrono::{DateTime, Utc};
use desk_domain::audit::{AuditAction, AuditEntry, AuditFilter, EntityType, FieldChange};
use desk_domain::staff::StaffId;
use uuid::Uuid;

use super::{apply_effects, corrupt};
use crate::backend::{SqlStore, Statement};
use crate::{AuditStore, Backend, Effects, StoreError};

const COLUMNS: &str = "id, at, actor_id, actor_email, action, entity_type, entity_id, \
                       CAST(changes AS TEXT) AS changes";

/// Appends `entry` on `connection`, inside whatever transaction the caller holds.
pub(super) async fn insert_entry<DB: Backend>(
    connection: &mut DB::Connection,
    entry: &AuditEntry,
) -> Result<(), StoreError> {
    let changes =
        serde_json::to_string(&entry.changes).map_err(|error| corrupt("audit changes", error))?;
    let sql = format!(
        "INSERT INTO audit_log \
           (id, at, actor_id, actor_email, action, entity_type, entity_id, changes) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, {})",
        DB::json_parameter(8)
    );
    Statement::<DB>::new(&sql)
        .id(entry.id)
        .time(entry.at)
        .optional_id(entry.actor_id.map(|id| id.0))
        .text(&entry.actor_email)
        .text(entry.action.code())
        .text(entry.entity_type.code())
        .text(&entry.entity_id)
        .text(changes)
        .execute(connection)
        .await?;
    Ok(())
}

/// Entries per multi-row INSERT (8 parameters each).
const ENTRIES_PER_STATEMENT: usize = 100;

/// Inserts `entries` in as few statements as their number allows: a bulk action on
/// 10,000 customers writes 10,000 entries.
pub(super) async fn insert_entries<DB: Backend>(
    connection: &mut DB::Connection,
    entries: &[AuditEntry],
) -> Result<(), StoreError> {
    if let [entry] = entries {
        return insert_entry::<DB>(connection, entry).await;
    }
    for chunk in entries.chunks(ENTRIES_PER_STATEMENT) {
        let rows: Vec<String> = (0..chunk.len())
            .map(|index| {
                let n = index * 8;
                format!(
                    "(${}, ${}, ${}, ${}, ${}, ${}, ${}, {})",
                    n + 1,
                    n + 2,
                    n + 3,
                    n + 4,
                    n + 5,
                    n + 6,
                    n + 7,
                    DB::json_parameter(n + 8)
                )
            })
            .collect();
        let sql = format!(
            "INSERT INTO audit_log \
               (id, at, actor_id, actor_email, action, entity_type, entity_id, changes) \
             VALUES {}",
            rows.join(", ")
        );
        let mut statement = Statement::<DB>::new(&sql);
        for entry in chunk {
            let changes = serde_json::to_string(&entry.changes)
                .map_err(|error| corrupt("audit changes", error))?;
            statement = statement
                .id(entry.id)
                .time(entry.at)
                .optional_id(entry.actor_id.map(|id| id.0))
                .text(&entry.actor_email)
                .text(entry.action.code())
                .text(entry.entity_type.code())
                .text(&entry.entity_id)
                .text(changes);
        }
        statement.execute(connection).await?;
    }
    Ok(())
}

fn entry_from_row<DB: Backend>(row: &DB::Row) -> Result<AuditEntry, StoreError> {
    let action = DB::text(row, "action")?;
    let entity_type = DB::text(row, "entity_type")?;
    let changes: Vec<FieldChange> = serde_json::from_str(&DB::text(row, "changes")?)
        .map_err(|error| corrupt("audit_log.changes", error))?;
    Ok(AuditEntry {
        id: DB::id(row, "id")?,
        at: DB::time(row, "at")?,
        actor_id: DB::optional_id(row, "actor_id")?.map(StaffId),
        actor_email: DB::text(row, "actor_email")?,
        action: AuditAction::from_code(&action)
            .ok_or_else(|| corrupt("audit_log.action", &action))?,
        entity_type: EntityType::from_code(&entity_type)
            .ok_or_else(|| corrupt("audit_log.entity_type", &entity_type))?,
        entity_id: DB::text(row, "entity_id")?,
        changes,
    })
}

/// A value a filter binds, in placeholder order.
enum Bound {
    Text(String),
    Id(Uuid),
    Time(DateTime<Utc>),
}

#[async_trait]
impl<DB: Backend> AuditStore for SqlStore<DB> {
    async fn record(&self, effects: &Effects) -> Result<(), StoreError> {
        let mut tx = DB::begin_write(&self.pool).await?;
        apply_effects::<DB>(&mut tx, effects).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn customer_history(
        &self,
        customer: &str,
        before: Option<Uuid>,
        limit: u32,
    ) -> Result<Vec<AuditEntry>, StoreError> {
        // Entries still recorded as a set are written out first, so a history is
        // never missing one.
        super::audit_sets::write_out_all(&self.pool).await?;
        let sql = format!(
            "SELECT {COLUMNS} FROM ({}) h ORDER BY id DESC",
            DB::CUSTOMER_HISTORY
        );
        let mut connection = self.pool.acquire().await?;
        Statement::<DB>::new(&sql)
            .text(customer)
            .optional_id(before)
            .integer(i64::from(limit))
            .fetch_all(&mut connection)
            .await?
            .iter()
            .map(entry_from_row::<DB>)
            .collect()
    }

    async fn list_audit(
        &self,
        filter: &AuditFilter,
        limit: u32,
    ) -> Result<Vec<AuditEntry>, StoreError> {
        super::audit_sets::write_out_all(&self.pool).await?;
        let mut conditions: Vec<String> = Vec::new();
        let mut values: Vec<Bound> = Vec::new();
        let placeholder = |values: &mut Vec<Bound>, value: Bound| {
            values.push(value);
            format!("${}", values.len())
        };
        if let Some(actor) = filter.actor_id {
            let p = placeholder(&mut values, Bound::Id(actor.0));
            conditions.push(format!("actor_id = {p}"));
        }
        if let Some(entity_type) = filter.entity_type {
            let p = placeholder(&mut values, Bound::Text(entity_type.code().to_owned()));
            conditions.push(format!("entity_type = {p}"));
        }
        if let Some(entity_id) = &filter.entity_id {
            let p = placeholder(&mut values, Bound::Text(entity_id.clone()));
            conditions.push(format!("entity_id = {p}"));
        }
        if let Some(from) = filter.from {
            let p = placeholder(&mut values, Bound::Time(from));
            conditions.push(format!("{} >= {}", DB::instant("at"), DB::instant(&p)));
        }
        if let Some(to) = filter.to {
            let p = placeholder(&mut values, Bound::Time(to));
            conditions.push(format!("{} < {}", DB::instant("at"), DB::instant(&p)));
        }
        if let Some(before) = filter.before {
            let p = placeholder(&mut values, Bound::Id(before));
            conditions.push(format!("id < {p}"));
        }
        let limit_placeholder = values.len() + 1;
        let sql = format!(
            "SELECT {COLUMNS} FROM audit_log WHERE {} ORDER BY id DESC LIMIT ${limit_placeholder}",
            if conditions.is_empty() {
                "1 = 1".to_owned()
            } else {
                conditions.join(" AND ")
            }
        );
        let mut statement = Statement::<DB>::new(&sql);
        for value in values {
            statement = match value {
                Bound::Text(text) => statement.text(text),
                Bound::Id(id) => statement.id(id),
                Bound::Time(time) => statement.time(time),
            };
        }
        let mut connection = self.pool.acquire().await?;
        let rows = statement
            .integer(i64::from(limit))
            .fetch_all(&mut connection)
            .await?;
        rows.iter().map(entry_from_row::<DB>).collect()
    }
}
