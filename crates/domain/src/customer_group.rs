//! Customer groups (seed 002): a unique name and a description, and the customers
//! assigned to them. Adding and editing take two steps, General information and
//! Customers; the assignments a save makes are deltas (these added, those removed,
//! or everyone assigned when the form opened), so two people editing one group at
//! once never lose each other's assignments.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::bounds::{chars_over, too_long};
use crate::characters::{check_visible, nfc};
use crate::customer::CustomerId;
use crate::customer_bulk::CustomerSelection;
use crate::customer_list::{CustomerCursor, SortDirection};
use crate::{FieldError, FieldErrorCode};

/// Form field names of the group form.
pub mod fields {
    /// The group's name.
    pub const NAME: &str = "name";
    /// Its description.
    pub const DESCRIPTION: &str = "description";
    /// The customers ticked in the Customers step.
    pub const CUSTOMERS: &str = "customers";
    /// The companies that use the group (why it cannot be deleted).
    pub const COMPANIES: &str = "companies";
}

/// The longest group name, in characters.
pub const MAX_GROUP_NAME_CHARS: usize = 100;
/// The longest description, in characters.
pub const MAX_GROUP_DESCRIPTION_CHARS: usize = 1_000;
/// The most customers ticked one by one that one save sends (besides any number of
/// "all results of this search").
pub const MAX_TICKED_PER_SAVE: usize = 10_000;
/// The most groups a page holds.
pub const MAX_GROUP_PAGE_SIZE: u32 = 200;

/// A group's id.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct GroupId(pub Uuid);

impl std::fmt::Display for GroupId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// A group as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerGroup {
    /// Its id.
    pub id: GroupId,
    /// Unique, ignoring case.
    pub name: String,
    /// Free text, possibly empty.
    pub description: String,
    /// How many customers are assigned.
    pub member_count: u64,
    /// When it was added.
    pub created_at: DateTime<Utc>,
    /// When it last changed (its fields or its customers).
    pub updated_at: DateTime<Utc>,
    /// Raised by every save; an edit names the version its form opened at.
    pub version: i64,
}

/// What the General information step holds, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupInput {
    /// The name typed.
    pub name: String,
    /// The description typed.
    pub description: String,
}

/// A group's fields, checked: the name trimmed, in NFC, 1 to 100 visible characters;
/// the description trimmed, at most 1,000.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupDetails {
    /// The name.
    pub name: String,
    /// The description.
    pub description: String,
}

impl GroupInput {
    /// The checked fields, or a message per field.
    pub fn parse(&self) -> Result<GroupDetails, Vec<FieldError>> {
        let mut problems = Vec::new();
        let name = nfc(self.name.trim());
        if name.is_empty() {
            problems.push(FieldError::new(
                fields::NAME,
                FieldErrorCode::Required,
                "Name the group, like \"Wholesale Switzerland\".",
            ));
        } else if let Some(chars) = chars_over(&name, MAX_GROUP_NAME_CHARS) {
            problems.push(too_long(fields::NAME, "name", MAX_GROUP_NAME_CHARS, chars));
        } else if let Err(problem) = check_visible(fields::NAME, "name", &name) {
            problems.push(problem);
        }
        let description = nfc(self.description.trim());
        if let Some(chars) = chars_over(&description, MAX_GROUP_DESCRIPTION_CHARS) {
            problems.push(too_long(
                fields::DESCRIPTION,
                "description",
                MAX_GROUP_DESCRIPTION_CHARS,
                chars,
            ));
        }
        if problems.is_empty() {
            Ok(GroupDetails { name, description })
        } else {
            Err(problems)
        }
    }
}

impl CustomerGroup {
    /// The form, filled with this group's fields.
    pub fn input(&self) -> GroupInput {
        GroupInput {
            name: self.name.clone(),
            description: self.description.clone(),
        }
    }
}

/// What makes two group names the same: case and normalization do not count
/// ("VIP" and "vip" are one name).
pub fn group_name_key(name: &str) -> String {
    nfc(name.trim()).to_lowercase()
}

/// The columns the groups list sorts by.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GroupSort {
    /// By name, as a person expects (accents with their letters).
    #[default]
    Name,
    /// By how many customers are assigned.
    Customers,
    /// By when the group was added.
    Created,
    /// By when it last changed.
    Changed,
}

impl GroupSort {
    /// Every sort, in the order of the list's columns.
    pub const ALL: [Self; 4] = [Self::Name, Self::Customers, Self::Created, Self::Changed];
}

/// What the groups list asks for: a sort, a direction and a search over names and
/// descriptions.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct GroupQuery {
    /// Sorted by.
    pub sort: GroupSort,
    /// Which way.
    pub direction: SortDirection,
    /// Words that must all occur in the name or the description, ignoring case.
    pub search: String,
}

/// Where a page of groups continues: the sort value of the last row, and its id.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct GroupCursor {
    /// The sort it belongs to.
    #[serde(default)]
    pub sort: GroupSort,
    /// The sort column's value of the last row.
    pub key: String,
    /// Breaks ties.
    pub id: GroupId,
}

/// One page of the groups list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupListRequest {
    /// Sort and search.
    pub query: GroupQuery,
    /// `None` for the first page.
    pub after: Option<GroupCursor>,
    /// Wanted page size; clamped to 1..=[`MAX_GROUP_PAGE_SIZE`].
    pub limit: u32,
}

impl GroupListRequest {
    /// The page size actually used.
    pub fn page_size(&self) -> u32 {
        self.limit.clamp(1, MAX_GROUP_PAGE_SIZE)
    }
}

/// A page of groups.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupPage {
    /// In list order.
    pub items: Vec<CustomerGroup>,
    /// `Some` when more follow.
    pub next: Option<GroupCursor>,
}

/// Customers to assign: ticked ones, and every result of some searches ("select all
/// N results") but those unticked again.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerPicks {
    /// Ticked one by one (at most [`MAX_TICKED_PER_SAVE`]).
    pub ticked: Vec<CustomerId>,
    /// Whole searches; each an [`CustomerSelection::AllMatching`] from its start.
    pub all_of: Vec<CustomerSelection>,
}

impl CustomerPicks {
    /// Whether nothing is picked.
    pub fn is_empty(&self) -> bool {
        self.ticked.is_empty() && self.all_of.is_empty()
    }
}

/// Adding a group: its fields and its first customers, saved in one transaction.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewGroupRequest {
    /// General information.
    pub input: GroupInput,
    /// Customers.
    pub customers: CustomerPicks,
}

/// Saving an edited group: its fields at the version the form opened, and the
/// changes to its customers, in one transaction.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupUpdate {
    /// Which group.
    pub id: GroupId,
    /// The version the form opened at.
    pub version: i64,
    /// General information as the form opened with it (to tell what someone else
    /// changed meanwhile).
    pub opened: GroupInput,
    /// General information as the person left it.
    pub input: GroupInput,
    /// Customers to add.
    pub add: CustomerPicks,
    /// Assigned customers whose tick was cleared.
    pub remove: Vec<CustomerId>,
    /// "De-select all": unassign everyone who was assigned when the form opened
    /// (customers someone else added since stay).
    pub remove_all: bool,
}

/// What a save did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedGroup {
    /// The group as stored now.
    pub group: CustomerGroup,
    /// Customers newly assigned.
    pub added: u64,
    /// Customers unassigned.
    pub removed: u64,
}

/// One page of a group's customers, by last name.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupMembersRequest {
    /// Whose.
    pub id: GroupId,
    /// `None` for the first page.
    pub after: Option<CustomerCursor>,
    /// Wanted page size.
    pub limit: u32,
}

/// A group a customer belongs to, as their page links it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupLink {
    /// The group.
    pub id: GroupId,
    /// Its name.
    pub name: String,
}

/// The groups of one customer of a list page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerGroups {
    /// Whose.
    pub id: CustomerId,
    /// Their groups, by name.
    pub groups: Vec<GroupLink>,
}

/// "Assign to group…" / "Remove from group…" on the next chunk of a list selection.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupBulkRequest {
    /// Which group.
    pub group: GroupId,
    /// Which customers (this chunk of them).
    pub selection: CustomerSelection,
    /// `true` to assign, `false` to unassign.
    pub assign: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(name: &str, description: &str) -> Result<GroupDetails, Vec<FieldError>> {
        GroupInput {
            name: name.into(),
            description: description.into(),
        }
        .parse()
    }

    #[test]
    fn names_are_trimmed_required_visible_and_at_most_100_characters() {
        let details = parse("  Wholesale  ", " For resellers ").expect("valid");
        assert_eq!(details.name, "Wholesale");
        assert_eq!(details.description, "For resellers");
        for (name, code, message) in [
            ("   ", FieldErrorCode::Required, "Name the group"),
            (
                &"x".repeat(101),
                FieldErrorCode::TooLong,
                "at most 100 characters",
            ),
            ("VIP\u{200B}", FieldErrorCode::InvalidCharacters, ""),
        ] {
            let problems = parse(name, "").expect_err(name);
            assert_eq!(problems[0].field, fields::NAME);
            assert_eq!(problems[0].code, code, "{name:?}");
            assert!(
                problems[0].message.contains(message),
                "{}",
                problems[0].message
            );
        }
        assert!(
            parse(&"é".repeat(100), "").is_ok(),
            "100 characters, not bytes"
        );
        let problems = parse("VIP", &"d".repeat(1_001)).expect_err("too long");
        assert_eq!(problems[0].field, fields::DESCRIPTION);
    }

    #[test]
    fn names_differing_only_in_case_or_normalization_are_the_same_name() {
        assert_eq!(group_name_key(" VIP "), group_name_key("vip"));
        assert_eq!(group_name_key("Ze\u{301}bra"), group_name_key("zébra"));
        assert_ne!(group_name_key("VIP"), group_name_key("VIP Gold"));
    }
}
