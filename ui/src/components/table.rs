//! A table of rows held in memory (staff, connection profiles): a short list whose
//! rows carry their own controls. Long, paged lists use
//! [`DataTable`](super::data_table::DataTable) instead.

use std::hash::Hash;

use leptos::prelude::*;

/// One column of a table: its heading and, optionally, its width (a CSS length).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    /// The heading.
    pub label: &'static str,
    /// E.g. `"30%"`; columns without one share what is left.
    pub width: Option<&'static str>,
}

impl Column {
    /// A column that takes its share of the remaining width.
    pub const fn new(label: &'static str) -> Self {
        Self { label, width: None }
    }

    /// A column of the given width.
    pub const fn sized(label: &'static str, width: &'static str) -> Self {
        Self {
            label,
            width: Some(width),
        }
    }
}

/// The column widths and headings of a table.
#[component]
pub fn TableHead(columns: &'static [Column]) -> impl IntoView {
    view! {
        <colgroup>
            {columns
                .iter()
                .map(|column| view! { <col style:width=column.width /> })
                .collect_view()}
        </colgroup>
        <thead>
            <tr>
                {columns
                    .iter()
                    .map(|column| view! { <th scope="col">{column.label}</th> })
                    .collect_view()}
            </tr>
        </thead>
    }
}

/// Every row of `rows`, each drawn by `row` (which renders the whole `<tr>`, so it
/// can give the row an id and controls), re-drawn only when its `key` changes.
#[component]
pub fn Table<T, K, KF, RF, V>(
    /// The table's id.
    id: &'static str,
    columns: &'static [Column],
    #[prop(into)] rows: Signal<Vec<T>>,
    /// Everything a row shows that can change, so a changed row is drawn again.
    key: KF,
    row: RF,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    K: Eq + Hash + 'static,
    KF: Fn(&T) -> K + Send + Clone + 'static,
    RF: Fn(T) -> V + Send + Clone + 'static,
    V: IntoView + 'static,
{
    view! {
        <table class="data-table" id=id>
            <TableHead columns=columns />
            <tbody>
                <For each=move || rows.get() key=key children=row />
            </tbody>
        </table>
    }
}
