use async_trait::async_trait;
use chrono::{DateTime, Utc};
use desk_domain::customer::{Customer, CustomerCursor, CustomerId, NewCustomer};
use desk_domain::{CurrencyCode, Email, PersonName};

use super::apply_effects;
use crate::backend::{SqlStore, Statement};
use crate::error::classify;
use crate::{Backend, CustomerStore, Effects, StoreError};

const COLUMNS: &str = "id, email, first_name, last_name, preferred_currency, created_at";
/// The list order, served by the index `customers_by_name`; also the keyset cursor.
const ORDER: &str = "ORDER BY last_name_key, first_name_key, id";

fn customer_from_row<DB: Backend>(row: &DB::Row) -> Result<Customer, StoreError> {
    Ok(Customer {
        id: CustomerId(DB::id(row, "id")?),
        email: Email::from_trusted(DB::text(row, "email")?),
        first_name: PersonName::from_trusted(DB::text(row, "first_name")?),
        last_name: PersonName::from_trusted(DB::text(row, "last_name")?),
        preferred_currency: CurrencyCode::from_trusted(DB::text(row, "preferred_currency")?),
        created_at: DB::time(row, "created_at")?,
    })
}

#[async_trait]
impl<DB: Backend> CustomerStore for SqlStore<DB> {
    async fn insert_customer(
        &self,
        id: CustomerId,
        created_at: DateTime<Utc>,
        customer: &NewCustomer,
        effects: &Effects,
    ) -> Result<Customer, StoreError> {
        let sql = format!(
            "INSERT INTO customers \
               (id, email, email_key, first_name, first_name_key, last_name, last_name_key, \
                preferred_currency, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING {COLUMNS}"
        );
        let mut tx = DB::begin_write(&self.pool).await?;
        let row = Statement::<DB>::new(&sql)
            .id(id.0)
            .text(customer.email.as_str())
            .text(customer.email.unique_key())
            .text(customer.first_name.as_str())
            .text(customer.first_name.sort_key())
            .text(customer.last_name.as_str())
            .text(customer.last_name.sort_key())
            .text(customer.preferred_currency.as_str())
            .time(created_at)
            .fetch_optional(&mut tx)
            .await
            .map_err(classify)?
            .ok_or(StoreError::NotFound)?;
        let inserted = customer_from_row::<DB>(&row)?;
        apply_effects::<DB>(&mut tx, effects).await?;
        tx.commit().await?;
        Ok(inserted)
    }

    async fn list_customers(
        &self,
        after: Option<&CustomerCursor>,
        limit: u32,
    ) -> Result<Vec<Customer>, StoreError> {
        let mut connection = self.pool.acquire().await?;
        let rows = match after {
            None => {
                let sql = format!("SELECT {COLUMNS} FROM customers {ORDER} LIMIT $1");
                Statement::<DB>::new(&sql)
                    .integer(i64::from(limit))
                    .fetch_all(&mut connection)
                    .await?
            }
            Some(cursor) => {
                let sql = format!(
                    "SELECT {COLUMNS} FROM customers \
                     WHERE (last_name_key, first_name_key, id) > ($1, $2, $3) {ORDER} LIMIT $4"
                );
                Statement::<DB>::new(&sql)
                    .text(&cursor.last_name_key)
                    .text(&cursor.first_name_key)
                    .id(cursor.id.0)
                    .integer(i64::from(limit))
                    .fetch_all(&mut connection)
                    .await?
            }
        };
        rows.iter().map(customer_from_row::<DB>).collect()
    }

    async fn customer_by_id(&self, id: CustomerId) -> Result<Option<Customer>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM customers WHERE id = $1");
        let mut connection = self.pool.acquire().await?;
        Statement::<DB>::new(&sql)
            .id(id.0)
            .fetch_optional(&mut connection)
            .await?
            .as_ref()
            .map(customer_from_row::<DB>)
            .transpose()
    }
}
