//! When repeated failed sign-ins lock an account. Pure: the time is passed in.

use chrono::{DateTime, Duration, Utc};
use desk_store::LockRule;

/// Failures in a row that lock an account, and for how long.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LockoutPolicy {
    /// Failures in a row that lock the account.
    pub max_failures: u32,
    /// How long a lock lasts.
    pub lock_for: Duration,
}

impl Default for LockoutPolicy {
    /// Five failures lock the account for five minutes.
    fn default() -> Self {
        Self {
            max_failures: 5,
            lock_for: Duration::minutes(5),
        }
    }
}

impl LockoutPolicy {
    /// Whether an account locked until `locked_until` is still locked at `now`.
    pub fn is_locked(&self, locked_until: Option<DateTime<Utc>>, now: DateTime<Utc>) -> bool {
        locked_until.is_some_and(|until| now < until)
    }

    /// The rule the store applies to a failure at `now`.
    pub fn rule_at(&self, now: DateTime<Utc>) -> LockRule {
        LockRule {
            max_failures: self.max_failures,
            lock_until: now + self.lock_for,
        }
    }
}

/// "Try again in 4 minutes (after 14:05 UTC)."
pub fn retry_hint(locked_until: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let seconds = (locked_until - now).num_seconds().max(1);
    let minutes = (seconds + 59) / 60;
    let unit = if minutes == 1 { "minute" } else { "minutes" };
    format!(
        "Try again in {minutes} {unit} (after {} UTC).",
        locked_until.format("%H:%M")
    )
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn at(minute: u32, second: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 22, 14, minute, second)
            .single()
            .expect("valid time")
    }

    #[test]
    fn five_failures_lock_for_five_minutes() {
        let policy = LockoutPolicy::default();
        let rule = policy.rule_at(at(0, 0));
        assert_eq!(rule.max_failures, 5);
        assert_eq!(rule.lock_until, at(5, 0));
    }

    #[test]
    fn a_lock_holds_until_its_end_and_not_a_second_longer() {
        let policy = LockoutPolicy::default();
        let until = Some(at(5, 0));
        assert!(policy.is_locked(until, at(0, 0)));
        assert!(policy.is_locked(until, at(4, 59)));
        assert!(!policy.is_locked(until, at(5, 0)));
        assert!(!policy.is_locked(None, at(0, 0)));
    }

    #[test]
    fn the_hint_rounds_up_to_whole_minutes() {
        assert_eq!(
            retry_hint(at(5, 0), at(0, 30)),
            "Try again in 5 minutes (after 14:05 UTC)."
        );
        assert_eq!(
            retry_hint(at(5, 0), at(4, 59)),
            "Try again in 1 minute (after 14:05 UTC)."
        );
    }
}
