//! Customers: adding (with the emails that follow), editing without lost updates,
//! verifying, listing and reading them.

mod choices;
mod commands;
mod create;
mod emails;
mod get;
mod list;
mod references;
mod update;
mod verify;

pub use choices::customer_choices;
pub use create::create_customer;
pub use emails::{SET_PASSWORD_LINK_LIFETIME, VERIFICATION_LINK_LIFETIME};
pub use get::get_customer;
pub use list::list_customers;
pub use references::{generate_customer_number, generate_customer_ref, is_valid_customer_number};
pub use update::update_customer;
pub use verify::mark_customer_verified;
