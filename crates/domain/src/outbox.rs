//! The outbox as people see it: every message the store sends, where it stands, and
//! what the server said about it.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::email_template::TemplateKind;

/// Form field names of the outbox filter.
pub mod fields {
    /// The recipient search.
    pub const RECIPIENT: &str = "recipient";
}

/// A message's identifier.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct MessageId(pub Uuid);

/// Where a message stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MessageStatus {
    /// Waiting for its (next) attempt.
    Queued,
    /// Being sent right now.
    Sending,
    /// Accepted by the mail server.
    Sent,
    /// Refused for good, or given up after its attempts.
    Failed,
    /// Cancelled by a person before it went out.
    Cancelled,
}

impl MessageStatus {
    /// Every status, in the order of a message's life.
    pub const ALL: [Self; 5] = [
        Self::Queued,
        Self::Sending,
        Self::Sent,
        Self::Failed,
        Self::Cancelled,
    ];

    /// The stable spelling.
    pub fn code(self) -> &'static str {
        match self {
            Self::Queued => "queued",
            Self::Sending => "sending",
            Self::Sent => "sent",
            Self::Failed => "failed",
            Self::Cancelled => "cancelled",
        }
    }

    /// The status spelled `code`.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|status| status.code() == code)
    }

    /// How screens name it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Queued => "Queued",
            Self::Sending => "Sending",
            Self::Sent => "Sent",
            Self::Failed => "Failed",
            Self::Cancelled => "Cancelled",
        }
    }
}

/// One row of the outbox list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxItem {
    /// Identifier.
    pub id: MessageId,
    /// Where it goes.
    pub recipient: String,
    /// Rendered subject.
    pub subject: String,
    /// Which kind of message (`None` for a kind this version does not know).
    pub kind: Option<TemplateKind>,
    /// In which locale.
    pub locale: String,
    /// Where it stands.
    pub status: MessageStatus,
    /// Attempts so far.
    pub attempts: u32,
    /// What the last failed attempt said.
    pub last_error: Option<String>,
    /// When it was queued.
    pub created_at: DateTime<Utc>,
    /// When it is due next (queued messages).
    pub next_attempt_at: DateTime<Utc>,
    /// When the server accepted it.
    pub sent_at: Option<DateTime<Utc>>,
}

/// One message in full, for the message view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxMessageView {
    /// The list row.
    pub item: OutboxItem,
    /// The `Message-ID` header, the same on every attempt.
    pub message_id: String,
    /// The record that caused it, in words ("customer 0190…"), if any.
    pub related: Option<String>,
    /// The text body.
    pub body_text: String,
    /// The HTML body (show it in a sandboxed frame, never in the page).
    pub body_html: String,
}

/// A page of the outbox: newest first, filtered.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxListRequest {
    /// Only messages in this status.
    pub status: Option<MessageStatus>,
    /// Only recipients containing this text (case-insensitive); empty for all.
    pub recipient: String,
    /// Continue below this message.
    pub before: Option<MessageId>,
    /// Page size, clamped to 1..=200.
    pub limit: u32,
}

/// A page of the outbox.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxPage {
    /// The messages, newest first.
    pub items: Vec<OutboxItem>,
    /// Pass as `before` for the next page; `None` at the end.
    pub next_before: Option<MessageId>,
}
