//! Audit commands: thin adapters over the use cases.

use async_trait::async_trait;
use desk_domain::DeskError;
use desk_domain::audit::AuditPage;
use desk_domain::commands::ListAudit;

use crate::command::{Command, Context, Staff};

#[async_trait]
impl Command for ListAudit {
    type Caller = Staff;

    async fn run(self, cx: &Context<'_>, _: Staff) -> Result<AuditPage, DeskError> {
        super::list_audit(&*cx.desk.store()?, &self.filter).await
    }
}
