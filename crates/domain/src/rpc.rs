//! The command contract between the UI and the backend: a command is one argument type
//! that names itself, its answer and what the caller needs. The UI invokes it by value
//! (`desk-ui`'s `api::call`), the shell registers one function per command from the
//! same list, and `desk-app` runs it after checking [`Rpc::REQUIRES`].

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::{BoundedInput, Permission};

/// The one key under which the UI sends a command's value and the shell receives it.
/// Tauri passes commands named arguments; with a single, fixed name no argument name
/// of a command is ever written on both sides.
pub const ARGS_KEY: &str = "args";

/// What a command needs from the caller before it may run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Requirement {
    /// Anyone, signed in or not: the screens before sign-in.
    Public,
    /// Any signed-in staff member, whatever their roles.
    SignedIn,
    /// A signed-in staff member whose roles grant this permission.
    Permission(Permission),
}

impl Requirement {
    /// How the policy table shows it.
    pub fn describe(self) -> String {
        match self {
            Self::Public => "anyone (before sign-in too)".to_owned(),
            Self::SignedIn => "any signed-in staff member".to_owned(),
            Self::Permission(permission) => format!("permission to {}", permission.describe()),
        }
    }
}

/// A backend command: its value is the arguments, and it says what it answers and
/// whom it is for. Implemented only through `commands!` in [`crate::commands`], so
/// every command has a name, an output and a requirement, or it does not compile; and
/// only for a [`BoundedInput`], so every string it carries has a length cap, or it does
/// not compile either.
pub trait Rpc: BoundedInput + Serialize + DeserializeOwned + Send + 'static {
    /// The name Tauri registers and the UI invokes, e.g. `create_customer`.
    const NAME: &'static str;
    /// What the caller needs; checked by the backend before the command runs.
    const REQUIRES: Requirement;
    /// What the command answers on success.
    type Output: Serialize + DeserializeOwned + Send + 'static;
}
