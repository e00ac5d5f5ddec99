//! Doing something to many customers at once: the selection (ticked ones, or every
//! result of a query but those unticked), walked a chunk per request so the UI can
//! show progress and a million customers never travel at once; the changes a bulk
//! action makes; and the CSV export of a selection.

use serde::{Deserialize, Serialize};

use crate::customer::CustomerId;
use crate::customer_list::{CustomerCursor, CustomerQuery};

/// The most customers one bulk request handles; larger selections take several.
pub const MAX_BULK_CHUNK: usize = 1_000;

/// Which customers one bulk request applies to: a chunk of the whole selection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CustomerSelection {
    /// These customers, ticked one by one (at most [`MAX_BULK_CHUNK`] per request).
    Ticked(Vec<CustomerId>),
    /// The next chunk of every customer of this query, "select all N results",
    /// never loaded into the UI.
    AllMatching {
        /// The list's query when the person chose "select all" (boxed: it is far
        /// larger than a list of ids).
        query: Box<CustomerQuery>,
        /// Results the person unticked afterwards: "all but these" (at most
        /// [`MAX_BULK_CHUNK`]).
        #[serde(default)]
        except: Vec<CustomerId>,
        /// Where the previous chunk ended; `None` for the first.
        after: Option<CustomerCursor>,
    },
}

impl Default for CustomerSelection {
    fn default() -> Self {
        Self::Ticked(Vec::new())
    }
}

/// A whole selection walked a chunk at a time: ask [`SelectionWalk::next_chunk`]
/// what to send, then [`SelectionWalk::advance`] with what the answer said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SelectionWalk {
    position: Position,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Position {
    Ticked {
        ids: Vec<CustomerId>,
        offset: usize,
    },
    AllMatching {
        query: Box<CustomerQuery>,
        except: Vec<CustomerId>,
        after: Option<CustomerCursor>,
    },
    Done,
}

impl SelectionWalk {
    /// Customers ticked one by one.
    pub fn ticked(ids: Vec<CustomerId>) -> Self {
        let position = if ids.is_empty() {
            Position::Done
        } else {
            Position::Ticked { ids, offset: 0 }
        };
        Self { position }
    }

    /// Every result of `query` but `except`.
    pub fn all_matching(query: CustomerQuery, except: Vec<CustomerId>) -> Self {
        Self {
            position: Position::AllMatching {
                query: Box::new(query),
                except,
                after: None,
            },
        }
    }

    /// What the next request handles; `None` once the selection is walked.
    pub fn next_chunk(&self) -> Option<CustomerSelection> {
        match &self.position {
            Position::Ticked { ids, offset } => {
                let end = ids.len().min(offset + MAX_BULK_CHUNK);
                Some(CustomerSelection::Ticked(ids[*offset..end].to_vec()))
            }
            Position::AllMatching {
                query,
                except,
                after,
            } => Some(CustomerSelection::AllMatching {
                query: query.clone(),
                except: except.clone(),
                after: after.clone(),
            }),
            Position::Done => None,
        }
    }

    /// Moves past the chunk just handled; `next` is where the answer said the
    /// following chunk of an "all matching" selection starts.
    pub fn advance(&mut self, next: Option<CustomerCursor>) {
        let position = std::mem::replace(&mut self.position, Position::Done);
        self.position = match position {
            Position::Ticked { ids, offset } if offset + MAX_BULK_CHUNK < ids.len() => {
                Position::Ticked {
                    ids,
                    offset: offset + MAX_BULK_CHUNK,
                }
            }
            Position::AllMatching { query, except, .. } if next.is_some() => {
                Position::AllMatching {
                    query,
                    except,
                    after: next,
                }
            }
            _ => Position::Done,
        };
    }
}

/// What a bulk action sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BulkChange {
    /// Active or inactive.
    Active(bool),
    /// On hold or not.
    OnHold(bool),
}

impl Default for BulkChange {
    fn default() -> Self {
        Self::OnHold(true)
    }
}

impl BulkChange {
    /// What the progress line and the audit call it ("Set on hold").
    pub fn label(self) -> &'static str {
        match self {
            Self::Active(true) => "Set active",
            Self::Active(false) => "Set inactive",
            Self::OnHold(true) => "Put on hold",
            Self::OnHold(false) => "Release from hold",
        }
    }

    /// The flags of a customer with `active` and `on_hold` after the change.
    pub fn apply(self, active: bool, on_hold: bool) -> (bool, bool) {
        match self {
            Self::Active(value) => (value, on_hold),
            Self::OnHold(value) => (active, value),
        }
    }
}

/// One chunk of a bulk action.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BulkChangeRequest {
    /// Which customers (this chunk of them).
    pub selection: CustomerSelection,
    /// What to set.
    pub change: BulkChange,
}

/// What one chunk did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BulkProgress {
    /// Customers looked at in this chunk.
    pub looked_at: u32,
    /// Of them, those the change changed (the others had it already, or were erased).
    pub changed: u32,
    /// For a selection of all matching customers: where the next chunk starts;
    /// `None` when this was the last.
    pub next: Option<CustomerCursor>,
}

/// One chunk of "Export to CSV": its customers become rows of the file the person
/// chose, with the columns the list shows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CsvExportRequest {
    /// Which customers (this chunk of them).
    pub selection: CustomerSelection,
    /// The columns, by key (`email`, `attr-tier`), in order.
    pub columns: Vec<String>,
    /// The file chosen in the save dialog.
    pub path: String,
    /// `false` for the first chunk, which starts the file with its heading line;
    /// `true` for the others, which add to it.
    pub append: bool,
}

/// What one chunk of an export did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CsvExportProgress {
    /// Customers looked at in this chunk.
    pub looked_at: u32,
    /// Of them, those written (erased customers have nothing left to export).
    pub written: u32,
    /// The file's size now, in bytes.
    pub bytes: u64,
    /// For a selection of all matching customers: where the next chunk starts.
    pub next: Option<CustomerCursor>,
}

#[cfg(test)]
mod tests {
    use uuid::Uuid;

    use super::*;

    fn ids(n: usize) -> Vec<CustomerId> {
        (0..n as u128)
            .map(|n| CustomerId(Uuid::from_u128(n + 1)))
            .collect()
    }

    fn walk_ticked(n: usize) -> Vec<usize> {
        let all = ids(n);
        let mut walk = SelectionWalk::ticked(all.clone());
        let mut sizes = Vec::new();
        let mut seen = Vec::new();
        while let Some(chunk) = walk.next_chunk() {
            let CustomerSelection::Ticked(chunk) = chunk else {
                panic!("ticked customers go as ticked chunks");
            };
            sizes.push(chunk.len());
            seen.extend(chunk);
            walk.advance(None);
        }
        assert_eq!(seen, all, "every ticked customer once, in order");
        sizes
    }

    #[test]
    fn ticked_customers_go_in_chunks_of_at_most_the_bulk_limit() {
        assert_eq!(walk_ticked(0), Vec::<usize>::new());
        assert_eq!(walk_ticked(1), vec![1]);
        assert_eq!(walk_ticked(MAX_BULK_CHUNK), vec![MAX_BULK_CHUNK]);
        assert_eq!(
            walk_ticked(2 * MAX_BULK_CHUNK + 3),
            vec![MAX_BULK_CHUNK, MAX_BULK_CHUNK, 3]
        );
    }

    #[test]
    fn all_results_are_walked_from_cursor_to_cursor_keeping_the_exceptions() {
        let except = ids(2);
        let mut walk = SelectionWalk::all_matching(CustomerQuery::default(), except.clone());
        let cursor = CustomerCursor {
            keys: vec!["lee".into()],
            id: CustomerId(Uuid::from_u128(7)),
        };
        let first = walk.next_chunk();
        assert!(matches!(
            &first,
            Some(CustomerSelection::AllMatching { after: None, except: e, .. }) if *e == except
        ));
        walk.advance(Some(cursor.clone()));
        assert!(matches!(
            walk.next_chunk(),
            Some(CustomerSelection::AllMatching { after: Some(after), .. }) if after == cursor
        ));
        walk.advance(None);
        assert_eq!(
            walk.next_chunk(),
            None,
            "no cursor: that was the last chunk"
        );
    }
}
