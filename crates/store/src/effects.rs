use desk_domain::audit::AuditEntry;

/// Everything a write causes besides the change itself, committed by the store in the
/// same transaction as the change: if the change rolls back, none of it happened.
/// Today that is audit entries; outbox messages, sync change-log rows and job progress
/// join here, so every write keeps one transaction however many effects it has.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Effects {
    /// Appended to the audit log, in this order.
    pub audit: Vec<AuditEntry>,
}

impl Effects {
    /// One audit entry and nothing else.
    pub fn audit(entry: AuditEntry) -> Self {
        Self { audit: vec![entry] }
    }

    /// These effects plus `entry`.
    pub fn and_audit(mut self, entry: AuditEntry) -> Self {
        self.audit.push(entry);
        self
    }
}
