//! Session commands: thin adapters over the use cases.

use async_trait::async_trait;
use desk_domain::DeskError;
use desk_domain::commands::{
    ChangeOwnPassword, CreateFirstAdmin, GetSessionState, SignIn, SignOut,
};
use desk_domain::staff::{Session, SessionState};

use crate::command::{Command, Context, Staff, Visitor};

#[async_trait]
impl Command for GetSessionState {
    type Caller = Visitor;

    async fn run(self, cx: &Context<'_>, caller: Visitor) -> Result<SessionState, DeskError> {
        super::session_state(cx.desk, caller.0).await
    }
}

#[async_trait]
impl Command for CreateFirstAdmin {
    type Caller = Visitor;

    async fn run(self, cx: &Context<'_>, _: Visitor) -> Result<Session, DeskError> {
        super::start_as_first_admin(cx.desk, &self.input, cx.now).await
    }
}

#[async_trait]
impl Command for SignIn {
    type Caller = Visitor;

    async fn run(self, cx: &Context<'_>, _: Visitor) -> Result<Session, DeskError> {
        super::sign_in(cx.desk, &self.input, cx.now).await
    }
}

#[async_trait]
impl Command for SignOut {
    type Caller = Visitor;

    async fn run(self, cx: &Context<'_>, caller: Visitor) -> Result<(), DeskError> {
        super::sign_out(cx.desk, caller.0, cx.now).await?;
        // A shared store's connection is the person's login: it goes with them.
        cx.workspace.disconnect_shared();
        Ok(())
    }
}

#[async_trait]
impl Command for ChangeOwnPassword {
    type Caller = Staff;

    async fn run(self, cx: &Context<'_>, caller: Staff) -> Result<(), DeskError> {
        if cx.desk.shared_login().is_some() {
            let right = cx
                .workspace
                .opens_active_store(&self.input.current_password)
                .await?;
            super::change_shared_password(cx.desk, &caller.actor, &self.input, right, cx.now)
                .await?;
            // The open connections were made with the old password; new ones need the
            // new one.
            cx.workspace
                .reconnect_shared(cx.desk, &self.input.new_password)
                .await
        } else {
            super::change_own_password(cx.desk, &caller.actor, &self.input, cx.now).await
        }
    }
}
