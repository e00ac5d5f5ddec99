//! The companies list (seed 004, "a list of companies you have access to"): a page
//! of the companies the signed-in person may see, sorted, searched by name and tax
//! ID, filtered by customer group, sales rep and whether they are active.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::company::CompanyId;
use crate::company_address::CompanyAddress;
use crate::company_form::CompanyInput;
use crate::customer::CustomerId;
use crate::customer_group::{GroupId, GroupLink};
use crate::customer_list::SortDirection;
use crate::staff::StaffId;

/// The most companies a page holds.
pub const MAX_COMPANY_PAGE_SIZE: u32 = 200;

/// A staff member as another record's screen names them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffLink {
    /// Who.
    pub id: StaffId,
    /// Their display name.
    pub name: String,
}

/// A company as the list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompanyRow {
    /// Its id.
    pub id: CompanyId,
    /// Its name.
    pub name: String,
    /// Its tax ID.
    pub tax_id: String,
    /// Its customer group.
    pub group: GroupLink,
    /// Its sales rep.
    pub sales_rep: StaffLink,
    /// Whether it may order.
    pub active: bool,
    /// When it was added.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
}

/// A company's contact person, as its profile names them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactPerson {
    /// The member.
    pub customer: CustomerId,
    /// "First Last".
    pub name: String,
    /// Their email.
    pub email: String,
}

/// A company with everything its profile shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Company {
    /// What the list shows.
    pub row: CompanyRow,
    /// Its website.
    pub website: Option<String>,
    /// Its default billing address.
    pub billing: Option<CompanyAddress>,
    /// Its contact person, one of its members.
    pub contact: Option<ContactPerson>,
    /// Raised by every save; an edit names the version its form opened at.
    pub version: i64,
}

impl Company {
    /// The form, filled with this company.
    pub fn input(&self) -> CompanyInput {
        CompanyInput {
            name: self.row.name.clone(),
            tax_id: self.row.tax_id.clone(),
            group: Some(self.row.group.id),
            sales_rep: Some(self.row.sales_rep.id),
            website: self.website.clone().unwrap_or_default(),
            active: self.row.active,
            billing: self.billing.as_ref().map(|address| address.details.input()),
        }
    }
}

/// The columns the list sorts by.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CompanySort {
    /// By name, as a person expects (accents with their letters).
    #[default]
    Name,
    /// By tax ID.
    TaxId,
    /// By when the company was added.
    Created,
    /// By when it last changed.
    Changed,
}

impl CompanySort {
    /// Every sort, in the order of the list's columns.
    pub const ALL: [Self; 4] = [Self::Name, Self::TaxId, Self::Created, Self::Changed];
}

/// What the list asks for.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CompanyQuery {
    /// Sorted by.
    pub sort: CompanySort,
    /// Which way.
    pub direction: SortDirection,
    /// Words that must all occur in the name or the tax ID, ignoring case and accents.
    pub search: String,
    /// Only companies of this customer group.
    pub group: Option<GroupId>,
    /// Only companies of this sales rep.
    pub sales_rep: Option<StaffId>,
    /// Only active (`Some(true)`) or inactive (`Some(false)`) companies.
    pub active: Option<bool>,
}

/// Where a page continues: the sort value of the last row, and its id.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CompanyCursor {
    /// The sort it belongs to.
    pub sort: CompanySort,
    /// The sort column's value of the last row.
    pub key: String,
    /// Breaks ties.
    pub id: CompanyId,
}

/// One page of the list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompanyListRequest {
    /// Sort, search and filters.
    pub query: CompanyQuery,
    /// `None` for the first page.
    pub after: Option<CompanyCursor>,
    /// Wanted page size; clamped to 1..=[`MAX_COMPANY_PAGE_SIZE`].
    pub limit: u32,
}

impl CompanyListRequest {
    /// The page size actually used.
    pub fn page_size(&self) -> u32 {
        self.limit.clamp(1, MAX_COMPANY_PAGE_SIZE)
    }
}

/// A page of companies.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompanyPage {
    /// In list order.
    pub items: Vec<CompanyRow>,
    /// `Some` when more follow.
    pub next: Option<CompanyCursor>,
}

/// What the company form offers to choose from: every customer group and every
/// active staff member with the Sales rep role, by name.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompanyChoices {
    /// Customer groups.
    pub groups: Vec<GroupLink>,
    /// Sales reps.
    pub sales_reps: Vec<StaffLink>,
}

/// Saving an edited company at the version its form opened.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompanyUpdate {
    /// Which company.
    pub id: CompanyId,
    /// The version the form opened at.
    pub version: i64,
    /// The form as the person left it.
    pub input: CompanyInput,
}
