use desk_domain::customer::CustomerId;
use desk_domain::customer_group::{
    CustomerGroup, CustomerGroups, GroupId, GroupLink, GroupListRequest, GroupMembersRequest,
    GroupPage,
};
use desk_domain::customer_list::{CustomerPage, CustomerSort, MAX_PAGE_SIZE};
use desk_domain::{DeskError, EntityKind, FieldError, FieldErrorCode};
use desk_store::{GroupsSeen, Store};

use crate::internal_error;
use crate::policy::Scope;

/// The groups `scope` sees: a sales rep, those of their own companies.
fn seen_by(scope: Scope) -> GroupsSeen {
    match scope {
        Scope::Everything => GroupsSeen::All,
        Scope::AssignedTo(staff) => GroupsSeen::OfSalesRep(staff),
    }
}

pub(super) fn not_found(id: GroupId) -> DeskError {
    DeskError::NotFound {
        entity: EntityKind::Group,
        id: id.to_string(),
    }
}

/// Group `id` as stored, whoever asks.
pub(super) async fn read(store: &dyn Store, id: GroupId) -> Result<CustomerGroup, DeskError> {
    store
        .group_by_id(id, GroupsSeen::All)
        .await
        .map_err(|error| internal_error("reading a customer group", &error))?
        .ok_or_else(|| not_found(id))
}

/// One page of the groups list in the request's order and search.
pub async fn list_groups(
    store: &dyn Store,
    scope: Scope,
    request: &GroupListRequest,
) -> Result<GroupPage, DeskError> {
    if request
        .after
        .as_ref()
        .is_some_and(|cursor| cursor.sort != request.query.sort)
    {
        return Err(order_changed());
    }
    store
        .list_groups(
            &request.query,
            request.after.as_ref(),
            request.page_size(),
            seen_by(scope),
        )
        .await
        .map_err(|error| internal_error("listing customer groups", &error))
}

/// Group `id`; "not found" also for a group outside the caller's scope, so its
/// existence does not leak.
pub async fn get_group(
    store: &dyn Store,
    scope: Scope,
    id: GroupId,
) -> Result<CustomerGroup, DeskError> {
    store
        .group_by_id(id, seen_by(scope))
        .await
        .map_err(|error| internal_error("reading a customer group", &error))?
        .ok_or_else(|| not_found(id))
}

/// One page of a group's customers, by last name. A sales rep sees their companies'
/// groups but not the customers in them (only their companies' members).
pub async fn group_members(
    store: &dyn Store,
    scope: Scope,
    request: &GroupMembersRequest,
) -> Result<CustomerPage, DeskError> {
    if scope != Scope::Everything {
        // "Not found" for a group outside their scope, as everywhere.
        get_group(store, scope, request.id).await?;
        return Err(DeskError::Unauthorized {
            message: "your role does not allow you to see the customers of a group.".into(),
        });
    }
    // No separate look-up of the group for everyone else: the screen read the group
    // before asking for its customers, and a group deleted meanwhile has none (one
    // query per page instead of two).
    if let Some(cursor) = &request.after
        && cursor.keys.len() != CustomerSort::LastName.key_count()
    {
        return Err(order_changed());
    }
    store
        .group_members(
            request.id,
            request.after.as_ref(),
            request.limit.clamp(1, MAX_PAGE_SIZE),
        )
        .await
        .map_err(|error| internal_error("listing a group's customers", &error))
}

/// A page asked for with another sort's position: the screen starts again.
fn order_changed() -> DeskError {
    DeskError::Validation {
        fields: vec![FieldError::new(
            desk_domain::customer::fields::AFTER,
            FieldErrorCode::InvalidChoice,
            "The list changed its order meanwhile; it starts again from the top.",
        )],
    }
}

/// The groups of each of `ids` (a page of the customer list).
pub async fn groups_of_customers(
    store: &dyn Store,
    ids: &[CustomerId],
) -> Result<Vec<CustomerGroups>, DeskError> {
    let found = store
        .groups_of_each(ids)
        .await
        .map_err(|error| internal_error("reading customers' groups", &error))?;
    Ok(ids
        .iter()
        .map(|id| CustomerGroups {
            id: *id,
            groups: found
                .iter()
                .filter(|(customer, _)| customer == id)
                .map(|(_, group)| group.clone())
                .collect(),
        })
        .collect())
}

/// The groups customer `id` is in, by name.
pub async fn customer_groups(
    store: &dyn Store,
    id: CustomerId,
) -> Result<Vec<GroupLink>, DeskError> {
    store
        .groups_of(id)
        .await
        .map_err(|error| internal_error("reading a customer's groups", &error))
}
