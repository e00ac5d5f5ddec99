//! What the customer list asks the store for: a sort (any offered column, either
//! direction), filters, a search, and where the page starts. The store answers with
//! keyset pages, so a page deep in a million rows costs what the first one does.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::customer::{Customer, CustomerId};
use crate::customer_group::GroupId;

/// Form field names of the list's filter bar, where a message about a filter shows.
pub mod filter_fields {
    /// The search box.
    pub const SEARCH: &str = "search";
    /// Customer ID starts with.
    pub const CUSTOMER_REF: &str = "filter.customer_ref";
    /// First name starts with.
    pub const FIRST_NAME: &str = "filter.first_name";
    /// Last name starts with.
    pub const LAST_NAME: &str = "filter.last_name";
    /// Email starts with.
    pub const EMAIL: &str = "filter.email";
    /// Company starts with.
    pub const COMPANY: &str = "filter.company";
    /// Preferred site.
    pub const PREFERRED_SITE: &str = "filter.preferred_site";
}

/// The columns the list can be sorted by. Each has an index that holds the list in
/// that order, so any of them pages without sorting the table.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CustomerSort {
    /// Last name, then first name, as a person looks for "Lee, Ann".
    #[default]
    LastName,
    /// First name, then last name.
    FirstName,
    /// Email address, ignoring case.
    Email,
    /// Customer ID, ignoring case.
    CustomerRef,
    /// Company, then name; customers without a company last.
    Company,
    /// When the customer was created.
    Created,
}

impl CustomerSort {
    /// Every sort, in the order the column picker offers them.
    pub const ALL: [Self; 6] = [
        Self::LastName,
        Self::FirstName,
        Self::Email,
        Self::CustomerRef,
        Self::Company,
        Self::Created,
    ];

    /// How many values (besides the id) a cursor of this sort holds.
    pub fn key_count(self) -> usize {
        match self {
            Self::LastName | Self::FirstName => 2,
            Self::Email | Self::CustomerRef | Self::Created => 1,
            Self::Company => 3,
        }
    }

    /// What the column header says.
    pub fn label(self) -> &'static str {
        match self {
            Self::LastName => "Last name",
            Self::FirstName => "First name",
            Self::Email => "Email",
            Self::CustomerRef => "Customer ID",
            Self::Company => "Company",
            Self::Created => "Created",
        }
    }
}

/// Which way a sorted column runs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SortDirection {
    /// A to Z, oldest first.
    #[default]
    Ascending,
    /// Z to A, newest first.
    Descending,
}

impl SortDirection {
    /// The other direction.
    pub fn reversed(self) -> Self {
        match self {
            Self::Ascending => Self::Descending,
            Self::Descending => Self::Ascending,
        }
    }
}

/// Verified or not, for the status filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VerificationFilter {
    /// Customers who confirmed their email, or whom staff marked verified.
    Verified,
    /// The others.
    Unverified,
}

/// The filters of the list; each empty or `None` one lets every customer through,
/// and the given ones must all hold.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct CustomerFilter {
    /// Customer ID starts with this, ignoring case.
    pub customer_ref: String,
    /// First name starts with this, ignoring case and accents.
    pub first_name: String,
    /// Last name starts with this, ignoring case and accents.
    pub last_name: String,
    /// Email starts with this, ignoring case.
    pub email: String,
    /// Company starts with this, ignoring case and accents.
    pub company: String,
    /// Preferred site code.
    pub preferred_site: Option<String>,
    /// Verified or not.
    pub verification: Option<VerificationFilter>,
    /// Active or not.
    pub active: Option<bool>,
    /// On hold or not.
    pub on_hold: Option<bool>,
    /// Created at or after this instant (the UI turns the person's day into it).
    pub created_from: Option<DateTime<Utc>>,
    /// Created before this instant.
    pub created_before: Option<DateTime<Utc>>,
    /// Search as you type over name, email, company, phone and customer ID.
    pub search: String,
    /// Assigned to this customer group.
    pub group: Option<GroupId>,
}

impl CustomerFilter {
    /// Whether nothing is filtered.
    pub fn is_empty(&self) -> bool {
        self == &Self::default()
    }

    /// How many filters are set, search included (for "3 filters").
    pub fn count(&self) -> usize {
        let texts = [
            &self.customer_ref,
            &self.first_name,
            &self.last_name,
            &self.email,
            &self.company,
            &self.search,
        ];
        texts.iter().filter(|text| !text.trim().is_empty()).count()
            + usize::from(self.preferred_site.is_some())
            + usize::from(self.verification.is_some())
            + usize::from(self.active.is_some())
            + usize::from(self.on_hold.is_some())
            + usize::from(self.created_from.is_some() || self.created_before.is_some())
            + usize::from(self.group.is_some())
    }
}

/// Which customers and in which order: what a saved view keeps besides its columns.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct CustomerQuery {
    /// The column the list is sorted by.
    pub sort: CustomerSort,
    /// Which way.
    pub direction: SortDirection,
    /// The filters and search.
    pub filter: CustomerFilter,
}

/// Where a page of the list continues: just after the row with these sort values
/// (as the store keeps them: collation keys, or a time for [`CustomerSort::Created`])
/// and this id. Opaque to the UI, which only hands it back with the same query.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerCursor {
    /// The sort column values of the last row, in the sort's order.
    pub keys: Vec<String>,
    /// Breaks ties between rows with the same values.
    pub id: CustomerId,
}

/// How many customers a page may hold at most; larger requests are clamped.
pub const MAX_PAGE_SIZE: u32 = 200;

/// A request for one page of the customer list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerListRequest {
    /// Sort, direction, filters and search.
    #[serde(default)]
    pub query: CustomerQuery,
    /// `None` for the first page; else the `next` of the previous page.
    pub after: Option<CustomerCursor>,
    /// Wanted page size; clamped to 1..=[`MAX_PAGE_SIZE`].
    pub limit: u32,
}

impl CustomerListRequest {
    /// The page size actually used.
    pub fn page_size(&self) -> u32 {
        self.limit.clamp(1, MAX_PAGE_SIZE)
    }
}

/// One page of customers and where the next one starts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerPage {
    /// At most the requested number of customers, in list order.
    pub items: Vec<Customer>,
    /// `Some` when more customers follow.
    pub next: Option<CustomerCursor>,
}
