//! Invitation commands: thin adapters over the use cases.

use async_trait::async_trait;
use desk_domain::DeskError;
use desk_domain::commands::{
    CheckCompanyInvitees, GetCompanyInvitations, ResendCompanyInvitation, RevokeCompanyInvitation,
    SendCompanyInvitations,
};
use desk_domain::company_invitation::{InvitationPage, InvitationsSent, InviteeRefusal};

use super::invitations::Inviter;
use desk_domain::Permission;

use crate::command::{Command, Context, Staff};
use crate::policy::permissions_of;

fn inviter(caller: &Staff) -> Inviter {
    Inviter {
        by: caller.actor.attribution(),
        name: caller.actor.staff.display_name.to_string(),
        scope: caller.scope,
    }
}

/// Whether the caller may see registration links: those who may change companies.
fn may_see_links(caller: &Staff) -> bool {
    permissions_of(&caller.actor.staff.roles).contains(&Permission::ManageCompanies)
}

#[async_trait]
impl Command for GetCompanyInvitations {
    type Caller = Staff;

    async fn run(self, cx: &Context<'_>, caller: Staff) -> Result<InvitationPage, DeskError> {
        let with_links = may_see_links(&caller);
        super::company_invitations(
            &*cx.desk.store()?,
            caller.scope,
            &self.request,
            cx.now,
            with_links,
        )
        .await
    }
}

#[async_trait]
impl Command for CheckCompanyInvitees {
    type Caller = Staff;

    async fn run(self, cx: &Context<'_>, caller: Staff) -> Result<Vec<InviteeRefusal>, DeskError> {
        super::check_invitees(&*cx.desk.store()?, caller.scope, &self.request, cx.now).await
    }
}

#[async_trait]
impl Command for SendCompanyInvitations {
    type Caller = Staff;

    async fn run(self, cx: &Context<'_>, caller: Staff) -> Result<InvitationsSent, DeskError> {
        super::send_invitations(&*cx.desk.store()?, &inviter(&caller), &self.request, cx.now).await
    }
}

#[async_trait]
impl Command for ResendCompanyInvitation {
    type Caller = Staff;

    async fn run(self, cx: &Context<'_>, caller: Staff) -> Result<(), DeskError> {
        super::resend_invitation(
            &*cx.desk.store()?,
            &inviter(&caller),
            self.invitation,
            cx.now,
        )
        .await
    }
}

#[async_trait]
impl Command for RevokeCompanyInvitation {
    type Caller = Staff;

    async fn run(self, cx: &Context<'_>, caller: Staff) -> Result<(), DeskError> {
        let by = caller.actor.attribution();
        super::revoke_invitation(
            &*cx.desk.store()?,
            &by,
            caller.scope,
            self.invitation,
            cx.now,
        )
        .await
    }
}
