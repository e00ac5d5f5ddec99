use async_trait::async_trait;
use chrono::{DateTime, Utc};
use desk_domain::staff::{Role, StaffId, StaffMember};
use desk_domain::{Email, PersonName};
use sqlx::Transaction;

use super::apply_effects;
use crate::backend::{SqlStore, Statement};
use crate::error::classify;
use crate::{
    Backend, Effects, FailedSignIn, LockRule, NewStaffRecord, PasswordSecrets, SignInReservation,
    StaffRecord, StaffStore, StoreError,
};

fn select_staff<DB: Backend>(condition: &str) -> String {
    format!(
        "SELECT s.id, s.email, s.display_name, s.active, s.created_at, s.last_sign_in_at, \
           CAST(s.failed_sign_ins AS BIGINT) AS failed_sign_ins, \
           s.locked_until, s.db_login, s.must_change_password, s.password_expires_at, \
           CAST(s.session_epoch AS BIGINT) AS session_epoch, \
           (SELECT {} FROM staff_roles r WHERE r.staff_id = s.id) AS roles \
         FROM staff s {condition}",
        DB::JOINED_ROLES
    )
}

fn record_from_row<DB: Backend>(row: &DB::Row) -> Result<StaffRecord, StoreError> {
    let roles = crate::staff_roles::parse_roles(DB::optional_text(row, "roles")?.as_deref())?;
    Ok(StaffRecord {
        member: StaffMember {
            id: StaffId(DB::id(row, "id")?),
            email: Email::from_trusted(DB::text(row, "email")?),
            display_name: PersonName::from_trusted(DB::text(row, "display_name")?),
            roles,
            active: DB::boolean(row, "active")?,
            created_at: DB::time(row, "created_at")?,
            last_sign_in_at: DB::optional_time(row, "last_sign_in_at")?,
            database_login: DB::optional_text(row, "db_login")?,
        },
        failed_sign_ins: u32::try_from(DB::integer(row, "failed_sign_ins")?).unwrap_or(u32::MAX),
        locked_until: DB::optional_time(row, "locked_until")?,
        must_change_password: DB::boolean(row, "must_change_password")?,
        password_expires_at: DB::optional_time(row, "password_expires_at")?,
        session_epoch: DB::integer(row, "session_epoch")?,
    })
}

async fn fetch_by_id<DB: Backend>(
    connection: &mut DB::Connection,
    id: StaffId,
) -> Result<StaffRecord, StoreError> {
    let sql = select_staff::<DB>("WHERE s.id = $1");
    let row = Statement::<DB>::new(&sql)
        .id(id.0)
        .fetch_optional(connection)
        .await?
        .ok_or(StoreError::NotFound)?;
    record_from_row::<DB>(&row)
}

async fn replace_roles<DB: Backend>(
    connection: &mut DB::Connection,
    id: StaffId,
    roles: &[Role],
) -> Result<(), StoreError> {
    Statement::<DB>::new("DELETE FROM staff_roles WHERE staff_id = $1")
        .id(id.0)
        .execute(connection)
        .await?;
    for role in roles {
        Statement::<DB>::new("INSERT INTO staff_roles (staff_id, role) VALUES ($1, $2)")
            .id(id.0)
            .text(role.code())
            .execute(connection)
            .await?;
    }
    Ok(())
}

async fn count<DB: Backend>(connection: &mut DB::Connection, sql: &str) -> Result<i64, StoreError> {
    let row = Statement::<DB>::new(sql)
        .fetch_optional(connection)
        .await?
        .ok_or(StoreError::NotFound)?;
    DB::integer(&row, "n")
}

/// Ends a change to `id` that may have taken away an administrator: refuses it (the
/// transaction rolls back when dropped) if no active administrator remains as the
/// transaction sees them after its own writes; otherwise commits it with `effects`.
async fn finish_administrator_change<DB: Backend>(
    mut tx: Transaction<'static, DB>,
    id: StaffId,
    effects: &Effects,
) -> Result<StaffMember, StoreError> {
    let administrators = count::<DB>(
        &mut tx,
        "SELECT count(*) AS n FROM staff s JOIN staff_roles r ON r.staff_id = s.id \
         WHERE s.active = TRUE AND r.role = 'administrator'",
    )
    .await?;
    if administrators == 0 {
        return Err(StoreError::LastAdministrator);
    }
    apply_effects::<DB>(&mut tx, effects).await?;
    let record = fetch_by_id::<DB>(&mut tx, id).await?;
    tx.commit().await?;
    Ok(record.member)
}

async fn insert_account<DB: Backend>(
    connection: &mut DB::Connection,
    staff: &NewStaffRecord<'_>,
) -> Result<(), StoreError> {
    Statement::<DB>::new(
        "INSERT INTO staff (id, email, email_key, display_name, display_name_key, \
           password_hash, created_at, must_change_password, password_expires_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .id(staff.id.0)
    .text(staff.email.as_str())
    .text(staff.email.unique_key())
    .text(staff.display_name.as_str())
    .text(staff.display_name.sort_key())
    .text(staff.password.hash)
    .time(staff.created_at)
    .boolean(staff.password.expires_at.is_some())
    .optional_time(staff.password.expires_at)
    .execute(connection)
    .await
    .map_err(classify)?;
    replace_roles::<DB>(connection, staff.id, staff.roles).await?;
    DB::provision_login(connection, staff.id.0, &staff.password).await?;
    Ok(())
}

#[async_trait]
impl<DB: Backend> StaffStore for SqlStore<DB> {
    async fn count_staff(&self) -> Result<u64, StoreError> {
        let mut connection = self.pool.acquire().await?;
        let n = count::<DB>(&mut connection, "SELECT count(*) AS n FROM staff").await?;
        Ok(u64::try_from(n).unwrap_or(0))
    }

    async fn insert_first_staff(
        &self,
        staff: &NewStaffRecord<'_>,
        effects: &Effects,
    ) -> Result<StaffMember, StoreError> {
        let mut tx = DB::begin_write(&self.pool).await?;
        DB::lock_for_first_staff(&mut tx).await?;
        if count::<DB>(&mut tx, "SELECT count(*) AS n FROM staff").await? > 0 {
            return Err(StoreError::NotFirst);
        }
        insert_account::<DB>(&mut tx, staff).await?;
        apply_effects::<DB>(&mut tx, effects).await?;
        let record = fetch_by_id::<DB>(&mut tx, staff.id).await?;
        tx.commit().await?;
        Ok(record.member)
    }

    async fn insert_staff(
        &self,
        staff: &NewStaffRecord<'_>,
        effects: &Effects,
    ) -> Result<StaffMember, StoreError> {
        let mut tx = DB::begin_write(&self.pool).await?;
        insert_account::<DB>(&mut tx, staff).await?;
        apply_effects::<DB>(&mut tx, effects).await?;
        let record = fetch_by_id::<DB>(&mut tx, staff.id).await?;
        tx.commit().await?;
        Ok(record.member)
    }

    async fn staff_by_email(&self, email_key: &str) -> Result<Option<StaffRecord>, StoreError> {
        let sql = select_staff::<DB>("WHERE s.email_key = $1");
        let mut connection = self.pool.acquire().await?;
        Statement::<DB>::new(&sql)
            .text(email_key)
            .fetch_optional(&mut connection)
            .await?
            .as_ref()
            .map(record_from_row::<DB>)
            .transpose()
    }

    async fn staff_by_id(&self, id: StaffId) -> Result<Option<StaffRecord>, StoreError> {
        let mut connection = self.pool.acquire().await?;
        match fetch_by_id::<DB>(&mut connection, id).await {
            Ok(record) => Ok(Some(record)),
            Err(StoreError::NotFound) => Ok(None),
            Err(other) => Err(other),
        }
    }

    async fn password_hash(&self, id: StaffId) -> Result<Option<String>, StoreError> {
        let mut connection = self.pool.acquire().await?;
        Statement::<DB>::new("SELECT password_hash FROM staff WHERE id = $1")
            .id(id.0)
            .fetch_optional(&mut connection)
            .await?
            .map(|row| DB::text(&row, "password_hash"))
            .transpose()
    }

    async fn staff_for_this_login(&self) -> Result<Option<StaffRecord>, StoreError> {
        let Some(login) = DB::THIS_LOGIN else {
            return Ok(None);
        };
        let sql = select_staff::<DB>(&format!("WHERE s.db_login = {login}"));
        let mut connection = self.pool.acquire().await?;
        Statement::<DB>::new(&sql)
            .fetch_optional(&mut connection)
            .await?
            .map(|row| record_from_row::<DB>(&row))
            .transpose()
    }

    async fn database_now(&self) -> Result<Option<DateTime<Utc>>, StoreError> {
        let Some(clock) = DB::CLOCK else {
            return Ok(None);
        };
        let mut connection = self.pool.acquire().await?;
        let row = Statement::<DB>::new(clock)
            .fetch_optional(&mut connection)
            .await?
            .ok_or(StoreError::NotFound)?;
        DB::time(&row, "now").map(Some)
    }

    async fn idle_timeout_minutes(&self) -> Result<u32, StoreError> {
        let mut connection = self.pool.acquire().await?;
        let minutes = count::<DB>(
            &mut connection,
            "SELECT CAST(idle_timeout_minutes AS BIGINT) AS n FROM store_settings",
        )
        .await?;
        u32::try_from(minutes).map_err(|_| super::corrupt("idle_timeout_minutes", minutes))
    }

    async fn set_idle_timeout_minutes(
        &self,
        minutes: u32,
        effects: &Effects,
    ) -> Result<(), StoreError> {
        let mut tx = DB::begin_write(&self.pool).await?;
        Statement::<DB>::new("UPDATE store_settings SET idle_timeout_minutes = $1")
            .integer(i64::from(minutes))
            .execute(&mut tx)
            .await?;
        apply_effects::<DB>(&mut tx, effects).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn list_staff(&self) -> Result<Vec<StaffMember>, StoreError> {
        let sql = select_staff::<DB>("ORDER BY s.display_name_key, s.id");
        let mut connection = self.pool.acquire().await?;
        let rows = Statement::<DB>::new(&sql)
            .fetch_all(&mut connection)
            .await?;
        rows.iter()
            .map(|row| record_from_row::<DB>(row).map(|record| record.member))
            .collect()
    }

    async fn set_staff_roles(
        &self,
        id: StaffId,
        roles: &[Role],
        effects: &Effects,
    ) -> Result<StaffMember, StoreError> {
        let mut tx = DB::begin_write(&self.pool).await?;
        DB::lock_administrators(&mut tx).await?;
        fetch_by_id::<DB>(&mut tx, id).await?;
        replace_roles::<DB>(&mut tx, id, roles).await?;
        finish_administrator_change::<DB>(tx, id, effects).await
    }

    async fn deactivate_staff(
        &self,
        id: StaffId,
        effects: &Effects,
    ) -> Result<StaffMember, StoreError> {
        let mut tx = DB::begin_write(&self.pool).await?;
        DB::lock_administrators(&mut tx).await?;
        let changed = Statement::<DB>::new(
            "UPDATE staff SET active = FALSE, session_epoch = session_epoch + 1 WHERE id = $1",
        )
        .id(id.0)
        .execute(&mut tx)
        .await?;
        if changed == 0 {
            return Err(StoreError::NotFound);
        }
        finish_administrator_change::<DB>(tx, id, effects).await
    }

    async fn set_password(
        &self,
        id: StaffId,
        password: &PasswordSecrets<'_>,
        effects: &Effects,
    ) -> Result<(), StoreError> {
        let mut tx = DB::begin_write(&self.pool).await?;
        if !DB::set_login_password(&mut tx, id.0, password).await? {
            let changed = Statement::<DB>::new(
                "UPDATE staff SET password_hash = $1, must_change_password = $2, \
                   password_expires_at = $3, session_epoch = session_epoch + 1, \
                   failed_sign_ins = 0, locked_until = NULL \
                 WHERE id = $4",
            )
            .text(password.hash)
            .boolean(password.expires_at.is_some())
            .optional_time(password.expires_at)
            .id(id.0)
            .execute(&mut tx)
            .await?;
            if changed == 0 {
                return Err(StoreError::NotFound);
            }
        }
        apply_effects::<DB>(&mut tx, effects).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn reserve_sign_in(
        &self,
        id: StaffId,
        now: DateTime<Utc>,
        max_failures: u32,
    ) -> Result<Option<SignInReservation>, StoreError> {
        let mut tx = DB::begin_write(&self.pool).await?;
        // Check and count in one statement: two desktops (or two tasks) reserving at
        // once are serialized by the row lock, and the second sees the first's count.
        let sql = format!(
            "UPDATE staff SET failed_sign_ins = failed_sign_ins + 1 \
             WHERE id = $1 AND failed_sign_ins < $2 \
               AND (locked_until IS NULL OR {} <= {}) \
             RETURNING CAST(failed_sign_ins AS BIGINT) AS n",
            DB::instant("locked_until"),
            DB::instant("$3"),
        );
        let row = Statement::<DB>::new(&sql)
            .id(id.0)
            .integer(i64::from(max_failures))
            .time(now)
            .fetch_optional(&mut tx)
            .await?;
        tx.commit().await?;
        row.map(|row| {
            let counted = DB::integer(&row, "n")?;
            Ok(SignInReservation {
                failures_before: u32::try_from(counted - 1).unwrap_or(0),
            })
        })
        .transpose()
    }

    async fn record_sign_in(
        &self,
        id: StaffId,
        at: DateTime<Utc>,
        reserved: SignInReservation,
        rehash: Option<&str>,
        effects: &Effects,
    ) -> Result<StaffMember, StoreError> {
        let mut tx = DB::begin_write(&self.pool).await?;
        // Takes back this attempt and the failures before it; attempts reserved since
        // (still being checked) stay counted.
        Statement::<DB>::new(
            "UPDATE staff SET last_sign_in_at = $1, locked_until = NULL, \
               failed_sign_ins = CASE WHEN failed_sign_ins > $2 THEN failed_sign_ins - $2 ELSE 0 END \
             WHERE id = $3",
        )
        .time(at)
        .integer(i64::from(reserved.failures_before) + 1)
        .id(id.0)
        .execute(&mut tx)
        .await?;
        // Apart, and only when there is one: staff logins may write their hash's column
        // but not read it, which `coalesce(…, password_hash)` would.
        if let Some(rehash) = rehash {
            Statement::<DB>::new("UPDATE staff SET password_hash = $1 WHERE id = $2")
                .text(rehash)
                .id(id.0)
                .execute(&mut tx)
                .await?;
        }
        apply_effects::<DB>(&mut tx, effects).await?;
        let record = fetch_by_id::<DB>(&mut tx, id).await?;
        tx.commit().await?;
        Ok(record.member)
    }

    async fn record_failed_sign_in(
        &self,
        id: StaffId,
        rule: LockRule,
        failed: &Effects,
        locked: &Effects,
    ) -> Result<FailedSignIn, StoreError> {
        let mut tx = DB::begin_write(&self.pool).await?;
        apply_effects::<DB>(&mut tx, failed).await?;
        // The failure was counted when it was reserved. The first failure to find the
        // limit reached locks the account and starts a fresh count; the others find
        // the count reset and lock nothing.
        let locked_now = Statement::<DB>::new(
            "UPDATE staff SET failed_sign_ins = 0, locked_until = $1 \
             WHERE id = $2 AND failed_sign_ins >= $3",
        )
        .time(rule.lock_until)
        .id(id.0)
        .integer(i64::from(rule.max_failures))
        .execute(&mut tx)
        .await?
            > 0;
        let outcome = if locked_now {
            apply_effects::<DB>(&mut tx, locked).await?;
            FailedSignIn {
                failures: 0,
                locked_until: Some(rule.lock_until),
            }
        } else {
            let record = fetch_by_id::<DB>(&mut tx, id).await?;
            FailedSignIn {
                failures: record.failed_sign_ins,
                locked_until: None,
            }
        };
        tx.commit().await?;
        Ok(outcome)
    }
}
