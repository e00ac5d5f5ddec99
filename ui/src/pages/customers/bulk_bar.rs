//! The selection of the customer list and what can be done with it: tick customers
//! one by one, or "select all N results" of the filter without loading them; then
//! set them active or inactive, on hold or not, a chunk at a time with progress.

use std::collections::BTreeSet;

use desk_domain::commands::{BulkChangeCustomers, CountCustomers};
use desk_domain::customer::CustomerId;
use desk_domain::customer_list::{
    BulkChange, BulkChangeRequest, CustomerQuery, CustomerSelection, MAX_BULK_CHUNK,
};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api;

/// What is selected: ticked customers, or every result of the query (counted).
#[derive(Clone, Copy)]
pub struct Selection {
    ticked: RwSignal<BTreeSet<CustomerId>>,
    /// `Some((query, n))`: all `n` results of that query are selected.
    all: RwSignal<Option<(CustomerQuery, u64)>>,
}

impl Selection {
    pub fn new() -> Self {
        Self {
            ticked: RwSignal::new(BTreeSet::new()),
            all: RwSignal::new(None),
        }
    }

    pub fn is_ticked(&self, id: CustomerId) -> bool {
        self.all.with(Option::is_some) || self.ticked.with(|ticked| ticked.contains(&id))
    }

    pub fn tick(&self, id: CustomerId, on: bool) {
        self.all.set(None);
        self.ticked.update(|ticked| {
            if on {
                ticked.insert(id);
            } else {
                ticked.remove(&id);
            }
        });
    }

    pub fn clear(&self) {
        self.all.set(None);
        self.ticked.update(BTreeSet::clear);
    }

    fn count(&self) -> u64 {
        self.all
            .with(|all| all.as_ref().map(|(_, count)| *count))
            .unwrap_or_else(|| self.ticked.with(|ticked| ticked.len() as u64))
    }
}

/// A bulk action under way: what it does, how many are done of how many.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Progress {
    label: &'static str,
    done: u64,
    total: u64,
}

/// The bar over the list while something is selected.
#[component]
pub fn BulkBar(
    selection: Selection,
    query: RwSignal<CustomerQuery>,
    /// Called with the outcome when an action ends.
    on_done: Callback<String>,
) -> impl IntoView {
    let progress = RwSignal::new(None::<Progress>);
    let error = RwSignal::new(None::<String>);
    let select_all = move |_| {
        let current = query.get_untracked();
        spawn_local(async move {
            match api::call(&CountCustomers {
                query: current.clone(),
            })
            .await
            {
                // Only for the search still shown: the person may have typed meanwhile.
                Ok(count) if query.with_untracked(|shown| shown == &current) => {
                    selection.all.set(Some((current, count)));
                }
                Ok(_) => {}
                Err(failure) => error.set(Some(failure.summary())),
            }
        });
    };
    let run = move |change: BulkChange| {
        let total = selection.count();
        let ticked: Vec<CustomerId> = selection
            .ticked
            .with_untracked(|ticked| ticked.iter().copied().collect());
        // The query whose results were counted and selected, not whatever is typed now.
        let all = selection.all.get_untracked();
        error.set(None);
        progress.set(Some(Progress {
            label: change.label(),
            done: 0,
            total,
        }));
        spawn_local(async move {
            let mut changed = 0_u64;
            let outcome = if let Some((current, _)) = all {
                let mut after = None;
                loop {
                    let request = BulkChangeRequest {
                        selection: CustomerSelection::AllMatching {
                            query: Box::new(current.clone()),
                            after,
                        },
                        change,
                    };
                    match api::call(&BulkChangeCustomers { request }).await {
                        Ok(step) => {
                            changed += u64::from(step.changed);
                            progress.update(|progress| {
                                if let Some(progress) = progress {
                                    progress.done += u64::from(step.looked_at);
                                }
                            });
                            match step.next {
                                Some(next) => after = Some(next),
                                None => break Ok(()),
                            }
                        }
                        Err(failure) => break Err(failure),
                    }
                }
            } else {
                let mut result = Ok(());
                for chunk in ticked.chunks(MAX_BULK_CHUNK) {
                    let request = BulkChangeRequest {
                        selection: CustomerSelection::Ticked(chunk.to_vec()),
                        change,
                    };
                    match api::call(&BulkChangeCustomers { request }).await {
                        Ok(step) => {
                            changed += u64::from(step.changed);
                            progress.update(|progress| {
                                if let Some(progress) = progress {
                                    progress.done += chunk.len() as u64;
                                }
                            });
                        }
                        Err(failure) => {
                            result = Err(failure);
                            break;
                        }
                    }
                }
                result
            };
            progress.set(None);
            match outcome {
                Ok(()) => {
                    selection.clear();
                    let unchanged = total.saturating_sub(changed);
                    let rest = if unchanged == 0 {
                        String::new()
                    } else {
                        format!(" ({unchanged} had it already)")
                    };
                    on_done.run(format!(
                        "{}: {changed} customers changed{rest}.",
                        change.label()
                    ));
                }
                Err(failure) => error.set(Some(format!(
                    "{} stopped after {changed} customers: {}",
                    change.label(),
                    failure.summary()
                ))),
            }
        });
    };
    let busy = move || progress.with(Option::is_some);
    let action = move |id: &'static str, change: BulkChange| {
        view! {
            <button type="button" class="secondary small" id=id disabled=busy on:click=move |_| run(change)>
                {change.label()}
            </button>
        }
    };

    view! {
        <Show when=move || { selection.count() > 0 || busy() || error.with(Option::is_some) }>
            <div class="bulk-bar" id="bulk-bar" role="region" aria-label="Selected customers">
                <span id="selection-count">
                    {move || match selection.all.get() {
                        Some((_, count)) => format!("All {count} results selected"),
                        None => format!("{} selected", selection.count()),
                    }}
                </span>
                <Show when=move || selection.all.with(Option::is_none) && !busy()>
                    <button type="button" class="link" id="select-all-results" on:click=select_all>
                        "Select all results of this search"
                    </button>
                </Show>
                {action("bulk-on-hold", BulkChange::OnHold(true))}
                {action("bulk-release-hold", BulkChange::OnHold(false))}
                {action("bulk-active", BulkChange::Active(true))}
                {action("bulk-inactive", BulkChange::Active(false))}
                <button type="button" class="link" id="clear-selection" disabled=busy on:click=move |_| selection.clear()>
                    "Clear selection"
                </button>
                {move || progress.get().map(|progress| view! {
                    <progress id="bulk-progress" max=progress.total value=progress.done></progress>
                    <span role="status">{format!("{}… {} of {}", progress.label, progress.done, progress.total)}</span>
                })}
                {move || error.get().map(|message| view! { <p class="banner error" role="alert">{message}</p> })}
            </div>
        </Show>
    }
}
