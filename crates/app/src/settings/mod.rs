//! The store's settings: sites, the currencies and locales it uses, what new customers
//! start as, and what storefront visitors may see. Administrators change them (each
//! change audited); everyone signed in reads what their screens need.

mod attributes;
mod code_lists;
mod commands;
mod preferences;
mod sites;

pub use attributes::save_customer_attribute;
pub use code_lists::{change_code_list, currencies_and_locales};
pub use preferences::{customer_access, preferences, save_customer_access, save_preferences};
pub use sites::{list_sites, save_site};

use desk_domain::{DeskError, FieldError, FieldErrorCode};

/// A refusal with one message beside `field`.
fn field_problem(field: &str, code: FieldErrorCode, message: impl Into<String>) -> DeskError {
    DeskError::Validation {
        fields: vec![FieldError::new(field, code, message)],
    }
}

/// "A, B and C".
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}
