//! Thin commands: each deserializes its arguments (serde does), wraps them in the
//! matching `desk_app::commands` type and hands it to `Desk::execute`, which checks the
//! policy before anything runs. Function names must equal `desk_domain::commands`'
//! constants: build.rs grants permissions by those names, so a mismatch leaves the
//! command uncallable and the end-to-end suite fails.

pub mod audit;
pub mod customers;
pub mod profiles;
pub mod session;
pub mod staff;
