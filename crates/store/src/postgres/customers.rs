use async_trait::async_trait;
use chrono::{DateTime, Utc};
use desk_domain::audit::AuditEntry;
use desk_domain::customer::{Customer, CustomerCursor, CustomerId, NewCustomer};
use desk_domain::{CurrencyCode, Email, PersonName};
use uuid::Uuid;

use super::PostgresStore;
use super::audit::insert_audit;
use crate::error::classify;
use crate::{CustomerStore, StoreError};

/// A `customers` row as Postgres returns it.
#[derive(sqlx::FromRow)]
struct CustomerRow {
    id: Uuid,
    email: String,
    first_name: String,
    last_name: String,
    preferred_currency: String,
    created_at: DateTime<Utc>,
}

impl From<CustomerRow> for Customer {
    fn from(row: CustomerRow) -> Self {
        Customer {
            id: CustomerId(row.id),
            email: Email::from_trusted(row.email),
            first_name: PersonName::from_trusted(row.first_name),
            last_name: PersonName::from_trusted(row.last_name),
            preferred_currency: CurrencyCode::from_trusted(row.preferred_currency),
            created_at: row.created_at,
        }
    }
}

#[async_trait]
impl CustomerStore for PostgresStore {
    async fn insert_customer(
        &self,
        id: CustomerId,
        created_at: DateTime<Utc>,
        customer: &NewCustomer,
        audit: &AuditEntry,
    ) -> Result<Customer, StoreError> {
        let mut tx = self.pool.begin().await?;
        let row: CustomerRow = sqlx::query_as(
            "INSERT INTO customers \
               (id, email, email_key, first_name, first_name_key, last_name, last_name_key, \
                preferred_currency, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
             RETURNING id, email, first_name, last_name, preferred_currency, created_at",
        )
        .bind(id.0)
        .bind(customer.email.as_str())
        .bind(customer.email.unique_key())
        .bind(customer.first_name.as_str())
        .bind(customer.first_name.sort_key())
        .bind(customer.last_name.as_str())
        .bind(customer.last_name.sort_key())
        .bind(customer.preferred_currency.as_str())
        .bind(created_at)
        .fetch_one(&mut *tx)
        .await
        .map_err(classify)?;
        insert_audit(&mut tx, audit).await?;
        tx.commit().await?;
        Ok(row.into())
    }

    async fn list_customers(
        &self,
        after: Option<&CustomerCursor>,
        limit: u32,
    ) -> Result<Vec<Customer>, StoreError> {
        let columns = "id, email, first_name, last_name, preferred_currency, created_at";
        let rows: Vec<CustomerRow> = match after {
            None => {
                sqlx::query_as(&format!(
                    "SELECT {columns} FROM customers \
                     ORDER BY last_name_key, first_name_key, id LIMIT $1"
                ))
                .bind(i64::from(limit))
                .fetch_all(&self.pool)
                .await?
            }
            Some(cursor) => {
                sqlx::query_as(&format!(
                    "SELECT {columns} FROM customers \
                     WHERE (last_name_key, first_name_key, id) > ($1, $2, $3) \
                     ORDER BY last_name_key, first_name_key, id LIMIT $4"
                ))
                .bind(&cursor.last_name_key)
                .bind(&cursor.first_name_key)
                .bind(cursor.id.0)
                .bind(i64::from(limit))
                .fetch_all(&self.pool)
                .await?
            }
        };
        Ok(rows.into_iter().map(Customer::from).collect())
    }
}
