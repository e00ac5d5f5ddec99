//! A company's address book: billing and shipping addresses, one default of each
//! kind (a partial unique index holds that), the first of a kind its default.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use desk_domain::company::CompanyId;
use desk_domain::company_address::{
    AddressKind, CompanyAddress, CompanyAddressDetails, CompanyAddressId,
};
use desk_domain::customer_fields::CountryCode;

use super::apply_effects;
use crate::backend::{SqlStore, Statement};
use crate::company_address_store::NewCompanyAddress;
use crate::{Backend, CompanyAddressStore, Effects, StoreError};

const COLUMNS: &str = "id, kind, is_default, line1, line2, postal_code, city, region, \
                       country, updated_at";

#[async_trait]
impl<DB: Backend> CompanyAddressStore for SqlStore<DB> {
    async fn company_addresses(
        &self,
        company: CompanyId,
    ) -> Result<Vec<CompanyAddress>, StoreError> {
        let mut connection = self.pool.acquire().await?;
        let sql = format!(
            "SELECT {COLUMNS} FROM company_addresses WHERE company_id = $1 \
             ORDER BY kind, is_default DESC, created_at, id"
        );
        Statement::<DB>::new(&sql)
            .id(company.0)
            .fetch_all(&mut connection)
            .await?
            .iter()
            .map(address_of::<DB>)
            .collect()
    }

    async fn insert_company_address(
        &self,
        address: &NewCompanyAddress<'_>,
        effects: &Effects,
    ) -> Result<(), StoreError> {
        let NewCompanyAddress {
            company,
            id,
            kind,
            details,
            make_default,
            at,
        } = *address;
        let mut tx = DB::begin_write(&self.pool).await?;
        let has_default = Statement::<DB>::new(
            "SELECT 1 AS one FROM company_addresses \
             WHERE company_id = $1 AND kind = $2 AND is_default = $3",
        )
        .id(company.0)
        .text(kind.code())
        .boolean(true)
        .fetch_optional(&mut tx)
        .await?
        .is_some();
        if make_default && has_default {
            clear_default::<DB>(&mut tx, company, kind).await?;
        }
        insert_address::<DB>(
            &mut tx,
            company,
            id,
            kind,
            details,
            make_default || !has_default,
            at,
        )
        .await
        .map_err(|error| match crate::error::classify(error) {
            StoreError::InUse => StoreError::NotFound,
            other => other,
        })?;
        apply_effects::<DB>(&mut tx, effects).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn update_company_address(
        &self,
        company: CompanyId,
        id: CompanyAddressId,
        details: &CompanyAddressDetails,
        at: DateTime<Utc>,
        effects: &Effects,
    ) -> Result<(), StoreError> {
        let mut tx = DB::begin_write(&self.pool).await?;
        let changed = Statement::<DB>::new(
            "UPDATE company_addresses SET line1 = $1, line2 = $2, postal_code = $3, \
               city = $4, region = $5, country = $6, updated_at = $7 \
             WHERE id = $8 AND company_id = $9",
        )
        .text(details.line1.clone())
        .optional_text(details.line2.clone())
        .optional_text(details.postal_code.clone())
        .text(details.city.clone())
        .optional_text(details.region.clone())
        .text(details.country.as_str())
        .time(at)
        .id(id.0)
        .id(company.0)
        .execute(&mut tx)
        .await?;
        if changed == 0 {
            return Err(StoreError::NotFound);
        }
        apply_effects::<DB>(&mut tx, effects).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn delete_company_address(
        &self,
        company: CompanyId,
        id: CompanyAddressId,
        effects: &Effects,
    ) -> Result<(), StoreError> {
        let mut tx = DB::begin_write(&self.pool).await?;
        let sql =
            format!("SELECT {COLUMNS} FROM company_addresses WHERE id = $1 AND company_id = $2");
        let Some(row) = Statement::<DB>::new(&sql)
            .id(id.0)
            .id(company.0)
            .fetch_optional(&mut tx)
            .await?
        else {
            return Err(StoreError::NotFound);
        };
        let removed = address_of::<DB>(&row)?;
        Statement::<DB>::new("DELETE FROM company_addresses WHERE id = $1")
            .id(id.0)
            .execute(&mut tx)
            .await?;
        if removed.is_default {
            // The oldest other address of the kind takes over, so there is a default
            // whenever there is an address.
            Statement::<DB>::new(
                "UPDATE company_addresses SET is_default = $1 WHERE id = (\
                   SELECT id FROM company_addresses WHERE company_id = $2 AND kind = $3 \
                   ORDER BY created_at, id LIMIT 1)",
            )
            .boolean(true)
            .id(company.0)
            .text(removed.kind.code())
            .execute(&mut tx)
            .await?;
        }
        apply_effects::<DB>(&mut tx, effects).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn set_default_company_address(
        &self,
        company: CompanyId,
        id: CompanyAddressId,
        at: DateTime<Utc>,
        effects: &Effects,
    ) -> Result<(), StoreError> {
        let mut tx = DB::begin_write(&self.pool).await?;
        let Some(row) = Statement::<DB>::new(
            "SELECT kind FROM company_addresses WHERE id = $1 AND company_id = $2",
        )
        .id(id.0)
        .id(company.0)
        .fetch_optional(&mut tx)
        .await?
        else {
            return Err(StoreError::NotFound);
        };
        let kind = DB::text(&row, "kind")?;
        let kind = AddressKind::from_code(&kind)
            .ok_or_else(|| StoreError::Corrupt(format!("unknown address kind {kind:?}")))?;
        clear_default::<DB>(&mut tx, company, kind).await?;
        Statement::<DB>::new(
            "UPDATE company_addresses SET is_default = $1, updated_at = $2 WHERE id = $3",
        )
        .boolean(true)
        .time(at)
        .id(id.0)
        .execute(&mut tx)
        .await?;
        apply_effects::<DB>(&mut tx, effects).await?;
        tx.commit().await?;
        Ok(())
    }
}

async fn clear_default<DB: Backend>(
    connection: &mut DB::Connection,
    company: CompanyId,
    kind: AddressKind,
) -> Result<(), StoreError> {
    Statement::<DB>::new(
        "UPDATE company_addresses SET is_default = $1 \
         WHERE company_id = $2 AND kind = $3 AND is_default = $4",
    )
    .boolean(false)
    .id(company.0)
    .text(kind.code())
    .boolean(true)
    .execute(connection)
    .await?;
    Ok(())
}

/// Adds an address to `company`'s book.
pub(super) async fn insert_address<DB: Backend>(
    connection: &mut DB::Connection,
    company: CompanyId,
    id: CompanyAddressId,
    kind: AddressKind,
    address: &CompanyAddressDetails,
    is_default: bool,
    at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    Statement::<DB>::new(
        "INSERT INTO company_addresses (id, company_id, kind, is_default, line1, line2, \
           postal_code, city, region, country, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)",
    )
    .id(id.0)
    .id(company.0)
    .text(kind.code())
    .boolean(is_default)
    .text(address.line1.clone())
    .optional_text(address.line2.clone())
    .optional_text(address.postal_code.clone())
    .text(address.city.clone())
    .optional_text(address.region.clone())
    .text(address.country.as_str())
    .time(at)
    .execute(connection)
    .await?;
    Ok(())
}

/// An address row as the domain knows it.
pub(super) fn address_of<DB: Backend>(row: &DB::Row) -> Result<CompanyAddress, StoreError> {
    let kind = DB::text(row, "kind")?;
    Ok(CompanyAddress {
        id: CompanyAddressId(DB::id(row, "id")?),
        kind: AddressKind::from_code(&kind)
            .ok_or_else(|| StoreError::Corrupt(format!("unknown address kind {kind:?}")))?,
        is_default: DB::boolean(row, "is_default")?,
        details: CompanyAddressDetails {
            line1: DB::text(row, "line1")?,
            line2: DB::optional_text(row, "line2")?,
            postal_code: DB::optional_text(row, "postal_code")?,
            city: DB::text(row, "city")?,
            region: DB::optional_text(row, "region")?,
            country: CountryCode::from_trusted(DB::text(row, "country")?),
        },
        updated_at: DB::time(row, "updated_at")?,
    })
}
