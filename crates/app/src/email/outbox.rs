//! The outbox screen's use cases: list messages by status and recipient, show one,
//! send a failed one again, cancel a queued one. Each action is audited.

use chrono::{DateTime, Utc};
use desk_domain::audit::{AuditAction, EntityType, FieldChange};
use desk_domain::company::CompanyId;
use desk_domain::customer::CustomerId;
use desk_domain::email_template::TemplateKind;
use desk_domain::outbox::{
    MessageId, OutboxItem, OutboxListRequest, OutboxMessageView, OutboxPage,
};
use desk_domain::{DeskError, EntityKind};
use desk_store::CompaniesSeen;
use desk_store::{Effects, OutboxEntry, OutboxQuery, Store, StoreError};

use crate::desk::{Actor, Desk};
use crate::internal_error;

/// The largest page.
pub const MAX_OUTBOX_PAGE: u32 = 200;

fn item(entry: &OutboxEntry) -> OutboxItem {
    OutboxItem {
        id: MessageId(entry.message.id),
        recipient: entry.message.recipient.clone(),
        subject: entry.message.subject.clone(),
        kind: TemplateKind::from_code(&entry.message.template),
        locale: entry.message.locale.clone(),
        status: entry.status,
        attempts: entry.attempts,
        last_error: entry.last_error.clone(),
        created_at: entry.message.created_at,
        next_attempt_at: entry.next_attempt_at,
        sent_at: entry.sent_at,
    }
}

/// A page of the outbox, newest first.
pub async fn list_outbox(
    desk: &Desk,
    request: &OutboxListRequest,
) -> Result<OutboxPage, DeskError> {
    let limit = request.limit.clamp(1, MAX_OUTBOX_PAGE);
    let recipient = request.recipient.trim();
    let query = OutboxQuery {
        status: request.status,
        recipient: (!recipient.is_empty()).then(|| recipient.to_owned()),
        before: request.before.map(|id| id.0),
        // One more than asked: whether there is a next page.
        limit: limit + 1,
    };
    let mut entries = desk
        .store()?
        .list_outbox(&query)
        .await
        .map_err(|error| internal_error("reading the outbox", &error))?;
    let more = entries.len() > limit as usize;
    entries.truncate(limit as usize);
    let items: Vec<OutboxItem> = entries.iter().map(item).collect();
    Ok(OutboxPage {
        next_before: more.then(|| items.last().map(|last| last.id)).flatten(),
        items,
    })
}

async fn entry_of(store: &dyn Store, id: MessageId) -> Result<OutboxEntry, DeskError> {
    store
        .outbox_entry(id.0)
        .await
        .map_err(|error| internal_error("reading the outbox", &error))?
        .ok_or_else(|| DeskError::NotFound {
            entity: EntityKind::OutboxMessage,
            id: id.0.to_string(),
        })
}

/// One message in full, with the record that caused it named as people know it.
pub async fn outbox_message(desk: &Desk, id: MessageId) -> Result<OutboxMessageView, DeskError> {
    let store = desk.store()?;
    let entry = entry_of(store.as_ref(), id).await?;
    let related = match &entry.message.related {
        Some((kind, record)) if kind == "customer" => {
            let customer = match record.parse() {
                Ok(uuid) => store
                    .customer_by_id(CustomerId(uuid))
                    .await
                    .map_err(|error| internal_error("reading a customer", &error))?,
                Err(_) => None,
            };
            Some(customer.map_or_else(
                || format!("customer {record} (no longer in the store)"),
                |customer| {
                    format!(
                        "customer {} {} ({})",
                        customer.first_name, customer.last_name, customer.email
                    )
                },
            ))
        }
        Some((kind, record)) if kind == "company" => {
            let company = match record.parse() {
                Ok(uuid) => store
                    .company_by_id(CompanyId(uuid), CompaniesSeen::All)
                    .await
                    .map_err(|error| internal_error("reading a company", &error))?,
                Err(_) => None,
            };
            Some(company.map_or_else(
                || format!("company {record} (no longer in the store)"),
                |company| format!("company {}", company.row.name),
            ))
        }
        Some((kind, record)) => Some(format!("{kind} {record}")),
        None => None,
    };
    Ok(OutboxMessageView {
        item: item(&entry),
        message_id: entry.message.message_id.clone(),
        related,
        // Staff read the redacted bodies: a message's secrets are for its recipient.
        body_text: entry
            .message
            .redacted
            .as_ref()
            .map_or_else(|| entry.message.body_text.clone(), |(text, _)| text.clone()),
        body_html: entry
            .message
            .redacted
            .as_ref()
            .map_or_else(|| entry.message.body_html.clone(), |(_, html)| html.clone()),
    })
}

fn audit(by: &Actor, now: DateTime<Utc>, action: AuditAction, entry: &OutboxEntry) -> Effects {
    Effects::audit(crate::audit::entry(
        &by.attribution(),
        now,
        action,
        EntityType::Message,
        entry.message.id.to_string(),
        vec![
            FieldChange::added("recipient", entry.message.recipient.clone()),
            FieldChange::added("subject", entry.message.subject.clone()),
        ],
    ))
}

/// Queues a failed message again, due now.
pub async fn resend_message(
    desk: &Desk,
    by: &Actor,
    id: MessageId,
    now: DateTime<Utc>,
) -> Result<OutboxItem, DeskError> {
    let store = desk.store()?;
    let found = entry_of(store.as_ref(), id).await?;
    let effects = audit(by, now, AuditAction::MessageResent, &found);
    match store.resend_message(id.0, now, &effects).await {
        Ok(()) => Ok(item(&entry_of(store.as_ref(), id).await?)),
        Err(StoreError::NotFound) => Err(DeskError::Conflict {
            fields: vec![desk_domain::FieldError::new(
                "status",
                desk_domain::FieldErrorCode::InvalidChoice,
                format!(
                    "Only a failed message can be sent again; this one is {}.",
                    found.status.label().to_lowercase()
                ),
            )],
        }),
        Err(error) => Err(internal_error("queuing the message again", &error)),
    }
}

/// Cancels a queued message before it goes out.
pub async fn cancel_message(
    desk: &Desk,
    by: &Actor,
    id: MessageId,
    now: DateTime<Utc>,
) -> Result<OutboxItem, DeskError> {
    let store = desk.store()?;
    let found = entry_of(store.as_ref(), id).await?;
    let effects = audit(by, now, AuditAction::MessageCancelled, &found);
    match store.cancel_message(id.0, &effects).await {
        Ok(()) => Ok(item(&entry_of(store.as_ref(), id).await?)),
        Err(StoreError::NotFound) => {
            let now_status = entry_of(store.as_ref(), id).await?.status;
            Err(DeskError::Conflict {
                fields: vec![desk_domain::FieldError::new(
                    "status",
                    desk_domain::FieldErrorCode::InvalidChoice,
                    format!(
                        "Only a queued message can be cancelled; this one is {} now.",
                        now_status.label().to_lowercase()
                    ),
                )],
            })
        }
        Err(error) => Err(internal_error("cancelling the message", &error)),
    }
}
