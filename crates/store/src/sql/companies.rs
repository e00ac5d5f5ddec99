//! B2B companies: adding and changing one (with the default billing address of its
//! book), reading one, the keyset-paged list (each sort on its own index; a sales
//! rep's list on theirs), the form's choices, and which companies use a customer
//! group.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use desk_domain::company::{CompaniesUsing, CompanyId, CompanyLink};
use desk_domain::company_address::{AddressKind, CompanyAddressDetails, CompanyAddressId};
use desk_domain::company_list::{
    Company, CompanyChoices, CompanyCursor, CompanyPage, CompanyQuery, CompanyRow, CompanySort,
    ContactPerson, StaffLink,
};
use desk_domain::customer::CustomerId;
use desk_domain::customer_group::{GroupId, GroupLink};
use desk_domain::customer_list::SortDirection;
use desk_domain::search_text::{fold, search_terms};
use desk_domain::sort_key::collation_key;
use desk_domain::staff::StaffId;

use super::apply_effects;
use super::company_addresses::{address_of, insert_address};
use crate::backend::{SqlStore, Statement};
use crate::company_store::{CompaniesSeen, NewCompanyRecord};
use crate::error::classify;
use crate::{Backend, CompanyStore, Effects, StoreError};

/// What a list row reads: the company with its group's and sales rep's names.
const ROW: &str = "SELECT c.id, c.name, c.name_sort, c.tax_id, c.active, c.created_at, \
       c.updated_at, c.version, c.website, c.group_id, g.name AS group_name, \
       c.sales_rep_id, s.display_name AS sales_rep_name \
     FROM companies c \
     JOIN customer_groups g ON g.id = c.group_id \
     JOIN staff_names s ON s.id = c.sales_rep_id";

fn row_of<DB: Backend>(row: &DB::Row) -> Result<CompanyRow, StoreError> {
    Ok(CompanyRow {
        id: CompanyId(DB::id(row, "id")?),
        name: DB::text(row, "name")?,
        tax_id: DB::text(row, "tax_id")?,
        group: GroupLink {
            id: GroupId(DB::id(row, "group_id")?),
            name: DB::text(row, "group_name")?,
        },
        sales_rep: StaffLink {
            id: StaffId(DB::id(row, "sales_rep_id")?),
            name: DB::text(row, "sales_rep_name")?,
        },
        active: DB::boolean(row, "active")?,
        created_at: DB::time(row, "created_at")?,
        updated_at: DB::time(row, "updated_at")?,
    })
}

fn sort_column(sort: CompanySort) -> &'static str {
    match sort {
        CompanySort::Name => "c.name_sort",
        CompanySort::TaxId => "c.tax_id",
        CompanySort::Created => "c.created_at",
        CompanySort::Changed => "c.updated_at",
    }
}

/// The cursor of `row` under `sort`: its sort value as text, and its id.
fn cursor_of<DB: Backend>(row: &DB::Row, sort: CompanySort) -> Result<CompanyCursor, StoreError> {
    let key = match sort {
        CompanySort::Name => DB::text(row, "name_sort")?,
        CompanySort::TaxId => DB::text(row, "tax_id")?,
        CompanySort::Created => DB::time(row, "created_at")?.to_rfc3339(),
        CompanySort::Changed => DB::time(row, "updated_at")?.to_rfc3339(),
    };
    Ok(CompanyCursor {
        sort,
        key,
        id: CompanyId(DB::id(row, "id")?),
    })
}

/// The folded line the search looks in: the name, and the tax ID as kept and
/// without its separators (so "12-3456789" is found by "123456789").
/// A company's folded search line: its name and tax ID, as written and without
/// separators (the seeder writes the same line).
pub fn company_search_line(name: &str, tax_id: &str) -> String {
    let bare: String = tax_id.chars().filter(|c| c.is_alphanumeric()).collect();
    fold(&format!("{name} {tax_id} {bare}"))
}

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
        .text(company_search_line(record.name, record.tax_id))
        .time(record.at)
        .execute(&mut tx)
        .await
        .map_err(missing_choice)?;
        if let Some(billing) = record.billing {
            insert_default_billing::<DB>(&mut tx, record, billing).await?;
        }
        apply_effects::<DB>(&mut tx, effects).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn update_company(
        &self,
        record: &NewCompanyRecord<'_>,
        version: i64,
        effects: &Effects,
    ) -> Result<(), StoreError> {
        let mut tx = DB::begin_write(&self.pool).await?;
        let changed = Statement::<DB>::new(
            "UPDATE companies SET name = $1, name_sort = $2, tax_id = $3, group_id = $4, \
               sales_rep_id = $5, website = $6, active = $7, search_text = $8, \
               updated_at = $9, version = version + 1 \
             WHERE id = $10 AND version = $11",
        )
        .text(record.name)
        .text(collation_key(record.name))
        .text(record.tax_id)
        .id(record.group.0)
        .id(record.sales_rep.0)
        .optional_text(record.website.map(str::to_owned))
        .boolean(record.active)
        .text(company_search_line(record.name, record.tax_id))
        .time(record.at)
        .id(record.id.0)
        .integer(version)
        .execute(&mut tx)
        .await
        .map_err(missing_choice)?;
        if changed == 0 {
            let exists = Statement::<DB>::new("SELECT 1 AS one FROM companies WHERE id = $1")
                .id(record.id.0)
                .fetch_optional(&mut tx)
                .await?;
            return Err(if exists.is_some() {
                StoreError::VersionChanged
            } else {
                StoreError::Corrupt("the company to save is gone".into())
            });
        }
        if let Some(billing) = record.billing {
            let updated = Statement::<DB>::new(
                "UPDATE company_addresses SET line1 = $1, line2 = $2, postal_code = $3, \
                   city = $4, region = $5, country = $6, updated_at = $7 \
                 WHERE company_id = $8 AND kind = 'billing' AND is_default = $9",
            )
            .text(billing.line1.clone())
            .optional_text(billing.line2.clone())
            .optional_text(billing.postal_code.clone())
            .text(billing.city.clone())
            .optional_text(billing.region.clone())
            .text(billing.country.as_str())
            .time(record.at)
            .id(record.id.0)
            .boolean(true)
            .execute(&mut tx)
            .await?;
            if updated == 0 {
                insert_default_billing::<DB>(&mut tx, record, billing).await?;
            }
        }
        apply_effects::<DB>(&mut tx, effects).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn company_by_id(
        &self,
        id: CompanyId,
        seen: CompaniesSeen,
    ) -> Result<Option<Company>, StoreError> {
        let mut connection = self.pool.acquire().await?;
        let (sql, rep) = match seen {
            CompaniesSeen::All => (format!("{ROW} WHERE c.id = $1"), None),
            CompaniesSeen::OfSalesRep(staff) => (
                format!("{ROW} WHERE c.id = $1 AND c.sales_rep_id = $2"),
                Some(staff),
            ),
        };
        let mut statement = Statement::<DB>::new(&sql).id(id.0);
        if let Some(staff) = rep {
            statement = statement.id(staff.0);
        }
        let Some(row) = statement.fetch_optional(&mut connection).await? else {
            return Ok(None);
        };
        let billing = Statement::<DB>::new(
            "SELECT id, kind, is_default, line1, line2, postal_code, city, region, country, \
               updated_at \
             FROM company_addresses WHERE company_id = $1 AND kind = 'billing' AND is_default = $2",
        )
        .id(id.0)
        .boolean(true)
        .fetch_optional(&mut connection)
        .await?
        .map(|row| address_of::<DB>(&row))
        .transpose()?;
        let contact = Statement::<DB>::new(
            "SELECT d.customer_id, d.first_name, d.last_name, d.email \
             FROM companies c JOIN company_member_details d \
               ON d.company_id = c.id AND d.customer_id = c.contact_customer_id \
             WHERE c.id = $1",
        )
        .id(id.0)
        .fetch_optional(&mut connection)
        .await?
        .map(|row| {
            Ok::<_, StoreError>(ContactPerson {
                customer: CustomerId(DB::id(&row, "customer_id")?),
                name: format!(
                    "{} {}",
                    DB::text(&row, "first_name")?,
                    DB::text(&row, "last_name")?
                ),
                email: DB::text(&row, "email")?,
            })
        })
        .transpose()?;
        Ok(Some(Company {
            row: row_of::<DB>(&row)?,
            website: DB::optional_text(&row, "website")?,
            billing,
            contact,
            version: DB::integer(&row, "version")?,
        }))
    }

    async fn company_in_scope(
        &self,
        id: CompanyId,
        seen: CompaniesSeen,
    ) -> Result<bool, StoreError> {
        let mut connection = self.pool.acquire().await?;
        let found = match seen {
            CompaniesSeen::All => {
                Statement::<DB>::new("SELECT 1 AS one FROM companies WHERE id = $1").id(id.0)
            }
            CompaniesSeen::OfSalesRep(staff) => Statement::<DB>::new(
                "SELECT 1 AS one FROM companies WHERE id = $1 AND sales_rep_id = $2",
            )
            .id(id.0)
            .id(staff.0),
        }
        .fetch_optional(&mut connection)
        .await?;
        Ok(found.is_some())
    }

    async fn list_companies(
        &self,
        query: &CompanyQuery,
        after: Option<&CompanyCursor>,
        page_size: u32,
        seen: CompaniesSeen,
    ) -> Result<CompanyPage, StoreError> {
        let column = sort_column(query.sort);
        let (direction, comparison) = match query.direction {
            SortDirection::Ascending => ("ASC", ">"),
            SortDirection::Descending => ("DESC", "<"),
        };
        let mut conditions: Vec<String> = Vec::new();
        let mut next = 0;
        let mut parameter = || {
            next += 1;
            format!("${next}")
        };
        let terms = search_terms(&query.search);
        for _ in &terms {
            conditions.push(format!("c.search_text LIKE {}", parameter()));
        }
        if after.is_some() {
            conditions.push(format!(
                "({column}, c.id) {comparison} ({}, {})",
                parameter(),
                parameter()
            ));
        }
        let sales_rep = match (seen, query.sales_rep) {
            (CompaniesSeen::OfSalesRep(staff), _) => Some(staff),
            (CompaniesSeen::All, chosen) => chosen,
        };
        if sales_rep.is_some() {
            conditions.push(format!("c.sales_rep_id = {}", parameter()));
        }
        if query.group.is_some() {
            conditions.push(format!("c.group_id = {}", parameter()));
        }
        if query.active.is_some() {
            conditions.push(format!("c.active = {}", parameter()));
        }
        // A sales rep filtering for someone else's companies sees none.
        let someone_else = matches!(
            (seen, query.sales_rep),
            (CompaniesSeen::OfSalesRep(own), Some(asked)) if own != asked
        );
        if someone_else {
            return Ok(CompanyPage::default());
        }
        let where_clause = if conditions.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", conditions.join(" AND "))
        };
        let sql = format!(
            "{ROW} {where_clause} ORDER BY {column} {direction}, c.id {direction} LIMIT {}",
            page_size + 1
        );
        let mut statement = terms
            .iter()
            .fold(Statement::<DB>::new(&sql), |statement, term| {
                statement.text(format!("%{term}%"))
            });
        if let Some(cursor) = after {
            if cursor.sort != query.sort {
                return Err(StoreError::Corrupt(
                    "the companies list position belongs to another sort".into(),
                ));
            }
            let bad_cursor =
                || StoreError::Corrupt("the companies list position is malformed".into());
            statement = match query.sort {
                CompanySort::Name | CompanySort::TaxId => statement.text(cursor.key.clone()),
                CompanySort::Created | CompanySort::Changed => statement.time(
                    DateTime::parse_from_rfc3339(&cursor.key)
                        .map_err(|_| bad_cursor())?
                        .with_timezone(&Utc),
                ),
            }
            .id(cursor.id.0);
        }
        if let Some(staff) = sales_rep {
            statement = statement.id(staff.0);
        }
        if let Some(group) = query.group {
            statement = statement.id(group.0);
        }
        if let Some(active) = query.active {
            statement = statement.boolean(active);
        }
        let mut connection = self.pool.acquire().await?;
        let rows = statement.fetch_all(&mut connection).await?;
        let more = rows.len() > page_size as usize;
        let shown = &rows[..rows.len().min(page_size as usize)];
        let next = match shown.last() {
            Some(last) if more => Some(cursor_of::<DB>(last, query.sort)?),
            _ => None,
        };
        Ok(CompanyPage {
            items: shown.iter().map(row_of::<DB>).collect::<Result<_, _>>()?,
            next,
        })
    }

    async fn company_choices(&self, seen: CompaniesSeen) -> Result<CompanyChoices, StoreError> {
        let mut connection = self.pool.acquire().await?;
        // A sales rep is offered their own companies' groups and themselves.
        let (groups_sql, reps_sql, rep) = match seen {
            CompaniesSeen::All => (
                "SELECT id, name FROM customer_groups ORDER BY name_sort, id",
                "SELECT id, display_name FROM staff_names WHERE sales_rep AND active \
                 ORDER BY display_name_key, id",
                None,
            ),
            CompaniesSeen::OfSalesRep(staff) => (
                "SELECT id, name FROM customer_groups \
                 WHERE id IN (SELECT group_id FROM companies WHERE sales_rep_id = $1) \
                 ORDER BY name_sort, id",
                "SELECT id, display_name FROM staff_names WHERE id = $1 AND sales_rep AND active",
                Some(staff),
            ),
        };
        let bound = |sql| {
            let statement = Statement::<DB>::new(sql);
            match rep {
                Some(staff) => statement.id(staff.0),
                None => statement,
            }
        };
        let groups = bound(groups_sql)
            .fetch_all(&mut connection)
            .await?
            .iter()
            .map(|row| {
                Ok(GroupLink {
                    id: GroupId(DB::id(row, "id")?),
                    name: DB::text(row, "name")?,
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        let sales_reps = bound(reps_sql)
            .fetch_all(&mut connection)
            .await?
            .iter()
            .map(|row| {
                Ok(StaffLink {
                    id: StaffId(DB::id(row, "id")?),
                    name: DB::text(row, "display_name")?,
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        Ok(CompanyChoices { groups, sales_reps })
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

/// A group or sales rep that is not there (any more) is `NotFound`.
fn missing_choice(error: sqlx::Error) -> StoreError {
    match classify(error) {
        StoreError::InUse => StoreError::NotFound,
        other => other,
    }
}

/// Adds `billing` as `record`'s company's default billing address.
async fn insert_default_billing<DB: Backend>(
    connection: &mut DB::Connection,
    record: &NewCompanyRecord<'_>,
    billing: &CompanyAddressDetails,
) -> Result<(), StoreError> {
    insert_address::<DB>(
        connection,
        record.id,
        CompanyAddressId(uuid::Uuid::now_v7()),
        AddressKind::Billing,
        billing,
        true,
        record.at,
    )
    .await?;
    Ok(())
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
