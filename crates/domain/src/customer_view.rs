//! Saved views of the customer list: a staff member's own named choice of columns,
//! filters and sort; at most one is their default, which the list opens with.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::customer_list::CustomerQuery;
use crate::{FieldError, FieldErrorCode};

/// Form field names of the save-view form.
pub mod fields {
    /// The view's name.
    pub const NAME: &str = "view.name";
    /// The columns it shows.
    pub const COLUMNS: &str = "view.columns";
}

/// The longest view name.
pub const MAX_VIEW_NAME_CHARS: usize = 60;
/// The most columns a view keeps.
pub const MAX_VIEW_COLUMNS: usize = 40;
/// The longest column key (`attr-` and an attribute code).
pub const MAX_COLUMN_KEY_CHARS: usize = 64;

/// A saved view's id.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ViewId(pub Uuid);

/// A saved view as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerView {
    /// Its id.
    pub id: ViewId,
    /// As the person named it.
    pub name: String,
    /// The shown columns by key, in order (`email`, `attr-tier`).
    pub columns: Vec<String>,
    /// Sort, direction and filters (the search included).
    pub query: CustomerQuery,
    /// The one the list opens with.
    pub is_default: bool,
}

/// What the save-view form sends: a new view (no id) or one to replace.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerViewInput {
    /// `Some` to save over that view.
    pub id: Option<ViewId>,
    /// The name typed.
    pub name: String,
    /// The columns shown now, by key.
    pub columns: Vec<String>,
    /// The list's query now.
    pub query: CustomerQuery,
    /// Whether the list opens with it.
    pub is_default: bool,
}

impl CustomerViewInput {
    /// The view to store, or what is wrong with the form.
    pub fn parse(&self, new_id: ViewId) -> Result<CustomerView, Vec<FieldError>> {
        let mut problems = Vec::new();
        let name = self.name.trim();
        if name.is_empty() {
            problems.push(FieldError::new(
                fields::NAME,
                FieldErrorCode::Required,
                "Name the view, like \"Swiss customers on hold\".",
            ));
        } else if name.chars().count() > MAX_VIEW_NAME_CHARS {
            problems.push(FieldError::new(
                fields::NAME,
                FieldErrorCode::TooLong,
                format!("A view name has at most {MAX_VIEW_NAME_CHARS} characters."),
            ));
        }
        if self.columns.is_empty() {
            problems.push(FieldError::new(
                fields::COLUMNS,
                FieldErrorCode::Required,
                "Choose at least one column to show.",
            ));
        }
        if problems.is_empty() {
            Ok(CustomerView {
                id: self.id.unwrap_or(new_id),
                name: name.to_owned(),
                columns: self.columns.clone(),
                query: self.query.clone(),
                is_default: self.is_default,
            })
        } else {
            Err(problems)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_view_needs_a_name_and_a_column() {
        let input = CustomerViewInput {
            name: "  ".into(),
            ..CustomerViewInput::default()
        };
        let problems = input.parse(ViewId::default()).expect_err("refused");
        let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(fields, [fields::NAME, fields::COLUMNS]);
        let input = CustomerViewInput {
            name: " Swiss on hold ".into(),
            columns: vec!["email".into()],
            ..CustomerViewInput::default()
        };
        let view = input.parse(ViewId(Uuid::nil())).expect("a view");
        assert_eq!(view.name, "Swiss on hold");
    }
}
