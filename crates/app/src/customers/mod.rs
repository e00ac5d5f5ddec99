//! Customers: adding, listing and reading them.

mod commands;
mod create;
mod get;
mod list;

pub use create::create_customer;
pub use get::get_customer;
pub use list::list_customers;
