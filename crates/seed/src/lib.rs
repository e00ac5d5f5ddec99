//! Seed data for Customer Desk stores: [`people`] makes the same realistic customers
//! on every run, [`bulk`] writes them into a SQLite or Postgres store fast.

pub mod bulk;
pub mod people;
