//! Outbox messages as queued: an id, a stable `Message-ID`, and the rendered text.

use chrono::{DateTime, Utc};
use desk_domain::email_settings::EmailSettings;
use desk_store::OutboxMessage;
use uuid::Uuid;

/// What a message says, rendered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// Subject line.
    pub subject: String,
    /// Plain-text body.
    pub text: String,
    /// HTML body (already escaped where it holds values).
    pub html: String,
}

/// A message to queue for `recipient`, made from `template` in `locale`. Its
/// `Message-ID` is fixed now, so every attempt (and a resend after a crash) carries
/// the same one; its domain is the sender's, as mail servers expect.
pub fn message(
    settings: Option<&EmailSettings>,
    recipient: &str,
    template: &str,
    locale: &str,
    rendered: Rendered,
    related: Option<(String, String)>,
    now: DateTime<Utc>,
) -> OutboxMessage {
    let id = Uuid::now_v7();
    let domain = settings.map_or("customer-desk.invalid", EmailSettings::sender_domain);
    OutboxMessage {
        id,
        message_id: format!("<{}@{domain}>", id.simple()),
        recipient: recipient.to_owned(),
        template: template.to_owned(),
        locale: locale.to_owned(),
        subject: rendered.subject,
        body_text: rendered.text,
        body_html: rendered.html,
        related,
        created_at: now,
    }
}
