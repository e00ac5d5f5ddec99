//! The names of the backend commands, shared by the UI (which invokes them) and the
//! shell (which registers and permits them), so neither side spells them by hand.

/// Adds a customer; takes `{ input: NewCustomerInput }`, returns `Customer`.
pub const CREATE_CUSTOMER: &str = "create_customer";
/// Lists customers by keyset; takes `{ request: CustomerListRequest }`, returns `CustomerPage`.
pub const LIST_CUSTOMERS: &str = "list_customers";

/// Every command the shell registers. The shell's capability file grants exactly these.
pub const ALL: &[&str] = &[CREATE_CUSTOMER, LIST_CUSTOMERS];
