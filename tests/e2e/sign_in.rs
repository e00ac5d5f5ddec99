//! First run, sign-in, roles and staff management in the real window.

use desk_tests::app_driver::{ADMIN_EMAIL, ADMIN_PASSWORD, AppHarness};
use serde_json::json;

const REVIEWER_EMAIL: &str = "rita.reviewer@example.com";
const REVIEWER_PASSWORD: &str = "amber lantern meadow";

#[tokio::test]
async fn first_run_creates_the_administrator_and_later_runs_ask_to_sign_in() {
    let harness = AppHarness::new();
    let app = harness.launch().await;
    app.element("#setup-form").await;

    // A short password is explained beside the field before anything is sent.
    app.fill("#setup-email", ADMIN_EMAIL).await;
    app.fill("#setup-display_name", "Ada Admin").await;
    app.fill("#setup-password", "short").await;
    app.click("#setup-submit").await;
    app.wait_for_text("#setup-password-error", "at least 12 characters")
        .await;

    app.fill("#setup-password", ADMIN_PASSWORD).await;
    app.click("#setup-submit").await;
    app.wait_for_text("#signed-in-as", "Ada Admin (Administrator)")
        .await;
    app.element("#customers-heading").await;
    app.quit().await;

    let app = harness.launch().await;
    app.element("#signin-form").await;
    assert!(
        !app.exists("#setup-form").await,
        "set-up is offered only once"
    );
    app.quit().await;
}

#[tokio::test]
async fn a_first_administrator_without_a_password_is_refused_even_when_invoked_directly() {
    let harness = AppHarness::new();
    let app = harness.launch().await;
    app.element("#setup-form").await;
    let answer = app
        .invoke(
            "create_first_admin",
            json!({"args": {"input": {
                "email": ADMIN_EMAIL,
                "display_name": "Ada Admin",
                "password": ""
            }}}),
        )
        .await;
    assert_eq!(answer["err"]["kind"], "validation", "{answer}");
    assert_eq!(answer["err"]["fields"][0]["field"], "password", "{answer}");
    assert_eq!(answer["err"]["fields"][0]["code"], "required", "{answer}");
    // Nothing was created: the next start still offers set-up.
    app.quit().await;
    let app = harness.launch().await;
    app.element("#setup-form").await;
    app.quit().await;
}

#[tokio::test]
async fn a_wrong_password_is_refused_and_the_right_one_opens_the_customers_screen() {
    let harness = AppHarness::new();
    let app = harness.launch().await;
    app.set_up_admin().await;
    app.sign_out().await;

    app.fill("#signin-email", ADMIN_EMAIL).await;
    app.fill("#signin-password", "not the password").await;
    app.click("#signin-submit").await;
    app.wait_for_text("#signin-error", "Email or password is not right.")
        .await;
    app.screenshot("sign-in-refused").await;

    app.fill("#signin-email", "nobody@example.com").await;
    app.fill("#signin-password", ADMIN_PASSWORD).await;
    app.click("#signin-submit").await;
    app.wait_for_text("#signin-error", "Email or password is not right.")
        .await;

    app.sign_in(ADMIN_EMAIL, ADMIN_PASSWORD).await;
    app.element("#customers-heading").await;
    app.element("#add-customer").await;
    app.quit().await;
}

#[tokio::test]
async fn a_reviewer_sees_no_add_form_and_the_backend_refuses_a_direct_call() {
    let harness = AppHarness::new();
    let app = harness.launch().await;
    app.set_up_admin().await;

    // The administrator creates a reviewer on the Staff screen.
    app.click("#nav-staff").await;
    app.fill("#staff-email", REVIEWER_EMAIL).await;
    app.fill("#staff-display_name", "Rita Reviewer").await;
    app.click("#staff-role-support_agent").await;
    app.click("#staff-role-reviewer").await;
    app.fill("#staff-password", REVIEWER_PASSWORD).await;
    app.click("#new-staff-submit").await;
    app.wait_for_text("#staff-list", REVIEWER_EMAIL).await;
    app.wait_for_text("#staff-list", "Reviewer").await;
    app.sign_out().await;

    // The administrator typed the password: it is a one-time one, changed first.
    app.sign_in_with_one_time(
        REVIEWER_EMAIL,
        REVIEWER_PASSWORD,
        "rita's own long passphrase",
    )
    .await;
    app.wait_for_text("#signed-in-as", "Rita Reviewer (Reviewer)")
        .await;
    app.element("#customers-heading").await;
    assert!(!app.exists("#add-customer").await, "no Add customer form");
    assert!(!app.exists("#nav-staff").await, "no Staff screen");
    assert!(!app.exists("#nav-audit").await, "no Audit log screen");
    app.screenshot("reviewer-customers").await;

    let answer = app
        .invoke(
            "create_customer",
            json!({"args": {"input": desk_tests::fixtures::customer_request(
                "sneaky@example.com",
                "Sneaky",
                "Reviewer",
            )}}),
        )
        .await;
    assert_eq!(answer["err"]["kind"], "unauthorized", "{answer}");
    app.wait_for_text("#customer-list-empty", "No customers yet")
        .await;
    app.quit().await;
}

#[tokio::test]
async fn a_generated_one_time_password_works_and_the_audit_log_shows_what_happened() {
    let harness = AppHarness::new();
    let app = harness.launch().await;
    app.set_up_admin().await;

    app.click("#nav-staff").await;
    app.fill("#staff-email", "sam.support@example.com").await;
    app.fill("#staff-display_name", "Sam Support").await;
    app.click("#new-staff-submit").await;
    let password = app.wait_for_text("#one-time-password", "-").await;
    assert_eq!(password.len(), 23, "{password}");

    app.click("#nav-audit").await;
    app.wait_for_text("#audit-list", "staff.created").await;
    app.wait_for_text("#audit-list", "sam.support@example.com")
        .await;
    // Filtering by person: the first administrator created themselves; Sam made nothing.
    app.element("#audit-person")
        .await
        .select_by_index(1)
        .await
        .expect("picks the first person");
    app.click("#audit-apply").await;
    app.wait_for_text("#audit-list", "staff.created").await;
    app.element("#audit-entity")
        .await
        .select_by_value("customer")
        .await
        .expect("picks customers");
    app.click("#audit-apply").await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    while app.exists("#audit-list tbody tr").await && std::time::Instant::now() < deadline {
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(
        !app.exists("#audit-list tbody tr").await,
        "no customer entries yet"
    );
    app.screenshot("audit-log").await;
    app.sign_out().await;

    app.sign_in_with_one_time(
        "sam.support@example.com",
        &password,
        "sam's own long passphrase",
    )
    .await;
    app.wait_for_text("#signed-in-as", "Sam Support (Support agent)")
        .await;
    app.element("#add-customer").await;
    app.quit().await;
}

#[tokio::test]
async fn an_administrator_deactivates_and_resets_staff_but_not_themselves() {
    let harness = AppHarness::new();
    let app = harness.launch().await;
    app.set_up_admin().await;
    app.click("#nav-staff").await;
    for (email, name) in [
        ("sam.support@example.com", "Sam Support"),
        ("ola.other@example.com", "Ola Other"),
    ] {
        app.fill("#staff-email", email).await;
        app.fill("#staff-display_name", name).await;
        app.fill("#staff-password", REVIEWER_PASSWORD).await;
        app.click("#new-staff-submit").await;
        app.wait_for_text("#staff-list", email).await;
    }

    // Deactivation asks for a second click, then takes effect.
    let sam = "#staff-sam-support-example-com";
    app.click(&format!("{sam} .deactivate")).await;
    app.wait_for_text(&format!("{sam} .deactivate"), "Confirm deactivation")
        .await;
    app.click(&format!("{sam} .deactivate")).await;
    app.wait_for_text(sam, "Deactivated").await;

    // Nobody deactivates themselves.
    let own = "#staff-ada-admin-example-com";
    app.click(&format!("{own} .deactivate")).await;
    app.click(&format!("{own} .deactivate")).await;
    app.wait_for_text("#staff-error", "cannot deactivate your own account")
        .await;
    app.wait_for_text(own, "Active").await;

    // Roles are changed in place.
    let ola = "#staff-ola-other-example-com";
    app.click(&format!("{ola} .edit-roles")).await;
    app.click(&format!("{ola}-role-support_agent")).await;
    app.click(&format!("{ola}-role-reviewer")).await;
    app.click(&format!("{ola} .save-roles")).await;
    app.wait_for_text("#staff-status", "Roles of Ola Other saved.")
        .await;
    app.wait_for_text(ola, "Reviewer").await;

    // A reset gives a one-time password that replaces the old one.
    app.click(&format!("{ola} .reset")).await;
    app.click(&format!("{ola} .reset")).await;
    let one_time = app.wait_for_text("#one-time-password", "-").await;
    app.screenshot("staff-management").await;
    app.sign_out().await;

    app.fill("#signin-email", "sam.support@example.com").await;
    app.fill("#signin-password", REVIEWER_PASSWORD).await;
    app.click("#signin-submit").await;
    app.wait_for_text("#signin-error", "Email or password is not right.")
        .await;

    app.fill("#signin-email", "ola.other@example.com").await;
    app.fill("#signin-password", REVIEWER_PASSWORD).await;
    app.click("#signin-submit").await;
    app.wait_for_text("#signin-error", "Email or password is not right.")
        .await;
    app.sign_in_with_one_time(
        "ola.other@example.com",
        &one_time,
        "ola's own long passphrase",
    )
    .await;
    app.wait_for_text("#signed-in-as", "Ola Other (Reviewer)")
        .await;
    app.quit().await;
}

#[tokio::test]
async fn staff_change_their_own_password_after_proving_the_current_one() {
    let harness = AppHarness::new();
    let app = harness.launch().await;
    app.set_up_admin().await;
    app.click("#nav-account").await;

    app.fill("#account-current_password", "not my password")
        .await;
    app.fill("#account-new_password", "copper window lighthouse")
        .await;
    app.fill("#account-confirm_password", "copper window lighthouse")
        .await;
    app.click("#change-password-submit").await;
    app.wait_for_text(
        "#account-current_password-error",
        "not your current password",
    )
    .await;

    app.fill("#account-current_password", ADMIN_PASSWORD).await;
    app.click("#change-password-submit").await;
    app.wait_for_text("#account-status", "Your password was changed.")
        .await;
    app.sign_out().await;

    app.fill("#signin-email", ADMIN_EMAIL).await;
    app.fill("#signin-password", ADMIN_PASSWORD).await;
    app.click("#signin-submit").await;
    app.wait_for_text("#signin-error", "Email or password is not right.")
        .await;
    app.sign_in(ADMIN_EMAIL, "copper window lighthouse").await;
    app.quit().await;
}

#[tokio::test]
async fn an_idle_window_signs_itself_out() {
    let harness = AppHarness::new();
    let app = harness.launch().await;
    app.set_up_admin().await;
    // The administrator sets the store's idle time to the shortest it accepts.
    app.click("#nav-staff").await;
    app.fill("#idle-idle_timeout_minutes", "0").await;
    app.click("#idle-time-submit").await;
    app.wait_for_text("#idle-idle_timeout_minutes-error", "from 1 to 240")
        .await;
    app.fill("#idle-idle_timeout_minutes", "1").await;
    app.click("#idle-time-submit").await;
    app.wait_for_text("#idle-time-status", "after 1 minute without")
        .await;
    app.screenshot("idle-time").await;
    // Nobody touches the window: within the minute plus one check interval it signs out.
    let notice = app
        .wait_for_text_within(
            "#signin-notice",
            "signed out after 1 minute without activity",
            std::time::Duration::from_secs(100),
        )
        .await;
    assert!(notice.contains("signed out"), "{notice}");
    app.quit().await;
}
