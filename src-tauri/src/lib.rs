//! The shell: the only crate that knows Tauri and the keyring. At start-up it chooses
//! the folders and the store and wires them into a `Workspace`; it registers the
//! commands (generated from `desk_domain::commands`) and opens the window.

mod commands;
pub mod keyring_secrets;
pub mod migrate_command;
mod rendering;
mod security_config;
mod state;
mod store_location;

use tauri::Manager;

pub use store_location::{DATABASE_URL_VAR, StoreLocation, StoreLocationError};

/// Overrides the OS app-data and config folders (tests give each run a fresh one).
pub const DATA_DIR_VAR: &str = "DESK_DATA_DIR";

/// Starts Customer Desk. Returns when the last window closes.
pub fn run() {
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("DESK_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .init();

    let result = tauri::Builder::default()
        .setup(|app| {
            rendering::configure(app);
            // DESK_DATA_DIR (tests) holds both the data and the profiles file.
            let (data_dir, config_dir) = match std::env::var_os(DATA_DIR_VAR) {
                Some(dir) => (dir.clone().into(), dir.into()),
                None => (app.path().app_data_dir()?, app.path().app_config_dir()?),
            };
            let location = StoreLocation::from_env(&data_dir)?;
            match &location {
                StoreLocation::SqliteFile(_) => {
                    tracing::info!(profiles = %config_dir.display(), "opening the active connection");
                }
                overridden => {
                    tracing::info!(store = %overridden, "opening the store {DATABASE_URL_VAR} names");
                }
            }
            let opened = tauri::async_runtime::block_on(state::open_workspace(
                &location,
                &data_dir,
                &config_dir,
            ));
            match opened {
                Ok((workspace, notice)) => {
                    if let Some(notice) = notice {
                        tracing::warn!("{notice}");
                    }
                    tracing::info!(profile = %workspace.active_profile(), "store open");
                    // The outbox goes out from here for as long as the app runs
                    // (spawned inside the runtime, which the task needs).
                    let delivery = tauri::async_runtime::block_on(async {
                        workspace.start_delivery()
                    });
                    app.manage(delivery);
                    app.manage(workspace);
                    Ok(())
                }
                Err(error) => {
                    // Without a store no screen can work; say why.
                    tracing::error!(%error, "cannot open the store");
                    eprintln!("Customer Desk cannot open its store: {error}");
                    std::process::exit(2);
                }
            }
        })
        .plugin(tauri_plugin_dialog::init())
        .invoke_handler(commands::handler())
        .run(tauri::generate_context!("../tauri.conf.json"));
    if let Err(error) = result {
        tracing::error!(%error, "Customer Desk stopped with an error");
        std::process::exit(1);
    }
}
