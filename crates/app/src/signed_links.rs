//! One token mechanism for every signed link (verification, set-password, invitation):
//! 32 random bytes from the OS, sent only in the link; the store keeps their SHA-256,
//! the purpose, the record and an expiry; redeeming uses a token once.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Duration, Utc};
use desk_domain::link_token::{LinkPurpose, RedeemRefusal};
use desk_domain::{DeskError, Sensitive};
use desk_store::{NewLinkToken, RedeemedLink, Store};
use sha2::{Digest, Sha256};

use crate::internal_error;

/// A link just issued: the token (for the link, never stored) and what the store keeps.
#[derive(Debug)]
pub struct IssuedLink {
    /// URL-safe base64 of 32 random bytes.
    pub token: Sensitive<String>,
    /// Its hash and what it opens, for `LinkTokenStore::insert_link_token`.
    pub record: NewLinkToken,
}

/// Issues a token for `purpose` on the record `record_type`/`record_id`, valid for
/// `lifetime` from `now`.
pub fn issue(
    purpose: LinkPurpose,
    record_type: &str,
    record_id: &str,
    lifetime: Duration,
    now: DateTime<Utc>,
) -> IssuedLink {
    let mut bytes = [0u8; 32];
    argon2::password_hash::rand_core::RngCore::fill_bytes(
        &mut argon2::password_hash::rand_core::OsRng,
        &mut bytes,
    );
    let token = URL_SAFE_NO_PAD.encode(bytes);
    IssuedLink {
        record: NewLinkToken {
            token_hash: token_hash(&token),
            purpose,
            record_type: record_type.to_owned(),
            record_id: record_id.to_owned(),
            created_at: now,
            expires_at: now + lifetime,
        },
        token: Sensitive::new(token),
    }
}

/// The link a storefront at `storefront_url` redeems: `<url>/links/<purpose>?token=…`.
pub fn link_url(storefront_url: &str, purpose: LinkPurpose, token: &Sensitive<String>) -> String {
    format!(
        "{}/links/{}?token={}",
        storefront_url.trim_end_matches('/'),
        purpose.code(),
        token.expose()
    )
}

/// Uses `token` for `purpose` at `now`: what it opens, or why not.
pub async fn redeem(
    store: &dyn Store,
    token: &str,
    purpose: LinkPurpose,
    now: DateTime<Utc>,
) -> Result<Result<RedeemedLink, RedeemRefusal>, DeskError> {
    store
        .redeem_link_token(&token_hash(token.trim()), purpose, now)
        .await
        .map_err(|error| internal_error("redeeming a link", &error))
}

/// SHA-256 of the token, lower-case hex: a token has 256 random bits, so a fast hash
/// is enough (nothing to guess), and a leaked table opens nothing.
pub fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_url_safe_and_only_their_hash_is_kept() {
        let now = Utc::now();
        let first = issue(
            LinkPurpose::Verification,
            "customer",
            "c1",
            Duration::days(3),
            now,
        );
        let second = issue(
            LinkPurpose::Verification,
            "customer",
            "c1",
            Duration::days(3),
            now,
        );
        assert_ne!(first.token, second.token);
        assert_eq!(first.token.expose().len(), 43, "32 bytes, unpadded base64");
        assert!(
            first
                .token
                .expose()
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        );
        assert_ne!(&first.record.token_hash, first.token.expose());
        assert_eq!(first.record.token_hash.len(), 64);
        assert_eq!(first.record.expires_at, now + Duration::days(3));
        assert_eq!(
            link_url(
                "https://shop.example.com/",
                LinkPurpose::SetPassword,
                &first.token
            ),
            format!(
                "https://shop.example.com/links/set_password?token={}",
                first.token.expose()
            )
        );
    }
}
