//! Invitations in the real window, as seed 004 describes them: "Invite members" on a
//! company's Invitations tab; one address typed, two from a dropped CSV file that
//! also holds a bad line and a duplicate; the rejects listed with their lines; send;
//! copy a link, resend one, revoke one; one invitee registers with their link (the
//! local store's side of the storefront contract) and appears as a member, whose
//! basic information is then edited on the Members tab.

use chrono::Utc;
use desk_app::companies::{Registration, accept_invitation};
use desk_domain::commands::{CreateCompany, CreateGroup, CreateStaff, SaveSite};
use desk_domain::company_form::CompanyInput;
use desk_domain::customer_group::{GroupInput, NewGroupRequest, SavedGroup};
use desk_domain::rpc::ARGS_KEY;
use desk_domain::site::SiteInput;
use desk_domain::staff::{CreatedStaff, NewStaffInput, Role};
use desk_domain::{Rpc, Sensitive};
use desk_store::sqlite::SqliteStore;
use desk_tests::app_driver::{AppHarness, RunningApp};
use fantoccini::key::Key;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::json;

/// What a person drops: a heading, two addresses, a bad line and a duplicate.
const DROPPED: &str = "Email;Name\r\nbo.chan@example.com;Bo\r\nnot an address;X\r\n\
                       cy.diaz@example.com;Cy\r\nBO.CHAN@example.com;Bo again\r\n";

/// Runs `command` from the page and reads its answer.
async fn call<C: Rpc + Serialize>(app: &RunningApp, command: &C) -> C::Output
where
    C::Output: DeserializeOwned,
{
    let answer = app.invoke(C::NAME, json!({ ARGS_KEY: command })).await;
    let ok = answer
        .get("ok")
        .cloned()
        .unwrap_or_else(|| panic!("{}: {answer}", C::NAME));
    serde_json::from_value(ok).expect("the answer reads")
}

/// Drops `text` as the file `name` onto `css`, as the webview delivers a dropped file.
async fn drop_file(app: &RunningApp, css: &str, name: &str, text: &str) {
    app.client()
        .execute(
            "const [css, name, text] = arguments;\n\
             const zone = document.querySelector(css);\n\
             const data = new DataTransfer();\n\
             data.items.add(new File([text], name, { type: 'text/csv' }));\n\
             for (const kind of ['dragover', 'drop']) {\n\
               zone.dispatchEvent(new DragEvent(kind, { dataTransfer: data, bubbles: true, cancelable: true }));\n\
             }",
            vec![css.into(), name.into(), text.into()],
        )
        .await
        .expect("drops the file");
}

/// An option of a select, by what it says or by its value.
#[derive(Debug, Clone, Copy)]
enum Pick<'a> {
    Label(&'a str),
    /// For labels WebKitWebDriver cannot find (an apostrophe breaks its XPath).
    Value(&'a str),
}

/// Chooses `option` in the select `css` and tells the page: WebKitWebDriver does not
/// always send the change event a person's choice sends.
async fn choose(app: &RunningApp, css: &str, option: Pick<'_>) {
    let select = app.element(css).await;
    let chosen = match option {
        Pick::Label(label) => select.select_by_label(label).await,
        Pick::Value(value) => select.select_by_value(value).await,
    };
    chosen.unwrap_or_else(|error| panic!("chooses {option:?} in {css}: {error}"));
    app.client()
        .execute(
            "document.querySelector(arguments[0])\
               .dispatchEvent(new Event('change', { bubbles: true }));",
            vec![css.into()],
        )
        .await
        .expect("tells the page");
}

/// The row of the invitation to `email` on the Invitations tab.
fn row(email: &str) -> String {
    format!("#invitations-table tr[data-email='{email}']")
}

#[tokio::test]
async fn members_are_invited_by_typing_and_by_a_dropped_file_and_one_registers() {
    let harness = AppHarness::new();
    let app = harness.launch().await;
    app.set_up_admin().await;
    // What the seed's back office has before anyone invites: a storefront (links are
    // built from its URL), a group, a sales rep and their company.
    call(
        &app,
        &SaveSite {
            input: SiteInput {
                original_code: Some("default".into()),
                code: "default".into(),
                name: "Default".into(),
                storefront_url: "https://shop.example.com".into(),
                default_currency: "EUR".into(),
                default_locale: "en".into(),
                assisted_buying: false,
            },
        },
    )
    .await;
    let group: SavedGroup = call(
        &app,
        &CreateGroup {
            request: NewGroupRequest {
                input: GroupInput {
                    name: "Wholesale".into(),
                    description: String::new(),
                },
                ..NewGroupRequest::default()
            },
        },
    )
    .await;
    let anna: CreatedStaff = call(
        &app,
        &CreateStaff {
            input: NewStaffInput {
                email: "anna.berg@example.com".into(),
                display_name: "Anna Berg".into(),
                roles: vec![Role::SalesRep],
                password: Sensitive::new("first password 123".into()),
            },
        },
    )
    .await;
    call(
        &app,
        &CreateCompany {
            input: CompanyInput {
                name: "Acme Trading GmbH".into(),
                tax_id: "DE136695976".into(),
                group: Some(group.group.id),
                sales_rep: Some(anna.staff.id),
                ..CompanyInput::default()
            },
        },
    )
    .await;

    // An administrator defines a role of their own under Settings, Company roles.
    app.click("#nav-settings").await;
    app.click("#settings-nav-company-roles").await;
    app.wait_for_text("#company-role-list", "Company admin (built in)")
        .await;
    app.fill("#company-role-name", "Approver").await;
    app.click("#company-role-save").await;
    app.wait_for_text("#company-role-policies-error", "Tick at least one")
        .await;
    choose(&app, "#company-role-approve_orders", Pick::Value("company")).await;
    app.click("#company-role-save").await;
    app.wait_for_text("#company-roles-status", "Company role \"Approver\" added.")
        .await;
    app.wait_for_text(
        "#company-role-row-approver",
        "Approve orders (the whole company's)",
    )
    .await;
    app.screenshot("company-roles").await;

    app.click("#nav-companies").await;
    app.wait_for_text("#company-list tbody td.name", "Acme Trading GmbH")
        .await;
    app.click("#company-list tbody td.name").await;
    app.click("#tab-invitations").await;
    app.wait_for_text("#invitations-empty", "No invitations yet.")
        .await;
    app.click("#invite-members").await;

    // One typed (a mistyped one first, refused beside the field), with Enter.
    app.fill("#invite-email", "ann.lee@example").await;
    app.click("#invite-add").await;
    app.wait_for_text("#invite-email-error", "email").await;
    app.fill(
        "#invite-email",
        &format!("ann.lee@example.com{}", Key::Enter),
    )
    .await;
    app.wait_for_text("#invitees", "ann.lee@example.com").await;

    // Two from a dropped file, which also holds a bad line and a duplicate.
    drop_file(&app, "#invite-drop", "team.csv", DROPPED).await;
    app.wait_for_text("#invitees", "cy.diaz@example.com").await;
    let rejects = app
        .wait_for_text("#invite-rejects", "team.csv line 5")
        .await;
    assert!(
        rejects.contains("team.csv line 3") && rejects.contains("Not an email address"),
        "the bad line, with its number: {rejects}"
    );
    assert!(
        rejects.contains("Already on line 2"),
        "the duplicate names its first line: {rejects}"
    );
    app.wait_for_text("#invitees-heading", "To invite (3)")
        .await;
    // Bo joins as a Buyer; the others keep Member.
    choose(
        &app,
        "#invitees tr:nth-child(2) select",
        Pick::Label("Buyer"),
    )
    .await;
    choose(
        &app,
        "#invitees tr:nth-child(3) select",
        Pick::Label("Approver"),
    )
    .await;
    app.screenshot("company-invite-dialog").await;
    app.click("#invite-send").await;
    app.wait_for_text("#invitations-status", "3 invitations sent.")
        .await;
    // The rejects stay listed for correction after the valid ones were sent.
    app.wait_for_text("#invite-rejects", "team.csv line 3")
        .await;
    app.click("#invite-cancel").await;

    app.wait_for_text(&row("bo.chan@example.com"), "Buyer")
        .await;
    app.wait_for_text(&row("ann.lee@example.com"), "Pending")
        .await;
    app.screenshot("company-invitations").await;

    // Copy a link: to the clipboard, or, where the webview has none, shown to copy
    // by hand.
    let cy_link = app
        .element(&format!("{} .copy-link", row("cy.diaz@example.com")))
        .await
        .attr("data-link")
        .await
        .expect("reads")
        .expect("a link");
    app.click(&format!("{} .copy-link", row("cy.diaz@example.com")))
        .await;
    let mut copied = false;
    for _ in 0..100 {
        let status = app
            .element("#invitations-status")
            .await
            .text()
            .await
            .expect("reads");
        if status.contains("copied to the clipboard") {
            copied = true;
            break;
        }
        if app.exists("#invitation-link-text").await {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    if !copied {
        let shown = app
            .element("#invitation-link-text")
            .await
            .prop("value")
            .await
            .expect("reads")
            .expect("a value");
        assert_eq!(shown, cy_link, "the link to copy by hand");
    }
    app.screenshot("company-invitation-link-copied").await;

    // Resend Ann's: a new link; revoke Bo's.
    let ann_link = app
        .element(&format!("{} .copy-link", row("ann.lee@example.com")))
        .await
        .attr("data-link")
        .await
        .expect("reads")
        .expect("a link");
    app.click(&format!("{} .resend", row("ann.lee@example.com")))
        .await;
    app.wait_for_text("#invitations-status", "sent again with a new link")
        .await;
    let ann_new = app
        .element(&format!("{} .copy-link", row("ann.lee@example.com")))
        .await
        .attr("data-link")
        .await
        .expect("reads")
        .expect("a link");
    assert_ne!(ann_link, ann_new, "a resend makes a new link");
    app.click(&format!("{} .revoke", row("bo.chan@example.com")))
        .await;
    app.wait_for_text(&row("bo.chan@example.com"), "Revoked")
        .await;
    assert!(
        !app.exists(&format!("{} .copy-link", row("bo.chan@example.com")))
            .await,
        "a revoked invitation has no link to copy"
    );

    // Cy registers with the copied link, as the storefront's registration does.
    let store = SqliteStore::open_file(&harness.database_path())
        .await
        .expect("opens the app's store");
    let token = cy_link.rsplit_once("token=").expect("a token").1;
    let accepted = accept_invitation(
        &store,
        token,
        &Registration {
            first_name: "Cy".into(),
            last_name: "Diaz".into(),
        },
        Utc::now(),
    )
    .await
    .expect("answers")
    .expect("accepted");
    assert!(accepted.created, "Cy was no customer before");

    // The member appears, and the invitation says who accepted it (the profile is
    // opened again, as a person would to see what changed).
    app.click("#company-back").await;
    app.click("#company-list tbody td.name").await;
    app.click("#tab-members").await;
    app.wait_for_text("#company-members", "Cy Diaz").await;
    app.click("#tab-invitations").await;
    app.wait_for_text(&row("cy.diaz@example.com"), "Accepted by Cy Diaz")
        .await;
    app.screenshot("company-invitations-after").await;

    // Her basic information is edited from the Members tab; a mistyped phone number
    // is refused beside its field.
    app.click("#tab-members").await;
    app.click(&format!("#edit-member-{}", accepted.customer))
        .await;
    app.fill("#member-details-phone", "12").await;
    app.click("#member-details-save").await;
    app.wait_for_text("#member-details-phone-error", "phone")
        .await;
    app.fill("#member-details-phone", "+49 30 1234567").await;
    app.fill("#member-details-first_name", "Cyra").await;
    app.click("#member-details-save").await;
    app.wait_for_text("#members-status", "Cyra Diaz saved.")
        .await;
    app.wait_for_text("#company-members td.phone", "+49301234567")
        .await;
    app.screenshot("company-member-edited").await;
    app.quit().await;
}
