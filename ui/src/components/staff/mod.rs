pub mod new_staff_form;
pub mod role_choices;
pub mod staff_table;
