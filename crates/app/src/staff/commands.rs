//! Staff commands: thin adapters over the use cases.

use async_trait::async_trait;
use desk_domain::commands::{
    CreateStaff, DeactivateStaff, ListStaff, ResetStaffPassword, SetIdleTimeout, SetStaffRoles,
};
use desk_domain::staff::{CreatedStaff, StaffMember};
use desk_domain::{DeskError, Sensitive};

use crate::command::{Command, Context, Staff};

#[async_trait]
impl Command for ListStaff {
    type Caller = Staff;

    async fn run(self, cx: &Context<'_>, _: Staff) -> Result<Vec<StaffMember>, DeskError> {
        super::list_staff(cx.desk).await
    }
}

#[async_trait]
impl Command for CreateStaff {
    type Caller = Staff;

    async fn run(self, cx: &Context<'_>, caller: Staff) -> Result<CreatedStaff, DeskError> {
        super::create_staff(cx.desk, &caller.actor, &self.input, cx.now).await
    }
}

#[async_trait]
impl Command for SetStaffRoles {
    type Caller = Staff;

    async fn run(self, cx: &Context<'_>, caller: Staff) -> Result<StaffMember, DeskError> {
        super::set_staff_roles(cx.desk, &caller.actor, &self.input, cx.now).await
    }
}

#[async_trait]
impl Command for DeactivateStaff {
    type Caller = Staff;

    async fn run(self, cx: &Context<'_>, caller: Staff) -> Result<StaffMember, DeskError> {
        super::deactivate_staff(cx.desk, &caller.actor, self.staff_id, cx.now).await
    }
}

#[async_trait]
impl Command for ResetStaffPassword {
    type Caller = Staff;

    async fn run(self, cx: &Context<'_>, caller: Staff) -> Result<Sensitive<String>, DeskError> {
        super::reset_staff_password(cx.desk, &caller.actor, self.staff_id, cx.now).await
    }
}

#[async_trait]
impl Command for SetIdleTimeout {
    type Caller = Staff;

    async fn run(self, cx: &Context<'_>, caller: Staff) -> Result<u32, DeskError> {
        super::set_idle_timeout(cx.desk, &caller.actor, &self.input, cx.now).await
    }
}
