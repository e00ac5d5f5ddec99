//! How the list shows a column's cells (the columns themselves, shared with the CSV
//! export, are `desk_domain::customer_columns`): instants as the person's local day
//! or date and time.

use desk_domain::customer::Customer;
use desk_domain::customer_columns::{Cell, CustomerColumn};
use leptos::prelude::*;

use crate::local_time::{local_date, local_date_time};

/// What the cell of `customer` in `column` reads.
pub fn cell_text(column: &CustomerColumn, customer: &Customer) -> String {
    match column.cell(customer) {
        Cell::Text(text) => text,
        Cell::Day(at) => local_date(at),
        Cell::Moment(at) => local_date_time(at),
    }
}

/// The cells of one row for `columns`.
pub fn cells(customer: &Customer, columns: &[CustomerColumn]) -> impl IntoView + use<> {
    columns
        .iter()
        .map(|column| {
            let text = cell_text(column, customer);
            let title = text.clone();
            view! { <td class=column.key() title=title>{text}</td> }
        })
        .collect_view()
}
