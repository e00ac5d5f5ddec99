//! The Tauri commands, generated from the one list in `desk_domain::commands`: for each
//! command a function of the same name taking the command's value as `args`, handing
//! it to [`Workspace::execute`] (which checks the policy first) and answering its
//! output or a `DeskError`. Nothing here is written per command.

use desk_app::profiles::Workspace;

/// Defines one `#[tauri::command]` per command, [`handler`] over all of them, and
/// [`REGISTERED`] (their names, for the test that ties them to the capability file).
macro_rules! tauri_commands {
    ($($name:ident: $command:path),* $(,)?) => {
        $(
            #[tauri::command]
            pub async fn $name(
                workspace: tauri::State<'_, Workspace>,
                args: $command,
            ) -> Result<<$command as desk_domain::Rpc>::Output, desk_domain::DeskError> {
                workspace.execute(args, chrono::Utc::now()).await
            }
        )*

        /// The invoke handler registering every command.
        pub fn handler() -> impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$($name),*]
        }

        /// The names the handler registers.
        #[cfg(test)]
        pub const REGISTERED: &[&str] = &[$(stringify!($name)),*];
    };
}

desk_domain::for_each_command!(tauri_commands);

#[cfg(test)]
mod tests {
    use super::REGISTERED;

    #[test]
    fn the_handler_registers_exactly_the_domain_commands() {
        assert_eq!(REGISTERED, desk_domain::commands::ALL);
    }
}
