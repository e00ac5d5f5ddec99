//! Saved views of the customer list: each staff member's own, by name, one default.

use chrono::{DateTime, Utc};
use desk_domain::customer_view::{CustomerView, CustomerViewInput, ViewId, fields};
use desk_domain::staff::StaffId;
use desk_domain::{DeskError, EntityKind, FieldError, FieldErrorCode};
use desk_store::{Store, StoreError, UniqueField};

use crate::internal_error;

/// `staff`'s saved views, by name.
pub async fn customer_views(
    store: &dyn Store,
    staff: StaffId,
) -> Result<Vec<CustomerView>, DeskError> {
    store
        .views_of(staff)
        .await
        .map_err(|error| internal_error("reading the saved views", &error))
}

/// Saves a view for `staff` (new, or over one of theirs).
pub async fn save_customer_view(
    store: &dyn Store,
    staff: StaffId,
    input: &CustomerViewInput,
    now: DateTime<Utc>,
) -> Result<CustomerView, DeskError> {
    let view = input
        .parse(ViewId(uuid::Uuid::now_v7()))
        .map_err(|fields| DeskError::Validation { fields })?;
    match store.save_view(staff, &view, now).await {
        Ok(saved) => Ok(saved),
        Err(StoreError::Duplicate(UniqueField::ViewName)) => Err(DeskError::Validation {
            fields: vec![FieldError::new(
                fields::NAME,
                FieldErrorCode::AlreadyInUse,
                format!(
                    "You have a view named \"{}\" already; choose it and save over it, or pick another name.",
                    view.name
                ),
            )],
        }),
        Err(StoreError::NotFound) => Err(not_found(view.id)),
        Err(other) => Err(internal_error("saving a view", &other)),
    }
}

/// Deletes one of `staff`'s views.
pub async fn delete_customer_view(
    store: &dyn Store,
    staff: StaffId,
    id: ViewId,
) -> Result<(), DeskError> {
    match store.delete_view(staff, id).await {
        Ok(true) => Ok(()),
        Ok(false) => Err(not_found(id)),
        Err(error) => Err(internal_error("deleting a view", &error)),
    }
}

fn not_found(id: ViewId) -> DeskError {
    DeskError::NotFound {
        entity: EntityKind::View,
        id: id.0.to_string(),
    }
}
