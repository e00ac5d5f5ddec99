//! Email commands: thin adapters over the use cases.

use async_trait::async_trait;
use desk_domain::DeskError;
use desk_domain::commands::{GetEmailSettings, SaveEmailSettings, SendTestEmail};
use desk_domain::email_settings::{EmailSettingsView, TestEmailSent};

use crate::command::{Command, Context, Staff};

#[async_trait]
impl Command for GetEmailSettings {
    type Caller = Staff;

    async fn run(self, cx: &Context<'_>, _: Staff) -> Result<EmailSettingsView, DeskError> {
        super::email_settings_view(cx.workspace, cx.desk).await
    }
}

#[async_trait]
impl Command for SaveEmailSettings {
    type Caller = Staff;

    async fn run(self, cx: &Context<'_>, caller: Staff) -> Result<EmailSettingsView, DeskError> {
        super::save_email_settings(cx.workspace, cx.desk, &caller.actor, &self.input, cx.now).await
    }
}

#[async_trait]
impl Command for SendTestEmail {
    type Caller = Staff;

    async fn run(self, cx: &Context<'_>, caller: Staff) -> Result<TestEmailSent, DeskError> {
        super::send_test_email(cx.workspace, cx.desk, &caller.actor, &self.input, cx.now).await
    }
}
