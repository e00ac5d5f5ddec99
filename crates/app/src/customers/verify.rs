use chrono::{DateTime, SubsecRound, Utc};
use desk_domain::audit::{AuditAction, EntityType, FieldChange};
use desk_domain::customer::{Customer, CustomerId, fields};
use desk_domain::{DeskError, EntityKind};
use desk_store::Effects;
use desk_store::Store;

use crate::audit::{Attribution, entry};
use crate::internal_error;

/// Marks customer `id` Verified by hand (for example after confirming their address
/// by phone); audited. A customer who is Verified already stays as they are.
pub async fn mark_customer_verified(
    store: &dyn Store,
    by: &Attribution,
    id: CustomerId,
    now: DateTime<Utc>,
) -> Result<Customer, DeskError> {
    let at = now.trunc_subsecs(6);
    let audit = entry(
        by,
        at,
        AuditAction::CustomerMarkedVerified,
        EntityType::Customer,
        id.to_string(),
        vec![FieldChange::changed(fields::VERIFIED, "no", "yes")],
    );
    store
        .mark_customer_verified(id, at, &Effects::audit(audit))
        .await
        .map_err(|error| internal_error("marking a customer verified", &error))?
        .ok_or(DeskError::NotFound {
            entity: EntityKind::Customer,
            id: id.to_string(),
        })
}
