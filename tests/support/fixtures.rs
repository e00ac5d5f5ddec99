//! Customer inputs for tests: valid by default, each made unique by its arguments.

use desk_app::audit::{Attribution, entry};
use desk_domain::audit::{AuditAction, EntityType};
use desk_domain::customer::{NewCustomer, NewCustomerInput};
use desk_store::Effects;

/// A valid form input.
pub fn customer_input(email: &str, first_name: &str, last_name: &str) -> NewCustomerInput {
    NewCustomerInput {
        email: email.to_owned(),
        first_name: first_name.to_owned(),
        last_name: last_name.to_owned(),
        preferred_currency: "EUR".to_owned(),
    }
}

/// A parsed customer, ready for the store.
pub fn new_customer(email: &str, first_name: &str, last_name: &str) -> NewCustomer {
    match NewCustomer::parse(&customer_input(email, first_name, last_name)) {
        Ok(customer) => customer,
        Err(errors) => panic!("fixture input is invalid: {errors:?}"),
    }
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
