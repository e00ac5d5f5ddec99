//! Where Customer Desk keeps its records: one trait per area, implemented for a local
//! SQLite file and for a shared Postgres server. Row types stay private to each backend,
//! so SQL never leaks into the domain; business rules stay in `desk-app`.
#![warn(missing_docs)]

mod audit_store;
mod customer_store;
mod error;
pub mod postgres;
pub mod sqlite;
mod staff_roles;
mod staff_store;

pub use audit_store::AuditStore;
pub use customer_store::CustomerStore;
pub use error::{StoreError, UniqueField};
pub use staff_store::{FailedSignIn, LockRule, NewStaffRecord, StaffRecord, StaffStore};

/// Everything the application needs from a store. The shell picks the backend once;
/// everything past it holds `Arc<dyn Store>`.
pub trait Store: CustomerStore + StaffStore + AuditStore {}

impl<T: CustomerStore + StaffStore + AuditStore> Store for T {}
