use chrono::{DateTime, SubsecRound, Utc};
use desk_domain::audit::{AuditAction, AuditEntry, EntityType, FieldChange};
use desk_domain::company::CompaniesUsing;
use desk_domain::customer::CustomerId;
use desk_domain::customer_bulk::CustomerSelection;
use desk_domain::customer_group::{
    CustomerGroup, CustomerPicks, GroupDetails, GroupId, GroupInput, GroupUpdate, NewGroupRequest,
    SavedGroup, fields,
};
use desk_domain::customer_list::CustomerQuery;
use desk_domain::{DeskError, EntityKind, FieldError, FieldErrorCode, StoredValue};
use desk_store::{
    Effects, GroupDeletion, MemberChanges, Membership, Store, StoreError, UniqueField,
};

use super::list::{not_found, read};
use crate::audit::{Attribution, entry};
use crate::internal_error;

/// Saves that lost a race with another save of the same group are read again and
/// retried this often before giving up.
const ATTEMPTS: usize = 3;

/// Adds a group with its first customers, in one transaction.
pub async fn create_group(
    store: &dyn Store,
    by: &Attribution,
    request: &NewGroupRequest,
    now: DateTime<Utc>,
) -> Result<SavedGroup, DeskError> {
    let details = parse(&request.input)?;
    let all_of = whole_searches(&request.customers)?;
    let id = GroupId(uuid::Uuid::now_v7());
    let at = now.trunc_subsecs(6);
    let mut fields_added = vec![FieldChange::added("name", &details.name)];
    if !details.description.is_empty() {
        fields_added.push(FieldChange::added("description", &details.description));
    }
    let effects = Effects::audit(entry(
        by,
        at,
        AuditAction::GroupCreated,
        EntityType::Group,
        id.to_string(),
        fields_added,
    ));
    let changes = MemberChanges {
        add: &request.customers.ticked,
        add_all_of: &all_of,
        ..MemberChanges::default()
    };
    let member_entry = membership_entry(by, at, &details.name);
    match store
        .insert_group(id, &details, changes, at, &effects, &member_entry)
        .await
    {
        Ok(write) => Ok(SavedGroup {
            group: write.group,
            added: write.added,
            removed: write.removed,
        }),
        Err(StoreError::Duplicate(UniqueField::GroupName)) => Err(name_taken(&details.name)),
        Err(other) => Err(internal_error("adding a customer group", &other)),
    }
}

/// Saves the edit form: the fields (unless someone else changed one meanwhile: then
/// nothing is saved and the conflict shows what is stored now) and the changes to
/// the group's customers, which merge with anyone else's.
pub async fn update_group(
    store: &dyn Store,
    by: &Attribution,
    update: &GroupUpdate,
    now: DateTime<Utc>,
) -> Result<SavedGroup, DeskError> {
    let details = parse(&update.input)?;
    let all_of = whole_searches(&update.add)?;
    let at = now.trunc_subsecs(6);
    let changes = MemberChanges {
        add: &update.add.ticked,
        add_all_of: &all_of,
        remove: &update.remove,
        // Everyone assigned when the form opened; whoever someone added since stays.
        remove_all_up_to: update.remove_all.then_some(update.version),
    };
    for _ in 0..ATTEMPTS {
        let stored = read(store, update.id).await?;
        // A field someone else changed since the form opened is a conflict only
        // where this form changed it too; where it did not, their value stays.
        let others = others_changed(&stored, &update.opened);
        let clashing: Vec<StoredValue> = others
            .iter()
            .filter(|value| {
                field_of(&update.input, &value.field) != field_of(&update.opened, &value.field)
            })
            .cloned()
            .collect();
        if !clashing.is_empty() {
            return Err(DeskError::EditConflict {
                entity: EntityKind::Group,
                version: stored.version,
                fields: clashing,
            });
        }
        let details = GroupDetails {
            name: if others.iter().any(|value| value.field == fields::NAME) {
                stored.name.clone()
            } else {
                details.name.clone()
            },
            description: if others
                .iter()
                .any(|value| value.field == fields::DESCRIPTION)
            {
                stored.description.clone()
            } else {
                details.description.clone()
            },
        };
        let field_changes = field_changes(&stored, &details);
        if field_changes.is_empty()
            && update.add.is_empty()
            && update.remove.is_empty()
            && !update.remove_all
        {
            return Ok(SavedGroup {
                group: stored,
                added: 0,
                removed: 0,
            });
        }
        let changes = MemberChanges {
            // Nobody can have opened a version the group never had.
            remove_all_up_to: changes
                .remove_all_up_to
                .map(|version| version.min(stored.version)),
            ..changes
        };
        let effects = if field_changes.is_empty() {
            Effects::default()
        } else {
            Effects::audit(entry(
                by,
                at,
                AuditAction::GroupChanged,
                EntityType::Group,
                update.id.to_string(),
                field_changes.clone(),
            ))
        };
        let member_entry = membership_entry(by, at, &details.name);
        let new_details = (!field_changes.is_empty()).then_some(&details);
        match store
            .update_group(
                update.id,
                stored.version,
                new_details,
                changes,
                at,
                &effects,
                &member_entry,
            )
            .await
        {
            Ok(write) => {
                return Ok(SavedGroup {
                    group: write.group,
                    added: write.added,
                    removed: write.removed,
                });
            }
            // Someone saved between our read and our write: read again.
            Err(StoreError::VersionChanged) => {}
            Err(StoreError::NotFound) => return Err(not_found(update.id)),
            Err(StoreError::Duplicate(UniqueField::GroupName)) => {
                return Err(name_taken(&details.name));
            }
            Err(other) => return Err(internal_error("saving a customer group", &other)),
        }
    }
    Err(internal_error(
        "saving a customer group",
        &"others kept saving it meanwhile",
    ))
}

/// Deletes a group; its customers stay, each with an entry saying they left it.
pub async fn delete_group(
    store: &dyn Store,
    by: &Attribution,
    id: GroupId,
    now: DateTime<Utc>,
) -> Result<(), DeskError> {
    let stored = read(store, id).await?;
    let at = now.trunc_subsecs(6);
    let effects = Effects::audit(entry(
        by,
        at,
        AuditAction::GroupDeleted,
        EntityType::Group,
        id.to_string(),
        vec![
            FieldChange::removed("name", &stored.name),
            FieldChange::removed("customers", stored.member_count.to_string()),
        ],
    ));
    let member_entry = membership_entry(by, at, &stored.name);
    match store
        .delete_group(id, COMPANIES_NAMED, &effects, &member_entry)
        .await
    {
        Ok(GroupDeletion::Deleted) => Ok(()),
        Ok(GroupDeletion::NotFound) => Err(not_found(id)),
        Ok(GroupDeletion::UsedBy(companies)) => Err(used_by_companies(&companies)),
        Err(other) => Err(internal_error("deleting a customer group", &other)),
    }
}

/// How many of the companies using a group a refused delete names.
const COMPANIES_NAMED: u32 = 5;

/// Deleting a group that companies use: they would be left without one.
fn used_by_companies(companies: &CompaniesUsing) -> DeskError {
    let whom = if companies.total == 1 {
        "that company"
    } else {
        "those companies"
    };
    DeskError::Conflict {
        fields: vec![FieldError::new(
            fields::COMPANIES,
            FieldErrorCode::AlreadyInUse,
            format!(
                "The customer group is used by {}, so it was not deleted. Give {whom} another \
                 customer group first.",
                companies.named()
            ),
        )],
    }
}

/// The audit entry of one customer assigned to or unassigned from group `name`.
pub(super) fn membership_entry(
    by: &Attribution,
    at: DateTime<Utc>,
    name: &str,
) -> impl Fn(CustomerId, Membership) -> AuditEntry + Send + Sync + 'static {
    let by = by.clone();
    let name = name.to_owned();
    move |customer, membership| {
        let (action, change) = match membership {
            Membership::Added => (
                AuditAction::AddedToGroup,
                FieldChange::added("group", &name),
            ),
            Membership::Removed => (
                AuditAction::RemovedFromGroup,
                FieldChange::removed("group", &name),
            ),
        };
        entry(
            &by,
            at,
            action,
            EntityType::Customer,
            customer.to_string(),
            vec![change],
        )
    }
}

fn parse(input: &GroupInput) -> Result<GroupDetails, DeskError> {
    input
        .parse()
        .map_err(|fields| DeskError::Validation { fields })
}

/// The "select all results" searches of `picks`, each whole (from its start) with the
/// customers unticked again.
fn whole_searches(
    picks: &CustomerPicks,
) -> Result<Vec<(CustomerQuery, Vec<CustomerId>)>, DeskError> {
    picks
        .all_of
        .iter()
        .map(|selection| match selection {
            CustomerSelection::AllMatching {
                query,
                except,
                after: None,
            } => Ok((query.as_ref().clone(), except.clone())),
            _ => Err(DeskError::Validation {
                fields: vec![FieldError::new(
                    fields::CUSTOMERS,
                    FieldErrorCode::InvalidChoice,
                    "\"Select all results\" assigns a whole search; choose it again.",
                )],
            }),
        })
        .collect()
}

/// The form's value of the field named `field`.
fn field_of<'a>(input: &'a GroupInput, field: &str) -> &'a str {
    if field == fields::NAME {
        input.name.trim()
    } else {
        input.description.trim()
    }
}

/// What the save changes in the group's own fields.
fn field_changes(stored: &CustomerGroup, details: &GroupDetails) -> Vec<FieldChange> {
    let mut changes = Vec::new();
    if stored.name != details.name {
        changes.push(FieldChange::changed("name", &stored.name, &details.name));
    }
    if stored.description != details.description {
        changes.push(FieldChange::changed(
            "description",
            &stored.description,
            &details.description,
        ));
    }
    changes
}

/// The fields someone else changed since the form opened with `opened`, with their
/// values now.
fn others_changed(stored: &CustomerGroup, opened: &GroupInput) -> Vec<StoredValue> {
    let mut others = Vec::new();
    if stored.name != opened.name.trim() {
        others.push(StoredValue {
            field: fields::NAME.to_owned(),
            stored: stored.name.clone(),
        });
    }
    if stored.description != opened.description.trim() {
        others.push(StoredValue {
            field: fields::DESCRIPTION.to_owned(),
            stored: stored.description.clone(),
        });
    }
    others
}

fn name_taken(name: &str) -> DeskError {
    DeskError::Validation {
        fields: vec![FieldError::new(
            fields::NAME,
            FieldErrorCode::AlreadyInUse,
            format!("A customer group named \"{name}\" exists already; choose another name."),
        )],
    }
}
