//! Signed links on both backends: a token opens its record once, for its purpose,
//! before its expiry; each refusal is told apart; of many redeemers at once, one wins.

use std::sync::Arc;

use chrono::{Duration, SubsecRound, Utc};
use desk_app::signed_links::{self, IssuedLink};
use desk_domain::link_token::{LinkPurpose, RedeemRefusal};
use desk_store::{Effects, RedeemedLink, Store};

use crate::concurrency::race;

async fn issued(store: &dyn Store, purpose: LinkPurpose, lifetime: Duration) -> IssuedLink {
    let link = signed_links::issue(
        purpose,
        "customer",
        "cust-42",
        lifetime,
        Utc::now().trunc_subsecs(6),
    );
    store
        .insert_link_token(&link.record, &Effects::default())
        .await
        .expect("keeps the token");
    link
}

pub async fn a_link_opens_its_record_once_and_each_refusal_says_why(store: Arc<dyn Store>) {
    let store = store.as_ref();
    let now = Utc::now().trunc_subsecs(6);
    let link = issued(store, LinkPurpose::Verification, Duration::days(3)).await;
    let token = link.token.expose();

    let wrong = signed_links::redeem(store, token, LinkPurpose::SetPassword, now)
        .await
        .expect("asks");
    assert_eq!(wrong, Err(RedeemRefusal::WrongPurpose));

    let opened = signed_links::redeem(store, token, LinkPurpose::Verification, now)
        .await
        .expect("asks");
    assert_eq!(
        opened,
        Ok(RedeemedLink {
            record_type: "customer".into(),
            record_id: "cust-42".into(),
        })
    );
    let again = signed_links::redeem(store, token, LinkPurpose::Verification, now)
        .await
        .expect("asks");
    assert_eq!(again, Err(RedeemRefusal::Used));

    let unknown = signed_links::redeem(store, "not-a-token", LinkPurpose::Verification, now)
        .await
        .expect("asks");
    assert_eq!(unknown, Err(RedeemRefusal::Unknown));

    let short = issued(store, LinkPurpose::SetPassword, Duration::hours(1)).await;
    let late = signed_links::redeem(
        store,
        short.token.expose(),
        LinkPurpose::SetPassword,
        now + Duration::hours(2),
    )
    .await
    .expect("asks");
    assert_eq!(late, Err(RedeemRefusal::Expired));
}

pub async fn sixteen_redeemers_at_once_open_a_link_once(store: Arc<dyn Store>) {
    let link = issued(store.as_ref(), LinkPurpose::Invitation, Duration::days(7)).await;
    let token = link.token.expose().clone();
    let now = Utc::now().trunc_subsecs(6);
    let results = race(|_| {
        let store = store.clone();
        let token = token.clone();
        async move {
            signed_links::redeem(store.as_ref(), &token, LinkPurpose::Invitation, now)
                .await
                .expect("asks")
        }
    })
    .await;
    let opened = results.iter().filter(|result| result.is_ok()).count();
    assert_eq!(opened, 1, "{results:?}");
    assert!(
        results
            .iter()
            .all(|result| matches!(result, Ok(_) | Err(RedeemRefusal::Used))),
        "{results:?}"
    );
}

contract!(
    a_link_opens_its_record_once_and_each_refusal_says_why,
    sixteen_redeemers_at_once_open_a_link_once,
);
