use chrono::{DateTime, SubsecRound, Utc};
use desk_domain::DeskError;
use desk_domain::customer::CustomerId;
use desk_domain::customer_bulk::BulkProgress;
use desk_domain::customer_group::GroupBulkRequest;
use desk_store::Store;
use desk_store::{Effects, MemberChanges, StoreError};

use super::list::{not_found, read};
use super::save::membership_entry;
use crate::audit::Attribution;
use crate::customers::read_selection_chunk;
use crate::internal_error;

/// Assigns the next chunk of a list selection to a group, or unassigns it: one
/// transaction per chunk, an entry per customer whose assignment changed.
pub async fn bulk_assign_group(
    store: &dyn Store,
    by: &Attribution,
    request: &GroupBulkRequest,
    now: DateTime<Utc>,
) -> Result<BulkProgress, DeskError> {
    let chunk = read_selection_chunk(store, &request.selection).await?;
    let ids: Vec<CustomerId> = chunk
        .customers
        .iter()
        .filter(|customer| customer.erased_at.is_none())
        .map(|customer| customer.id)
        .collect();
    let changes = if request.assign {
        MemberChanges {
            add: &ids,
            ..MemberChanges::default()
        }
    } else {
        MemberChanges {
            remove: &ids,
            ..MemberChanges::default()
        }
    };
    let at = now.trunc_subsecs(6);
    let group = read(store, request.group).await?;
    let member_entry = membership_entry(by, at, &group.name);
    // Assignments alone are not checked against a version (they merge with any save
    // between), so there is no race to retry.
    let write = store
        .update_group(
            group.id,
            group.version,
            None,
            changes,
            at,
            &Effects::default(),
            &member_entry,
        )
        .await
        .map_err(|error| match error {
            StoreError::NotFound => not_found(request.group),
            other => internal_error("assigning customers to a group", &other),
        })?;
    Ok(BulkProgress {
        looked_at: chunk.looked_at(),
        changed: u32::try_from(write.added + write.removed).unwrap_or(u32::MAX),
        next: chunk.next,
    })
}
