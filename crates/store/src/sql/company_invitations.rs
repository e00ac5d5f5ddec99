//! Invitations to join a company: the tab's page, who cannot be invited (members,
//! pending invitees), sending, resending (a new link; a trigger voids the old one),
//! revoking, and accepting with a link.

use std::collections::HashSet;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use desk_domain::company::CompanyId;
use desk_domain::company_invitation::{
    CompanyInvitation, InvitationId, InvitationPage, InvitationStatus, InviteeConflict,
};
use desk_domain::company_role::CompanyRoleId;
use desk_domain::customer::CustomerId;
use desk_domain::link_token::LinkPurpose;

use super::apply_effects;
use super::customers::{insert_customer_row, placeholders};
use crate::backend::{SqlStore, Statement};
use crate::{
    Backend, CompanyInvitationStore, Effects, InvitationLink, InvitationToken, NewCustomerRecord,
    NewInvitation, StoreError, StoredInvitation,
};

/// Addresses asked about per query.
const CHUNK: usize = 500;

const STORED_COLUMNS: &str = "id, company_id, email, role_id, status, token_hash, expires_at";

#[async_trait]
impl<DB: Backend> CompanyInvitationStore for SqlStore<DB> {
    async fn invitations(
        &self,
        company: CompanyId,
        before: Option<InvitationId>,
        limit: u32,
        now: DateTime<Utc>,
        with_links: bool,
    ) -> Result<InvitationPage, StoreError> {
        let mut connection = self.pool.acquire().await?;
        // Ids are time-ordered (UUIDv7), so newest first is by id. The link column is
        // not even named without `with_links`: Postgres refuses it to other roles.
        let sql = format!(
            "SELECT i.id, i.email, i.role_id, i.role_name, i.status, {} AS link, \
               i.invited_by_name, i.sent_at, i.expires_at, \
               cu.first_name AS accepted_first, cu.last_name AS accepted_last \
             FROM company_invitations i \
             LEFT JOIN company_member_details cu \
               ON cu.company_id = i.company_id AND cu.customer_id = i.accepted_customer_id \
             WHERE i.company_id = $1 {} ORDER BY i.id DESC LIMIT {}",
            if with_links { "i.link" } else { "NULL" },
            if before.is_some() {
                "AND i.id < $2"
            } else {
                ""
            },
            limit + 1
        );
        let mut statement = Statement::<DB>::new(&sql).id(company.0);
        if let Some(before) = before {
            statement = statement.id(before.0);
        }
        let rows = statement.fetch_all(&mut connection).await?;
        let more = rows.len() > limit as usize;
        let mut items = Vec::with_capacity(rows.len().min(limit as usize));
        for row in rows.iter().take(limit as usize) {
            let stored = DB::text(row, "status")?;
            let expires_at = DB::time(row, "expires_at")?;
            let status = InvitationStatus::at(&stored, expires_at, now).ok_or_else(|| {
                StoreError::Corrupt(format!("an invitation has the status {stored:?}"))
            })?;
            let accepted_by = match (
                DB::optional_text(row, "accepted_first")?,
                DB::optional_text(row, "accepted_last")?,
            ) {
                (Some(first), Some(last)) => Some(format!("{first} {last}")),
                _ => None,
            };
            items.push(CompanyInvitation {
                id: InvitationId(DB::id(row, "id")?),
                email: DB::text(row, "email")?,
                role: DB::optional_id(row, "role_id")?.map(CompanyRoleId),
                role_name: DB::text(row, "role_name")?,
                link: match status {
                    InvitationStatus::Pending => DB::optional_text(row, "link")?,
                    _ => None,
                },
                status,
                invited_by: DB::text(row, "invited_by_name")?,
                sent_at: DB::time(row, "sent_at")?,
                expires_at,
                accepted_by,
            });
        }
        Ok(InvitationPage { items, more })
    }

    async fn invitee_conflicts(
        &self,
        company: CompanyId,
        email_keys: &[String],
        now: DateTime<Utc>,
    ) -> Result<Vec<(String, InviteeConflict)>, StoreError> {
        let mut connection = self.pool.acquire().await?;
        let mut conflicts = Vec::new();
        // Members first: a member with a pending invitation is named as a member.
        let mut members: HashSet<String> = HashSet::new();
        for chunk in email_keys.chunks(CHUNK) {
            let member_sql = format!(
                "SELECT email_key, first_name, last_name FROM company_member_details \
                 WHERE company_id = $1 AND email_key IN ({})",
                placeholders(2, chunk.len())
            );
            let rows = chunk
                .iter()
                .fold(Statement::<DB>::new(&member_sql).id(company.0), |s, key| {
                    s.text(key.clone())
                })
                .fetch_all(&mut connection)
                .await?;
            for row in &rows {
                let key = DB::text(row, "email_key")?;
                members.insert(key.clone());
                conflicts.push((
                    key,
                    InviteeConflict::AlreadyMember {
                        name: format!(
                            "{} {}",
                            DB::text(row, "first_name")?,
                            DB::text(row, "last_name")?
                        ),
                    },
                ));
            }
            let invited = format!(
                "SELECT email_key, expires_at FROM company_invitations \
                 WHERE company_id = $1 AND status = 'pending' AND email_key IN ({})",
                placeholders(2, chunk.len())
            );
            let rows = chunk
                .iter()
                .fold(Statement::<DB>::new(&invited).id(company.0), |s, key| {
                    s.text(key.clone())
                })
                .fetch_all(&mut connection)
                .await?;
            for row in &rows {
                let key = DB::text(row, "email_key")?;
                if members.contains(&key) {
                    continue;
                }
                conflicts.push((
                    key,
                    InviteeConflict::AlreadyInvited {
                        expired: DB::time(row, "expires_at")? <= now,
                    },
                ));
            }
        }
        Ok(conflicts)
    }

    async fn insert_invitations(
        &self,
        invitations: &[NewInvitation],
        effects: &Effects,
    ) -> Result<(), StoreError> {
        let mut tx = DB::begin_write(&self.pool).await?;
        for invitation in invitations {
            Statement::<DB>::new(
                "INSERT INTO company_invitations (id, company_id, email, email_key, role_id, \
                   role_name, status, token_hash, link, invited_by_name, created_at, sent_at, \
                   expires_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, 'pending', $7, $8, $9, $10, $11, $12)",
            )
            .id(invitation.id.0)
            .id(invitation.company.0)
            .text(invitation.email.clone())
            .text(invitation.email_key.clone())
            .id(invitation.role.0)
            .text(invitation.role_name.clone())
            .text(invitation.link.token_hash.clone())
            .text(invitation.link.url.clone())
            .text(invitation.invited_by_name.clone())
            .time(invitation.link.sent_at)
            .time(invitation.link.sent_at)
            .time(invitation.link.expires_at)
            .execute(&mut tx)
            .await
            .map_err(|error| match crate::error::classify(error) {
                StoreError::InUse => StoreError::NotFound,
                other => other,
            })?;
        }
        apply_effects::<DB>(&mut tx, effects).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn invitation(
        &self,
        company: CompanyId,
        id: InvitationId,
    ) -> Result<Option<StoredInvitation>, StoreError> {
        let mut connection = self.pool.acquire().await?;
        let sql = format!(
            "SELECT {STORED_COLUMNS} FROM company_invitations WHERE id = $1 AND company_id = $2"
        );
        Statement::<DB>::new(&sql)
            .id(id.0)
            .id(company.0)
            .fetch_optional(&mut connection)
            .await?
            .as_ref()
            .map(stored_of::<DB>)
            .transpose()
    }

    async fn invitation_by_token(
        &self,
        token_hash: &str,
    ) -> Result<Option<InvitationToken>, StoreError> {
        let mut connection = self.pool.acquire().await?;
        let Some(token) = Statement::<DB>::new(
            "SELECT purpose, record_type, record_id, used_at FROM link_tokens \
             WHERE token_hash = $1",
        )
        .text(token_hash)
        .fetch_optional(&mut connection)
        .await?
        else {
            return Ok(None);
        };
        let purpose_code = DB::text(&token, "purpose")?;
        let purpose = LinkPurpose::from_code(&purpose_code).ok_or_else(|| {
            StoreError::Corrupt(format!("a link token has the purpose {purpose_code:?}"))
        })?;
        let used = DB::optional_time(&token, "used_at")?.is_some();
        let record = uuid::Uuid::parse_str(&DB::text(&token, "record_id")?).ok();
        let invitation = match record {
            Some(id) if purpose == LinkPurpose::Invitation => {
                let sql = format!("SELECT {STORED_COLUMNS} FROM company_invitations WHERE id = $1");
                Statement::<DB>::new(&sql)
                    .id(id)
                    .fetch_optional(&mut connection)
                    .await?
                    .as_ref()
                    .map(stored_of::<DB>)
                    .transpose()?
            }
            _ => None,
        };
        Ok(Some(InvitationToken {
            purpose,
            used,
            invitation,
        }))
    }

    async fn replace_invitation_link(
        &self,
        id: InvitationId,
        link: &InvitationLink,
        invited_by_name: &str,
        effects: &Effects,
    ) -> Result<bool, StoreError> {
        let change = Statement::<DB>::new(
            "UPDATE company_invitations SET token_hash = $1, link = $2, sent_at = $3, \
               expires_at = $4, invited_by_name = $5 \
             WHERE id = $6 AND status = 'pending'",
        )
        .text(link.token_hash.clone())
        .text(link.url.clone())
        .time(link.sent_at)
        .time(link.expires_at)
        .text(invited_by_name)
        .id(id.0);
        change_pending::<DB>(&self.pool, change, effects).await
    }

    async fn revoke_invitation(
        &self,
        id: InvitationId,
        at: DateTime<Utc>,
        effects: &Effects,
    ) -> Result<bool, StoreError> {
        let change = Statement::<DB>::new(
            "UPDATE company_invitations SET status = 'revoked', revoked_at = $1 \
             WHERE id = $2 AND status = 'pending'",
        )
        .time(at)
        .id(id.0);
        change_pending::<DB>(&self.pool, change, effects).await
    }

    async fn complete_invitation(
        &self,
        id: InvitationId,
        token_hash: &str,
        customer: CustomerId,
        register: Option<&NewCustomerRecord<'_>>,
        at: DateTime<Utc>,
        effects: &Effects,
    ) -> Result<bool, StoreError> {
        let mut tx = DB::begin_write(&self.pool).await?;
        // A new invitee's record first (the invitation names it); an early return
        // below rolls it back with everything else.
        if let Some(record) = register {
            insert_customer_row::<DB>(&mut tx, record).await?;
            Statement::<DB>::new("UPDATE customers SET verified_at = $1 WHERE id = $2")
                .time(at)
                .id(record.id.0)
                .execute(&mut tx)
                .await?;
        }
        // The invitation first, then its link: the order resending and revoking (and
        // the storefront's function) take them in, so two writers never wait on each
        // other. Of two attempts with one link, the second matches nothing here.
        let accepted = Statement::<DB>::new(
            "UPDATE company_invitations SET status = 'accepted', accepted_at = $1, \
               accepted_customer_id = $2 \
             WHERE id = $3 AND token_hash = $4 AND status = 'pending'",
        )
        .time(at)
        .id(customer.0)
        .id(id.0)
        .text(token_hash)
        .execute(&mut tx)
        .await?;
        if accepted == 0 {
            return Ok(false);
        }
        let used = Statement::<DB>::new(
            "UPDATE link_tokens SET used_at = $1 \
             WHERE token_hash = $2 AND purpose = 'invitation' AND used_at IS NULL",
        )
        .time(at)
        .text(token_hash)
        .execute(&mut tx)
        .await?;
        if used == 0 {
            return Ok(false);
        }
        let company = Statement::<DB>::new(
            "SELECT company_id, role_id FROM company_invitations WHERE id = $1",
        )
        .id(id.0)
        .fetch_optional(&mut tx)
        .await?
        .ok_or(StoreError::NotFound)?;
        let (company, role) = (
            DB::id(&company, "company_id")?,
            DB::id(&company, "role_id")?,
        );
        Statement::<DB>::new(
            "INSERT INTO company_members (company_id, customer_id, active, added_at) \
             VALUES ($1, $2, $3, $4) \
             ON CONFLICT (company_id, customer_id) DO UPDATE SET active = excluded.active",
        )
        .id(company)
        .id(customer.0)
        .boolean(true)
        .time(at)
        .execute(&mut tx)
        .await?;
        Statement::<DB>::new(
            "INSERT INTO company_member_roles (company_id, customer_id, role_id) \
             VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
        )
        .id(company)
        .id(customer.0)
        .id(role)
        .execute(&mut tx)
        .await?;
        apply_effects::<DB>(&mut tx, effects).await?;
        tx.commit().await?;
        Ok(true)
    }

    async fn customer_id_by_email(
        &self,
        email_key: &str,
    ) -> Result<Option<CustomerId>, StoreError> {
        let mut connection = self.pool.acquire().await?;
        Statement::<DB>::new("SELECT id FROM customers WHERE email_key = $1")
            .text(email_key)
            .fetch_optional(&mut connection)
            .await?
            .map(|row| DB::id(&row, "id").map(CustomerId))
            .transpose()
    }
}

/// Runs `change`, an update of one invitation that matches only while it is pending,
/// and `effects` with it in one transaction: `false` (and nothing kept) when the
/// invitation had left pending.
async fn change_pending<DB: Backend>(
    pool: &sqlx::Pool<DB>,
    change: Statement<'_, DB>,
    effects: &Effects,
) -> Result<bool, StoreError> {
    let mut tx = DB::begin_write(pool).await?;
    if change.execute(&mut tx).await? == 0 {
        return Ok(false);
    }
    apply_effects::<DB>(&mut tx, effects).await?;
    tx.commit().await?;
    Ok(true)
}

fn stored_of<DB: Backend>(row: &DB::Row) -> Result<StoredInvitation, StoreError> {
    Ok(StoredInvitation {
        id: InvitationId(DB::id(row, "id")?),
        company: CompanyId(DB::id(row, "company_id")?),
        email: DB::text(row, "email")?,
        role: DB::optional_id(row, "role_id")?.map(CompanyRoleId),
        status: DB::text(row, "status")?,
        token_hash: DB::text(row, "token_hash")?,
        expires_at: DB::time(row, "expires_at")?,
    })
}
