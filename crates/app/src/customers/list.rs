use desk_domain::DeskError;
use desk_domain::customer::{CustomerCursor, CustomerListRequest, CustomerPage};
use desk_store::Store;

use crate::internal_error;

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
