//! The screens, one folder per area. The signed-in ones are routes of the shell;
//! set-up, sign-in and the connections before sign-in are chosen by the session gate.

pub mod account;
pub mod audit;
pub mod companies;
pub mod customers;
pub mod groups;
pub mod outbox;
pub mod profiles;
pub mod session;
pub mod settings;
pub mod staff;
