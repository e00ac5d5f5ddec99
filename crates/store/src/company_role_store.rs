use async_trait::async_trait;
use chrono::{DateTime, Utc};
use desk_domain::company_role::CompanyRoleId;
use desk_domain::company_role_form::CompanyRoleDraft;

use crate::{Effects, StoreError};

/// What a change to a company role came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoleWrite {
    /// Done.
    Done,
    /// No such role.
    NotFound,
    /// A built-in role, which stays as shipped.
    BuiltIn,
    /// Members hold it or invitations name it (counts, for the message).
    InUse {
        /// Memberships with the role.
        members: u64,
        /// Pending invitations with the role (ended ones keep its name).
        invitations: u64,
    },
}

/// Company roles administrators define (the built-in ones are read with
/// `CompanyMemberStore::company_roles`).
#[async_trait]
pub trait CompanyRoleStore: Send + Sync + std::fmt::Debug {
    /// Adds role `id` as `draft`, with `effects`. A name taken (ignoring case) is
    /// [`StoreError::Duplicate`] (`RoleName`).
    async fn insert_company_role(
        &self,
        id: CompanyRoleId,
        draft: &CompanyRoleDraft,
        at: DateTime<Utc>,
        effects: &Effects,
    ) -> Result<(), StoreError>;

    /// Saves `draft` over custom role `id` (its grants replaced), with `effects`.
    async fn update_company_role(
        &self,
        id: CompanyRoleId,
        draft: &CompanyRoleDraft,
        effects: &Effects,
    ) -> Result<RoleWrite, StoreError>;

    /// Removes custom role `id`, unless members hold it or pending invitations name
    /// it (ended invitations keep its name).
    async fn delete_company_role(
        &self,
        id: CompanyRoleId,
        effects: &Effects,
    ) -> Result<RoleWrite, StoreError>;
}
