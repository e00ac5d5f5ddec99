use chrono::{DateTime, SubsecRound, Utc};
use desk_domain::audit::{AuditAction, EntityType, FieldChange};
use desk_domain::staff::{
    CreatedStaff, FirstAdmin, FirstAdminInput, NewStaff, NewStaffInput, Role, StaffId, StaffMember,
    fields, roles_text,
};
use desk_domain::{DeskError, Email, FieldError, FieldErrorCode, PersonName, Sensitive};
use desk_store::{Effects, NewStaffRecord, StoreError, UniqueField};

use crate::audit::{Attribution, entry};
use crate::desk::{Actor, Desk};
use crate::internal_error;
use crate::passwords::generate_one_time_password;
use crate::stored_password::StoredPassword;

/// An account ready for the store: checked fields, its password's hash, and the audit
/// entry that goes with it.
struct PreparedAccount {
    id: StaffId,
    email: Email,
    display_name: PersonName,
    roles: Vec<Role>,
    password: StoredPassword,
    created_at: DateTime<Utc>,
    effects: Effects,
}

impl PreparedAccount {
    /// Hashes `password` and writes the audit entry; `by` is whoever creates the
    /// account (`None`: the person creates it for themselves, as at set-up, and the
    /// password is theirs; otherwise it is a one-time password to change at the first
    /// sign-in).
    async fn new(
        desk: &Desk,
        by: Option<&Actor>,
        (email, display_name, roles): (Email, PersonName, Vec<Role>),
        password: &str,
        now: DateTime<Utc>,
    ) -> Result<Self, DeskError> {
        let password = match by {
            None => StoredPassword::own(desk.passwords(), password).await?,
            Some(_) => StoredPassword::one_time(desk.passwords(), password, now).await?,
        };
        let id = StaffId(uuid::Uuid::now_v7());
        let created_at = now.trunc_subsecs(6);
        let attribution = match by {
            Some(actor) => actor.attribution(),
            None => Attribution {
                id: Some(id),
                email: email.to_string(),
            },
        };
        let audit = entry(
            &attribution,
            created_at,
            AuditAction::StaffCreated,
            EntityType::Staff,
            id.to_string(),
            vec![
                FieldChange::added(fields::EMAIL, email.as_str()),
                FieldChange::added(fields::DISPLAY_NAME, display_name.as_str()),
                FieldChange::added(fields::ROLES, roles_text(&roles)),
            ],
        );
        Ok(Self {
            id,
            email,
            display_name,
            roles,
            password,
            created_at,
            effects: Effects::audit(audit),
        })
    }

    fn record(&self) -> NewStaffRecord<'_> {
        NewStaffRecord {
            id: self.id,
            email: &self.email,
            display_name: &self.display_name,
            roles: &self.roles,
            password: self.password.secrets(),
            created_at: self.created_at,
        }
    }

    /// What a failed insert means to the person who filled in the form.
    fn refusal(&self, error: StoreError) -> DeskError {
        match error {
            StoreError::Duplicate(UniqueField::StaffEmail) => DeskError::Conflict {
                fields: vec![FieldError::new(
                    fields::EMAIL,
                    FieldErrorCode::AlreadyInUse,
                    format!("{} already has a staff account.", self.email),
                )],
            },
            StoreError::NotFirst => DeskError::Unauthorized {
                message: "Customer Desk is already set up on this store; sign in instead.".into(),
            },
            other => internal_error("creating a staff account", &other),
        }
    }
}

/// Creates the first administrator of an empty store with the password they typed
/// (required: nobody else could tell them a generated one), and returns the account.
pub async fn create_first_admin(
    desk: &Desk,
    input: &FirstAdminInput,
    now: DateTime<Utc>,
) -> Result<StaffMember, DeskError> {
    let admin = FirstAdmin::parse(input).map_err(|fields| DeskError::Validation { fields })?;
    let identity = (admin.email, admin.display_name, vec![Role::Administrator]);
    let account = PreparedAccount::new(desk, None, identity, admin.password.expose(), now).await?;
    desk.store()?
        .insert_first_staff(&account.record(), &account.effects)
        .await
        .map_err(|error| account.refusal(error))
}

/// Creates an account for someone else, with the password typed for them or a
/// generated one-time password that is returned once.
pub async fn create_staff(
    desk: &Desk,
    by: &Actor,
    input: &NewStaffInput,
    now: DateTime<Utc>,
) -> Result<CreatedStaff, DeskError> {
    let staff = NewStaff::parse(input).map_err(|fields| DeskError::Validation { fields })?;
    let (password, generated) = match &staff.password {
        Some(typed) => (typed.expose().to_owned(), false),
        None => (generate_one_time_password(), true),
    };
    let identity = (staff.email, staff.display_name, staff.roles);
    let account = PreparedAccount::new(desk, Some(by), identity, &password, now).await?;
    let member = desk
        .store()?
        .insert_staff(&account.record(), &account.effects)
        .await
        .map_err(|error| account.refusal(error))?;
    Ok(CreatedStaff {
        staff: member,
        initial_password: generated.then(|| Sensitive::new(password)),
    })
}
