pub mod account;
pub mod customers;
pub mod shell;
pub mod staff;
pub mod text_field;
