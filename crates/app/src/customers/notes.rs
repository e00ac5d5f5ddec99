//! Notes on a customer: added with their author and time, listed newest first.

use chrono::{DateTime, SubsecRound, Utc};
use desk_domain::DeskError;
use desk_domain::audit::{AuditAction, EntityType, FieldChange};
use desk_domain::customer::CustomerId;
use desk_domain::customer_note::{NewNote, Note, NoteId, NotePage, parse_note};
use desk_domain::staff::StaffMember;
use desk_store::{Effects, Store};

use super::get::get_customer;
use crate::audit::{Attribution, entry};
use crate::internal_error;

/// Notes per page.
const PAGE: u32 = 20;

/// Adds `note` by `author` at `now` (audited on the customer, with its text).
pub async fn add_note(
    store: &dyn Store,
    author: &StaffMember,
    by: &Attribution,
    note: &NewNote,
    now: DateTime<Utc>,
) -> Result<Note, DeskError> {
    let body = parse_note(&note.body).map_err(|problem| DeskError::Validation {
        fields: vec![problem],
    })?;
    get_customer(store, note.customer_id).await?;
    let at = now.trunc_subsecs(6);
    let new = Note {
        id: NoteId(uuid::Uuid::now_v7()),
        customer_id: note.customer_id,
        body,
        author_name: author.display_name.to_string(),
        created_at: at,
    };
    let audit = entry(
        by,
        at,
        AuditAction::NoteAdded,
        EntityType::Customer,
        note.customer_id.to_string(),
        vec![FieldChange::added("Note", new.body.clone())],
    );
    store
        .insert_note(&new, Some(author.id), &Effects::audit(audit))
        .await
        .map_err(|error| internal_error("adding a note", &error))
}

/// A page of `customer`'s notes, newest first, older than `before`.
pub async fn customer_notes(
    store: &dyn Store,
    customer: CustomerId,
    before: Option<NoteId>,
) -> Result<NotePage, DeskError> {
    let mut items = store
        .notes_of(customer, before, PAGE + 1)
        .await
        .map_err(|error| internal_error("reading notes", &error))?;
    let more = items.len() > PAGE as usize;
    items.truncate(PAGE as usize);
    let next_before = if more {
        items.last().map(|note| note.id)
    } else {
        None
    };
    Ok(NotePage { items, next_before })
}
