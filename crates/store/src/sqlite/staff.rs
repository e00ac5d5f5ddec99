use async_trait::async_trait;
use chrono::{DateTime, Utc};
use desk_domain::audit::AuditEntry;
use desk_domain::staff::{Role, StaffId, StaffMember};
use desk_domain::{Email, PersonName};
use sqlx::SqliteConnection;
use uuid::Uuid;

use super::SqliteStore;
use super::audit::insert_audit;
use crate::error::classify;
use crate::{FailedSignIn, LockRule, NewStaffRecord, StaffRecord, StaffStore, StoreError};

const SELECT_STAFF: &str = "SELECT s.id, s.email, s.display_name, s.active, s.created_at, \
       s.last_sign_in_at, s.password_hash, s.failed_sign_ins, s.locked_until, \
       (SELECT group_concat(r.role, ',') FROM staff_roles r WHERE r.staff_id = s.id) AS roles \
     FROM staff s";

#[derive(sqlx::FromRow)]
struct StaffRow {
    id: String,
    email: String,
    display_name: String,
    active: bool,
    created_at: DateTime<Utc>,
    last_sign_in_at: Option<DateTime<Utc>>,
    password_hash: String,
    failed_sign_ins: i64,
    locked_until: Option<DateTime<Utc>>,
    roles: Option<String>,
}

impl TryFrom<StaffRow> for StaffRecord {
    type Error = StoreError;

    fn try_from(row: StaffRow) -> Result<Self, StoreError> {
        let id = Uuid::parse_str(&row.id)
            .map_err(|_| StoreError::Corrupt(format!("staff.id {:?}", row.id)))?;
        let roles = crate::staff_roles::parse_roles(row.roles.as_deref())?;
        Ok(StaffRecord {
            member: StaffMember {
                id: StaffId(id),
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

fn id_text(id: StaffId) -> String {
    id.0.hyphenated().to_string()
}

async fn fetch_by_id(
    connection: &mut SqliteConnection,
    id: StaffId,
) -> Result<StaffRecord, StoreError> {
    let row: Option<StaffRow> = sqlx::query_as(&format!("{SELECT_STAFF} WHERE s.id = ?"))
        .bind(id_text(id))
        .fetch_optional(connection)
        .await?;
    row.ok_or(StoreError::NotFound)?.try_into()
}

async fn replace_roles(
    connection: &mut SqliteConnection,
    id: StaffId,
    roles: &[Role],
) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM staff_roles WHERE staff_id = ?")
        .bind(id_text(id))
        .execute(&mut *connection)
        .await?;
    for role in roles {
        sqlx::query("INSERT INTO staff_roles (staff_id, role) VALUES (?, ?)")
            .bind(id_text(id))
            .bind(role.code())
            .execute(&mut *connection)
            .await?;
    }
    Ok(())
}

/// Active administrators as the transaction sees them, after its own writes.
async fn active_administrators(connection: &mut SqliteConnection) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar(
        "SELECT count(*) FROM staff s JOIN staff_roles r ON r.staff_id = s.id \
         WHERE s.active = 1 AND r.role = 'administrator'",
    )
    .fetch_one(connection)
    .await?)
}

#[async_trait]
impl StaffStore for SqliteStore {
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
        // The insert takes SQLite's write lock first, so the emptiness check below sees
        // every committed account and no other writer can slip in before commit.
        sqlx::query(
            "INSERT INTO staff (id, email, email_key, display_name, display_name_key, \
               password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(id_text(staff.id))
        .bind(staff.email.as_str())
        .bind(staff.email.unique_key())
        .bind(staff.display_name.as_str())
        .bind(staff.display_name.sort_key())
        .bind(staff.password_hash)
        .bind(staff.created_at)
        .execute(&mut *tx)
        .await
        .map_err(classify)?;
        if only_if_first {
            let count: i64 = sqlx::query_scalar("SELECT count(*) FROM staff")
                .fetch_one(&mut *tx)
                .await?;
            if count > 1 {
                return Err(StoreError::NotFirst);
            }
        }
        replace_roles(&mut tx, staff.id, staff.roles).await?;
        insert_audit(&mut tx, audit).await?;
        let record = fetch_by_id(&mut tx, staff.id).await?;
        tx.commit().await?;
        Ok(record.member)
    }

    async fn staff_by_email(&self, email_key: &str) -> Result<Option<StaffRecord>, StoreError> {
        let row: Option<StaffRow> =
            sqlx::query_as(&format!("{SELECT_STAFF} WHERE s.email_key = ?"))
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
        let changed = sqlx::query("UPDATE staff SET active = 0 WHERE id = ?")
            .bind(id_text(id))
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
            "UPDATE staff SET password_hash = ?, failed_sign_ins = 0, locked_until = NULL \
             WHERE id = ?",
        )
        .bind(password_hash)
        .bind(id_text(id))
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
            "UPDATE staff SET last_sign_in_at = ?, failed_sign_ins = 0, locked_until = NULL, \
               password_hash = coalesce(?, password_hash) WHERE id = ?",
        )
        .bind(at)
        .bind(rehash)
        .bind(id_text(id))
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
        let failures: i64 = sqlx::query_scalar(
            "UPDATE staff SET failed_sign_ins = failed_sign_ins + 1 WHERE id = ? \
             RETURNING failed_sign_ins",
        )
        .bind(id_text(id))
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(StoreError::NotFound)?;
        insert_audit(&mut tx, failed).await?;
        let failures = u32::try_from(failures).unwrap_or(u32::MAX);
        let outcome = if failures >= rule.max_failures {
            sqlx::query("UPDATE staff SET failed_sign_ins = 0, locked_until = ? WHERE id = ?")
                .bind(rule.lock_until)
                .bind(id_text(id))
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
