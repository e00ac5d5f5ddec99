//! Connection profiles in the real window: add a Postgres profile (password into the
//! real keyring), test it, switch to it and back. Afterwards no file the app wrote
//! (profiles file, SQLite store, log) holds the password.

use std::path::Path;

use desk_tests::app_driver::{ADMIN_EMAIL, ADMIN_PASSWORD, AppHarness, RunningApp};
use desk_tests::stores;

/// Set by `cargo xtask test`: the throwaway cluster's maintenance database.
const POSTGRES_VAR: &str = "DESK_E2E_POSTGRES_URL";

/// The cluster's superuser password (its TCP connections check passwords).
fn pg_password() -> String {
    let url = std::env::var(POSTGRES_VAR)
        .unwrap_or_else(|_| panic!("{POSTGRES_VAR} is not set; run `cargo xtask test`"));
    desk_tests::stores::url_password(&url).expect("the cluster URL carries the password")
}

/// A fresh database on the test cluster, set up by its owner (the suite's superuser);
/// returns (port, database name).
async fn fresh_database() -> (u16, String) {
    let admin_url = std::env::var(POSTGRES_VAR)
        .unwrap_or_else(|_| panic!("{POSTGRES_VAR} is not set; run `cargo xtask test`"));
    let url = stores::create_database(&admin_url, "desk_e2e").await;
    desk_store::postgres::PostgresStore::migrate_url(&url)
        .await
        .expect("the schema owner sets the database up");
    (stores::url_port(&url), stores::url_database(&url))
}

/// Fills the new-connection form for the test cluster, with its superuser password.
async fn fill_server_profile(app: &RunningApp, name: &str, port: u16, database: &str) {
    app.fill("#profile-name", name).await;
    app.fill("#profile-host", "127.0.0.1").await;
    app.fill("#profile-port", &port.to_string()).await;
    app.fill("#profile-database", database).await;
    app.fill("#profile-user", "postgres").await;
    app.element("#profile-tls_mode")
        .await
        .select_by_value("disable")
        .await
        .expect("chooses no TLS for the loopback test server");
    app.fill("#profile-password", &pg_password()).await;
}

/// Every file under `folder` whose bytes contain `needle`.
fn files_containing(folder: &Path, needle: &str) -> Vec<String> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(folder).expect("lists the folder") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            found.extend(files_containing(&path, needle));
        } else if let Ok(bytes) = std::fs::read(&path)
            && bytes
                .windows(needle.len())
                .any(|window| window == needle.as_bytes())
        {
            found.push(path.display().to_string());
        }
    }
    found
}

#[tokio::test]
async fn a_failed_connection_test_says_what_failed_beside_the_field_to_fix() {
    let (port, _database) = fresh_database().await;
    let harness = AppHarness::new();
    let app = harness.launch().await;
    app.set_up_admin().await;
    app.click("#nav-profiles").await;
    app.element("#profiles-heading").await;

    // A database the server does not have: the message is on the Database field.
    fill_server_profile(&app, "Typo", port, "no_such_database").await;
    app.click("#profile-test").await;
    app.wait_for_text("#profile-database-error", "has no database named")
        .await;
    assert!(
        !app.exists("#profile-test-result").await,
        "no success banner for a failed test"
    );

    // A port nobody listens on: the message moves to the Host field.
    app.fill("#profile-database", "postgres").await;
    app.fill("#profile-port", "1").await;
    app.click("#profile-test").await;
    app.wait_for_text("#profile-host-error", "cannot be reached")
        .await;

    // A certificate this computer does not trust (the test server's is self-signed, or
    // it offers no TLS at all): the message is beside the TLS choice.
    app.fill("#profile-port", &port.to_string()).await;
    app.element("#profile-tls_mode")
        .await
        .select_by_value("verify-full")
        .await
        .expect("chooses TLS");
    app.click("#profile-test").await;
    app.wait_for_text("#profile-tls_mode-error", "TLS").await;
    app.screenshot("profile-test-failed").await;
    app.quit().await;
}

#[tokio::test]
async fn a_postgres_profile_is_added_tested_switched_to_and_back_without_leaking_its_password() {
    let (port, database) = fresh_database().await;
    let harness = AppHarness::new();
    let app = harness.launch().await;
    app.set_up_admin().await;

    app.click("#nav-profiles").await;
    app.element("#profiles-heading").await;
    app.wait_for_text("#profile-row-local", "Open").await;
    fill_server_profile(&app, "Test server", port, &database).await;
    app.click("#profile-test").await;
    app.wait_for_text("#profile-test-result", "Connected: PostgreSQL")
        .await;
    app.screenshot("profile-form").await;
    app.click("#profile-save").await;
    app.wait_for_text("#profile-row-test-server", "Saved in keyring")
        .await;

    app.screenshot("profiles").await;
    app.click("#profile-row-test-server .switch").await;
    // The server's store is new and empty: it asks for its first administrator.
    app.element("#setup-form").await;
    app.wait_for_text("#active-profile", "Test server").await;

    app.click("#profiles-open").await;
    app.wait_for_text("#profile-row-test-server", "Open").await;
    app.click("#profile-row-local .switch").await;
    app.element("#signin-form").await;
    app.wait_for_text("#active-profile", "Local").await;
    app.sign_in(ADMIN_EMAIL, ADMIN_PASSWORD).await;
    app.element("#customers-heading").await;

    // Rename the profile (its saved password goes with it), then remove it.
    app.click("#nav-profiles").await;
    app.click("#profile-row-test-server .edit").await;
    app.wait_for_text("#profile-form-heading", "Edit connection")
        .await;
    app.fill("#profile-name", "Head office").await;
    app.click("#profile-save").await;
    app.wait_for_text("#profile-row-head-office", "Saved in keyring")
        .await;
    assert!(
        !app.exists("#profile-row-test-server").await,
        "renamed, not copied"
    );
    app.click("#profile-row-head-office .remove").await;
    app.wait_for_text("#profiles-status", "removed").await;
    assert!(!app.exists("#profile-row-head-office").await);
    app.quit().await;

    let profiles = std::fs::read_to_string(harness.data_dir().join("profiles.toml"))
        .expect("the profiles file was written");
    assert!(!profiles.contains("Head office"), "removed: {profiles}");
    assert!(profiles.contains("active = \"Local\""), "{profiles}");
    let leaks = files_containing(harness.data_dir(), &pg_password());
    assert!(leaks.is_empty(), "the password is in {leaks:?}");
    let leaks = files_containing(harness.data_dir(), ADMIN_PASSWORD);
    assert!(leaks.is_empty(), "the staff password is in {leaks:?}");
}

#[tokio::test]
async fn without_a_keyring_the_app_says_so_and_asks_for_the_password_when_connecting() {
    let (port, database) = fresh_database().await;
    let harness = AppHarness::new();
    // No session bus: no Secret Service, so no keyring.
    let app = harness
        .launch_with_env(&[("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent")])
        .await;
    app.element("#setup-form").await;
    app.click("#profiles-open").await;
    app.wait_for_text("#keyring-problem", "No keyring is available")
        .await;

    fill_server_profile(&app, "No keyring", port, &database).await;
    app.click("#profile-save").await;
    app.wait_for_text("#profiles-status", "you will be asked for it")
        .await;
    app.wait_for_text("#profile-row-no-keyring", "Asked when connecting")
        .await;

    app.click("#profile-row-no-keyring .switch").await;
    app.wait_for_text("#profiles-error", "Enter it to connect")
        .await;
    app.screenshot("profiles-ask-password").await;
    app.fill("#switch-password", &pg_password()).await;
    app.click("#switch-connect").await;
    app.element("#setup-form").await;
    app.wait_for_text("#active-profile", "No keyring").await;
    app.quit().await;

    let leaks = files_containing(harness.data_dir(), &pg_password());
    assert!(leaks.is_empty(), "the password is in {leaks:?}");
}

#[tokio::test]
async fn a_damaged_profiles_file_is_set_aside_and_the_window_says_so() {
    let harness = AppHarness::new();
    std::fs::write(
        harness.data_dir().join("profiles.toml"),
        "active = \"Head office\"\n[[profiles]\nname = broken",
    )
    .expect("a damaged file");
    let app = harness.launch().await;
    let notice = app
        .wait_for_text("#startup-notice", "could not be read")
        .await;
    assert!(notice.contains("profiles.toml"), "{notice}");
    app.click("#startup-notice-dismiss").await;
    assert!(!app.exists("#startup-notice").await, "dismissed");
    app.quit().await;
}
