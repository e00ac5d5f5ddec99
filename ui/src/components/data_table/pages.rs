//! The arithmetic of a keyset-paged, virtually scrolled list, without any DOM: which
//! rows are in view, which pages they are on, and the few pages held in memory.

use std::collections::BTreeMap;
use std::ops::Range;

/// The rows to draw for a scroll position: those in the viewport plus `overscan`
/// rows either side, so a small scroll never shows a gap before the next frame.
pub fn rows_in_view(
    scroll_top: f64,
    viewport_height: f64,
    row_height: f64,
    len: usize,
    overscan: usize,
) -> Range<usize> {
    let first_visible = (scroll_top.max(0.0) / row_height).floor() as usize;
    let last_visible =
        ((scroll_top.max(0.0) + viewport_height.max(0.0)) / row_height).ceil() as usize;
    let end = last_visible.saturating_add(overscan).min(len);
    let start = first_visible.saturating_sub(overscan).min(end);
    start..end
}

/// The pages of a keyset-paged list that the table knows about. Only the cursor where
/// each page starts is kept for every page seen; the rows of at most `capacity` pages
/// are held, so a list of a million rows costs a few pages of memory.
///
/// Every page is assumed full except the last one, which is what a keyset query
/// with a limit returns; that is what turns a row index into a page and back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageCache<R, C> {
    page_size: usize,
    capacity: usize,
    /// Where each known page starts: `None` for the first, then the `next` cursor
    /// the page before it answered.
    starts: Vec<Option<C>>,
    /// The pages held, by index.
    pages: BTreeMap<usize, Vec<R>>,
    /// The number of rows, once a page has said that none follow.
    total: Option<usize>,
    /// Whether any page has arrived yet (until then the table says "Loading…").
    started: bool,
}

impl<R, C> PageCache<R, C> {
    /// An empty cache of pages of `page_size` rows, holding at most `capacity` pages.
    pub fn new(page_size: usize, capacity: usize) -> Self {
        Self {
            page_size: page_size.max(1),
            capacity: capacity.max(1),
            starts: vec![None],
            pages: BTreeMap::new(),
            total: None,
            started: false,
        }
    }

    /// How many rows the table makes room for: exact once the end was seen; until
    /// then every known page counts as full, so the person can scroll into the next
    /// page, which then loads.
    pub fn len(&self) -> usize {
        self.total.unwrap_or(self.starts.len() * self.page_size)
    }

    /// The exact number of rows, once known.
    pub fn total(&self) -> Option<usize> {
        self.total
    }

    /// Whether a page has arrived yet.
    pub fn started(&self) -> bool {
        self.started
    }

    /// The row at `index`, if its page is held.
    pub fn row(&self, index: usize) -> Option<&R> {
        self.pages
            .get(&(index / self.page_size))
            .and_then(|rows| rows.get(index % self.page_size))
    }

    /// The page that holds row `index`.
    pub fn page_of(&self, index: usize) -> usize {
        index / self.page_size
    }

    /// The pages holding rows of `rows` that are not held but can be fetched (their
    /// start is known), in order.
    pub fn missing(&self, rows: Range<usize>) -> Vec<usize> {
        if rows.is_empty() {
            return Vec::new();
        }
        let first = self.page_of(rows.start);
        let last = self.page_of(rows.end - 1);
        (first..=last)
            .filter(|page| *page < self.starts.len() && !self.pages.contains_key(page))
            .collect()
    }

    /// Where `page` starts: `Some(None)` for the first page, `Some(Some(cursor))` for
    /// a later one, `None` when it is not known yet.
    pub fn start_of(&self, page: usize) -> Option<&Option<C>> {
        self.starts.get(page)
    }

    /// Keeps `rows` as `page`, and `next` as where the page after it starts (`None`:
    /// this is the last page). Then drops the held pages farthest from `near` (the
    /// page in view) until at most `capacity` are held.
    pub fn insert(&mut self, page: usize, rows: Vec<R>, next: Option<C>, near: usize) {
        if page >= self.starts.len() {
            // Its start is unknown, so it cannot be placed; the caller never asks.
            return;
        }
        self.started = true;
        match next {
            Some(next) => {
                if page + 1 < self.starts.len() {
                    self.starts[page + 1] = Some(next);
                } else {
                    self.starts.push(Some(next));
                }
                // The list grew since its end was seen (someone added rows).
                if self
                    .total
                    .is_some_and(|total| total <= (page + 1) * self.page_size)
                {
                    self.total = None;
                }
            }
            None => {
                self.total = Some(page * self.page_size + rows.len());
                self.starts.truncate(page + 1);
                self.pages.retain(|held, _| *held <= page);
            }
        }
        self.pages.insert(page, rows);
        while self.pages.len() > self.capacity {
            let farthest = self
                .pages
                .keys()
                .copied()
                .max_by_key(|held| held.abs_diff(near))
                .unwrap_or(page);
            self.pages.remove(&farthest);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(first: usize, count: usize) -> Vec<usize> {
        (first..first + count).collect()
    }

    #[test]
    fn the_rows_in_view_include_the_overscan_and_stop_at_the_end() {
        assert_eq!(rows_in_view(0.0, 100.0, 10.0, 1_000, 5), 0..15);
        assert_eq!(rows_in_view(1_000.0, 100.0, 10.0, 1_000, 5), 95..115);
        assert_eq!(rows_in_view(9_950.0, 100.0, 10.0, 1_000, 5), 990..1_000);
        assert_eq!(rows_in_view(0.0, 100.0, 10.0, 0, 5), 0..0);
        assert_eq!(rows_in_view(50_000.0, 100.0, 10.0, 20, 5), 20..20);
    }

    #[test]
    fn an_unfinished_list_makes_room_for_one_more_page() {
        let mut cache = PageCache::<usize, usize>::new(10, 3);
        assert!(!cache.started());
        assert_eq!(cache.missing(0..5), [0]);
        cache.insert(0, page(0, 10), Some(9), 0);
        assert_eq!(cache.len(), 20);
        assert_eq!(cache.total(), None);
        assert_eq!(cache.row(9), Some(&9));
        assert_eq!(cache.row(10), None);
        assert_eq!(cache.missing(5..15), [1]);
        assert_eq!(cache.start_of(1), Some(&Some(9)));
        assert_eq!(
            cache.missing(25..35),
            Vec::<usize>::new(),
            "page 2 is not known yet"
        );
    }

    #[test]
    fn the_last_page_fixes_the_length() {
        let mut cache = PageCache::<usize, usize>::new(10, 3);
        cache.insert(0, page(0, 10), Some(9), 0);
        cache.insert(1, page(10, 4), None, 1);
        assert_eq!(cache.len(), 14);
        assert_eq!(cache.total(), Some(14));
        assert_eq!(cache.row(13), Some(&13));
        let mut empty = PageCache::<usize, usize>::new(10, 3);
        empty.insert(0, Vec::new(), None, 0);
        assert!(empty.started());
        assert_eq!(empty.len(), 0);
    }

    #[test]
    fn only_the_pages_nearest_the_view_are_kept_and_the_others_can_come_back() {
        let mut cache = PageCache::<usize, usize>::new(10, 2);
        cache.insert(0, page(0, 10), Some(9), 0);
        cache.insert(1, page(10, 10), Some(19), 1);
        cache.insert(2, page(20, 10), Some(29), 2);
        assert_eq!(cache.row(5), None, "page 0 was dropped");
        assert_eq!(cache.row(15), Some(&15));
        assert_eq!(cache.row(25), Some(&25));
        assert_eq!(cache.missing(0..30), [0]);
        assert_eq!(cache.start_of(0), Some(&None));
        cache.insert(0, page(0, 10), Some(9), 0);
        assert_eq!(cache.row(25), None, "page 2 is now the farthest");
        assert_eq!(cache.len(), 40);
    }

    #[test]
    fn rows_added_after_the_end_was_seen_reopen_the_list() {
        let mut cache = PageCache::<usize, usize>::new(10, 3);
        cache.insert(0, page(0, 10), None, 0);
        assert_eq!(cache.len(), 10);
        cache.insert(0, page(0, 10), Some(9), 0);
        assert_eq!(cache.total(), None);
        assert_eq!(cache.len(), 20);
    }
}
