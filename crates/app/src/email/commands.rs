//! Email commands: thin adapters over the use cases.

use async_trait::async_trait;
use desk_domain::DeskError;
use desk_domain::commands::{
    CancelMessage, GetEmailSettings, GetOutboxMessage, GetTemplate, GetTemplatesOverview,
    ListOutbox, PreviewTemplate, ResendMessage, ResetTemplate, SaveEmailSettings, SaveTemplate,
    SendTestEmail,
};
use desk_domain::email_settings::{EmailSettingsView, TestEmailSent};
use desk_domain::email_template::{TemplateEdit, TemplatePreview, TemplatesOverview};
use desk_domain::outbox::{OutboxItem, OutboxMessageView, OutboxPage};

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

#[async_trait]
impl Command for GetTemplatesOverview {
    type Caller = Staff;

    async fn run(self, cx: &Context<'_>, _: Staff) -> Result<TemplatesOverview, DeskError> {
        super::templates::templates_overview(cx.desk).await
    }
}

#[async_trait]
impl Command for GetTemplate {
    type Caller = Staff;

    async fn run(self, cx: &Context<'_>, _: Staff) -> Result<TemplateEdit, DeskError> {
        super::templates::template_for_edit(cx.desk, &self.key).await
    }
}

#[async_trait]
impl Command for SaveTemplate {
    type Caller = Staff;

    async fn run(self, cx: &Context<'_>, caller: Staff) -> Result<TemplateEdit, DeskError> {
        super::templates::save_template(cx.desk, &caller.actor, &self.input, cx.now).await
    }
}

#[async_trait]
impl Command for PreviewTemplate {
    type Caller = Staff;

    async fn run(self, _: &Context<'_>, _: Staff) -> Result<TemplatePreview, DeskError> {
        super::templates::preview_template(&self.input)
    }
}

#[async_trait]
impl Command for ResetTemplate {
    type Caller = Staff;

    async fn run(self, cx: &Context<'_>, caller: Staff) -> Result<TemplateEdit, DeskError> {
        super::templates::reset_template(cx.desk, &caller.actor, &self.key, cx.now).await
    }
}

#[async_trait]
impl Command for ListOutbox {
    type Caller = Staff;

    async fn run(self, cx: &Context<'_>, _: Staff) -> Result<OutboxPage, DeskError> {
        super::outbox::list_outbox(cx.desk, &self.request).await
    }
}

#[async_trait]
impl Command for GetOutboxMessage {
    type Caller = Staff;

    async fn run(self, cx: &Context<'_>, _: Staff) -> Result<OutboxMessageView, DeskError> {
        super::outbox::outbox_message(cx.desk, self.id).await
    }
}

#[async_trait]
impl Command for ResendMessage {
    type Caller = Staff;

    async fn run(self, cx: &Context<'_>, caller: Staff) -> Result<OutboxItem, DeskError> {
        super::outbox::resend_message(cx.desk, &caller.actor, self.id, cx.now).await
    }
}

#[async_trait]
impl Command for CancelMessage {
    type Caller = Staff;

    async fn run(self, cx: &Context<'_>, caller: Staff) -> Result<OutboxItem, DeskError> {
        super::outbox::cancel_message(cx.desk, &caller.actor, self.id, cx.now).await
    }
}
