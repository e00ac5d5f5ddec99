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
