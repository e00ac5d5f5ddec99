//! A company's members: the page, adding existing customers with roles, changing
//! roles, deactivating, removing, the contact person (a member; the member who is
//! the contact person is removed only after another is set), and a member's
//! effective policies. Every change is audited on the company, naming the person.

use chrono::{DateTime, SubsecRound, Utc};
use desk_domain::audit::{AuditAction, EntityType, FieldChange};
use desk_domain::company_member::{
    AddMembers, MAX_MEMBER_PAGE_SIZE, MAX_MEMBERS_PER_ADD, MemberChange, MemberPage,
    MemberPolicies, MemberRef, MemberUpdate, MembersAdded, MembersRequest, fields,
};
use desk_domain::company_role::{CompanyRole, CompanyRoleId, effective_policies};
use desk_domain::customer::{Customer, CustomerId};
use desk_domain::{DeskError, EntityKind, FieldError, FieldErrorCode};
use desk_store::{ContactRule, Effects, MemberWrite, Store};

use super::list::{ensure_in_scope, get_company};
use crate::audit::{Attribution, entry};
use crate::internal_error;
use crate::policy::Scope;

/// One page of a company's members ("not found" for a company outside the scope).
pub async fn company_members(
    store: &dyn Store,
    scope: Scope,
    request: &MembersRequest,
) -> Result<MemberPage, DeskError> {
    ensure_in_scope(store, scope, request.company).await?;
    store
        .members(
            request.company,
            request.after.as_ref(),
            request.limit.clamp(1, MAX_MEMBER_PAGE_SIZE),
        )
        .await
        .map_err(|error| internal_error("listing a company's members", &error))
}

/// Every company role, with what it grants.
pub async fn company_roles(store: &dyn Store) -> Result<Vec<CompanyRole>, DeskError> {
    store
        .company_roles()
        .await
        .map_err(|error| internal_error("reading company roles", &error))
}

/// A member's effective policies: per policy, the widest reach their roles grant
/// and which roles grant it.
pub async fn member_policies(
    store: &dyn Store,
    scope: Scope,
    member: MemberRef,
) -> Result<MemberPolicies, DeskError> {
    ensure_in_scope(store, scope, member.company).await?;
    let roles = company_roles(store).await?;
    let theirs = store
        .member_roles(member.company, member.customer)
        .await
        .map_err(|error| internal_error("reading a member's roles", &error))?;
    let held: Vec<CompanyRole> = roles
        .iter()
        .filter(|role| theirs.contains(&role.id))
        .cloned()
        .collect();
    Ok(MemberPolicies {
        effective: effective_policies(&held),
        roles,
    })
}

/// Makes existing customers members with the roles chosen.
pub async fn add_company_members(
    store: &dyn Store,
    by: &Attribution,
    request: &AddMembers,
    now: DateTime<Utc>,
) -> Result<MembersAdded, DeskError> {
    let company = get_company(store, Scope::Everything, request.company).await?;
    let mut problems = Vec::new();
    if request.customers.is_empty() {
        problems.push(FieldError::new(
            fields::CUSTOMERS,
            FieldErrorCode::Required,
            "Pick at least one customer to add.",
        ));
    } else if request.customers.len() > MAX_MEMBERS_PER_ADD {
        problems.push(FieldError::new(
            fields::CUSTOMERS,
            FieldErrorCode::TooLong,
            format!("Add at most {MAX_MEMBERS_PER_ADD} members at once."),
        ));
    }
    let role_names = match check_roles(store, &request.roles).await {
        Ok(names) => names,
        Err(problem) => {
            problems.push(problem);
            Vec::new()
        }
    };
    if !problems.is_empty() {
        return Err(DeskError::Validation { fields: problems });
    }
    let wanted = dedup(&request.customers);
    let customers = store
        .customers_by_ids(&wanted)
        .await
        .map_err(|error| internal_error("reading the customers to add", &error))?;
    if customers.len() < wanted.len() {
        return Err(DeskError::Validation {
            fields: vec![FieldError::new(
                fields::CUSTOMERS,
                FieldErrorCode::InvalidChoice,
                "A customer picked no longer exists; search again.",
            )],
        });
    }
    // Members already stay as they are, and are not named in the entry.
    let already = store
        .members_among(request.company, &wanted)
        .await
        .map_err(|error| internal_error("reading a company's members", &error))?;
    let changes: Vec<FieldChange> = customers
        .iter()
        .filter(|customer| !already.contains(&customer.id))
        .map(|customer| {
            FieldChange::added(
                "member",
                format!("{} ({})", person(customer), role_names.join(", ")),
            )
        })
        .collect();
    let at = now.trunc_subsecs(6);
    let effects = Effects::audit(entry(
        by,
        at,
        AuditAction::MembersAdded,
        EntityType::Company,
        company.row.id.to_string(),
        changes,
    ));
    store
        .add_members(request.company, &wanted, &request.roles, at, &effects)
        .await
        .map_err(|error| internal_error("adding members", &error))
}

/// Changes one member: roles, active, removal, or making them the contact person.
pub async fn update_company_member(
    store: &dyn Store,
    by: &Attribution,
    update: &MemberUpdate,
    now: DateTime<Utc>,
) -> Result<(), DeskError> {
    let company = get_company(store, Scope::Everything, update.company).await?;
    let customer = store
        .customer_by_id(update.customer)
        .await
        .map_err(|error| internal_error("reading a member", &error))?
        .ok_or_else(|| not_a_member(update.customer))?;
    let name = person(&customer);
    let (action, changes) = match &update.change {
        MemberChange::Roles(roles) => {
            let new = check_roles(store, roles)
                .await
                .map_err(|problem| DeskError::Validation {
                    fields: vec![problem],
                })?;
            let all = company_roles(store).await?;
            let held = store
                .member_roles(update.company, update.customer)
                .await
                .map_err(|error| internal_error("reading a member's roles", &error))?;
            let old: Vec<String> = all
                .iter()
                .filter(|role| held.contains(&role.id))
                .map(|role| role.name.clone())
                .collect();
            (
                AuditAction::MemberRolesChanged,
                vec![FieldChange::changed(
                    &format!("roles of {name}"),
                    old.join(", "),
                    new.join(", "),
                )],
            )
        }
        MemberChange::Active(false) => (
            AuditAction::MemberDeactivated,
            vec![FieldChange::changed("member", &name, &name)],
        ),
        MemberChange::Active(true) => (
            AuditAction::MemberActivated,
            vec![FieldChange::changed("member", &name, &name)],
        ),
        MemberChange::Remove => (
            AuditAction::MemberRemoved,
            vec![FieldChange::removed("member", &name)],
        ),
        MemberChange::MakeContact => {
            let old = company
                .contact
                .as_ref()
                .map(|contact| contact.name.clone())
                .unwrap_or_default();
            (
                AuditAction::ContactPersonChanged,
                vec![FieldChange::changed(fields::CONTACT, old, &name)],
            )
        }
    };
    let at = now.trunc_subsecs(6);
    let effects = Effects::audit(entry(
        by,
        at,
        action,
        EntityType::Company,
        company.row.id.to_string(),
        changes,
    ));
    match store
        .change_member(
            update.company,
            update.customer,
            &update.change,
            at,
            &effects,
        )
        .await
        .map_err(|error| internal_error("changing a member", &error))?
    {
        MemberWrite::Done => Ok(()),
        MemberWrite::NoSuchMember => Err(not_a_member(update.customer)),
        MemberWrite::Refused(ContactRule::NotAMember) => Err(DeskError::Validation {
            fields: vec![FieldError::new(
                fields::CONTACT,
                FieldErrorCode::InvalidChoice,
                format!(
                    "{name} is not a member of {}; the contact person must be one of its \
                     members. Add them as a member first.",
                    company.row.name
                ),
            )],
        }),
        MemberWrite::Refused(ContactRule::IsContact) => Err(DeskError::Conflict {
            fields: vec![FieldError::new(
                fields::CONTACT,
                FieldErrorCode::InvalidChoice,
                format!(
                    "{name} is the contact person of {}, so they were not removed. Make \
                     another member the contact person first.",
                    company.row.name
                ),
            )],
        }),
    }
}

/// The names of `roles`, or a problem when there are none or one does not exist.
async fn check_roles(
    store: &dyn Store,
    roles: &[CompanyRoleId],
) -> Result<Vec<String>, FieldError> {
    if roles.is_empty() {
        return Err(FieldError::new(
            fields::ROLES,
            FieldErrorCode::Required,
            "Give the member at least one role, such as Member or Buyer.",
        ));
    }
    let all = store.company_roles().await.map_err(|_| {
        FieldError::new(
            fields::ROLES,
            FieldErrorCode::InvalidChoice,
            "The company roles could not be read; try again.",
        )
    })?;
    roles
        .iter()
        .map(|id| {
            all.iter()
                .find(|role| role.id == *id)
                .map(|role| role.name.clone())
                .ok_or_else(|| {
                    FieldError::new(
                        fields::ROLES,
                        FieldErrorCode::InvalidChoice,
                        "A role chosen no longer exists; choose again.",
                    )
                })
        })
        .collect()
}

fn dedup(ids: &[CustomerId]) -> Vec<CustomerId> {
    let mut unique = Vec::with_capacity(ids.len());
    for id in ids {
        if !unique.contains(id) {
            unique.push(*id);
        }
    }
    unique
}

/// "Ada Lovelace <ada@example.com>".
fn person(customer: &Customer) -> String {
    format!(
        "{} {} <{}>",
        customer.first_name, customer.last_name, customer.email
    )
}

fn not_a_member(customer: CustomerId) -> DeskError {
    DeskError::NotFound {
        entity: EntityKind::Customer,
        id: customer.to_string(),
    }
}
