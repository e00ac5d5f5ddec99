use async_trait::async_trait;
use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::{Effects, StoreError};

/// A message to queue, rendered: what will go out, word for word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxMessage {
    /// Identifier (UUIDv7: sorts in time order).
    pub id: Uuid,
    /// The `Message-ID` header, the same on every attempt, so a message sent twice
    /// after a crash is recognisable as one.
    pub message_id: String,
    /// The address it goes to.
    pub recipient: String,
    /// Which template made it.
    pub template: String,
    /// In which locale.
    pub locale: String,
    /// Rendered subject.
    pub subject: String,
    /// Rendered plain-text body.
    pub body_text: String,
    /// Rendered HTML body.
    pub body_html: String,
    /// The record that caused it ("customer", id), if any.
    pub related: Option<(String, String)>,
    /// When it was queued.
    pub created_at: DateTime<Utc>,
    /// The text and HTML bodies without their secrets (an initial password, a link's
    /// token), for staff to read; the bodies become these once the message is sent
    /// or cancelled. `None` when the message holds no secret.
    pub redacted: Option<(String, String)>,
}

/// A message claimed for delivery: the worker sends it and records the result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimedMessage {
    /// The message.
    pub message: OutboxMessage,
    /// This attempt's number (1 for the first).
    pub attempt: u32,
}

/// A message with where it stands: what the outbox screen shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxEntry {
    /// The message.
    pub message: OutboxMessage,
    /// Where it stands.
    pub status: OutboxStatus,
    /// Attempts so far.
    pub attempts: u32,
    /// What the last failed attempt said.
    pub last_error: Option<String>,
    /// When it is (or was) due next.
    pub next_attempt_at: DateTime<Utc>,
    /// When the server accepted it.
    pub sent_at: Option<DateTime<Utc>>,
}

/// Which messages a page of the outbox holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OutboxQuery {
    /// Only this status.
    pub status: Option<OutboxStatus>,
    /// Only recipients containing this (case-insensitive).
    pub recipient: Option<String>,
    /// Below this message (newest first).
    pub before: Option<Uuid>,
    /// At most this many.
    pub limit: u32,
}

/// Where a message stands: the domain's own status, stored by its code.
pub use desk_domain::outbox::MessageStatus as OutboxStatus;

/// The outbox: queued with changes (through `Effects`), claimed and settled by the
/// delivery worker.
#[async_trait]
pub trait OutboxStore: Send + Sync + std::fmt::Debug {
    /// Claims the oldest message due at `now`: a queued one whose next attempt has
    /// come, or one claimed before `stale_before` whose worker never settled it (a
    /// crash: it is sent again with the same `Message-ID`). Two workers at once never
    /// claim the same message.
    async fn claim_next_message(
        &self,
        now: DateTime<Utc>,
        stale_before: DateTime<Utc>,
    ) -> Result<Option<ClaimedMessage>, StoreError>;

    /// Claims `id` itself if it is queued (a test email, delivered while the person
    /// waits); `None` when another worker has taken it or it is no longer queued.
    async fn claim_message(
        &self,
        id: Uuid,
        now: DateTime<Utc>,
    ) -> Result<Option<ClaimedMessage>, StoreError>;

    /// The SMTP server accepted `id`, claimed for its attempt `attempt`. `false` when
    /// that claim is no longer the message's (the worker stalled past the stale limit
    /// and another took it over): the other worker's result stands.
    async fn record_sent(
        &self,
        id: Uuid,
        attempt: u32,
        at: DateTime<Utc>,
    ) -> Result<bool, StoreError>;

    /// Attempt `attempt` of `id` failed with `error`: tried again at `retry_at`, or
    /// failed for good when `None`. `false` when that claim is no longer the
    /// message's (see [`OutboxStore::record_sent`]).
    async fn record_failed_attempt(
        &self,
        id: Uuid,
        attempt: u32,
        error: &str,
        retry_at: Option<DateTime<Utc>>,
    ) -> Result<bool, StoreError>;

    /// `id` with where it stands.
    async fn outbox_entry(&self, id: Uuid) -> Result<Option<OutboxEntry>, StoreError>;

    /// A page of the outbox, newest first.
    async fn list_outbox(&self, query: &OutboxQuery) -> Result<Vec<OutboxEntry>, StoreError>;

    /// Queues the failed message `id` again, due `now`, committing `effects` with it;
    /// `NotFound` when it is not failed (any more).
    async fn resend_message(
        &self,
        id: Uuid,
        now: DateTime<Utc>,
        effects: &Effects,
    ) -> Result<(), StoreError>;

    /// Cancels the queued message `id`, committing `effects` with it; `NotFound` when
    /// it is not queued (any more: a worker may have just claimed it).
    async fn cancel_message(&self, id: Uuid, effects: &Effects) -> Result<(), StoreError>;

    /// Where `id` stands and how many attempts it had.
    async fn outbox_status(&self, id: Uuid) -> Result<Option<(OutboxStatus, u32)>, StoreError>;
}
