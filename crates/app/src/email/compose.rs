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
        redacted: None,
    }
}

/// What staff see in place of a secret.
pub const REMOVED: &str = "[removed: only the recipient sees this]";

/// `message` with a copy of its bodies in which each of `secrets` (an initial
/// password, a link's token) is replaced by [`REMOVED`], in the plain text and in
/// the HTML (where it may appear escaped): what staff read, and what the bodies become
/// once the message is sent.
pub fn with_secrets(mut message: OutboxMessage, secrets: &[&str]) -> OutboxMessage {
    let secrets: Vec<&str> = secrets.iter().copied().filter(|s| !s.is_empty()).collect();
    if secrets.is_empty() {
        return message;
    }
    let mut text = message.body_text.clone();
    let mut html = message.body_html.clone();
    for secret in secrets {
        text = text.replace(secret, REMOVED);
        html = html
            .replace(secret, REMOVED)
            .replace(&escape_html(secret), REMOVED);
    }
    message.redacted = Some((text, html));
    message
}

/// `text` as minijinja's HTML auto-escaping writes it.
fn escape_html(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#x27;"),
            '/' => escaped.push_str("&#x2f;"),
            other => escaped.push(other),
        }
    }
    escaped
}
