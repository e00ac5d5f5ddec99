//! Adding and listing customers.

use chrono::{DateTime, SubsecRound, Utc};
use desk_domain::audit::FieldChange;
use desk_domain::customer::{
    Customer, CustomerCursor, CustomerId, CustomerListRequest, CustomerPage, NewCustomer,
    NewCustomerInput, fields,
};
use desk_domain::{DeskError, FieldError, FieldErrorCode};
use desk_store::{Store, StoreError, UniqueField};

use crate::audit::{Attribution, actions, entry};
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
        actions::CUSTOMER_CREATED,
        "customer",
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
        .insert_customer(id, created_at, &customer, &audit)
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

/// One page of the customer list, sorted by last name, then first name.
pub async fn list_customers(
    store: &dyn Store,
    request: &CustomerListRequest,
) -> Result<CustomerPage, DeskError> {
    let page_size = request.page_size();
    // One row more than asked tells whether another page follows without a COUNT.
    let mut items = store
        .list_customers(request.after.as_ref(), page_size + 1)
        .await
        .map_err(|error| internal_error("listing customers", &error))?;
    let has_more = items.len() > page_size as usize;
    items.truncate(page_size as usize);
    let next = if has_more {
        items.last().map(CustomerCursor::after)
    } else {
        None
    };
    Ok(CustomerPage { items, next })
}
