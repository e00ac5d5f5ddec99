use chrono::{DateTime, SubsecRound, Utc};
use desk_domain::audit::{AuditAction, EntityType, FieldChange};
use desk_domain::customer::{Customer, CustomerId, NewCustomer, NewCustomerInput, fields};
use desk_domain::{DeskError, FieldError, FieldErrorCode};
use desk_store::{Effects, Store, StoreError, UniqueField};

use crate::audit::{Attribution, entry};
use crate::internal_error;

/// Validates `input` and stores it as a new customer created at `now`. On any error
/// nothing is saved: validation fails before the store is touched, and a duplicate
/// email is refused by the store's unique constraint inside the insert itself.
pub async fn create_customer(
    store: &dyn Store,
    by: &Attribution,
    input: &NewCustomerInput,
    now: DateTime<Utc>,
) -> Result<Customer, DeskError> {
    let customer = NewCustomer::parse(input).map_err(|fields| DeskError::Validation { fields })?;
    let id = CustomerId(uuid::Uuid::now_v7());
    // Postgres keeps microseconds; truncating here makes every backend store the same.
    let created_at = now.trunc_subsecs(6);
    let audit = entry(
        by,
        created_at,
        AuditAction::CustomerCreated,
        EntityType::Customer,
        id.to_string(),
        vec![
            FieldChange::added(fields::EMAIL, customer.email.as_str()),
            FieldChange::added(fields::FIRST_NAME, customer.first_name.as_str()),
            FieldChange::added(fields::LAST_NAME, customer.last_name.as_str()),
            FieldChange::added(
                fields::PREFERRED_CURRENCY,
                customer.preferred_currency.as_str(),
            ),
        ],
    );
    store
        .insert_customer(id, created_at, &customer, &Effects::audit(audit))
        .await
        .map_err(|error| match error {
            StoreError::Duplicate(UniqueField::CustomerEmail) => DeskError::Conflict {
                fields: vec![FieldError::new(
                    fields::EMAIL,
                    FieldErrorCode::AlreadyInUse,
                    format!(
                        "{} is already in use by another customer.",
                        customer.email.as_str()
                    ),
                )],
            },
            other => internal_error("adding a customer", &other),
        })
}
