//! Shared fixtures for the cross-crate suites: fresh stores of each backend, customer
//! inputs, and a driver for the real app.

pub mod app_driver;
pub mod fixtures;
pub mod front_door;
pub mod mail_sink;
pub mod process_tree;
pub mod stores;
