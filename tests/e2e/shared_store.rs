//! A shared Postgres store as its people meet it in the real window: an administrator
//! sets up an empty database with the owner's login, creates a Reviewer, and the
//! Reviewer signs in on that store from a connection of their own, with their own
//! database login, and must choose their own password first.

use desk_tests::app_driver::{AppHarness, RunningApp};
use desk_tests::stores;
use sqlx::Connection;

const POSTGRES_VAR: &str = "DESK_E2E_POSTGRES_URL";
const BOSS_PASSWORD: &str = "bea's long shared passphrase";
const RITA_PASSWORD: &str = "rita's own long passphrase";

fn admin_url() -> String {
    std::env::var(POSTGRES_VAR)
        .unwrap_or_else(|_| panic!("{POSTGRES_VAR} is not set; run `cargo xtask test`"))
}

/// An empty database on the test cluster, not set up: (port, name).
async fn empty_database() -> (u16, String) {
    let url = stores::create_database(&admin_url(), "desk_shared").await;
    (stores::url_port(&url), stores::url_database(&url))
}

/// Fills the new-connection form for the test cluster's loopback address.
async fn fill_connection(app: &RunningApp, name: &str, port: u16, database: &str, login: &str) {
    app.fill("#profile-name", name).await;
    app.fill("#profile-host", "127.0.0.1").await;
    app.fill("#profile-port", &port.to_string()).await;
    app.fill("#profile-database", database).await;
    app.fill("#profile-user", login).await;
    app.element("#profile-tls_mode")
        .await
        .select_by_value("disable")
        .await
        .expect("no TLS to the loopback test server");
}

#[tokio::test]
async fn an_administrator_sets_up_a_shared_store_and_a_reviewer_signs_in_with_their_own_login() {
    let (port, database) = empty_database().await;
    let owner_password = stores::url_password(&admin_url()).expect("a password");
    let harness = AppHarness::new();
    let app = harness.launch().await;
    app.set_up_admin().await;

    // A connection with the owner's login; the store is not set up yet.
    app.click("#nav-profiles").await;
    fill_connection(&app, "Shared", port, &database, "postgres").await;
    app.fill("#profile-password", &owner_password).await;
    app.click("#profile-save").await;
    app.wait_for_text("#profile-row-shared", "Saved in keyring")
        .await;
    app.click("#profile-row-shared .switch").await;
    app.wait_for_text("#profiles-error", "not set up for Customer Desk")
        .await;

    // "Set up / upgrade this database", with the owner's login typed for this once.
    app.click("#profile-row-shared .set-up").await;
    app.fill("#owner-login", "postgres").await;
    app.fill("#owner-password", &owner_password).await;
    app.screenshot("shared-set-up").await;
    app.click("#set-up-submit").await;
    app.wait_for_text("#profiles-status", "is set up").await;

    // Connecting with the owner's login to a store without staff: its first
    // administrator is set up.
    app.click("#profile-row-shared .switch").await;
    app.element("#setup-form").await;
    app.fill("#setup-email", "bea.boss@example.com").await;
    app.fill("#setup-display_name", "Bea Boss").await;
    app.fill("#setup-password", BOSS_PASSWORD).await;
    app.click("#setup-submit").await;
    app.wait_for_text("#signed-in-as", "Bea Boss").await;

    // She creates a Reviewer: a database login is made, and a one-time password.
    app.click("#nav-staff").await;
    app.fill("#staff-email", "rita.reviewer@example.com").await;
    app.fill("#staff-display_name", "Rita Reviewer").await;
    app.click("#staff-role-support_agent").await;
    app.click("#staff-role-reviewer").await;
    app.click("#new-staff-submit").await;
    let one_time = app.wait_for_text("#one-time-password", "-").await;
    let login = app.wait_for_text("#database-login", "rita").await;

    // Rita's own connection: her login, no saved password.
    app.click("#nav-profiles").await;
    fill_connection(&app, "Rita", port, &database, &login).await;
    app.click("#profile-save").await;
    app.wait_for_text("#profile-row-rita", "Asked when connecting")
        .await;
    app.click("#profile-row-rita .switch").await;
    app.wait_for_text("#profiles-error", "Enter it to connect")
        .await;
    app.fill("#switch-password", &one_time).await;
    app.click("#switch-connect").await;

    // Signed in with a one-time password: her own comes first.
    app.element("#change-password-first").await;
    app.choose_own_password(&one_time, RITA_PASSWORD).await;
    app.wait_for_text("#signed-in-as", "Rita Reviewer (Reviewer)")
        .await;
    app.element("#customers-heading").await;
    assert!(
        !app.exists("#add-customer").await,
        "a reviewer adds nothing"
    );

    // Signing out closes her connection; signing in again asks for her login's
    // password, which the server checks.
    app.click("#sign-out").await;
    app.wait_for_text("#shared-signin-login", &login).await;
    app.screenshot("shared-sign-in").await;
    app.fill("#shared-signin-form #shared-signin-password", &one_time)
        .await;
    app.click("#shared-signin-submit").await;
    app.wait_for_text("#shared-signin-error", "refused").await;
    app.fill("#shared-signin-form #shared-signin-password", RITA_PASSWORD)
        .await;
    app.click("#shared-signin-submit").await;
    app.wait_for_text("#signed-in-as", "Rita Reviewer (Reviewer)")
        .await;
    app.quit().await;

    // On the server: her login holds no power of its own, and her password is checked
    // there (the one-time one no longer works).
    let mut owner = sqlx::PgConnection::connect(&format!(
        "{}/{database}",
        admin_url().rsplit_once('/').expect("URL").0
    ))
    .await
    .expect("owner connects");
    let (create_role, superuser): (bool, bool) =
        sqlx::query_as("SELECT rolcreaterole, rolsuper FROM pg_roles WHERE rolname = $1")
            .bind(&login)
            .fetch_one(&mut owner)
            .await
            .expect("her login exists");
    assert!(!create_role && !superuser);
}
