//! A column heading that sorts its list: a button that sorts by the column, or the
//! other way round when the list is sorted by it already; `aria-sort` says which.

use desk_domain::customer_list::SortDirection;
use leptos::prelude::*;

/// The heading of the column `class`, labelled `label`, its button `button_id`.
/// `direction` says whether (and which way) the list is sorted by it now; `choose`
/// sorts by it (see [`next_sort`]).
pub fn sort_heading(
    label: String,
    class: String,
    button_id: String,
    direction: impl Fn() -> Option<SortDirection> + Copy + Send + Sync + 'static,
    choose: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let aria = move || match direction() {
        Some(SortDirection::Ascending) => "ascending",
        Some(SortDirection::Descending) => "descending",
        None => "none",
    };
    let arrow = move || match direction() {
        Some(SortDirection::Ascending) => " ▲",
        Some(SortDirection::Descending) => " ▼",
        None => "",
    };
    view! {
        <th scope="col" class=class aria-sort=aria>
            <button type="button" class="sort" id=button_id on:click=move |_| choose()>
                {label}{arrow}
            </button>
        </th>
    }
}

/// The sort after choosing `chosen` where the list is sorted by `current` in
/// `direction`: the other way round when it is the sort already, else ascending.
pub fn next_sort<S: PartialEq>(
    current: S,
    direction: SortDirection,
    chosen: S,
) -> (S, SortDirection) {
    if current == chosen {
        (chosen, direction.reversed())
    } else {
        (chosen, SortDirection::Ascending)
    }
}
