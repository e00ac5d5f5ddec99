//! Seed data for Customer Desk stores: [`people`] makes the same realistic customers
//! on every run, [`bulk`] writes them into a SQLite or Postgres store fast, and
//! [`companies`] adds B2B companies with members and orders for them.

pub mod bulk;
pub mod companies;
pub mod people;
