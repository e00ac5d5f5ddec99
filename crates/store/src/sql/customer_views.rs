use async_trait::async_trait;
use chrono::{DateTime, Utc};
use desk_domain::customer_view::{CustomerView, ViewId};
use desk_domain::staff::StaffId;

use super::corrupt;
use crate::backend::{SqlStore, Statement};
use crate::error::classify;
use crate::{Backend, StoreError, ViewStore};

const COLUMNS: &str = "id, name, CAST(columns AS TEXT) AS columns, CAST(query AS TEXT) AS query, \
    is_default";

fn view_from_row<DB: Backend>(row: &DB::Row) -> Result<CustomerView, StoreError> {
    Ok(CustomerView {
        id: ViewId(DB::id(row, "id")?),
        name: DB::text(row, "name")?,
        columns: serde_json::from_str(&DB::text(row, "columns")?)
            .map_err(|error| corrupt("customer_views.columns", error))?,
        query: serde_json::from_str(&DB::text(row, "query")?)
            .map_err(|error| corrupt("customer_views.query", error))?,
        is_default: DB::boolean(row, "is_default")?,
    })
}

/// Saving over someone else's view: SQLite's `ON CONFLICT … WHERE` skips it (no
/// row back); Postgres' row security refuses it (42501). Either way it is not theirs.
fn not_theirs(error: sqlx::Error) -> StoreError {
    if let sqlx::Error::Database(database_error) = &error
        && database_error.code().as_deref() == Some("42501")
    {
        return StoreError::NotFound;
    }
    classify(error)
}

#[async_trait]
impl<DB: Backend> ViewStore for SqlStore<DB> {
    async fn views_of(&self, staff: StaffId) -> Result<Vec<CustomerView>, StoreError> {
        let sql = format!(
            "SELECT {COLUMNS} FROM customer_views WHERE staff_id = $1 ORDER BY name_key, id"
        );
        let mut connection = self.pool.acquire().await?;
        Statement::<DB>::new(&sql)
            .id(staff.0)
            .fetch_all(&mut connection)
            .await?
            .iter()
            .map(view_from_row::<DB>)
            .collect()
    }

    async fn save_view(
        &self,
        staff: StaffId,
        view: &CustomerView,
        at: DateTime<Utc>,
    ) -> Result<CustomerView, StoreError> {
        // Values of our own types always serialize.
        let columns = serde_json::to_string(&view.columns).unwrap_or_else(|_| "[]".into());
        let query = serde_json::to_string(&view.query).unwrap_or_else(|_| "{}".into());
        let mut tx = DB::begin_write(&self.pool).await?;
        if view.is_default {
            Statement::<DB>::new(
                "UPDATE customer_views SET is_default = false WHERE staff_id = $1 AND id <> $2",
            )
            .id(staff.0)
            .id(view.id.0)
            .execute(&mut tx)
            .await?;
        }
        let sql = format!(
            "INSERT INTO customer_views (id, staff_id, name, name_key, columns, query, is_default, \
               updated_at) VALUES ($1, $2, $3, $4, {}, {}, $7, $8) \
             ON CONFLICT (id) DO UPDATE SET name = excluded.name, name_key = excluded.name_key, \
               columns = excluded.columns, query = excluded.query, \
               is_default = excluded.is_default, updated_at = excluded.updated_at \
             WHERE customer_views.staff_id = excluded.staff_id \
             RETURNING {COLUMNS}",
            DB::json_parameter(5),
            DB::json_parameter(6),
        );
        let row = Statement::<DB>::new(&sql)
            .id(view.id.0)
            .id(staff.0)
            .text(&view.name)
            .text(view.name.to_lowercase())
            .text(columns)
            .text(query)
            .boolean(view.is_default)
            .time(at)
            .fetch_optional(&mut tx)
            .await
            .map_err(not_theirs)?
            // Someone else's view with that id: not theirs to change.
            .ok_or(StoreError::NotFound)?;
        let saved = view_from_row::<DB>(&row)?;
        tx.commit().await?;
        Ok(saved)
    }

    async fn delete_view(&self, staff: StaffId, id: ViewId) -> Result<bool, StoreError> {
        let mut tx = DB::begin_write(&self.pool).await?;
        let deleted =
            Statement::<DB>::new("DELETE FROM customer_views WHERE id = $1 AND staff_id = $2")
                .id(id.0)
                .id(staff.0)
                .execute(&mut tx)
                .await?;
        tx.commit().await?;
        Ok(deleted > 0)
    }
}
