use async_trait::async_trait;
use chrono::{DateTime, Utc};
use desk_domain::audit::AuditEntry;
use desk_domain::staff::{Role, StaffId, StaffMember};
use desk_domain::{Email, PersonName};
use sqlx::PgConnection;
use uuid::Uuid;

use super::PostgresStore;
use super::audit::insert_audit;
use crate::error::classify;
use crate::{FailedSignIn, LockRule, NewStaffRecord, StaffRecord, StaffStore, StoreError};

const SELECT_STAFF: &str = "SELECT s.id, s.email, s.display_name, s.active, s.created_at, \
       s.last_sign_in_at, s.password_hash, s.failed_sign_ins, s.locked_until, \
       (SELECT string_agg(r.role, ',') FROM staff_roles r WHERE r.staff_id = s.id) AS roles \
     FROM staff s";

#[derive(sqlx::FromRow)]
struct StaffRow {
    id: Uuid,
    email: String,
    display_name: String,
    active: bool,
    created_at: DateTime<Utc>,
    last_sign_in_at: Option<DateTime<Utc>>,
    password_hash: String,
    failed_sign_ins: i32,
    locked_until: Option<DateTime<Utc>>,
    roles: Option<String>,
}

impl TryFrom<StaffRow> for StaffRecord {
    type Error = StoreError;

    fn try_from(row: StaffRow) -> Result<Self, StoreError> {
        let roles = crate::staff_roles::parse_roles(row.roles.as_deref())?;
        Ok(StaffRecord {
            member: StaffMember {
                id: StaffId(row.id),
                email: Email::from_trusted(row.email),
                display_name: PersonName::from_trusted(row.display_name),
                roles,
                active: row.active,
                created_at: row.created_at,
                last_sign_in_at: row.last_sign_in_at,
            },
            password_hash: row.password_hash,
            failed_sign_ins: u32::try_from(row.failed_sign_ins).unwrap_or(u32::MAX),
            locked_until: row.locked_until,
        })
    }
}

async fn fetch_by_id(
    connection: &mut PgConnection,
    id: StaffId,
) -> Result<StaffRecord, StoreError> {
    let row: Option<StaffRow> = sqlx::query_as(&format!("{SELECT_STAFF} WHERE s.id = $1"))
        .bind(id.0)
        .fetch_optional(connection)
        .await?;
    row.ok_or(StoreError::NotFound)?.try_into()
}

async fn replace_roles(
    connection: &mut PgConnection,
    id: StaffId,
    roles: &[Role],
) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM staff_roles WHERE staff_id = $1")
        .bind(id.0)
        .execute(&mut *connection)
        .await?;
    for role in roles {
        sqlx::query("INSERT INTO staff_roles (staff_id, role) VALUES ($1, $2)")
            .bind(id.0)
            .bind(role.code())
            .execute(&mut *connection)
            .await?;
    }
    Ok(())
}

/// Locks the rows of the active administrators, so two desktops removing the last two
/// administrators at once are serialized and the second one sees the first's change.
async fn lock_administrators(connection: &mut PgConnection) -> Result<(), StoreError> {
    sqlx::query(
        "SELECT s.id FROM staff s JOIN staff_roles r ON r.staff_id = s.id \
         WHERE s.active AND r.role = 'administrator' FOR UPDATE OF s",
    )
    .fetch_all(connection)
    .await?;
    Ok(())
}

async fn active_administrators(connection: &mut PgConnection) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar(
        "SELECT count(*) FROM staff s JOIN staff_roles r ON r.staff_id = s.id \
         WHERE s.active AND r.role = 'administrator'",
    )
    .fetch_one(connection)
    .await?)
}

#[async_trait]
impl StaffStore for PostgresStore {
    async fn count_staff(&self) -> Result<u64, StoreError> {
        let count: i64 = sqlx::query_scalar("SELECT count(*) FROM staff")
            .fetch_one(&self.pool)
            .await?;
        Ok(u64::try_from(count).unwrap_or(0))
    }

    async fn insert_staff(
        &self,
        staff: &NewStaffRecord<'_>,
        only_if_first: bool,
        audit: &AuditEntry,
    ) -> Result<StaffMember, StoreError> {
        let mut tx = self.pool.begin().await?;
        if only_if_first {
            // Serializes concurrent "first administrator" attempts from several desktops.
            sqlx::query("LOCK TABLE staff IN SHARE ROW EXCLUSIVE MODE")
                .execute(&mut *tx)
                .await?;
            let count: i64 = sqlx::query_scalar("SELECT count(*) FROM staff")
                .fetch_one(&mut *tx)
                .await?;
            if count > 0 {
                return Err(StoreError::NotFirst);
            }
        }
        sqlx::query(
            "INSERT INTO staff (id, email, email_key, display_name, display_name_key, \
               password_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(staff.id.0)
        .bind(staff.email.as_str())
        .bind(staff.email.unique_key())
        .bind(staff.display_name.as_str())
        .bind(staff.display_name.sort_key())
        .bind(staff.password_hash)
        .bind(staff.created_at)
        .execute(&mut *tx)
        .await
        .map_err(classify)?;
        replace_roles(&mut tx, staff.id, staff.roles).await?;
        insert_audit(&mut tx, audit).await?;
        let record = fetch_by_id(&mut tx, staff.id).await?;
        tx.commit().await?;
        Ok(record.member)
    }

    async fn staff_by_email(&self, email_key: &str) -> Result<Option<StaffRecord>, StoreError> {
        let row: Option<StaffRow> =
            sqlx::query_as(&format!("{SELECT_STAFF} WHERE s.email_key = $1"))
                .bind(email_key)
                .fetch_optional(&self.pool)
                .await?;
        row.map(StaffRecord::try_from).transpose()
    }

    async fn staff_by_id(&self, id: StaffId) -> Result<Option<StaffRecord>, StoreError> {
        let mut connection = self.pool.acquire().await?;
        match fetch_by_id(&mut connection, id).await {
            Ok(record) => Ok(Some(record)),
            Err(StoreError::NotFound) => Ok(None),
            Err(other) => Err(other),
        }
    }

    async fn list_staff(&self) -> Result<Vec<StaffMember>, StoreError> {
        let rows: Vec<StaffRow> =
            sqlx::query_as(&format!("{SELECT_STAFF} ORDER BY s.display_name_key, s.id"))
                .fetch_all(&self.pool)
                .await?;
        rows.into_iter()
            .map(|row| StaffRecord::try_from(row).map(|record| record.member))
            .collect()
    }

    async fn set_staff_roles(
        &self,
        id: StaffId,
        roles: &[Role],
        audit: &AuditEntry,
    ) -> Result<StaffMember, StoreError> {
        let mut tx = self.pool.begin().await?;
        lock_administrators(&mut tx).await?;
        fetch_by_id(&mut tx, id).await?;
        replace_roles(&mut tx, id, roles).await?;
        if active_administrators(&mut tx).await? == 0 {
            return Err(StoreError::LastAdministrator);
        }
        insert_audit(&mut tx, audit).await?;
        let record = fetch_by_id(&mut tx, id).await?;
        tx.commit().await?;
        Ok(record.member)
    }

    async fn deactivate_staff(
        &self,
        id: StaffId,
        audit: &AuditEntry,
    ) -> Result<StaffMember, StoreError> {
        let mut tx = self.pool.begin().await?;
        lock_administrators(&mut tx).await?;
        let changed = sqlx::query("UPDATE staff SET active = false WHERE id = $1")
            .bind(id.0)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if changed == 0 {
            return Err(StoreError::NotFound);
        }
        if active_administrators(&mut tx).await? == 0 {
            return Err(StoreError::LastAdministrator);
        }
        insert_audit(&mut tx, audit).await?;
        let record = fetch_by_id(&mut tx, id).await?;
        tx.commit().await?;
        Ok(record.member)
    }

    async fn set_password_hash(
        &self,
        id: StaffId,
        password_hash: &str,
        audit: &AuditEntry,
    ) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await?;
        let changed = sqlx::query(
            "UPDATE staff SET password_hash = $1, failed_sign_ins = 0, locked_until = NULL \
             WHERE id = $2",
        )
        .bind(password_hash)
        .bind(id.0)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if changed == 0 {
            return Err(StoreError::NotFound);
        }
        insert_audit(&mut tx, audit).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn record_sign_in(
        &self,
        id: StaffId,
        at: DateTime<Utc>,
        rehash: Option<&str>,
        audit: &AuditEntry,
    ) -> Result<StaffMember, StoreError> {
        let mut tx = self.pool.begin().await?;
        sqlx::query(
            "UPDATE staff SET last_sign_in_at = $1, failed_sign_ins = 0, locked_until = NULL, \
               password_hash = coalesce($2, password_hash) WHERE id = $3",
        )
        .bind(at)
        .bind(rehash)
        .bind(id.0)
        .execute(&mut *tx)
        .await?;
        insert_audit(&mut tx, audit).await?;
        let record = fetch_by_id(&mut tx, id).await?;
        tx.commit().await?;
        Ok(record.member)
    }

    async fn record_failed_sign_in(
        &self,
        id: StaffId,
        rule: LockRule,
        failed: &AuditEntry,
        locked: &AuditEntry,
    ) -> Result<FailedSignIn, StoreError> {
        let mut tx = self.pool.begin().await?;
        // The increment is one statement, so failures from several desktops all count.
        let failures: i32 = sqlx::query_scalar(
            "UPDATE staff SET failed_sign_ins = failed_sign_ins + 1 WHERE id = $1 \
             RETURNING failed_sign_ins",
        )
        .bind(id.0)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(StoreError::NotFound)?;
        insert_audit(&mut tx, failed).await?;
        let failures = u32::try_from(failures).unwrap_or(u32::MAX);
        let outcome = if failures >= rule.max_failures {
            sqlx::query("UPDATE staff SET failed_sign_ins = 0, locked_until = $1 WHERE id = $2")
                .bind(rule.lock_until)
                .bind(id.0)
                .execute(&mut *tx)
                .await?;
            insert_audit(&mut tx, locked).await?;
            FailedSignIn {
                failures: 0,
                locked_until: Some(rule.lock_until),
            }
        } else {
            FailedSignIn {
                failures,
                locked_until: None,
            }
        };
        tx.commit().await?;
        Ok(outcome)
    }
}
