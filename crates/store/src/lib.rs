//! Where Customer Desk keeps its records: one trait per area, implemented for a local
//! SQLite file and for a shared Postgres server. Row types stay private to each backend,
//! so SQL never leaks into the domain; business rules stay in `desk-app`.
#![warn(missing_docs)]

mod customer_store;
mod error;
pub mod postgres;
pub mod sqlite;

pub use customer_store::CustomerStore;
pub use error::{StoreError, UniqueField};

/// Everything the application needs from a store. The shell picks the backend once;
/// everything past it holds `Arc<dyn Store>`.
pub trait Store: CustomerStore {}

impl<T: CustomerStore> Store for T {}
