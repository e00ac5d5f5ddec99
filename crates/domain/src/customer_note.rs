//! Notes on a customer (Spryker): a message, its author and time; newest first on the
//! customer's page. Notes are a record: they are added, never changed.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::bounds::{chars_over, too_long};
use crate::characters::nfc;
use crate::customer::CustomerId;
use crate::{FieldError, FieldErrorCode};

/// The note field's name.
pub const BODY: &str = "body";
/// The longest note.
pub const MAX_NOTE_CHARS: usize = 5_000;

/// A note's identifier.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct NoteId(pub Uuid);

/// What "Add note" sends.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewNote {
    /// On whom.
    pub customer_id: CustomerId,
    /// As typed.
    pub body: String,
}

/// A note's text: trimmed, NFC, 1 to [`MAX_NOTE_CHARS`] characters; line breaks kept.
pub fn parse_note(raw: &str) -> Result<String, FieldError> {
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        return Err(FieldError::new(
            BODY,
            FieldErrorCode::Required,
            "Write the note first.",
        ));
    }
    let normalized = nfc(trimmed);
    if let Some(chars) = chars_over(&normalized, MAX_NOTE_CHARS) {
        return Err(too_long(BODY, "note", MAX_NOTE_CHARS, chars));
    }
    Ok(normalized)
}

/// A stored note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    /// Its id.
    pub id: NoteId,
    /// On whom.
    pub customer_id: CustomerId,
    /// The text.
    pub body: String,
    /// Who wrote it, by name as it was then.
    pub author_name: String,
    /// When.
    pub created_at: DateTime<Utc>,
}

/// A page of notes, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotePage {
    /// The notes.
    pub items: Vec<Note>,
    /// Pass as `before` for the next page; `None` at the end.
    pub next_before: Option<NoteId>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_are_trimmed_and_bounded() {
        assert_eq!(
            parse_note("  Called about the invoice.\n ").as_deref(),
            Ok("Called about the invoice.")
        );
        assert_eq!(
            parse_note(" \n ").map_err(|e| e.code),
            Err(FieldErrorCode::Required)
        );
        assert_eq!(
            parse_note(&"x".repeat(MAX_NOTE_CHARS + 1)).map_err(|e| e.code),
            Err(FieldErrorCode::TooLong)
        );
    }
}
