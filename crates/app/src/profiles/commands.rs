//! Profile commands: thin adapters over the use cases in `manage`.

use async_trait::async_trait;
use desk_domain::DeskError;
use desk_domain::commands::{
    ListProfiles, RemoveProfile, SaveProfile, SetUpDatabase, SwitchProfile, TakeStartupNotice,
    TestProfile,
};
use desk_domain::profile::{ConnectionCheck, ProfilesView};
use desk_domain::staff::SessionState;

use super::manage;
use crate::command::{Command, Context, Visitor};

#[async_trait]
impl Command for TakeStartupNotice {
    type Caller = Visitor;

    async fn run(self, cx: &Context<'_>, _: Visitor) -> Result<Option<String>, DeskError> {
        Ok(cx.workspace.take_startup_notice())
    }
}

#[async_trait]
impl Command for ListProfiles {
    type Caller = Visitor;

    async fn run(self, cx: &Context<'_>, _: Visitor) -> Result<ProfilesView, DeskError> {
        manage::list_profiles(cx.workspace).await
    }
}

#[async_trait]
impl Command for SaveProfile {
    type Caller = Visitor;

    async fn run(self, cx: &Context<'_>, caller: Visitor) -> Result<ProfilesView, DeskError> {
        manage::save_profile(cx.workspace, caller.0.as_ref(), self.input, cx.now).await
    }
}

#[async_trait]
impl Command for TestProfile {
    type Caller = Visitor;

    async fn run(self, cx: &Context<'_>, caller: Visitor) -> Result<ConnectionCheck, DeskError> {
        manage::test_profile(cx.workspace, caller.0.as_ref(), self.input, cx.now).await
    }
}

#[async_trait]
impl Command for SwitchProfile {
    type Caller = Visitor;

    async fn run(self, cx: &Context<'_>, caller: Visitor) -> Result<SessionState, DeskError> {
        manage::switch_profile(cx.workspace, caller.0.as_ref(), self.input, cx.now).await
    }
}

#[async_trait]
impl Command for RemoveProfile {
    type Caller = Visitor;

    async fn run(self, cx: &Context<'_>, caller: Visitor) -> Result<ProfilesView, DeskError> {
        manage::remove_profile(cx.workspace, caller.0.as_ref(), self.name, cx.now).await
    }
}

#[async_trait]
impl Command for SetUpDatabase {
    type Caller = Visitor;

    async fn run(self, cx: &Context<'_>, caller: Visitor) -> Result<ConnectionCheck, DeskError> {
        super::set_up_database(cx.workspace, caller.0.as_ref(), &self.input, cx.now).await
    }
}
