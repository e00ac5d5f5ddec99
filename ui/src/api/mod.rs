//! The UI's only way to the backend: typed wrappers over Tauri's `invoke`, one per command.

pub mod customers;
mod invoke;
