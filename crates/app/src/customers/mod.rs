//! Customers: adding (with the emails that follow), editing without lost updates,
//! verifying, listing and reading them.

mod addresses;
mod bulk;
mod choices;
mod commands;
mod create;
mod csv_export;
mod demo;
mod emails;
mod erasure;
mod get;
mod history;
mod list;
mod notes;
mod references;
mod resend;
mod selection;
mod update;
mod verify;
mod views;

pub use addresses::{customer_addresses, delete_address, save_address, set_default_address};
pub use bulk::{bulk_change_customers, count_customers};
pub use choices::customer_choices;
pub use create::create_customer;
pub use csv_export::export_customers_csv;
pub use demo::{DEMO_CUSTOMERS, load_demo_customers};
pub use emails::{SET_PASSWORD_LINK_LIFETIME, VERIFICATION_LINK_LIFETIME};
pub use erasure::{customer_export, erase_customer, export_customer};
pub use get::get_customer;
pub use history::customer_history;
pub use list::list_customers;
pub use notes::{add_note, customer_notes};
pub use references::{generate_customer_number, generate_customer_ref};
pub use resend::send_customer_email;
pub(crate) use selection::read_chunk as read_selection_chunk;
pub use update::update_customer;
pub use verify::mark_customer_verified;
pub use views::{customer_views, delete_customer_view, save_customer_view};
