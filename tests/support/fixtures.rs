//! Customer inputs for tests: valid by default, each made unique by its arguments.

use desk_domain::customer::{NewCustomer, NewCustomerInput};

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
