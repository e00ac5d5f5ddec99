use async_trait::async_trait;
use chrono::{DateTime, Utc};
use desk_domain::audit::AuditEntry;
use desk_domain::company::CompaniesUsing;
use desk_domain::customer::CustomerId;
use desk_domain::customer_group::{
    CustomerGroup, GroupCursor, GroupDetails, GroupId, GroupLink, GroupPage, GroupQuery,
};
use desk_domain::customer_list::{CustomerCursor, CustomerPage, CustomerQuery};
use desk_domain::staff::StaffId;

use crate::{Effects, StoreError};

/// How a customer's assignment changed, for the audit entry the store writes about
/// each customer it actually added or removed (only the transaction knows which).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Membership {
    /// Assigned to the group.
    Added,
    /// Unassigned from it.
    Removed,
}

/// Writes the audit entry about one customer's assignment.
pub type MembershipEntry = dyn Fn(CustomerId, Membership) -> AuditEntry + Send + Sync;

/// Changes to a group's customers, applied in one transaction.
#[derive(Debug, Clone, Copy, Default)]
pub struct MemberChanges<'a> {
    /// Customers to assign (erased ones and those assigned already are skipped).
    pub add: &'a [CustomerId],
    /// Every result of these queries but the listed customers, to assign.
    pub add_all_of: &'a [(CustomerQuery, Vec<CustomerId>)],
    /// Customers to unassign.
    pub remove: &'a [CustomerId],
    /// Unassigns everyone assigned at or before this version of the group (the
    /// version the form opened at): "De-select all".
    pub remove_all_up_to: Option<i64>,
}

/// What a save did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupWrite {
    /// The group as stored now.
    pub group: CustomerGroup,
    /// Customers newly assigned.
    pub added: u64,
    /// Customers unassigned.
    pub removed: u64,
}

/// Which groups a reader sees.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupsSeen {
    /// Every group.
    All,
    /// The groups of the companies this sales rep has.
    OfSalesRep(StaffId),
}

/// What deleting a group came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GroupDeletion {
    /// It and its assignments are gone.
    Deleted,
    /// There was no such group.
    NotFound,
    /// Companies use it, so it stays (nothing changed).
    UsedBy(CompaniesUsing),
}

/// Customer groups and who is in them.
#[async_trait]
pub trait GroupStore: Send + Sync + std::fmt::Debug {
    /// One page of the groups `seen` covers in `query`'s order, after `after`.
    async fn list_groups(
        &self,
        query: &GroupQuery,
        after: Option<&GroupCursor>,
        page_size: u32,
        seen: GroupsSeen,
    ) -> Result<GroupPage, StoreError>;

    /// Group `id`, if there is one and `seen` covers it.
    async fn group_by_id(
        &self,
        id: GroupId,
        seen: GroupsSeen,
    ) -> Result<Option<CustomerGroup>, StoreError>;

    /// Adds group `id` with `details` and its first customers, in one transaction
    /// with `effects` and an entry per customer assigned. A name in use (ignoring
    /// case) is [`StoreError::Duplicate`].
    async fn insert_group(
        &self,
        id: GroupId,
        details: &GroupDetails,
        changes: MemberChanges<'_>,
        at: DateTime<Utc>,
        effects: &Effects,
        entry: &MembershipEntry,
    ) -> Result<GroupWrite, StoreError>;

    /// Saves group `id`: new `details` (when `Some`, only if the group is still at
    /// `version`; another version is [`StoreError::VersionChanged`]) and `changes` to
    /// its customers (which merge with any save between), raising its version, in one
    /// transaction with `effects` and an entry per customer added or removed.
    #[allow(clippy::too_many_arguments)]
    async fn update_group(
        &self,
        id: GroupId,
        version: i64,
        details: Option<&GroupDetails>,
        changes: MemberChanges<'_>,
        at: DateTime<Utc>,
        effects: &Effects,
        entry: &MembershipEntry,
    ) -> Result<GroupWrite, StoreError>;

    /// Deletes group `id` and its assignments (an entry per customer unassigned),
    /// unless a company uses it (then naming up to `companies_named` of them).
    async fn delete_group(
        &self,
        id: GroupId,
        companies_named: u32,
        effects: &Effects,
        entry: &MembershipEntry,
    ) -> Result<GroupDeletion, StoreError>;

    /// One page of group `id`'s customers, by last name, after `after`.
    async fn group_members(
        &self,
        id: GroupId,
        after: Option<&CustomerCursor>,
        page_size: u32,
    ) -> Result<CustomerPage, StoreError>;

    /// The groups customer `id` is in, by name.
    async fn groups_of(&self, id: CustomerId) -> Result<Vec<GroupLink>, StoreError>;

    /// The groups of each of `ids` (a page of the list), by name: one query.
    async fn groups_of_each(
        &self,
        ids: &[CustomerId],
    ) -> Result<Vec<(CustomerId, GroupLink)>, StoreError>;
}
