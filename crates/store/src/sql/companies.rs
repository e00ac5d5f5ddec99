//! B2B companies: adding one, and which companies use a customer group.

use async_trait::async_trait;
use desk_domain::company::{CompaniesUsing, CompanyId, CompanyLink};
use desk_domain::customer_group::GroupId;
use desk_domain::search_text::fold;
use desk_domain::sort_key::collation_key;

use super::apply_effects;
use crate::backend::{SqlStore, Statement};
use crate::company_store::NewCompanyRecord;
use crate::error::classify;
use crate::{Backend, CompanyStore, Effects, StoreError};

#[async_trait]
impl<DB: Backend> CompanyStore for SqlStore<DB> {
    async fn insert_company(
        &self,
        record: &NewCompanyRecord<'_>,
        effects: &Effects,
    ) -> Result<(), StoreError> {
        let mut tx = DB::begin_write(&self.pool).await?;
        Statement::<DB>::new(
            "INSERT INTO companies (id, name, name_sort, tax_id, group_id, sales_rep_id, \
               website, active, search_text, created_at, updated_at, version) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, 1)",
        )
        .id(record.id.0)
        .text(record.name)
        .text(collation_key(record.name))
        .text(record.tax_id)
        .id(record.group.0)
        .id(record.sales_rep.0)
        .optional_text(record.website.map(str::to_owned))
        .boolean(record.active)
        .text(fold(&format!("{} {}", record.name, record.tax_id)))
        .time(record.at)
        .execute(&mut tx)
        .await
        .map_err(|error| match classify(error) {
            // The group or the sales rep named is not there (any more).
            StoreError::InUse => StoreError::NotFound,
            other => other,
        })?;
        apply_effects::<DB>(&mut tx, effects).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn companies_using_group(
        &self,
        group: GroupId,
        limit: u32,
    ) -> Result<CompaniesUsing, StoreError> {
        let mut connection = self.pool.acquire().await?;
        companies_using::<DB>(&mut connection, group, limit).await
    }
}

/// The first `limit` companies of `group` by name, and how many there are.
pub(super) async fn companies_using<DB: Backend>(
    connection: &mut DB::Connection,
    group: GroupId,
    limit: u32,
) -> Result<CompaniesUsing, StoreError> {
    let sql = format!(
        "SELECT id, name FROM companies WHERE group_id = $1 ORDER BY name_sort, id LIMIT {limit}"
    );
    let first = Statement::<DB>::new(&sql)
        .id(group.0)
        .fetch_all(connection)
        .await?
        .iter()
        .map(|row| {
            Ok(CompanyLink {
                id: CompanyId(DB::id(row, "id")?),
                name: DB::text(row, "name")?,
            })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
    let total = if (first.len() as u32) < limit {
        first.len() as u64
    } else {
        let row = Statement::<DB>::new("SELECT count(*) AS n FROM companies WHERE group_id = $1")
            .id(group.0)
            .fetch_optional(connection)
            .await?
            .ok_or_else(|| StoreError::Corrupt("count(*) returned no row".into()))?;
        u64::try_from(DB::integer(&row, "n")?).unwrap_or(0)
    };
    Ok(CompaniesUsing { first, total })
}
