//! The rows behind a [`DataTable`](super::DataTable): which source they come from,
//! the pages held, and the fetches under way.

use std::collections::BTreeSet;
use std::ops::Range;

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::pages::PageCache;
use super::{Page, PagedSource};

/// How many pages' rows are held at most; the rest are fetched again when needed.
const PAGES_HELD: usize = 5;

/// A keyset-paged list as a [`DataTable`](super::DataTable) shows it. Made by the
/// screen, so the screen can [`reload`](Self::reload) it (after adding a row) or
/// [`show`](Self::show) another source (another filter).
pub struct PagedList<S: PagedSource> {
    source: StoredValue<S>,
    pub(super) cache: RwSignal<PageCache<S::Row, S::Cursor>>,
    /// Pages being fetched now.
    pending: StoredValue<BTreeSet<usize>>,
    /// Bumped by every reload; an answer for an older one is dropped.
    generation: StoredValue<u64>,
    /// A reload's first page is on its way: the old rows stay until it comes.
    reloading: StoredValue<bool>,
    /// The page in view, so the pages farthest from it are the ones dropped.
    near: StoredValue<usize>,
    /// The rows last asked for, to ask again after a failure.
    wanted: StoredValue<Range<usize>>,
    pub(super) error: RwSignal<Option<String>>,
    /// Bumped when a reload arrived, so the table scrolls back to the top.
    pub(super) rewound: RwSignal<u64>,
    /// The timer of a [`PagedList::show_after_pause`] not run yet.
    waiting: StoredValue<Option<i32>>,
}

impl<S: PagedSource> Clone for PagedList<S> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<S: PagedSource> Copy for PagedList<S> {}

impl<S: PagedSource> PagedList<S> {
    /// A list over `source`; the table fetches the first page when it is shown.
    pub fn new(source: S) -> Self {
        Self {
            source: StoredValue::new(source),
            cache: RwSignal::new(new_cache::<S>()),
            pending: StoredValue::new(BTreeSet::new()),
            generation: StoredValue::new(0),
            reloading: StoredValue::new(false),
            near: StoredValue::new(0),
            wanted: StoredValue::new(0..0),
            error: RwSignal::new(None),
            rewound: RwSignal::new(0),
            waiting: StoredValue::new(None),
        }
    }

    /// Drops a [`Self::show_after_pause`] not run yet (the screen is going away).
    pub fn cancel_waiting(&self) {
        if let Some(handle) = self.waiting.try_get_value().flatten() {
            window().clear_timeout_with_handle(handle);
        }
    }

    /// Shows `source` once `pause_ms` pass without another call: a burst of typing
    /// asks once, when it pauses (answers for older sources are dropped anyway).
    pub fn show_after_pause(&self, source: S, pause_ms: i32) {
        if let Some(handle) = self.waiting.get_value() {
            window().clear_timeout_with_handle(handle);
        }
        let list = *self;
        let show = wasm_bindgen::closure::Closure::once_into_js(move || {
            list.waiting.set_value(None);
            list.show(source);
        });
        self.waiting.set_value(
            window()
                .set_timeout_with_callback_and_timeout_and_arguments_0(
                    wasm_bindgen::JsCast::unchecked_ref(&show),
                    pause_ms,
                )
                .ok(),
        );
    }

    /// Fetches the list again from the top, e.g. after adding a row that may sort
    /// anywhere. What is shown stays until the new first page is there.
    pub fn reload(&self) {
        self.generation.update_value(|generation| *generation += 1);
        self.pending.update_value(BTreeSet::clear);
        self.reloading.set_value(true);
        self.error.set(None);
        self.fetch(0, None);
    }

    /// Whether the list answered and has no rows at all.
    pub fn is_empty(&self) -> bool {
        self.cache
            .with(|cache| cache.started() && cache.total() == Some(0))
    }

    /// Shows the rows of another `source` (e.g. another filter), from the top.
    pub fn show(&self, source: S) {
        self.source.set_value(source);
        self.reload();
    }

    /// Fetches the pages of `rows` that are not held yet (called by the table as the
    /// person scrolls).
    pub(super) fn ensure(&self, rows: Range<usize>) {
        self.wanted.set_value(rows.clone());
        if self.reloading.get_value() || self.error.with_untracked(Option::is_some) {
            // Pages of the old list would be placed in the new one; and after a
            // failure, fetching again waits until the person asks.
            return;
        }
        let missing = self.cache.with_untracked(|cache| {
            if !rows.is_empty() {
                self.near.set_value(cache.page_of(rows.start));
            }
            cache
                .missing(rows)
                .into_iter()
                .filter_map(|page| Some((page, cache.start_of(page)?.clone())))
                .collect::<Vec<_>>()
        });
        for (page, after) in missing {
            if self.pending.with_value(|pending| !pending.contains(&page)) {
                self.fetch(page, after);
            }
        }
    }

    /// Clears a failure and fetches what is in view again.
    pub(super) fn retry(&self) {
        self.error.set(None);
        if self.reloading.get_value() {
            self.reload();
        } else {
            self.ensure(self.wanted.get_value());
        }
    }

    fn fetch(&self, page: usize, after: Option<S::Cursor>) {
        let list = *self;
        let generation = self.generation.get_value();
        self.pending.update_value(|pending| {
            pending.insert(page);
        });
        let request = self
            .source
            .with_value(|source| source.fetch(after, S::PAGE_SIZE));
        spawn_local(async move {
            let answer = request.await;
            if list.generation.try_get_value() != Some(generation) {
                // Reloaded meanwhile, or the table is gone.
                return;
            }
            list.pending.update_value(|pending| {
                pending.remove(&page);
            });
            match answer {
                Ok(Page { rows, next }) => {
                    let near = list.near.get_value();
                    if list.reloading.get_value() {
                        list.reloading.set_value(false);
                        let mut fresh = new_cache::<S>();
                        fresh.insert(page, rows, next, 0);
                        list.cache.set(fresh);
                        list.rewound.update(|count| *count += 1);
                    } else {
                        list.cache
                            .update(|cache| cache.insert(page, rows, next, near));
                    }
                }
                Err(error) => list.error.set(Some(error.summary())),
            }
        });
    }
}

fn new_cache<S: PagedSource>() -> PageCache<S::Row, S::Cursor> {
    PageCache::new(S::PAGE_SIZE as usize, PAGES_HELD)
}
