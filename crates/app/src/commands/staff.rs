//! Staff management, for administrators.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use desk_domain::audit::FieldChange;
use desk_domain::commands as names;
use desk_domain::staff::{
    CreatedStaff, NewStaffInput, SetRolesInput, StaffId, StaffMember, fields,
};
use desk_domain::{DeskError, EntityKind, FieldError, FieldErrorCode, Sensitive};
use desk_store::StoreError;

use crate::audit::{actions, entry};
use crate::desk::{Caller, Command, Desk};
use crate::internal_error;
use crate::passwords::generate_one_time_password;
use crate::staff::{NewAccount, insert_account, parse_roles, roles_text};

fn store_failure(context: &str, id: StaffId) -> impl FnOnce(StoreError) -> DeskError + '_ {
    move |error| match error {
        StoreError::NotFound => DeskError::NotFound {
            entity: EntityKind::Staff,
            id: id.to_string(),
        },
        StoreError::LastAdministrator => DeskError::Conflict {
            fields: vec![FieldError::new(
                fields::STAFF,
                FieldErrorCode::InvalidChoice,
                "This is the last active administrator. Make someone else an administrator first.",
            )],
        },
        other => internal_error(context, &other),
    }
}

/// Every staff account.
#[derive(Debug)]
pub struct ListStaff;

#[async_trait]
impl Command for ListStaff {
    const NAME: &'static str = names::LIST_STAFF;
    type Output = Vec<StaffMember>;

    async fn run(
        self,
        desk: &Desk,
        _: Caller,
        _: DateTime<Utc>,
    ) -> Result<Vec<StaffMember>, DeskError> {
        desk.store()
            .list_staff()
            .await
            .map_err(|error| internal_error("listing staff", &error))
    }
}

/// Creates an account with a typed or a generated one-time password.
#[derive(Debug)]
pub struct CreateStaff(pub NewStaffInput);

#[async_trait]
impl Command for CreateStaff {
    const NAME: &'static str = names::CREATE_STAFF;
    type Output = CreatedStaff;

    async fn run(
        self,
        desk: &Desk,
        caller: Caller,
        now: DateTime<Utc>,
    ) -> Result<CreatedStaff, DeskError> {
        let input = self.0;
        let account = NewAccount {
            email: &input.email,
            display_name: &input.display_name,
            roles: &input.roles,
            password: Some(&input.password),
        };
        insert_account(desk, Some(caller.actor()?), account, false, now).await
    }
}

/// Replaces someone's roles.
#[derive(Debug)]
pub struct SetStaffRoles(pub SetRolesInput);

#[async_trait]
impl Command for SetStaffRoles {
    const NAME: &'static str = names::SET_STAFF_ROLES;
    type Output = StaffMember;

    async fn run(
        self,
        desk: &Desk,
        caller: Caller,
        now: DateTime<Utc>,
    ) -> Result<StaffMember, DeskError> {
        let actor = caller.actor()?;
        let input = self.0;
        let roles = parse_roles(&input.roles).map_err(|problem| DeskError::Validation {
            fields: vec![problem],
        })?;
        let before = desk
            .store()
            .staff_by_id(input.staff_id)
            .await
            .map_err(|error| internal_error("reading a staff account", &error))?
            .ok_or(DeskError::NotFound {
                entity: EntityKind::Staff,
                id: input.staff_id.to_string(),
            })?;
        let audit = entry(
            &actor.attribution(),
            now,
            actions::STAFF_ROLES_CHANGED,
            "staff",
            input.staff_id.to_string(),
            vec![FieldChange::changed(
                fields::ROLES,
                roles_text(&before.member.roles),
                roles_text(&roles),
            )],
        );
        desk.store()
            .set_staff_roles(input.staff_id, &roles, &audit)
            .await
            .map_err(store_failure("changing roles", input.staff_id))
    }
}

/// Deactivates an account; never one's own, never the last active administrator.
#[derive(Debug)]
pub struct DeactivateStaff(pub StaffId);

#[async_trait]
impl Command for DeactivateStaff {
    const NAME: &'static str = names::DEACTIVATE_STAFF;
    type Output = StaffMember;

    async fn run(
        self,
        desk: &Desk,
        caller: Caller,
        now: DateTime<Utc>,
    ) -> Result<StaffMember, DeskError> {
        let actor = caller.actor()?;
        if actor.staff.id == self.0 {
            return Err(DeskError::Validation {
                fields: vec![FieldError::new(
                    fields::STAFF,
                    FieldErrorCode::InvalidChoice,
                    "You cannot deactivate your own account. Ask another administrator.",
                )],
            });
        }
        let audit = entry(
            &actor.attribution(),
            now,
            actions::STAFF_DEACTIVATED,
            "staff",
            self.0.to_string(),
            vec![FieldChange::changed("active", "true", "false")],
        );
        desk.store()
            .deactivate_staff(self.0, &audit)
            .await
            .map_err(store_failure("deactivating a staff account", self.0))
    }
}

/// Gives someone a new one-time password, shown once to the administrator.
#[derive(Debug)]
pub struct ResetStaffPassword(pub StaffId);

#[async_trait]
impl Command for ResetStaffPassword {
    const NAME: &'static str = names::RESET_STAFF_PASSWORD;
    type Output = Sensitive<String>;

    async fn run(
        self,
        desk: &Desk,
        caller: Caller,
        now: DateTime<Utc>,
    ) -> Result<Sensitive<String>, DeskError> {
        let actor = caller.actor()?;
        let password = generate_one_time_password();
        let hash = desk.passwords().hash(&password).await?;
        let audit = entry(
            &actor.attribution(),
            now,
            actions::STAFF_PASSWORD_RESET,
            "staff",
            self.0.to_string(),
            Vec::new(),
        );
        desk.store()
            .set_password_hash(self.0, &hash, &audit)
            .await
            .map_err(store_failure("resetting a password", self.0))?;
        Ok(Sensitive::new(password))
    }
}
