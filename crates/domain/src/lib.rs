//! Customer Desk's domain: the types every layer agrees on.
//!
//! This crate builds for `wasm32-unknown-unknown` (the UI runs its parsers for inline
//! form messages) and for the host (the backend runs the same parsers again, and that
//! check is the one that counts). It does no I/O and knows no framework.
#![warn(missing_docs)]

pub mod audit;
pub mod bounds;
mod characters;
pub mod commands;
pub mod company;
pub mod company_address;
mod company_bounds;
pub mod company_form;
pub mod company_invitation;
pub mod company_list;
pub mod company_member;
pub mod company_role;
pub mod company_role_form;
mod currency;
pub mod custom_attribute;
pub mod customer;
pub mod customer_address;
pub mod customer_bulk;
pub mod customer_columns;
pub mod customer_export;
pub mod customer_fields;
pub mod customer_group;
pub mod customer_list;
pub mod customer_note;
pub mod customer_number;
pub mod customer_view;
mod email;
pub mod email_settings;
pub mod email_template;
mod error;
mod field;
pub mod invitation_list;
pub mod link_token;
pub mod locale_tag;
pub mod order;
pub mod outbox;
mod password;
mod permission;
mod person_name;
pub mod postal_code;
pub mod profile;
pub mod rpc;
pub mod search_text;
mod sensitive;
pub mod site;
#[cfg(feature = "sort-keys")]
pub mod sort_key;
pub mod staff;
pub mod store_preferences;
pub mod tax_id;
pub mod transport;

pub use bounds::BoundedInput;
pub use currency::{CurrencyCode, all_currency_codes};
pub use email::Email;
pub use error::{DeskError, EntityKind, StoredValue};
pub use field::{FieldError, FieldErrorCode};
pub use password::{MIN_PASSWORD_CHARS, NewPassword};
pub use permission::Permission;
pub use person_name::PersonName;
pub use rpc::{Requirement, Rpc};
pub use sensitive::Sensitive;
