//! What new customers start as, and what storefront visitors who are not signed in may
//! not see.

use chrono::{DateTime, Utc};
use desk_domain::DeskError;
use desk_domain::audit::{AuditAction, EntityType, FieldChange};
use desk_domain::store_preferences::{CustomerAccess, Preferences};
use desk_store::Effects;

use crate::audit::entry;
use crate::desk::{Actor, Desk};
use crate::internal_error;

fn on_off(value: bool) -> &'static str {
    if value { "on" } else { "off" }
}

/// What new customers start as.
pub async fn preferences(desk: &Desk) -> Result<Preferences, DeskError> {
    desk.store()?
        .preferences()
        .await
        .map_err(|error| internal_error("reading the preferences", &error))
}

/// Saves what new customers start as.
pub async fn save_preferences(
    desk: &Desk,
    by: &Actor,
    input: &Preferences,
    now: DateTime<Utc>,
) -> Result<Preferences, DeskError> {
    let store = desk.store()?;
    let before = preferences(desk).await?;
    let changes: Vec<FieldChange> = [
        (
            "customerActiveOnCreation",
            before.customer_active_on_creation,
            input.customer_active_on_creation,
        ),
        (
            "customerOnHoldOnCreation",
            before.customer_on_hold_on_creation,
            input.customer_on_hold_on_creation,
        ),
    ]
    .into_iter()
    .filter(|(_, old, new)| old != new)
    .map(|(field, old, new)| FieldChange::changed(field, on_off(old), on_off(new)))
    .collect();
    if !changes.is_empty() {
        let audit = Effects::audit(entry(
            &by.attribution(),
            now,
            AuditAction::PreferencesChanged,
            EntityType::Settings,
            "preferences".into(),
            changes,
        ));
        store
            .set_preferences(*input, &audit)
            .await
            .map_err(|error| internal_error("saving the preferences", &error))?;
    }
    preferences(desk).await
}

/// What storefront visitors who are not signed in may not see.
pub async fn customer_access(desk: &Desk) -> Result<CustomerAccess, DeskError> {
    desk.store()?
        .customer_access()
        .await
        .map_err(|error| internal_error("reading the customer access", &error))
}

/// Saves what storefront visitors who are not signed in may not see.
pub async fn save_customer_access(
    desk: &Desk,
    by: &Actor,
    input: &CustomerAccess,
    now: DateTime<Utc>,
) -> Result<CustomerAccess, DeskError> {
    let store = desk.store()?;
    let before = customer_access(desk).await?;
    let after = input.normalized();
    let changes: Vec<FieldChange> = after
        .hidden
        .iter()
        .filter(|(kind, hidden)| before.is_hidden(*kind) != *hidden)
        .map(|(kind, hidden)| {
            let shown = |hidden: bool| if hidden { "hidden" } else { "shown" };
            FieldChange::changed(kind.label(), shown(!hidden), shown(*hidden))
        })
        .collect();
    if !changes.is_empty() {
        let audit = Effects::audit(entry(
            &by.attribution(),
            now,
            AuditAction::CustomerAccessChanged,
            EntityType::Settings,
            "customer_access".into(),
            changes,
        ));
        store
            .set_customer_access(&after, &audit)
            .await
            .map_err(|error| internal_error("saving the customer access", &error))?;
    }
    customer_access(desk).await
}
