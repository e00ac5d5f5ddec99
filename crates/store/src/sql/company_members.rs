//! A company's members: the page by name (through `company_member_details`, which on
//! Postgres is what a sales rep may read of their companies' members), adding
//! existing customers, changing roles, deactivating, removing, and the contact
//! person, whom the database keeps to a member.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use desk_domain::company::CompanyId;
use desk_domain::company_member::{
    CompanyMember, MemberChange, MemberCursor, MemberPage, MembersAdded, RoleLink,
};
use desk_domain::company_role::{CompanyRole, CompanyRoleId, Grant, Policy, Reach};
use desk_domain::customer::CustomerId;

use super::apply_effects;
use super::customers::placeholders;
use crate::backend::{SqlStore, Statement};
use crate::company_member_store::{ContactRule, MemberWrite};
use crate::error::classify;
use crate::{Backend, CompanyMemberStore, Effects, StoreError};

#[async_trait]
impl<DB: Backend> CompanyMemberStore for SqlStore<DB> {
    async fn members(
        &self,
        company: CompanyId,
        after: Option<&MemberCursor>,
        page_size: u32,
    ) -> Result<MemberPage, StoreError> {
        let mut connection = self.pool.acquire().await?;
        let sql = format!(
            "SELECT customer_id, first_name, last_name, email, phone, locale, active, \
               added_at, last_name_key, first_name_key \
             FROM company_member_details WHERE company_id = $1 {} \
             ORDER BY last_name_key, first_name_key, customer_id LIMIT {}",
            if after.is_some() {
                "AND (last_name_key, first_name_key, customer_id) > ($2, $3, $4)"
            } else {
                ""
            },
            page_size + 1
        );
        let mut statement = Statement::<DB>::new(&sql).id(company.0);
        if let Some(cursor) = after {
            let [last, first] = cursor.keys.as_slice() else {
                return Err(StoreError::Corrupt(
                    "the members list position is malformed".into(),
                ));
            };
            statement = statement
                .text(last.clone())
                .text(first.clone())
                .id(cursor.customer.0);
        }
        let rows = statement.fetch_all(&mut connection).await?;
        let more = rows.len() > page_size as usize;
        let shown = &rows[..rows.len().min(page_size as usize)];
        let contact =
            Statement::<DB>::new("SELECT contact_customer_id FROM companies WHERE id = $1")
                .id(company.0)
                .fetch_optional(&mut connection)
                .await?
                .map(|row| DB::optional_id(&row, "contact_customer_id"))
                .transpose()?
                .flatten();
        let ids: Vec<CustomerId> = shown
            .iter()
            .map(|row| DB::id(row, "customer_id").map(CustomerId))
            .collect::<Result<_, _>>()?;
        let mut roles: Vec<(CustomerId, RoleLink)> = Vec::new();
        if !ids.is_empty() {
            let sql = format!(
                "SELECT mr.customer_id, r.id, r.name FROM company_member_roles mr \
                 JOIN company_roles r ON r.id = mr.role_id \
                 WHERE mr.company_id = $1 AND mr.customer_id IN ({}) \
                 ORDER BY r.built_in IS NULL, r.name_key",
                placeholders(2, ids.len())
            );
            let rows = ids
                .iter()
                .fold(Statement::<DB>::new(&sql).id(company.0), |statement, id| {
                    statement.id(id.0)
                })
                .fetch_all(&mut connection)
                .await?;
            for row in &rows {
                roles.push((
                    CustomerId(DB::id(row, "customer_id")?),
                    RoleLink {
                        id: CompanyRoleId(DB::id(row, "id")?),
                        name: DB::text(row, "name")?,
                    },
                ));
            }
        }
        let mut items = Vec::with_capacity(shown.len());
        for (row, id) in shown.iter().zip(&ids) {
            items.push(CompanyMember {
                customer: *id,
                first_name: DB::text(row, "first_name")?,
                last_name: DB::text(row, "last_name")?,
                email: DB::text(row, "email")?,
                phone: DB::optional_text(row, "phone")?,
                locale: DB::optional_text(row, "locale")?,
                active: DB::boolean(row, "active")?,
                contact: contact == Some(id.0),
                roles: roles
                    .iter()
                    .filter(|(customer, _)| customer == id)
                    .map(|(_, role)| role.clone())
                    .collect(),
                added_at: DB::time(row, "added_at")?,
            });
        }
        let next = match shown.last() {
            Some(last) if more => Some(MemberCursor {
                keys: vec![
                    DB::text(last, "last_name_key")?,
                    DB::text(last, "first_name_key")?,
                ],
                customer: CustomerId(DB::id(last, "customer_id")?),
            }),
            _ => None,
        };
        Ok(MemberPage { items, next })
    }

    async fn add_members(
        &self,
        company: CompanyId,
        customers: &[CustomerId],
        roles: &[CompanyRoleId],
        at: DateTime<Utc>,
        effects: &Effects,
    ) -> Result<MembersAdded, StoreError> {
        let mut tx = DB::begin_write(&self.pool).await?;
        let mut added = MembersAdded::default();
        for customer in customers {
            let inserted = Statement::<DB>::new(
                "INSERT INTO company_members (company_id, customer_id, active, added_at) \
                 VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
            )
            .id(company.0)
            .id(customer.0)
            .boolean(true)
            .time(at)
            .execute(&mut tx)
            .await
            .map_err(not_found_if_missing)?;
            if inserted == 0 {
                added.already += 1;
                continue;
            }
            added.added += 1;
            for role in roles {
                insert_role::<DB>(&mut tx, company, *customer, *role).await?;
            }
        }
        if added.added > 0 {
            apply_effects::<DB>(&mut tx, effects).await?;
        }
        tx.commit().await?;
        Ok(added)
    }

    async fn change_member(
        &self,
        company: CompanyId,
        customer: CustomerId,
        change: &MemberChange,
        at: DateTime<Utc>,
        effects: &Effects,
    ) -> Result<MemberWrite, StoreError> {
        let mut tx = DB::begin_write(&self.pool).await?;
        let member = Statement::<DB>::new(
            "SELECT 1 AS one FROM company_members WHERE company_id = $1 AND customer_id = $2",
        )
        .id(company.0)
        .id(customer.0)
        .fetch_optional(&mut tx)
        .await?;
        if member.is_none() {
            return Ok(MemberWrite::NoSuchMember);
        }
        let outcome = match change {
            MemberChange::Roles(roles) => {
                Statement::<DB>::new(
                    "DELETE FROM company_member_roles WHERE company_id = $1 AND customer_id = $2",
                )
                .id(company.0)
                .id(customer.0)
                .execute(&mut tx)
                .await?;
                for role in roles {
                    insert_role::<DB>(&mut tx, company, customer, *role).await?;
                }
                Ok(())
            }
            MemberChange::Active(active) => Statement::<DB>::new(
                "UPDATE company_members SET active = $1 WHERE company_id = $2 AND customer_id = $3",
            )
            .boolean(*active)
            .id(company.0)
            .id(customer.0)
            .execute(&mut tx)
            .await
            .map(|_| ()),
            MemberChange::Remove => Statement::<DB>::new(
                "DELETE FROM company_members WHERE company_id = $1 AND customer_id = $2",
            )
            .id(company.0)
            .id(customer.0)
            .execute(&mut tx)
            .await
            .map(|_| ()),
            MemberChange::MakeContact => Statement::<DB>::new(
                "UPDATE companies SET contact_customer_id = $1, updated_at = $2, \
                   version = version + 1 WHERE id = $3",
            )
            .id(customer.0)
            .time(at)
            .id(company.0)
            .execute(&mut tx)
            .await
            .map(|_| ()),
        };
        if let Err(error) = outcome {
            if let Some(rule) = contact_rule(&error, change) {
                return Ok(MemberWrite::Refused(rule));
            }
            return Err(classify(error));
        }
        apply_effects::<DB>(&mut tx, effects).await?;
        tx.commit().await?;
        Ok(MemberWrite::Done)
    }

    async fn company_roles(&self) -> Result<Vec<CompanyRole>, StoreError> {
        let mut connection = self.pool.acquire().await?;
        let roles = Statement::<DB>::new(
            "SELECT id, built_in, name FROM company_roles \
             ORDER BY built_in IS NULL, created_at, name_key",
        )
        .fetch_all(&mut connection)
        .await?;
        let grants = Statement::<DB>::new("SELECT role_id, policy, reach FROM company_role_grants")
            .fetch_all(&mut connection)
            .await?;
        let mut read_grants: Vec<(CompanyRoleId, Grant)> = Vec::with_capacity(grants.len());
        for row in &grants {
            let policy = DB::text(row, "policy")?;
            let reach = DB::text(row, "reach")?;
            read_grants.push((
                CompanyRoleId(DB::id(row, "role_id")?),
                Grant {
                    policy: Policy::from_code(&policy)
                        .ok_or_else(|| StoreError::Corrupt(format!("unknown policy {policy:?}")))?,
                    reach: Reach::from_code(&reach)
                        .ok_or_else(|| StoreError::Corrupt(format!("unknown reach {reach:?}")))?,
                },
            ));
        }
        roles
            .iter()
            .map(|row| {
                let id = CompanyRoleId(DB::id(row, "id")?);
                let mut grants: Vec<Grant> = read_grants
                    .iter()
                    .filter(|(role, _)| *role == id)
                    .map(|(_, grant)| *grant)
                    .collect();
                grants.sort_by_key(|grant| grant.policy);
                Ok(CompanyRole {
                    id,
                    built_in: DB::optional_text(row, "built_in")?,
                    name: DB::text(row, "name")?,
                    grants,
                })
            })
            .collect()
    }

    async fn members_among(
        &self,
        company: CompanyId,
        customers: &[CustomerId],
    ) -> Result<Vec<CustomerId>, StoreError> {
        let mut connection = self.pool.acquire().await?;
        let mut found = Vec::new();
        for chunk in customers.chunks(500) {
            let sql = format!(
                "SELECT customer_id FROM company_members \
                 WHERE company_id = $1 AND customer_id IN ({})",
                placeholders(2, chunk.len())
            );
            let rows = chunk
                .iter()
                .fold(Statement::<DB>::new(&sql).id(company.0), |statement, id| {
                    statement.id(id.0)
                })
                .fetch_all(&mut connection)
                .await?;
            for row in &rows {
                found.push(CustomerId(DB::id(row, "customer_id")?));
            }
        }
        Ok(found)
    }

    async fn member_roles(
        &self,
        company: CompanyId,
        customer: CustomerId,
    ) -> Result<Vec<CompanyRoleId>, StoreError> {
        let mut connection = self.pool.acquire().await?;
        Statement::<DB>::new(
            "SELECT role_id FROM company_member_roles WHERE company_id = $1 AND customer_id = $2",
        )
        .id(company.0)
        .id(customer.0)
        .fetch_all(&mut connection)
        .await?
        .iter()
        .map(|row| DB::id(row, "role_id").map(CompanyRoleId))
        .collect()
    }
}

async fn insert_role<DB: Backend>(
    connection: &mut DB::Connection,
    company: CompanyId,
    customer: CustomerId,
    role: CompanyRoleId,
) -> Result<(), StoreError> {
    Statement::<DB>::new(
        "INSERT INTO company_member_roles (company_id, customer_id, role_id) VALUES ($1, $2, $3)",
    )
    .id(company.0)
    .id(customer.0)
    .id(role.0)
    .execute(connection)
    .await
    .map_err(not_found_if_missing)?;
    Ok(())
}

/// A customer or role that is not there (a foreign key refused) is `NotFound`.
fn not_found_if_missing(error: sqlx::Error) -> StoreError {
    match classify(error) {
        StoreError::InUse => StoreError::NotFound,
        other => other,
    }
}

/// Whether `error` is the contact person rule refusing `change`: SQLite's triggers
/// raise it in words, Postgres's foreign key as a foreign key violation.
fn contact_rule(error: &sqlx::Error, change: &MemberChange) -> Option<ContactRule> {
    let sqlx::Error::Database(database) = error else {
        return None;
    };
    let about_contact =
        database.is_foreign_key_violation() || database.message().contains("contact person");
    match change {
        MemberChange::MakeContact if about_contact => Some(ContactRule::NotAMember),
        MemberChange::Remove if about_contact => Some(ContactRule::IsContact),
        _ => None,
    }
}
