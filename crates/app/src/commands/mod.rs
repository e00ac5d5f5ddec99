//! One type per command in `desk_domain::commands`; the shell builds one from the
//! invoke arguments and hands it to [`crate::Desk::execute`].

pub mod audit;
pub mod customers;
pub mod session;
pub mod staff;
