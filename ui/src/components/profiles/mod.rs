pub mod connection_link;
pub mod profile_form;
