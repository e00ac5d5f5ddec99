//! A table over a keyset-paged list of any length. Only the rows in view are drawn
//! (rows have one fixed height; spacers above and below stand in for the others), and
//! only a few pages are held: the next page loads as the person scrolls towards it,
//! and a page dropped earlier loads again from its remembered cursor.

mod list;
mod pages;

use std::fmt::Display;
use std::future::Future;
use std::hash::Hash;

use desk_domain::DeskError;
use leptos::ev;
use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

pub use list::PagedList;
use pages::rows_in_view;

use crate::components::table::{Column, TableHead};

/// Every row's height, in CSS pixels; rows never wrap, so all are this high.
const ROW_PX: f64 = 36.0;
/// Rows drawn beyond either edge of the viewport.
const OVERSCAN: usize = 10;
/// The viewport's height until it is measured.
const DEFAULT_VIEWPORT_PX: f64 = 600.0;

/// One page of a list and where the next one starts (`None`: this was the last).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page<R, C> {
    /// In list order; as many as asked for unless this is the last page.
    pub rows: Vec<R>,
    /// Where the page after this one starts.
    pub next: Option<C>,
}

/// Where a [`DataTable`] gets its rows: "the page after cursor X, n rows".
pub trait PagedSource: Send + Sync + 'static {
    /// One row as the table shows it.
    type Row: Clone + Send + Sync + 'static;
    /// Where a page starts: what the previous page's answer said.
    type Cursor: Clone + Send + Sync + 'static;
    /// Tells rows apart (drawn as the row's `data-key`).
    type Key: Display + Eq + Hash + Send + Sync + 'static;
    /// Rows asked for per page.
    const PAGE_SIZE: u32 = 100;

    /// The key of `row`.
    fn key(row: &Self::Row) -> Self::Key;

    /// Up to `limit` rows after `after` (`None`: from the first). The future must not
    /// borrow the source (`use<Self>`): the table may change source while it runs.
    fn fetch(
        &self,
        after: Option<Self::Cursor>,
        limit: u32,
    ) -> impl Future<Output = Result<Page<Self::Row, Self::Cursor>, DeskError>> + use<Self>;
}

/// The table: `columns` as the head, a row per entry of `list` drawn by `cells`
/// (which returns the row's `<td>`s), and a message instead while the first page
/// loads or when the list is empty (id `{id}-empty`). The scroll box is `{id}-scroll`.
#[component]
pub fn DataTable<S, CF, V>(
    /// The `<table>`'s id.
    id: &'static str,
    list: PagedList<S>,
    columns: &'static [Column],
    /// The cells of one row.
    cells: CF,
    /// Shown while the first page loads.
    loading_text: &'static str,
    /// Shown when the list has no rows.
    empty_text: &'static str,
    /// When given, rows can be focused, and clicking one or pressing Enter on it
    /// opens it.
    #[prop(optional)]
    on_open: Option<Callback<S::Row>>,
    /// A head of the screen's own (sortable headings, columns the person chose)
    /// instead of `columns`' plain one.
    #[prop(optional, into)]
    head: Option<ViewFn>,
) -> impl IntoView
where
    S: PagedSource,
    CF: Fn(S::Row) -> V + Send + Sync + Clone + 'static,
    V: IntoView + 'static,
{
    let scroll_box = NodeRef::<Div>::new();
    let scroll_top = RwSignal::new(0.0);
    let viewport = RwSignal::new(DEFAULT_VIEWPORT_PX);
    let len = Memo::new(move |_| list.cache.with(|cache| cache.len()));
    let in_view = Memo::new(move |_| {
        rows_in_view(
            scroll_top.get(),
            viewport.get(),
            ROW_PX,
            len.get(),
            OVERSCAN,
        )
    });
    let has_rows = Memo::new(move |_| list.cache.with(|cache| cache.started() && cache.len() > 0));

    let measure = move || {
        if let Some(element) = scroll_box.get_untracked() {
            scroll_top.set(f64::from(element.scroll_top()));
            viewport.set(f64::from(element.client_height()));
        }
    };
    // Measure once the box is in the page, and again when the window is resized.
    Effect::new(move |_| {
        if scroll_box.get().is_some() {
            measure();
        }
    });
    let resize = window_event_listener(ev::resize, move |_| measure());
    on_cleanup(move || resize.remove());
    // Fetch what is in view (plus half a page either side, so a steady scroll rarely
    // waits), whenever the view or the held pages change.
    Effect::new(move |_| {
        let rows = in_view.get();
        list.cache.track();
        let ahead = S::PAGE_SIZE as usize / 2;
        list.ensure(
            rows.start.saturating_sub(ahead)..rows.end.saturating_add(ahead).min(len.get()),
        );
    });
    // A reload starts at the top again.
    Effect::new(move |previous: Option<u64>| {
        let count = list.rewound.get();
        if previous.is_some_and(|previous| previous != count)
            && let Some(element) = scroll_box.get_untracked()
        {
            element.set_scroll_top(0);
            scroll_top.set(0.0);
        }
        count
    });

    let visible = move || {
        let rows = in_view.get();
        list.cache.with(|cache| {
            rows.map(|index| (index, cache.row(index).cloned()))
                .collect::<Vec<_>>()
        })
    };
    // With a head of its own the number of columns varies; a placeholder row spans
    // them all either way.
    let column_count = if head.is_some() { 99 } else { columns.len() };
    let row = move |(index, row): (usize, Option<S::Row>)| match row {
        Some(row) => {
            let row_key = S::key(&row).to_string();
            let cells = cells.clone();
            view! { <DataRow index row_key row cells on_open /> }.into_any()
        }
        None => view! { <PlaceholderRow index column_count /> }.into_any(),
    };
    let error = move || list.error.get();

    view! {
        <Show when=move || error().is_some()>
            <p class="banner error" role="alert" id=format!("{id}-error")>
                {error} " "
                <button type="button" class="secondary small" on:click=move |_| list.retry()>"Try again"</button>
            </p>
        </Show>
        <Show
            when=move || has_rows.get()
            fallback=move || view! {
                <p class="empty" id=format!("{id}-empty")>
                    {move || if list.cache.with(|cache| cache.started()) { empty_text } else { loading_text }}
                </p>
            }
        >
            <div class="data-table-scroll" id=format!("{id}-scroll") node_ref=scroll_box on:scroll=move |_| measure()>
                <div class="data-table-spacer" style:height=move || px(in_view.get().start)></div>
                <table
                    class="data-table virtual"
                    class:openable=on_open.is_some()
                    id=id
                    aria-rowcount=move || list.cache.with(|cache| cache.total().map_or(-1, |total| total as i64 + 1))
                >
                    {match head.clone() {
                        Some(head) => head.run(),
                        None => view! { <TableHead columns=columns /> }.into_any(),
                    }}
                    <tbody>
                        <For
                            each=visible
                            key=|(index, row)| (*index, row.as_ref().map(S::key))
                            children=row.clone()
                        />
                    </tbody>
                </table>
                <div class="data-table-spacer" style:height=move || px(len.get().saturating_sub(in_view.get().end))></div>
            </div>
        </Show>
    }
}

/// One drawn row: focusable and openable when the table has `on_open`; the arrow
/// keys move between rows.
#[component]
fn DataRow<R, CF, V>(
    index: usize,
    /// The row's key, as `data-key`.
    row_key: String,
    row: R,
    cells: CF,
    on_open: Option<Callback<R>>,
) -> impl IntoView
where
    R: Clone + Send + Sync + 'static,
    CF: Fn(R) -> V + Send + Clone + 'static,
    V: IntoView + 'static,
{
    let opened = row.clone();
    let open = move || {
        if let Some(on_open) = on_open {
            on_open.run(opened.clone());
        }
    };
    let on_keydown = {
        let open = open.clone();
        move |event: ev::KeyboardEvent| {
            let sibling = match event.key().as_str() {
                "Enter" => {
                    event.prevent_default();
                    open();
                    return;
                }
                "ArrowDown" => current_row(&event).and_then(|row| row.next_element_sibling()),
                "ArrowUp" => current_row(&event).and_then(|row| row.previous_element_sibling()),
                _ => return,
            };
            event.prevent_default();
            if let Some(sibling) =
                sibling.and_then(|row| row.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = sibling.focus();
            }
        }
    };
    view! {
        <tr
            data-key=row_key
            aria-rowindex=index + 2
            // By index, not :nth-child, so stripes stay put as rows scroll in and out.
            class:alt=index % 2 == 1
            style:height=row_height()
            tabindex=on_open.map(|_| "0")
            on:click=move |_| open()
            on:keydown=on_keydown
        >
            {cells(row)}
        </tr>
    }
}

/// A row whose page is on its way.
#[component]
fn PlaceholderRow(index: usize, column_count: usize) -> impl IntoView {
    view! {
        <tr class="placeholder" aria-rowindex=index + 2 aria-busy="true" style:height=row_height()>
            <td colspan=column_count>"Loading…"</td>
        </tr>
    }
}

fn current_row(event: &ev::KeyboardEvent) -> Option<web_sys::Element> {
    event.current_target()?.dyn_into::<web_sys::Element>().ok()
}

fn row_height() -> String {
    format!("{ROW_PX}px")
}

fn px(rows: usize) -> String {
    format!("{}px", rows as f64 * ROW_PX)
}
