//! Customer Desk's use cases: each takes already-deserialized input, re-checks it with
//! `desk-domain`'s parsers (the check that counts), talks to the store through its
//! trait, and returns domain values or a [`desk_domain::DeskError`].
#![warn(missing_docs)]

pub mod customers;
mod internal_error;

pub use internal_error::internal_error;
