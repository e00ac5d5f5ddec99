use desk_domain::audit::AuditEntry;

use crate::{NewLinkToken, OutboxMessage};

/// Everything a write causes besides the change itself, committed by the store in the
/// same transaction as the change: if the change rolls back, none of it happened.
/// Today that is audit entries and outbox messages; sync change-log rows and job
/// progress join here, so every write keeps one transaction however many effects it has.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Effects {
    /// Appended to the audit log, in this order.
    pub audit: Vec<AuditEntry>,
    /// Signed links the queued messages carry: a link exists exactly when its
    /// message was queued.
    pub links: Vec<NewLinkToken>,
    /// Queued in the outbox: if the change rolls back, no email goes out.
    pub outbox: Vec<OutboxMessage>,
}

impl Effects {
    /// One audit entry and nothing else.
    pub fn audit(entry: AuditEntry) -> Self {
        Self {
            audit: vec![entry],
            ..Self::default()
        }
    }

    /// These effects plus a message to queue.
    pub fn and_queue(mut self, message: OutboxMessage) -> Self {
        self.outbox.push(message);
        self
    }

    /// These effects plus a signed link.
    pub fn and_link(mut self, link: NewLinkToken) -> Self {
        self.links.push(link);
        self
    }

    /// These effects followed by `other`'s.
    pub fn and(mut self, other: Effects) -> Self {
        self.audit.extend(other.audit);
        self.links.extend(other.links);
        self.outbox.extend(other.outbox);
        self
    }

    /// These effects plus `entry`.
    pub fn and_audit(mut self, entry: AuditEntry) -> Self {
        self.audit.push(entry);
        self
    }
}
