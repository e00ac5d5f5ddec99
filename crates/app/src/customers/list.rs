use desk_domain::customer_list::{CustomerListRequest, CustomerPage};
use desk_domain::{DeskError, FieldError, FieldErrorCode};
use desk_store::Store;

use crate::internal_error;

/// One page of the customer list in the request's order, filtered and searched.
pub async fn list_customers(
    store: &dyn Store,
    request: &CustomerListRequest,
) -> Result<CustomerPage, DeskError> {
    if let Some(cursor) = &request.after
        && cursor.keys.len() != request.query.sort.key_count()
    {
        // A page asked for with another sort's position (e.g. from before the sort
        // changed): the screen starts again from the top.
        return Err(DeskError::Validation {
            fields: vec![FieldError::new(
                desk_domain::customer::fields::AFTER,
                FieldErrorCode::InvalidChoice,
                "The list changed its order meanwhile; it starts again from the top.",
            )],
        });
    }
    store
        .list_customers(&request.query, request.after.as_ref(), request.page_size())
        .await
        .map_err(|error| internal_error("listing customers", &error))
}
