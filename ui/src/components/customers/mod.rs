pub mod add_customer_form;
pub mod customer_list;
