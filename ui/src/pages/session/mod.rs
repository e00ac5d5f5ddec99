//! The screens before sign-in.

mod change_password_first;
mod connection_link;
mod set_up;
mod shared_sign_in;
mod sign_in;

pub use change_password_first::ChangePasswordFirstPage;
pub use set_up::SetUpPage;
pub use shared_sign_in::SharedSignInPage;
pub use sign_in::SignInPage;
