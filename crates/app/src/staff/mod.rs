//! Staff accounts: creating them (the first administrator too), and managing them.

mod commands;
mod create;
mod manage;

pub use create::{create_first_admin, create_staff};
pub use manage::{
    deactivate_staff, list_staff, reset_staff_password, set_idle_timeout, set_staff_roles,
};
