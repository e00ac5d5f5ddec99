use chrono::{DateTime, Utc};
use desk_domain::audit::{AuditAction, EntityType, FieldChange};
use desk_domain::staff::{
    IdleTimeoutInput, SetRolesInput, StaffId, StaffMember, fields, parse_roles, roles_text,
};
use desk_domain::{DeskError, EntityKind, FieldError, FieldErrorCode, Sensitive};
use desk_store::{Effects, StoreError};

use crate::audit::entry;
use crate::desk::{Actor, Desk};
use crate::internal_error;
use crate::passwords::generate_one_time_password;
use crate::stored_password::StoredPassword;

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

/// Every staff account, by display name.
pub async fn list_staff(desk: &Desk) -> Result<Vec<StaffMember>, DeskError> {
    desk.store()?
        .list_staff()
        .await
        .map_err(|error| internal_error("listing staff", &error))
}

/// Replaces someone's roles; never leaves the store without an active administrator.
pub async fn set_staff_roles(
    desk: &Desk,
    by: &Actor,
    input: &SetRolesInput,
    now: DateTime<Utc>,
) -> Result<StaffMember, DeskError> {
    let roles = parse_roles(&input.roles).map_err(|problem| DeskError::Validation {
        fields: vec![problem],
    })?;
    let before = desk
        .store()?
        .staff_by_id(input.staff_id)
        .await
        .map_err(|error| internal_error("reading a staff account", &error))?
        .ok_or(DeskError::NotFound {
            entity: EntityKind::Staff,
            id: input.staff_id.to_string(),
        })?;
    let audit = entry(
        &by.attribution(),
        now,
        AuditAction::StaffRolesChanged,
        EntityType::Staff,
        input.staff_id.to_string(),
        vec![FieldChange::changed(
            fields::ROLES,
            roles_text(&before.member.roles),
            roles_text(&roles),
        )],
    );
    desk.store()?
        .set_staff_roles(input.staff_id, &roles, &Effects::audit(audit))
        .await
        .map_err(store_failure("changing roles", input.staff_id))
}

/// Deactivates an account; never one's own, never the last active administrator.
pub async fn deactivate_staff(
    desk: &Desk,
    by: &Actor,
    staff_id: StaffId,
    now: DateTime<Utc>,
) -> Result<StaffMember, DeskError> {
    if by.staff.id == staff_id {
        return Err(DeskError::Validation {
            fields: vec![FieldError::new(
                fields::STAFF,
                FieldErrorCode::InvalidChoice,
                "You cannot deactivate your own account. Ask another administrator.",
            )],
        });
    }
    let audit = entry(
        &by.attribution(),
        now,
        AuditAction::StaffDeactivated,
        EntityType::Staff,
        staff_id.to_string(),
        vec![FieldChange::changed("active", "true", "false")],
    );
    desk.store()?
        .deactivate_staff(staff_id, &Effects::audit(audit))
        .await
        .map_err(store_failure("deactivating a staff account", staff_id))
}

/// Gives someone a new one-time password, returned once for the administrator to pass on.
pub async fn reset_staff_password(
    desk: &Desk,
    by: &Actor,
    staff_id: StaffId,
    now: DateTime<Utc>,
) -> Result<Sensitive<String>, DeskError> {
    let password = generate_one_time_password();
    let stored = StoredPassword::one_time(desk.passwords(), &password, now).await?;
    let audit = entry(
        &by.attribution(),
        now,
        AuditAction::StaffPasswordReset,
        EntityType::Staff,
        staff_id.to_string(),
        Vec::new(),
    );
    desk.store()?
        .set_password(staff_id, &stored.secrets(), &Effects::audit(audit))
        .await
        .map_err(store_failure("resetting a password", staff_id))?;
    Ok(Sensitive::new(password))
}

/// Sets the store's idle time: every desktop on this store signs out after that many
/// minutes without activity, from each session's next command.
pub async fn set_idle_timeout(
    desk: &Desk,
    by: &Actor,
    input: &IdleTimeoutInput,
    now: DateTime<Utc>,
) -> Result<u32, DeskError> {
    let minutes = input.parse().map_err(|problem| DeskError::Validation {
        fields: vec![problem],
    })?;
    let store = desk.store()?;
    let before = store
        .idle_timeout_minutes()
        .await
        .map_err(|error| internal_error("reading the idle time", &error))?;
    let audit = entry(
        &by.attribution(),
        now,
        AuditAction::IdleTimeoutChanged,
        EntityType::Settings,
        "idle_timeout_minutes".to_owned(),
        vec![FieldChange::changed(
            IdleTimeoutInput::FIELD,
            before.to_string(),
            minutes.to_string(),
        )],
    );
    store
        .set_idle_timeout_minutes(minutes, &Effects::audit(audit))
        .await
        .map_err(|error| internal_error("storing the idle time", &error))?;
    Ok(minutes)
}
