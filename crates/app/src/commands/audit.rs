//! Audit-log commands.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use desk_domain::DeskError;
use desk_domain::audit::{AuditFilter, AuditPage};
use desk_domain::commands as names;

use crate::desk::{Caller, Command, Desk};

/// A page of the audit log.
#[derive(Debug)]
pub struct ListAudit(pub AuditFilter);

#[async_trait]
impl Command for ListAudit {
    const NAME: &'static str = names::LIST_AUDIT;
    type Output = AuditPage;

    async fn run(self, desk: &Desk, _: Caller, _: DateTime<Utc>) -> Result<AuditPage, DeskError> {
        crate::audit::list_audit(desk.store(), &self.0).await
    }
}
