use async_trait::async_trait;
use chrono::{DateTime, Utc};
use desk_domain::link_token::{LinkPurpose, RedeemRefusal};

use crate::{Effects, StoreError};

/// A link token to keep: its hash (never the token), and what it opens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewLinkToken {
    /// SHA-256 of the token, lower-case hex.
    pub token_hash: String,
    /// What it is for.
    pub purpose: LinkPurpose,
    /// The kind of record it concerns ("customer", "invitation").
    pub record_type: String,
    /// That record's id.
    pub record_id: String,
    /// When it was issued.
    pub created_at: DateTime<Utc>,
    /// When it stops working.
    pub expires_at: DateTime<Utc>,
}

/// What a redeemed link opens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RedeemedLink {
    /// The kind of record.
    pub record_type: String,
    /// Its id.
    pub record_id: String,
}

/// Signed links' tokens.
#[async_trait]
pub trait LinkTokenStore: Send + Sync + std::fmt::Debug {
    /// Keeps a token, with `effects`, in one transaction.
    async fn insert_link_token(
        &self,
        token: &NewLinkToken,
        effects: &Effects,
    ) -> Result<(), StoreError>;

    /// Uses the token whose hash is `token_hash` for `purpose` at `now`, once: of any
    /// number of attempts at once, one succeeds. A refusal says why.
    async fn redeem_link_token(
        &self,
        token_hash: &str,
        purpose: LinkPurpose,
        now: DateTime<Utc>,
    ) -> Result<Result<RedeemedLink, RedeemRefusal>, StoreError>;
}
