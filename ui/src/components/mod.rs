//! Widgets shared by several screens. None of them knows a screen: screens live in
//! `pages/`.

pub mod app_header;
pub mod choice_field;
pub mod data_table;
pub mod form;
pub mod order_history;
pub mod sort_heading;
pub mod table;
pub mod text_field;
