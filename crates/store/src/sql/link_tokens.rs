use async_trait::async_trait;
use chrono::{DateTime, Utc};
use desk_domain::link_token::{LinkPurpose, RedeemRefusal};

use super::apply_effects;
use crate::backend::{SqlStore, Statement};
use crate::{Backend, Effects, LinkTokenStore, NewLinkToken, RedeemedLink, StoreError};

#[async_trait]
impl<DB: Backend> LinkTokenStore for SqlStore<DB> {
    async fn insert_link_token(
        &self,
        token: &NewLinkToken,
        effects: &Effects,
    ) -> Result<(), StoreError> {
        let mut tx = DB::begin_write(&self.pool).await?;
        insert::<DB>(&mut tx, token).await?;
        apply_effects::<DB>(&mut tx, effects).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn redeem_link_token(
        &self,
        token_hash: &str,
        purpose: LinkPurpose,
        now: DateTime<Utc>,
    ) -> Result<Result<RedeemedLink, RedeemRefusal>, StoreError> {
        let mut tx = DB::begin_write(&self.pool).await?;
        // One statement checks and uses the token: two redeemers at once are
        // serialized by the row, and the second finds it used.
        let sql = format!(
            "UPDATE link_tokens SET used_at = $1 \
             WHERE token_hash = $2 AND purpose = $3 AND used_at IS NULL AND {} > {} \
             RETURNING record_type, record_id",
            DB::instant("expires_at"),
            DB::instant("$1"),
        );
        let used = Statement::<DB>::new(&sql)
            .time(now)
            .text(token_hash)
            .text(purpose.code())
            .fetch_optional(&mut tx)
            .await?;
        if let Some(row) = used {
            let redeemed = RedeemedLink {
                record_type: DB::text(&row, "record_type")?,
                record_id: DB::text(&row, "record_id")?,
            };
            tx.commit().await?;
            return Ok(Ok(redeemed));
        }
        // Refused: say why, in the order a person can act on.
        let found = Statement::<DB>::new(
            "SELECT purpose, used_at, expires_at FROM link_tokens WHERE token_hash = $1",
        )
        .text(token_hash)
        .fetch_optional(&mut tx)
        .await?;
        let refusal = match found {
            None => RedeemRefusal::Unknown,
            Some(row) if DB::text(&row, "purpose")? != purpose.code() => {
                RedeemRefusal::WrongPurpose
            }
            Some(row) if DB::optional_time(&row, "used_at")?.is_some() => RedeemRefusal::Used,
            Some(_) => RedeemRefusal::Expired,
        };
        Ok(Err(refusal))
    }
}

/// Stores `token` on `connection`, inside the caller's transaction.
pub(crate) async fn insert<DB: Backend>(
    connection: &mut DB::Connection,
    token: &NewLinkToken,
) -> Result<(), StoreError> {
    Statement::<DB>::new(
        "INSERT INTO link_tokens \
               (token_hash, purpose, record_type, record_id, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .text(&token.token_hash)
    .text(token.purpose.code())
    .text(&token.record_type)
    .text(&token.record_id)
    .time(token.created_at)
    .time(token.expires_at)
    .execute(connection)
    .await?;
    Ok(())
}
