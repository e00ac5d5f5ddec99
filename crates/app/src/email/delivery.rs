//! Delivery: the background task that takes due messages from the outbox, sends them
//! and records the result. A message is claimed in a committed transaction before it
//! is sent and settled after, so a crash in between sends it at most once more, with
//! the same `Message-ID` (at-least-once). Claims skip rows another desktop holds, so
//! several desktops on one shared store never send the same message in normal
//! operation. The task never holds up a command: it runs on its own, and a slow or
//! dead server only delays mail.

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use desk_domain::Sensitive;
use desk_domain::email_settings::EmailSettings;
use desk_store::{ClaimedMessage, Store, StoreError};

use super::mailer::Mailer;
use super::send_failure::SendFailure;

/// How delivery paces itself.
#[derive(Debug, Clone)]
pub struct DeliveryPolicy {
    /// How often an idle worker looks for due messages.
    pub poll_every: Duration,
    /// The wait after a first failed attempt; doubled after each further one.
    pub first_retry: Duration,
    /// The longest wait between attempts.
    pub longest_retry: Duration,
    /// Attempts before a message that keeps failing is given up as failed: with the
    /// waits above, about 14 hours of a server down or a login refused.
    pub attempts: u32,
    /// How long one message may take, from connecting to the server's last answer.
    pub send_timeout: Duration,
    /// A claim older than this was left by a worker that stopped (a crash, a killed
    /// app): the message is sent again. Longer than `send_timeout` with margin, so a
    /// working worker's claim is never taken over.
    pub stale_claim: Duration,
    /// Messages sent at once, each on its own connection. SMTP is a conversation of
    /// small writes, so one connection spends most of its time waiting on the network
    /// (about 45 ms a message on loopback); a few at once multiply throughput.
    pub parallel: usize,
    /// Messages one pass sends at most before the settings and the open store are read
    /// again, so a change of server or profile applies during a long queue too.
    pub pass_limit: u32,
}

impl Default for DeliveryPolicy {
    fn default() -> Self {
        Self {
            poll_every: Duration::from_secs(2),
            first_retry: Duration::from_secs(30),
            longest_retry: Duration::from_secs(60 * 60),
            attempts: 20,
            send_timeout: Duration::from_secs(20),
            stale_claim: Duration::from_secs(60),
            parallel: 4,
            pass_limit: 100,
        }
    }
}

impl DeliveryPolicy {
    /// The wait after failed attempt number `attempt` (1 for the first): doubling from
    /// `first_retry`, at most `longest_retry`.
    pub fn retry_delay(&self, attempt: u32) -> Duration {
        let doublings = attempt.saturating_sub(1).min(31);
        self.first_retry
            .saturating_mul(1 << doublings)
            .min(self.longest_retry)
    }
}

/// What a desktop delivers with: the open store, and this desktop's SMTP password.
#[async_trait]
pub trait MailSource: Send + Sync + std::fmt::Debug + 'static {
    /// The store to deliver from; `None` while there is none (a shared store nobody
    /// has signed in to).
    async fn store(&self) -> Option<Arc<dyn Store>>;
    /// The SMTP password saved on this desktop for `settings`, if any.
    async fn smtp_password(&self, settings: &EmailSettings) -> Option<Sensitive<String>>;
}

/// What one pass over the due messages did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DeliveryTally {
    /// Accepted by the server.
    pub sent: u32,
    /// Failed this time, to be tried again.
    pub retrying: u32,
    /// Failed for good.
    pub failed: u32,
}

/// The store's clock: a shared store's server time, so desktops with skewed clocks
/// agree on what is due and what is stale; this computer's otherwise.
async fn store_now(store: &dyn Store) -> Result<DateTime<Utc>, StoreError> {
    Ok(store.database_now().await?.unwrap_or_else(Utc::now))
}

/// Sends `claimed` and records the result.
pub async fn deliver_claimed(
    store: &dyn Store,
    mailer: &Mailer,
    policy: &DeliveryPolicy,
    claimed: &ClaimedMessage,
) -> Result<Result<(), SendFailure>, StoreError> {
    let result = mailer.send(&claimed.message).await;
    let now = store_now(store).await?;
    match &result {
        Ok(()) => {
            let settled = store
                .record_sent(claimed.message.id, claimed.attempt, now)
                .await?;
            if !settled {
                tracing::warn!(id = %claimed.message.id, "sent after its claim was taken over");
            }
        }
        Err(failure) => {
            let retry_at = (failure.retry && claimed.attempt < policy.attempts)
                .then(|| now + policy.retry_delay(claimed.attempt));
            let reason = match retry_at {
                Some(_) => format!(
                    "Attempt {} of {}: {}",
                    claimed.attempt, policy.attempts, failure.reason
                ),
                None if failure.retry && claimed.attempt > 1 => format!(
                    "Gave up after {} attempts: {}",
                    claimed.attempt, failure.reason
                ),
                None => failure.reason.clone(),
            };
            // A late result (the claim was taken over meanwhile) changes nothing.
            store
                .record_failed_attempt(claimed.message.id, claimed.attempt, &reason, retry_at)
                .await?;
        }
    }
    Ok(result)
}

/// Sends the messages due now, `policy.parallel` at a time (each lane claims its next
/// message when it has settled the last), until none is left or `policy.pass_limit`
/// were claimed.
pub async fn deliver_due(
    store: &dyn Store,
    mailer: &Mailer,
    policy: &DeliveryPolicy,
) -> Result<DeliveryTally, StoreError> {
    let claimed = AtomicU32::new(0);
    let lanes = (0..policy.parallel.max(1)).map(|_| lane(store, mailer, policy, &claimed));
    let mut tally = DeliveryTally::default();
    for lane in futures_util::future::join_all(lanes).await {
        let lane = lane?;
        tally.sent += lane.sent;
        tally.retrying += lane.retrying;
        tally.failed += lane.failed;
    }
    Ok(tally)
}

/// One lane of [`deliver_due`]: claim, send, record, until nothing is due.
async fn lane(
    store: &dyn Store,
    mailer: &Mailer,
    policy: &DeliveryPolicy,
    claimed_so_far: &AtomicU32,
) -> Result<DeliveryTally, StoreError> {
    let mut tally = DeliveryTally::default();
    loop {
        if claimed_so_far.fetch_add(1, Ordering::Relaxed) >= policy.pass_limit {
            return Ok(tally);
        }
        let now = store_now(store).await?;
        let stale_before = now - policy.stale_claim;
        let Some(claimed) = store.claim_next_message(now, stale_before).await? else {
            return Ok(tally);
        };
        match deliver_claimed(store, mailer, policy, &claimed).await? {
            Ok(()) => tally.sent += 1,
            Err(failure) if failure.retry && claimed.attempt < policy.attempts => {
                tally.retrying += 1;
            }
            Err(_) => tally.failed += 1,
        }
    }
}

/// The background delivery task; stops when dropped.
#[derive(Debug)]
pub struct DeliveryWorker {
    task: tokio::task::JoinHandle<()>,
}

impl DeliveryWorker {
    /// Starts delivering from `source` on the current tokio runtime.
    pub fn spawn(source: Arc<dyn MailSource>, policy: DeliveryPolicy) -> Self {
        Self {
            task: tokio::spawn(run(source, policy)),
        }
    }
}

impl Drop for DeliveryWorker {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// A mailer kept while the settings and password stay the same, so its connection
/// is reused from message to message.
#[derive(Debug, Default)]
struct MailerCache {
    key: Option<(EmailSettings, Option<Sensitive<String>>)>,
    mailer: Option<Arc<Mailer>>,
}

async fn run(source: Arc<dyn MailSource>, policy: DeliveryPolicy) {
    let mut cache = MailerCache::default();
    let mut last_problem: Option<String> = None;
    loop {
        let mut full_pass = false;
        let problem = match one_pass(source.as_ref(), &policy, &mut cache).await {
            Ok(tally) => {
                if tally != DeliveryTally::default() {
                    tracing::info!(?tally, "outbox delivery");
                }
                full_pass = tally.sent + tally.retrying + tally.failed >= policy.pass_limit;
                None
            }
            Err(problem) => Some(problem),
        };
        // Say each new problem once, not every poll.
        if problem != last_problem
            && let Some(problem) = &problem
        {
            tracing::warn!("outbox delivery paused: {problem}");
        }
        let pause = if problem.is_some() {
            policy.poll_every.saturating_mul(5)
        } else if full_pass {
            // More may be due: go on at once, with the settings read afresh.
            Duration::ZERO
        } else {
            policy.poll_every
        };
        last_problem = problem;
        tokio::time::sleep(pause).await;
    }
}

/// One look at the outbox: delivers what is due, if this desktop can.
async fn one_pass(
    source: &dyn MailSource,
    policy: &DeliveryPolicy,
    cache: &mut MailerCache,
) -> Result<DeliveryTally, String> {
    let Some(store) = source.store().await else {
        return Ok(DeliveryTally::default());
    };
    let settings = store
        .email_settings()
        .await
        .map_err(|error| format!("reading the email settings: {error}"))?;
    let Some(settings) = settings else {
        return Ok(DeliveryTally::default());
    };
    let password = match settings.login {
        Some(_) => Some(
            source
                .smtp_password(&settings)
                .await
                .ok_or_else(|| SendFailure::password_missing(&settings).reason)?,
        ),
        None => None,
    };
    let key = (settings, password);
    let mailer = match (&cache.key, &cache.mailer) {
        (Some(cached), Some(mailer)) if *cached == key => mailer.clone(),
        _ => {
            let mailer = Arc::new(
                Mailer::new(&key.0, key.1.as_ref(), policy.send_timeout)
                    .map_err(|failure| failure.reason)?,
            );
            cache.key = Some(key);
            cache.mailer = Some(mailer.clone());
            mailer
        }
    };
    deliver_due(store.as_ref(), &mailer, policy)
        .await
        .map_err(|error| format!("the outbox could not be read or updated: {error}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_back_off_by_doubling_up_to_the_longest_wait() {
        let policy = DeliveryPolicy::default();
        let waits: Vec<u64> = (1..=9)
            .map(|attempt| policy.retry_delay(attempt).as_secs())
            .collect();
        assert_eq!(waits, [30, 60, 120, 240, 480, 960, 1920, 3600, 3600]);
        let total: u64 = (1..policy.attempts)
            .map(|attempt| policy.retry_delay(attempt).as_secs())
            .sum();
        assert!(
            total > 12 * 3600,
            "an outage of half a day loses nothing: {total} s"
        );
        assert_eq!(policy.retry_delay(u32::MAX).as_secs(), 3600);
    }

    #[test]
    fn a_working_claim_is_never_taken_for_a_stale_one() {
        let policy = DeliveryPolicy::default();
        assert!(policy.stale_claim >= policy.send_timeout * 2);
    }
}
