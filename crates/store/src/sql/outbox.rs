use async_trait::async_trait;
use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::{apply_effects, corrupt};
use crate::backend::{SqlStore, Statement};
use crate::{
    Backend, ClaimedMessage, Effects, OutboxEntry, OutboxMessage, OutboxQuery, OutboxStatus,
    OutboxStore, StoreError,
};

const COLUMNS: &str = "id, message_id, recipient, template, locale, subject, body_text, \
                       body_html, related_type, related_id, created_at, redacted_text, \
                       redacted_html, \
                       CAST(attempts AS BIGINT) AS attempts";

/// Queues `message` inside the caller's transaction (see `apply_effects`).
pub(super) async fn queue<DB: Backend>(
    connection: &mut DB::Connection,
    message: &OutboxMessage,
) -> Result<(), StoreError> {
    let (related_type, related_id) = message.related.clone().unzip();
    let (redacted_text, redacted_html) = message.redacted.clone().unzip();
    Statement::<DB>::new(
        "INSERT INTO outbox (id, message_id, recipient, template, locale, subject, body_text, \
           body_html, related_type, related_id, created_at, next_attempt_at, redacted_text, \
           redacted_html) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11, $12, $13)",
    )
    .id(message.id)
    .text(&message.message_id)
    .text(&message.recipient)
    .text(&message.template)
    .text(&message.locale)
    .text(&message.subject)
    .text(&message.body_text)
    .text(&message.body_html)
    .optional_text(related_type)
    .optional_text(related_id)
    .time(message.created_at)
    .optional_text(redacted_text)
    .optional_text(redacted_html)
    .execute(connection)
    .await?;
    Ok(())
}

fn message_from_row<DB: Backend>(row: &DB::Row) -> Result<ClaimedMessage, StoreError> {
    let related = match (
        DB::optional_text(row, "related_type")?,
        DB::optional_text(row, "related_id")?,
    ) {
        (Some(kind), Some(id)) => Some((kind, id)),
        _ => None,
    };
    let attempts = DB::integer(row, "attempts")?;
    Ok(ClaimedMessage {
        message: OutboxMessage {
            id: DB::id(row, "id")?,
            message_id: DB::text(row, "message_id")?,
            recipient: DB::text(row, "recipient")?,
            template: DB::text(row, "template")?,
            locale: DB::text(row, "locale")?,
            subject: DB::text(row, "subject")?,
            body_text: DB::text(row, "body_text")?,
            body_html: DB::text(row, "body_html")?,
            related,
            created_at: DB::time(row, "created_at")?,
            redacted: match (
                DB::optional_text(row, "redacted_text")?,
                DB::optional_text(row, "redacted_html")?,
            ) {
                (Some(text), Some(html)) => Some((text, html)),
                _ => None,
            },
        },
        attempt: u32::try_from(attempts).map_err(|_| corrupt("outbox.attempts", attempts))?,
    })
}

const ENTRY_COLUMNS: &str = "status, last_error, next_attempt_at, sent_at";

fn entry_from_row<DB: Backend>(row: &DB::Row) -> Result<OutboxEntry, StoreError> {
    let ClaimedMessage { message, attempt } = message_from_row::<DB>(row)?;
    Ok(OutboxEntry {
        message,
        status: status_from_row::<DB>(row)?,
        attempts: attempt,
        last_error: DB::optional_text(row, "last_error")?,
        next_attempt_at: DB::time(row, "next_attempt_at")?,
        sent_at: DB::optional_time(row, "sent_at")?,
    })
}

/// `text` for a LIKE pattern that matches it literally anywhere.
fn contains_pattern(text: &str) -> String {
    let escaped = text
        .to_lowercase()
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{escaped}%")
}

fn status_from_row<DB: Backend>(row: &DB::Row) -> Result<OutboxStatus, StoreError> {
    let status = DB::text(row, "status")?;
    OutboxStatus::from_code(&status).ok_or_else(|| corrupt("outbox.status", &status))
}

/// Marks `id` as being sent from `now` (one more attempt), if `condition` holds.
async fn mark_sending<DB: Backend>(
    connection: &mut DB::Connection,
    id: Uuid,
    now: DateTime<Utc>,
    condition: &str,
) -> Result<Option<ClaimedMessage>, StoreError> {
    let claim = format!(
        "UPDATE outbox SET status = 'sending', attempts = attempts + 1, claimed_at = $1 \
         WHERE id = $2{condition} RETURNING {COLUMNS}"
    );
    let row = Statement::<DB>::new(&claim)
        .time(now)
        .id(id)
        .fetch_optional(connection)
        .await?;
    row.map(|row| message_from_row::<DB>(&row)).transpose()
}

#[async_trait]
impl<DB: Backend> OutboxStore for SqlStore<DB> {
    async fn claim_next_message(
        &self,
        now: DateTime<Utc>,
        stale_before: DateTime<Utc>,
    ) -> Result<Option<ClaimedMessage>, StoreError> {
        let mut tx = DB::begin_write(&self.pool).await?;
        let pick = format!(
            "SELECT id FROM outbox \
             WHERE (status = 'queued' AND {next} <= {now}) \
                OR (status = 'sending' AND {claimed} < {stale}) \
             ORDER BY next_attempt_at, id LIMIT 1{skip}",
            next = DB::instant("next_attempt_at"),
            now = DB::instant("$1"),
            claimed = DB::instant("claimed_at"),
            stale = DB::instant("$2"),
            skip = DB::SKIP_LOCKED,
        );
        let Some(row) = Statement::<DB>::new(&pick)
            .time(now)
            .time(stale_before)
            .fetch_optional(&mut tx)
            .await?
        else {
            return Ok(None);
        };
        let id = DB::id(&row, "id")?;
        let claimed = mark_sending::<DB>(&mut tx, id, now, "")
            .await?
            .ok_or(StoreError::NotFound)?;
        tx.commit().await?;
        Ok(Some(claimed))
    }

    async fn claim_message(
        &self,
        id: Uuid,
        now: DateTime<Utc>,
    ) -> Result<Option<ClaimedMessage>, StoreError> {
        let mut tx = DB::begin_write(&self.pool).await?;
        let claimed = mark_sending::<DB>(&mut tx, id, now, " AND status = 'queued'").await?;
        tx.commit().await?;
        Ok(claimed)
    }

    async fn record_sent(
        &self,
        id: Uuid,
        attempt: u32,
        at: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let mut tx = DB::begin_write(&self.pool).await?;
        // Only the claim this result belongs to: a result that comes back after the
        // message was taken over (a worker asleep past the stale limit) changes nothing.
        let settled = Statement::<DB>::new(
            "UPDATE outbox SET status = 'sent', sent_at = $1, last_error = NULL, \
               claimed_at = NULL \
             WHERE id = $2 AND status = 'sending' AND attempts = $3",
        )
        .time(at)
        .id(id)
        .integer(i64::from(attempt))
        .execute(&mut tx)
        .await?;
        tx.commit().await?;
        Ok(settled == 1)
    }

    async fn record_failed_attempt(
        &self,
        id: Uuid,
        attempt: u32,
        error: &str,
        retry_at: Option<DateTime<Utc>>,
    ) -> Result<bool, StoreError> {
        let mut tx = DB::begin_write(&self.pool).await?;
        let statement = match retry_at {
            Some(at) => Statement::<DB>::new(
                "UPDATE outbox SET status = 'queued', last_error = $1, next_attempt_at = $2, \
                   claimed_at = NULL \
                 WHERE id = $3 AND status = 'sending' AND attempts = $4",
            )
            .text(error)
            .time(at)
            .id(id)
            .integer(i64::from(attempt)),
            None => Statement::<DB>::new(
                "UPDATE outbox SET status = 'failed', last_error = $1, claimed_at = NULL \
                 WHERE id = $2 AND status = 'sending' AND attempts = $3",
            )
            .text(error)
            .id(id)
            .integer(i64::from(attempt)),
        };
        let settled = statement.execute(&mut tx).await?;
        tx.commit().await?;
        Ok(settled == 1)
    }

    async fn outbox_entry(&self, id: Uuid) -> Result<Option<OutboxEntry>, StoreError> {
        let mut connection = self.pool.acquire().await?;
        let sql = format!("SELECT {COLUMNS}, {ENTRY_COLUMNS} FROM outbox WHERE id = $1");
        let row = Statement::<DB>::new(&sql)
            .id(id)
            .fetch_optional(&mut connection)
            .await?;
        row.map(|row| entry_from_row::<DB>(&row)).transpose()
    }

    async fn list_outbox(&self, query: &OutboxQuery) -> Result<Vec<OutboxEntry>, StoreError> {
        // Each condition binds its own parameter; an absent one is `$n IS NULL`, so the
        // statement text is the same for every filter.
        let sql = format!(
            "SELECT {COLUMNS}, {ENTRY_COLUMNS} FROM outbox \
             WHERE ($1 IS NULL OR status = $1) \
               AND ($2 IS NULL OR lower(recipient) LIKE $2 ESCAPE '\\') \
               AND ($3 IS NULL OR id < $3) \
             ORDER BY id DESC LIMIT $4"
        );
        let mut connection = self.pool.acquire().await?;
        let rows = Statement::<DB>::new(&sql)
            .optional_text(query.status.map(|status| status.code().to_owned()))
            .optional_text(query.recipient.as_deref().map(contains_pattern))
            .optional_id(query.before)
            .integer(i64::from(query.limit.max(1)))
            .fetch_all(&mut connection)
            .await?;
        rows.iter().map(entry_from_row::<DB>).collect()
    }

    async fn resend_message(
        &self,
        id: Uuid,
        now: DateTime<Utc>,
        effects: &Effects,
    ) -> Result<(), StoreError> {
        let mut tx = DB::begin_write(&self.pool).await?;
        let changed = Statement::<DB>::new(
            "UPDATE outbox SET status = 'queued', next_attempt_at = $1, claimed_at = NULL, \
               attempts = 0 \
             WHERE id = $2 AND status = 'failed'",
        )
        .time(now)
        .id(id)
        .execute(&mut tx)
        .await?;
        if changed == 0 {
            return Err(StoreError::NotFound);
        }
        apply_effects::<DB>(&mut tx, effects).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn cancel_message(&self, id: Uuid, effects: &Effects) -> Result<(), StoreError> {
        let mut tx = DB::begin_write(&self.pool).await?;
        let changed = Statement::<DB>::new(
            "UPDATE outbox SET status = 'cancelled' WHERE id = $1 AND status = 'queued'",
        )
        .id(id)
        .execute(&mut tx)
        .await?;
        if changed == 0 {
            return Err(StoreError::NotFound);
        }
        apply_effects::<DB>(&mut tx, effects).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn outbox_status(&self, id: Uuid) -> Result<Option<(OutboxStatus, u32)>, StoreError> {
        let mut connection = self.pool.acquire().await?;
        let Some(row) = Statement::<DB>::new(
            "SELECT status, CAST(attempts AS BIGINT) AS attempts FROM outbox WHERE id = $1",
        )
        .id(id)
        .fetch_optional(&mut connection)
        .await?
        else {
            return Ok(None);
        };
        let status = status_from_row::<DB>(&row)?;
        let attempts = DB::integer(&row, "attempts")?;
        Ok(Some((
            status,
            u32::try_from(attempts).map_err(|_| corrupt("outbox.attempts", attempts))?,
        )))
    }
}
