//! Thin commands: each parses its input (serde does), calls one `desk-app` function and
//! returns its result. Function names must equal `desk_domain::commands`' constants:
//! build.rs grants permissions by those names, so a mismatch leaves the command
//! uncallable and the end-to-end suite fails.

pub mod customers;
