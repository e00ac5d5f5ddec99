use async_trait::async_trait;
use chrono::{DateTime, Utc};
use desk_domain::audit::{AuditEntry, AuditFilter, FieldChange};
use desk_domain::staff::StaffId;
use sqlx::{PgConnection, Postgres, QueryBuilder};
use uuid::Uuid;

use super::PostgresStore;
use crate::{AuditStore, StoreError};

#[derive(sqlx::FromRow)]
struct AuditRow {
    id: Uuid,
    at: DateTime<Utc>,
    actor_id: Option<Uuid>,
    actor_email: String,
    action: String,
    entity_type: String,
    entity_id: String,
    changes: String,
}

impl TryFrom<AuditRow> for AuditEntry {
    type Error = StoreError;

    fn try_from(row: AuditRow) -> Result<Self, StoreError> {
        let changes: Vec<FieldChange> = serde_json::from_str(&row.changes)
            .map_err(|error| StoreError::Corrupt(format!("audit_log.changes: {error}")))?;
        Ok(AuditEntry {
            id: row.id,
            at: row.at,
            actor_id: row.actor_id.map(StaffId),
            actor_email: row.actor_email,
            action: row.action,
            entity_type: row.entity_type,
            entity_id: row.entity_id,
            changes,
        })
    }
}

/// Appends `entry` on `connection`, inside whatever transaction the caller holds.
pub(super) async fn insert_audit(
    connection: &mut PgConnection,
    entry: &AuditEntry,
) -> Result<(), StoreError> {
    let changes = serde_json::to_string(&entry.changes)
        .map_err(|error| StoreError::Corrupt(format!("audit changes: {error}")))?;
    sqlx::query(
        "INSERT INTO audit_log (id, at, actor_id, actor_email, action, entity_type, entity_id, changes) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb)",
    )
    .bind(entry.id)
    .bind(entry.at)
    .bind(entry.actor_id.map(|id| id.0))
    .bind(&entry.actor_email)
    .bind(&entry.action)
    .bind(&entry.entity_type)
    .bind(&entry.entity_id)
    .bind(changes)
    .execute(connection)
    .await?;
    Ok(())
}

#[async_trait]
impl AuditStore for PostgresStore {
    async fn append_audit(&self, entry: &AuditEntry) -> Result<(), StoreError> {
        let mut connection = self.pool.acquire().await?;
        insert_audit(&mut connection, entry).await
    }

    async fn list_audit(
        &self,
        filter: &AuditFilter,
        limit: u32,
    ) -> Result<Vec<AuditEntry>, StoreError> {
        let mut query: QueryBuilder<Postgres> = QueryBuilder::new(
            "SELECT id, at, actor_id, actor_email, action, entity_type, entity_id, \
               changes::text AS changes FROM audit_log WHERE true",
        );
        if let Some(actor) = filter.actor_id {
            query.push(" AND actor_id = ").push_bind(actor.0);
        }
        if let Some(entity_type) = &filter.entity_type {
            query
                .push(" AND entity_type = ")
                .push_bind(entity_type.clone());
        }
        if let Some(entity_id) = &filter.entity_id {
            query.push(" AND entity_id = ").push_bind(entity_id.clone());
        }
        if let Some(from) = filter.from {
            query.push(" AND at >= ").push_bind(from);
        }
        if let Some(to) = filter.to {
            query.push(" AND at < ").push_bind(to);
        }
        if let Some(before) = filter.before {
            query.push(" AND id < ").push_bind(before);
        }
        query
            .push(" ORDER BY id DESC LIMIT ")
            .push_bind(i64::from(limit));
        let rows: Vec<AuditRow> = query.build_query_as().fetch_all(&self.pool).await?;
        rows.into_iter().map(AuditEntry::try_from).collect()
    }
}
