//! Customer Desk's domain: the types every layer agrees on.
//!
//! This crate builds for `wasm32-unknown-unknown` (the UI runs its parsers for inline
//! form messages) and for the host (the backend runs the same parsers again, and that
//! check is the one that counts). It does no I/O and knows no framework.
#![warn(missing_docs)]

pub mod commands;
mod currency;
pub mod customer;
mod email;
mod error;
mod field;
mod person_name;

pub use currency::{CurrencyCode, all_currency_codes};
pub use email::Email;
pub use error::{DeskError, EntityKind};
pub use field::{FieldError, FieldErrorCode};
pub use person_name::PersonName;
