use async_trait::async_trait;
use chrono::{DateTime, Utc};
use desk_domain::custom_attribute::{AttributeDefinition, AttributeKind};

use super::{apply_effects, corrupt};
use crate::backend::{SqlStore, Statement};
use crate::error::classify;
use crate::{AttributeStore, Backend, Effects, StoreError};

/// Labels per locale as a JSON array of pairs (strings always serialize).
fn labels_json(labels: &[(String, String)]) -> String {
    serde_json::to_string(labels).unwrap_or_else(|_| "[]".to_owned())
}

/// Choices as a JSON array (strings always serialize).
fn choices_json(choices: &[String]) -> String {
    serde_json::to_string(choices).unwrap_or_else(|_| "[]".to_owned())
}

fn definition_from_row<DB: Backend>(row: &DB::Row) -> Result<AttributeDefinition, StoreError> {
    let kind = DB::text(row, "kind")?;
    Ok(AttributeDefinition {
        code: DB::text(row, "code")?,
        label: DB::text(row, "label")?,
        other_labels: serde_json::from_str(&DB::text(row, "other_labels")?)
            .map_err(|error| corrupt("customer_attributes.other_labels", error))?,
        kind: AttributeKind::from_code(&kind)
            .ok_or_else(|| corrupt("customer_attributes.kind", &kind))?,
        required: DB::boolean(row, "required")?,
        choices: serde_json::from_str(&DB::text(row, "choices")?)
            .map_err(|error| corrupt("customer_attributes.choices", error))?,
    })
}

#[async_trait]
impl<DB: Backend> AttributeStore for SqlStore<DB> {
    async fn customer_attributes(&self) -> Result<Vec<AttributeDefinition>, StoreError> {
        let mut connection = self.pool.acquire().await?;
        Statement::<DB>::new(
            "SELECT code, label, CAST(other_labels AS TEXT) AS other_labels, kind, required, \
               CAST(choices AS TEXT) AS choices \
             FROM customer_attributes ORDER BY position, code",
        )
        .fetch_all(&mut connection)
        .await?
        .iter()
        .map(definition_from_row::<DB>)
        .collect()
    }

    async fn insert_customer_attribute(
        &self,
        definition: &AttributeDefinition,
        at: DateTime<Utc>,
        effects: &Effects,
    ) -> Result<(), StoreError> {
        let sql = format!(
            "INSERT INTO customer_attributes \
               (code, label, other_labels, kind, required, choices, position, created_at) \
             VALUES ($1, $2, {}, $4, $5, {}, \
               (SELECT coalesce(max(position), 0) + 1 FROM customer_attributes), $7)",
            DB::json_parameter(3),
            DB::json_parameter(6),
        );
        let mut tx = DB::begin_write(&self.pool).await?;
        Statement::<DB>::new(&sql)
            .text(&definition.code)
            .text(&definition.label)
            .text(labels_json(&definition.other_labels))
            .text(definition.kind.code())
            .boolean(definition.required)
            .text(choices_json(&definition.choices))
            .time(at)
            .execute(&mut tx)
            .await
            .map_err(classify)?;
        apply_effects::<DB>(&mut tx, effects).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn update_customer_attribute(
        &self,
        definition: &AttributeDefinition,
        effects: &Effects,
    ) -> Result<(), StoreError> {
        let sql = format!(
            "UPDATE customer_attributes SET label = $1, other_labels = {}, kind = $3, \
               required = $4, choices = {} WHERE code = $6",
            DB::json_parameter(2),
            DB::json_parameter(5),
        );
        let mut tx = DB::begin_write(&self.pool).await?;
        let changed = Statement::<DB>::new(&sql)
            .text(&definition.label)
            .text(labels_json(&definition.other_labels))
            .text(definition.kind.code())
            .boolean(definition.required)
            .text(choices_json(&definition.choices))
            .text(&definition.code)
            .execute(&mut tx)
            .await?;
        if changed == 0 {
            return Err(StoreError::NotFound);
        }
        apply_effects::<DB>(&mut tx, effects).await?;
        tx.commit().await?;
        Ok(())
    }
}
