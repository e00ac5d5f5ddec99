//! The shell: the only crate that knows Tauri. It picks the store once at start-up,
//! registers the commands (each a one-liner over `desk-app`) and opens the window.

mod commands;
mod security_config;
mod state;
mod store_location;

use tauri::Manager;

pub use store_location::{StoreLocation, StoreLocationError};

/// Starts Customer Desk. Returns when the last window closes.
pub fn run() {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("DESK_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .init();

    let result = tauri::Builder::default()
        .setup(|app| {
            let app_data_dir = app.path().app_data_dir()?;
            let location = StoreLocation::from_env(&app_data_dir)?;
            tracing::info!(store = %location, "opening store");
            match tauri::async_runtime::block_on(state::open_desk(&location)) {
                Ok(desk) => {
                    app.manage(desk);
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
            commands::customers::create_customer,
            commands::customers::list_customers,
        ])
        .run(tauri::generate_context!("../tauri.conf.json"));
    if let Err(error) = result {
        tracing::error!(%error, "Customer Desk stopped with an error");
        std::process::exit(1);
    }
}
