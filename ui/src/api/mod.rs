//! The UI's only way to the backend: typed wrappers over Tauri's `invoke`, one per command.

pub mod audit;
pub mod customers;
mod invoke;
pub mod profiles;
pub mod session;
pub mod staff;

pub use invoke::SIGNED_OUT_EVENT;
