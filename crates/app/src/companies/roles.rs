//! Company roles administrators define (seed 004): a name and the policies the role
//! grants, each for the member's own records or the whole company's. The built-in
//! roles stay as shipped; a role members hold or invitations name is not removed
//! (the refusal says how many). Every change is audited with the policies in words.

use chrono::{DateTime, SubsecRound, Utc};
use desk_domain::audit::{AuditAction, EntityType, FieldChange};
use desk_domain::company_role::{CompanyRole, CompanyRoleId, Grant};
use desk_domain::company_role_form::{CompanyRoleInput, fields};
use desk_domain::{DeskError, EntityKind, FieldError, FieldErrorCode};
use desk_store::{Effects, RoleWrite, Store, StoreError, UniqueField};

use super::members::company_roles;
use crate::audit::{Attribution, entry};
use crate::internal_error;

/// "View orders: the whole company's".
fn grant_text(grant: &Grant) -> String {
    format!("{}: {}", grant.policy.label(), grant.reach.label())
}

/// Adds a company role, or saves an edited one; answers every role.
pub async fn save_company_role(
    store: &dyn Store,
    by: &Attribution,
    input: &CompanyRoleInput,
    now: DateTime<Utc>,
) -> Result<Vec<CompanyRole>, DeskError> {
    let draft = input
        .parse()
        .map_err(|fields| DeskError::Validation { fields })?;
    let at = now.trunc_subsecs(6);
    let taken = |error: StoreError| match error {
        StoreError::Duplicate(UniqueField::RoleName) => DeskError::Conflict {
            fields: vec![FieldError::new(
                fields::NAME,
                FieldErrorCode::AlreadyInUse,
                format!(
                    "A role named \"{}\" exists already; choose another name.",
                    draft.name
                ),
            )],
        },
        other => internal_error("saving a company role", &other),
    };
    match input.id {
        None => {
            let id = CompanyRoleId(uuid::Uuid::now_v7());
            let mut changes = vec![FieldChange::added("name", draft.name.clone())];
            changes.extend(
                draft
                    .grants
                    .iter()
                    .map(|grant| FieldChange::added("policy", grant_text(grant))),
            );
            let effects = Effects::audit(entry(
                by,
                at,
                AuditAction::CompanyRoleCreated,
                EntityType::CompanyRole,
                id.to_string(),
                changes,
            ));
            store
                .insert_company_role(id, &draft, at, &effects)
                .await
                .map_err(taken)?;
        }
        Some(id) => {
            let before = company_roles(store)
                .await?
                .into_iter()
                .find(|role| role.id == id);
            let mut changes = Vec::new();
            if let Some(before) = &before {
                if before.name != draft.name {
                    changes.push(FieldChange::changed("name", &before.name, &draft.name));
                }
                let (old, new): (Vec<String>, Vec<String>) = (
                    before.grants.iter().map(grant_text).collect(),
                    draft.grants.iter().map(grant_text).collect(),
                );
                changes.extend(
                    old.iter()
                        .filter(|text| !new.contains(text))
                        .map(|text| FieldChange::removed("policy", text.clone())),
                );
                changes.extend(
                    new.iter()
                        .filter(|text| !old.contains(text))
                        .map(|text| FieldChange::added("policy", text.clone())),
                );
            }
            let effects = Effects::audit(entry(
                by,
                at,
                AuditAction::CompanyRoleChanged,
                EntityType::CompanyRole,
                id.to_string(),
                changes,
            ));
            let written = store
                .update_company_role(id, &draft, &effects)
                .await
                .map_err(taken)?;
            refused(written, id)?;
        }
    }
    company_roles(store).await
}

/// Removes a company role nobody holds and no invitation names; answers every role.
pub async fn delete_company_role(
    store: &dyn Store,
    by: &Attribution,
    id: CompanyRoleId,
    now: DateTime<Utc>,
) -> Result<Vec<CompanyRole>, DeskError> {
    let name = company_roles(store)
        .await?
        .into_iter()
        .find(|role| role.id == id)
        .map(|role| role.name)
        .unwrap_or_default();
    let effects = Effects::audit(entry(
        by,
        now.trunc_subsecs(6),
        AuditAction::CompanyRoleDeleted,
        EntityType::CompanyRole,
        id.to_string(),
        vec![FieldChange::removed("name", name.clone())],
    ));
    let written = store
        .delete_company_role(id, &effects)
        .await
        .map_err(|error| internal_error("removing a company role", &error))?;
    if let RoleWrite::InUse {
        members,
        invitations,
    } = written
    {
        let mut holders = Vec::new();
        if members > 0 {
            holders.push(format!(
                "{members} member{} hold{} it",
                if members == 1 { "" } else { "s" },
                if members == 1 { "s" } else { "" }
            ));
        }
        if invitations > 0 {
            holders.push(format!(
                "{invitations} invitation{} name{} it",
                if invitations == 1 { "" } else { "s" },
                if invitations == 1 { "s" } else { "" }
            ));
        }
        return Err(DeskError::Conflict {
            fields: vec![FieldError::new(
                fields::NAME,
                FieldErrorCode::AlreadyInUse,
                format!(
                    "\"{name}\" was not removed: {}. Give them another role first.",
                    holders.join(" and ")
                ),
            )],
        });
    }
    refused(written, id)?;
    company_roles(store).await
}

/// The refusal of a write that did not happen.
fn refused(written: RoleWrite, id: CompanyRoleId) -> Result<(), DeskError> {
    match written {
        RoleWrite::Done => Ok(()),
        RoleWrite::NotFound => Err(DeskError::NotFound {
            entity: EntityKind::CompanyRole,
            id: id.to_string(),
        }),
        RoleWrite::BuiltIn => Err(DeskError::Conflict {
            fields: vec![FieldError::new(
                fields::NAME,
                FieldErrorCode::InvalidChoice,
                "Member, Buyer and Company admin are built in and stay as they are; \
                 add a role of your own instead.",
            )],
        }),
        RoleWrite::InUse { .. } => Err(internal_error(
            "changing a company role",
            &"a role in use was refused where only removal checks it",
        )),
    }
}
