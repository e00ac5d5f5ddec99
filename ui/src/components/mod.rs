pub mod account;
pub mod customers;
pub mod profiles;
pub mod shell;
pub mod staff;
pub mod text_field;
