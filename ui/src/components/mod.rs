pub mod customers;
pub mod text_field;
