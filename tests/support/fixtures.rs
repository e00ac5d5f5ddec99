//! Customer inputs for tests: valid by default, each made unique by its arguments.

use desk_app::audit::{Attribution, entry};
use desk_app::customers::{generate_customer_number, generate_customer_ref};
use desk_domain::audit::{AuditAction, EntityType};
use desk_domain::customer::{
    Customer, CustomerChoices, CustomerDetails, CustomerId, CustomerInput, NewCustomerRequest,
    SiteChoice,
};
use desk_store::{Effects, NewCustomerRecord, Store};

/// A valid form input.
pub fn customer_input(email: &str, first_name: &str, last_name: &str) -> CustomerInput {
    CustomerInput {
        email: email.to_owned(),
        first_name: first_name.to_owned(),
        last_name: last_name.to_owned(),
        preferred_currency: "EUR".to_owned(),
        active: true,
        ..CustomerInput::default()
    }
}

/// The stepper's request for [`customer_input`], with no password yet.
pub fn customer_request(email: &str, first_name: &str, last_name: &str) -> NewCustomerRequest {
    NewCustomerRequest {
        details: customer_input(email, first_name, last_name),
        ..NewCustomerRequest::default()
    }
}

/// What a new store offers: EUR, en, the site "default" without a URL.
pub fn new_store_choices() -> CustomerChoices {
    CustomerChoices {
        currencies: vec!["EUR".into()],
        locales: vec!["en".into()],
        sites: vec![SiteChoice {
            code: "default".into(),
            name: "Default".into(),
            country: None,
            has_storefront: false,
        }],
        active_on_creation: true,
        on_hold_on_creation: false,
        attributes: Vec::new(),
    }
}

/// A parsed customer, ready for the store.
pub fn new_customer(email: &str, first_name: &str, last_name: &str) -> CustomerDetails {
    let today = chrono::Utc::now().date_naive();
    match CustomerDetails::parse(
        &customer_input(email, first_name, last_name),
        &new_store_choices(),
        today,
    ) {
        Ok(customer) => customer,
        Err(errors) => panic!("fixture input is invalid: {errors:?}"),
    }
}

/// Inserts `details` straight through the store, with generated references.
pub async fn insert_details(store: &dyn Store, details: &CustomerDetails) -> Customer {
    use chrono::SubsecRound;
    let customer_ref = details
        .customer_ref
        .clone()
        .unwrap_or_else(generate_customer_ref);
    let record = NewCustomerRecord {
        id: CustomerId(uuid::Uuid::now_v7()),
        customer_ref: &customer_ref,
        customer_number: &generate_customer_number(),
        details,
        password_hash: None,
        at: chrono::Utc::now().trunc_subsecs(6),
    };
    store
        .insert_customer(&record, &audit_by_test())
        .await
        .expect("inserts a customer")
}

/// Inserts a valid customer straight through the store.
pub async fn insert_customer(
    store: &dyn Store,
    email: &str,
    first_name: &str,
    last_name: &str,
) -> Customer {
    insert_details(store, &new_customer(email, first_name, last_name)).await
}

/// Who the tests act as when the store wants an attribution.
pub fn tester() -> Attribution {
    Attribution {
        id: None,
        email: "contract-suite@example.com".to_owned(),
    }
}

/// The effects of a customer written directly through the store in tests.
pub fn audit_by_test() -> Effects {
    Effects::audit(entry(
        &tester(),
        chrono::Utc::now(),
        AuditAction::CustomerCreated,
        EntityType::Customer,
        String::new(),
        Vec::new(),
    ))
}

/// Email settings for the test SMTP server on loopback `port` (plain SMTP, no login).
pub fn loopback_email_settings(port: u16) -> desk_domain::email_settings::EmailSettings {
    desk_domain::email_settings::EmailSettings {
        host: "127.0.0.1".into(),
        port,
        security: desk_domain::email_settings::SmtpSecurity::Plain,
        login: None,
        sender_name: "Example Shop".into(),
        sender_address: desk_domain::Email::from_trusted("shop@example.com".into()),
    }
}

/// The `n`th verification email to `customer{n}@example.com`, with its link, ready to
/// queue: what delivery tests send.
pub fn verification_message(
    settings: &desk_domain::email_settings::EmailSettings,
    n: usize,
) -> desk_store::OutboxMessage {
    let link = format!("https://shop.example.com/links/verification?token=t{n}");
    desk_app::email::compose::message(
        Some(settings),
        &format!("customer{n}@example.com"),
        "verification",
        "en",
        desk_app::email::compose::Rendered {
            subject: format!("Confirm your email address ({n})"),
            text: format!("Open {link} to confirm."),
            html: format!("<p><a href=\"{link}\">Confirm</a></p>"),
        },
        Some(("customer".into(), format!("c{n}"))),
        chrono::Utc::now(),
    )
}

/// Inserts a staff account with `roles` straight through the store (on Postgres with
/// its database login, as the app makes one).
pub async fn insert_staff_member(
    store: &dyn Store,
    email: &str,
    roles: &[desk_domain::staff::Role],
) -> desk_domain::staff::StaffId {
    insert_named_staff_member(store, email, "Test Person", roles).await
}

/// Adds an active staff account named `display_name` straight through the store.
pub async fn insert_named_staff_member(
    store: &dyn Store,
    email: &str,
    display_name: &str,
    roles: &[desk_domain::staff::Role],
) -> desk_domain::staff::StaffId {
    use chrono::SubsecRound;
    let id = desk_domain::staff::StaffId(uuid::Uuid::now_v7());
    let email = desk_domain::Email::parse("email", email).expect("valid email");
    let name = desk_domain::PersonName::parse("display_name", "display name", display_name)
        .expect("valid name");
    let record = desk_store::NewStaffRecord {
        id,
        email: &email,
        display_name: &name,
        roles,
        password: desk_store::PasswordSecrets {
            hash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo",
            database_verifier: &desk_app::database_password::scram_verifier("test password"),
            expires_at: None,
        },
        created_at: chrono::Utc::now().trunc_subsecs(6),
    };
    store
        .insert_staff(&record, &audit_by_test())
        .await
        .expect("inserts a staff account")
        .id
}

/// Adds the company `name` with customer group `group` and sales rep `sales_rep`
/// straight through the store.
pub async fn insert_company(
    store: &dyn Store,
    name: &str,
    group: desk_domain::customer_group::GroupId,
    sales_rep: desk_domain::staff::StaffId,
) -> desk_domain::company::CompanyId {
    use chrono::SubsecRound;
    let id = desk_domain::company::CompanyId(uuid::Uuid::now_v7());
    store
        .insert_company(
            &desk_store::NewCompanyRecord {
                id,
                name,
                tax_id: "DE123456789",
                group,
                sales_rep,
                website: None,
                active: true,
                billing: None,
                at: chrono::Utc::now().trunc_subsecs(6),
            },
            &Effects::default(),
        )
        .await
        .expect("inserts a company");
    id
}

/// Gives the default site a storefront URL, so emails with links can be sent.
pub async fn with_storefront(store: &dyn Store) {
    let mut site = store
        .sites()
        .await
        .expect("sites")
        .into_iter()
        .find(|site| site.code == desk_domain::site::DEFAULT_SITE)
        .expect("the default site");
    site.storefront_url = Some("https://shop.example.com".into());
    store
        .update_site(&site, &audit_by_test())
        .await
        .expect("sets the URL");
}

/// Adds the company `name` (tax ID DE136695976) through the app, in a customer group
/// of its own ("`name` group"), with sales rep `rep`.
pub async fn create_company_in_own_group(
    store: &dyn Store,
    name: &str,
    rep: desk_domain::staff::StaffId,
) -> desk_domain::company::CompanyId {
    use desk_domain::customer_group::{CustomerPicks, GroupInput, NewGroupRequest};
    let group = desk_app::groups::create_group(
        store,
        &tester(),
        &NewGroupRequest {
            input: GroupInput {
                name: format!("{name} group"),
                description: String::new(),
            },
            customers: CustomerPicks::default(),
        },
        chrono::Utc::now(),
    )
    .await
    .expect("a group")
    .group
    .id;
    desk_app::companies::create_company(
        store,
        &tester(),
        &desk_domain::company_form::CompanyInput {
            name: name.into(),
            tax_id: "DE136695976".into(),
            group: Some(group),
            sales_rep: Some(rep),
            ..desk_domain::company_form::CompanyInput::default()
        },
        chrono::Utc::now(),
    )
    .await
    .expect("a company")
    .row
    .id
}
