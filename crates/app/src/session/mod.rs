//! Set-up, sign-in, sign-out and one's own password.

mod commands;
mod password;
mod sign_in;
mod state;

pub use password::{change_own_password, change_shared_password};
pub use sign_in::{SIGN_IN_REFUSED, sign_in};
pub use state::{session_state, sign_out, start_as_first_admin};
