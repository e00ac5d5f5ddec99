//! The screens before sign-in.

mod connection_link;
mod set_up;
mod sign_in;

pub use set_up::SetUpPage;
pub use sign_in::SignInPage;
