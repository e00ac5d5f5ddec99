use desk_domain::customer::{Customer, CustomerId};
use desk_domain::{DeskError, EntityKind};
use desk_store::Store;

use crate::internal_error;

/// One customer, for the details screen.
pub async fn get_customer(store: &dyn Store, id: CustomerId) -> Result<Customer, DeskError> {
    store
        .customer_by_id(id)
        .await
        .map_err(|error| internal_error("reading a customer", &error))?
        .ok_or(DeskError::NotFound {
            entity: EntityKind::Customer,
            id: id.to_string(),
        })
}
