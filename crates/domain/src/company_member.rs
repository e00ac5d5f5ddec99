//! A company's members (seed 004): customers who belong to it, each with company
//! roles, active or deactivated; one of them may be the contact person.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::company::CompanyId;
use crate::company_role::{CompanyRole, CompanyRoleId, EffectivePolicy};
use crate::customer::CustomerId;

/// The most members one "Add members" adds.
pub const MAX_MEMBERS_PER_ADD: usize = 500;
/// The most members a page holds.
pub const MAX_MEMBER_PAGE_SIZE: u32 = 200;

/// Form field names of the member screens.
pub mod fields {
    /// The customers to add.
    pub const CUSTOMERS: &str = "customers";
    /// A member's roles.
    pub const ROLES: &str = "roles";
    /// The contact person.
    pub const CONTACT: &str = "contact";
}

/// A company role as a member's row names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleLink {
    /// The role.
    pub id: CompanyRoleId,
    /// Its name.
    pub name: String,
}

/// A member as the Members tab shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompanyMember {
    /// The customer.
    pub customer: CustomerId,
    /// Their first name.
    pub first_name: String,
    /// Their last name.
    pub last_name: String,
    /// Their email.
    pub email: String,
    /// Their phone, E.164.
    pub phone: Option<String>,
    /// Their locale.
    pub locale: Option<String>,
    /// Whether they may act for the company (a deactivated member stays listed).
    pub active: bool,
    /// Whether they are the company's contact person.
    pub contact: bool,
    /// Their company roles, by name.
    pub roles: Vec<RoleLink>,
    /// When they joined.
    pub added_at: DateTime<Utc>,
}

impl CompanyMember {
    /// "Ada Lovelace".
    pub fn name(&self) -> String {
        format!("{} {}", self.first_name, self.last_name)
    }
}

/// Where a page of members continues: the last row's name keys and id.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct MemberCursor {
    /// Last name and first name collation keys of the last row.
    pub keys: Vec<String>,
    /// Breaks ties.
    pub customer: CustomerId,
}

/// One page of a company's members, by last name.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MembersRequest {
    /// Whose.
    pub company: CompanyId,
    /// `None` for the first page.
    pub after: Option<MemberCursor>,
    /// Wanted page size.
    pub limit: u32,
}

/// A page of members.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberPage {
    /// By last name.
    pub items: Vec<CompanyMember>,
    /// `Some` when more follow.
    pub next: Option<MemberCursor>,
}

/// "Add members": existing customers, each with the same roles.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddMembers {
    /// To which company.
    pub company: CompanyId,
    /// Who (at most [`MAX_MEMBERS_PER_ADD`]).
    pub customers: Vec<CustomerId>,
    /// Their roles (at least one).
    pub roles: Vec<CompanyRoleId>,
}

/// What adding members did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MembersAdded {
    /// Newly members.
    pub added: u64,
    /// Members already, left as they were.
    pub already: u64,
}

/// A change to one member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum MemberChange {
    /// Their roles become these (at least one).
    Roles(Vec<CompanyRoleId>),
    /// Deactivate (`false`) or activate again.
    Active(bool),
    /// No longer a member (refused for the contact person).
    Remove,
    /// They become the company's contact person.
    MakeContact,
}

impl Default for MemberChange {
    fn default() -> Self {
        Self::Active(true)
    }
}

/// A change to one member of one company.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberUpdate {
    /// Which company.
    pub company: CompanyId,
    /// Which member.
    pub customer: CustomerId,
    /// What changes.
    pub change: MemberChange,
}

/// A member's effective policies, and the roles there are.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberPolicies {
    /// Per policy granted, the widest reach and where it comes from.
    pub effective: Vec<EffectivePolicy>,
    /// Every company role, for the role choices.
    pub roles: Vec<CompanyRole>,
}

/// Which member's policies.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberRef {
    /// Which company.
    pub company: CompanyId,
    /// Which member.
    pub customer: CustomerId,
}
