use async_trait::async_trait;
use chrono::{DateTime, Utc};
use desk_domain::company::CompanyId;
use desk_domain::company_member::{MemberChange, MemberCursor, MemberPage, MembersAdded};
use desk_domain::company_role::{CompanyRole, CompanyRoleId};
use desk_domain::customer::CustomerId;

use crate::{Effects, StoreError};

/// Why a member change was refused by the contact person rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContactRule {
    /// The person to make contact is not a member.
    NotAMember,
    /// The member to remove is the contact person.
    IsContact,
}

/// What a member change came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MemberWrite {
    /// Done.
    Done,
    /// No such member of that company.
    NoSuchMember,
    /// The contact person rule refused it (nothing changed).
    Refused(ContactRule),
}

/// A company's members, their company roles, and its contact person.
#[async_trait]
pub trait CompanyMemberStore: Send + Sync + std::fmt::Debug {
    /// One page of `company`'s members by last name, first name, after `after`.
    async fn members(
        &self,
        company: CompanyId,
        after: Option<&MemberCursor>,
        page_size: u32,
    ) -> Result<MemberPage, StoreError>;

    /// Makes `customers` members of `company` with `roles`, in one transaction with
    /// `effects`; customers already members stay as they are. A customer or role that
    /// does not exist is [`StoreError::NotFound`].
    async fn add_members(
        &self,
        company: CompanyId,
        customers: &[CustomerId],
        roles: &[CompanyRoleId],
        at: DateTime<Utc>,
        effects: &Effects,
    ) -> Result<MembersAdded, StoreError>;

    /// Applies `change` to `customer`'s membership of `company`, with `effects`.
    async fn change_member(
        &self,
        company: CompanyId,
        customer: CustomerId,
        change: &MemberChange,
        at: DateTime<Utc>,
        effects: &Effects,
    ) -> Result<MemberWrite, StoreError>;

    /// Every company role with its grants, built-in ones first, then by name.
    async fn company_roles(&self) -> Result<Vec<CompanyRole>, StoreError>;

    /// Which of `customers` are members of `company` already (one query per 500).
    async fn members_among(
        &self,
        company: CompanyId,
        customers: &[CustomerId],
    ) -> Result<Vec<CustomerId>, StoreError>;

    /// The roles `customer` has in `company` (empty when not a member).
    async fn member_roles(
        &self,
        company: CompanyId,
        customer: CustomerId,
    ) -> Result<Vec<CompanyRoleId>, StoreError>;
}
