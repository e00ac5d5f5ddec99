use async_trait::async_trait;
use chrono::{DateTime, Utc};
use desk_domain::company::CompanyId;
use desk_domain::company_invitation::{InvitationId, InvitationPage, InviteeConflict};
use desk_domain::company_role::CompanyRoleId;
use desk_domain::customer::CustomerId;
use desk_domain::link_token::LinkPurpose;

use crate::{Effects, NewCustomerRecord, StoreError};

/// An invitation to keep. Its link token goes in the same transaction's effects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewInvitation {
    /// Its id (the link token's record).
    pub id: InvitationId,
    /// To which company.
    pub company: CompanyId,
    /// The address as listed.
    pub email: String,
    /// The address lower-cased: one pending invitation per key and company.
    pub email_key: String,
    /// The role they join with.
    pub role: CompanyRoleId,
    /// Its name now (kept with the invitation).
    pub role_name: String,
    /// The link's token hash and the link itself.
    pub link: InvitationLink,
    /// Who sent it, by name.
    pub invited_by_name: String,
}

/// An invitation's current registration link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvitationLink {
    /// SHA-256 of its token (as `link_tokens` keeps it).
    pub token_hash: String,
    /// The whole link, for staff to copy.
    pub url: String,
    /// When it was sent.
    pub sent_at: DateTime<Utc>,
    /// When it stops working.
    pub expires_at: DateTime<Utc>,
}

/// An invitation as stored, for the use cases that change it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredInvitation {
    /// Its id.
    pub id: InvitationId,
    /// Its company.
    pub company: CompanyId,
    /// The invited address.
    pub email: String,
    /// The role they join with (`None` only after it ended and the role was removed).
    pub role: Option<CompanyRoleId>,
    /// `pending`, `accepted` or `revoked`.
    pub status: String,
    /// Its current link's token hash.
    pub token_hash: String,
    /// When that link stops working.
    pub expires_at: DateTime<Utc>,
}

/// A link token looked up for accepting an invitation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvitationToken {
    /// Its purpose: only `invitation` tokens are accepted.
    pub purpose: LinkPurpose,
    /// Whether it was used (or voided).
    pub used: bool,
    /// The invitation it names, for an invitation token whose invitation exists.
    pub invitation: Option<StoredInvitation>,
}

/// Invitations to join companies.
#[async_trait]
pub trait CompanyInvitationStore: Send + Sync + std::fmt::Debug {
    /// A page of `company`'s invitations, newest first, older than `before`, with
    /// each status as at `now`; their links only `with_links` (on Postgres only
    /// administrators and support agents may read them).
    async fn invitations(
        &self,
        company: CompanyId,
        before: Option<InvitationId>,
        limit: u32,
        now: DateTime<Utc>,
        with_links: bool,
    ) -> Result<InvitationPage, StoreError>;

    /// Which of the lower-cased addresses `email_keys` are members of `company`
    /// already, or pending invitees (one query per 500).
    async fn invitee_conflicts(
        &self,
        company: CompanyId,
        email_keys: &[String],
        now: DateTime<Utc>,
    ) -> Result<Vec<(String, InviteeConflict)>, StoreError>;

    /// Keeps `invitations` with `effects` (their links and emails) in one
    /// transaction. A second pending invitation of an address is
    /// [`StoreError::Duplicate`] (`PendingInvitation`), and nothing is kept.
    async fn insert_invitations(
        &self,
        invitations: &[NewInvitation],
        effects: &Effects,
    ) -> Result<(), StoreError>;

    /// Invitation `id` of `company`.
    async fn invitation(
        &self,
        company: CompanyId,
        id: InvitationId,
    ) -> Result<Option<StoredInvitation>, StoreError>;

    /// What the link token whose hash is `token_hash` is, if it exists.
    async fn invitation_by_token(
        &self,
        token_hash: &str,
    ) -> Result<Option<InvitationToken>, StoreError>;

    /// Gives pending invitation `id` a new link (the old one stops working), with
    /// `effects`; `false` when it is no longer pending.
    async fn replace_invitation_link(
        &self,
        id: InvitationId,
        link: &InvitationLink,
        invited_by_name: &str,
        effects: &Effects,
    ) -> Result<bool, StoreError>;

    /// Revokes pending invitation `id` at `at` (its link stops working), with
    /// `effects`; `false` when it is no longer pending.
    async fn revoke_invitation(
        &self,
        id: InvitationId,
        at: DateTime<Utc>,
        effects: &Effects,
    ) -> Result<bool, StoreError>;

    /// Accepts invitation `id` with the link whose hash is `token_hash`, in one
    /// transaction with `effects`: adds `register` (verified) when the invitee is new,
    /// uses the link, makes `customer` a member with the invited role (a member
    /// already keeps their state) and marks the invitation accepted. `false` when
    /// the link was used or the invitation left pending meanwhile (nothing changes,
    /// nobody is registered). A taken customer number is [`StoreError::Duplicate`].
    async fn complete_invitation(
        &self,
        id: InvitationId,
        token_hash: &str,
        customer: CustomerId,
        register: Option<&NewCustomerRecord<'_>>,
        at: DateTime<Utc>,
        effects: &Effects,
    ) -> Result<bool, StoreError>;

    /// The customer whose lower-cased email is `email_key`.
    async fn customer_id_by_email(&self, email_key: &str)
    -> Result<Option<CustomerId>, StoreError>;
}
