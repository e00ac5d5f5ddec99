//! Company roles administrators define: a name unique ignoring case and a set of
//! grants; the built-in ones are never changed here (every statement skips rows with
//! `built_in`), and a role members hold or invitations name is not removed.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use desk_domain::company_role::CompanyRoleId;
use desk_domain::company_role_form::{CompanyRoleDraft, role_name_key};

use super::apply_effects;
use crate::backend::{SqlStore, Statement};
use crate::company_role_store::RoleWrite;
use crate::{Backend, CompanyRoleStore, Effects, StoreError};

#[async_trait]
impl<DB: Backend> CompanyRoleStore for SqlStore<DB> {
    async fn insert_company_role(
        &self,
        id: CompanyRoleId,
        draft: &CompanyRoleDraft,
        at: DateTime<Utc>,
        effects: &Effects,
    ) -> Result<(), StoreError> {
        let mut tx = DB::begin_write(&self.pool).await?;
        Statement::<DB>::new(
            "INSERT INTO company_roles (id, built_in, name, name_key, created_at) \
             VALUES ($1, NULL, $2, $3, $4)",
        )
        .id(id.0)
        .text(draft.name.clone())
        .text(role_name_key(&draft.name))
        .time(at)
        .execute(&mut tx)
        .await
        .map_err(crate::error::classify)?;
        insert_grants::<DB>(&mut tx, id, draft).await?;
        apply_effects::<DB>(&mut tx, effects).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn update_company_role(
        &self,
        id: CompanyRoleId,
        draft: &CompanyRoleDraft,
        effects: &Effects,
    ) -> Result<RoleWrite, StoreError> {
        let mut tx = DB::begin_write(&self.pool).await?;
        if let Some(refusal) = refusal::<DB>(&mut tx, id).await? {
            return Ok(refusal);
        }
        Statement::<DB>::new(
            "UPDATE company_roles SET name = $1, name_key = $2 \
             WHERE id = $3 AND built_in IS NULL",
        )
        .text(draft.name.clone())
        .text(role_name_key(&draft.name))
        .id(id.0)
        .execute(&mut tx)
        .await
        .map_err(crate::error::classify)?;
        Statement::<DB>::new("DELETE FROM company_role_grants WHERE role_id = $1")
            .id(id.0)
            .execute(&mut tx)
            .await?;
        insert_grants::<DB>(&mut tx, id, draft).await?;
        apply_effects::<DB>(&mut tx, effects).await?;
        tx.commit().await?;
        Ok(RoleWrite::Done)
    }

    async fn delete_company_role(
        &self,
        id: CompanyRoleId,
        effects: &Effects,
    ) -> Result<RoleWrite, StoreError> {
        let mut tx = DB::begin_write(&self.pool).await?;
        if let Some(refusal) = refusal::<DB>(&mut tx, id).await? {
            return Ok(refusal);
        }
        let members = Statement::<DB>::new(
            "SELECT CAST(count(*) AS BIGINT) AS n FROM company_member_roles WHERE role_id = $1",
        )
        .id(id.0)
        .fetch_optional(&mut tx)
        .await?
        .map(|row| DB::integer(&row, "n"))
        .transpose()?
        .unwrap_or(0);
        let invitations = Statement::<DB>::new(
            "SELECT CAST(count(*) AS BIGINT) AS n FROM company_invitations \
             WHERE role_id = $1 AND status = 'pending'",
        )
        .id(id.0)
        .fetch_optional(&mut tx)
        .await?
        .map(|row| DB::integer(&row, "n"))
        .transpose()?
        .unwrap_or(0);
        if members > 0 || invitations > 0 {
            return Ok(RoleWrite::InUse {
                members: members as u64,
                invitations: invitations as u64,
            });
        }
        Statement::<DB>::new("DELETE FROM company_roles WHERE id = $1 AND built_in IS NULL")
            .id(id.0)
            .execute(&mut tx)
            .await
            .map_err(crate::error::classify)?;
        apply_effects::<DB>(&mut tx, effects).await?;
        tx.commit().await?;
        Ok(RoleWrite::Done)
    }
}

/// Why role `id` cannot be changed: it does not exist, or it is built in.
async fn refusal<DB: Backend>(
    connection: &mut DB::Connection,
    id: CompanyRoleId,
) -> Result<Option<RoleWrite>, StoreError> {
    let row = Statement::<DB>::new("SELECT built_in FROM company_roles WHERE id = $1")
        .id(id.0)
        .fetch_optional(connection)
        .await?;
    Ok(match row {
        None => Some(RoleWrite::NotFound),
        Some(row) if DB::optional_text(&row, "built_in")?.is_some() => Some(RoleWrite::BuiltIn),
        Some(_) => None,
    })
}

async fn insert_grants<DB: Backend>(
    connection: &mut DB::Connection,
    id: CompanyRoleId,
    draft: &CompanyRoleDraft,
) -> Result<(), StoreError> {
    for grant in &draft.grants {
        Statement::<DB>::new(
            "INSERT INTO company_role_grants (role_id, policy, reach) VALUES ($1, $2, $3)",
        )
        .id(id.0)
        .text(grant.policy.code())
        .text(grant.reach.code())
        .execute(&mut *connection)
        .await?;
    }
    Ok(())
}
