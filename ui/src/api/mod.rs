//! The UI's only way to the backend: [`call`] sends one command value from
//! `desk_domain::commands` and decodes its typed answer.

mod call;

pub use call::{SIGNED_OUT_EVENT, call, choose_save_path};
