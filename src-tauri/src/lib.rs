//! The shell: the only crate that knows Tauri. It picks the store once at start-up,
//! registers the commands (each a one-liner over `desk-app`) and opens the window.

mod commands;
pub mod keyring_secrets;
mod security_config;
mod state;
mod store_location;
mod store_opener;

use tauri::Manager;

pub use store_location::{StoreLocation, StoreLocationError};

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
            // DESK_DATA_DIR (tests) holds both the data and the profiles file.
            let override_dir =
                std::env::var_os(store_location::DATA_DIR_VAR).map(std::path::PathBuf::from);
            let data_dir = match &override_dir {
                Some(dir) => dir.clone(),
                None => app.path().app_data_dir()?,
            };
            let config_dir = match &override_dir {
                Some(dir) => dir.clone(),
                None => app.path().app_config_dir()?,
            };
            let location = StoreLocation::from_env(&data_dir)?;
            tracing::info!(store = %location, "opening store");
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
                    app.manage(workspace);
                    Ok(())
                }
                Err(error) => {
                    // Without a store no screen can work; say which store and why.
                    tracing::error!(store = %location, %error, "cannot open the store");
                    eprintln!("Customer Desk cannot open its store ({location}): {error}");
                    std::process::exit(2);
                }
            }
        })
        .invoke_handler(tauri::generate_handler![
            commands::session::session_state,
            commands::session::create_first_admin,
            commands::session::sign_in,
            commands::session::sign_out,
            commands::session::change_own_password,
            commands::staff::list_staff,
            commands::staff::create_staff,
            commands::staff::set_staff_roles,
            commands::staff::deactivate_staff,
            commands::staff::reset_staff_password,
            commands::audit::list_audit,
            commands::profiles::list_profiles,
            commands::profiles::save_profile,
            commands::profiles::test_profile,
            commands::profiles::switch_profile,
            commands::profiles::remove_profile,
            commands::customers::create_customer,
            commands::customers::list_customers,
        ])
        .run(tauri::generate_context!("../tauri.conf.json"));
    if let Err(error) = result {
        tracing::error!(%error, "Customer Desk stopped with an error");
        std::process::exit(1);
    }
}
