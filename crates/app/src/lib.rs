//! Customer Desk's use cases, by area (`session`, `staff`, `customers`, `audit`,
//! `profiles`). Each area has its use cases as plain functions, which take
//! already-deserialized input, re-check it with `desk-domain`'s parsers (the check
//! that counts) and talk to the store through its trait; and a `commands` module of
//! thin [`Command`] adapters. Every command enters through
//! [`profiles::Workspace::execute`], which checks its requirement first.
#![warn(missing_docs)]

pub mod audit;
mod command;
pub mod companies;
pub mod customers;
pub mod database_password;
mod desk;
pub mod email;
pub mod groups;
mod internal_error;
pub mod lockout;
pub mod passwords;
pub mod policy;
#[cfg(test)]
mod policy_enforcement_tests;
pub mod profiles;
pub mod session;
pub mod settings;
pub mod signed_links;
pub mod staff;
pub mod stored_password;

pub use command::{Access, Caller, Command, Context, Staff, Visitor};
pub use desk::{Actor, Desk, DeskSettings, SharedLogin};
pub use internal_error::internal_error;
