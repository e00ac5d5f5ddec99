//! The Customers screen: the list with the add form beside it, and one customer's
//! details over the list (a child route, so the list keeps its place meanwhile).

mod add_customer_form;
mod addresses;
mod bulk_bar;
mod demo_offer;
mod details;
mod edit_customer_form;
mod fields;
mod history;
mod list;
mod list_columns;
mod list_toolbar;
mod list_views;
mod notes;
pub(crate) mod source;

pub use details::CustomerDetailsPage;
pub use fields::local_today;
pub use list::CustomersPage;

use desk_domain::customer::CustomerId;

/// History state of a details entry opened from the list: leaving it goes back in
/// history, to the list as it was; any other way in leaves by a fresh navigation.
const FROM_LIST: &str = "from-customer-list";

/// The route of one customer's details.
fn details_path(id: CustomerId) -> String {
    format!("/customers/{id}")
}
