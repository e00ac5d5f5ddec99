//! Customer Desk's use cases: each takes already-deserialized input, re-checks it with
//! `desk-domain`'s parsers (the check that counts), talks to the store through its
//! trait, and returns domain values or a [`desk_domain::DeskError`]. Every command
//! enters through [`Desk::execute`], which applies the policy table first.
#![warn(missing_docs)]

pub mod audit;
pub mod commands;
pub mod customers;
mod desk;
mod internal_error;
pub mod lockout;
pub mod passwords;
pub mod policy;
#[cfg(test)]
mod policy_enforcement_tests;
pub mod profiles;
pub mod staff;

pub use desk::{Actor, Caller, Command, Desk, DeskSettings};
pub use internal_error::internal_error;
