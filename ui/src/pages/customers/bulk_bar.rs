//! The selection of the customer list and what can be done with it: tick customers
//! one by one, or "select all N results" of the filter without loading them (and
//! untick some of those again); then set them active or inactive, on hold or not,
//! or export them to CSV, a chunk at a time with progress.

use std::collections::BTreeSet;
use std::future::Future;

use desk_domain::DeskError;
use desk_domain::Permission;
use desk_domain::commands::{
    BulkAssignGroup, BulkChangeCustomers, CountCustomers, ExportCustomersCsv,
};
use desk_domain::customer::CustomerId;
use desk_domain::customer_bulk::{
    BulkChange, BulkChangeRequest, BulkProgress, CsvExportRequest, CustomerSelection, SelectionWalk,
};
use desk_domain::customer_columns::CustomerColumn;
use desk_domain::customer_group::{GroupBulkRequest, GroupId, GroupLink};
use desk_domain::customer_list::{CustomerCursor, CustomerQuery};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api;
use crate::local_time::today;
use crate::session::SessionContext;

/// What is selected: ticked customers, or every result of the query (counted) but
/// those unticked since.
#[derive(Clone, Copy)]
pub struct Selection {
    ticked: RwSignal<BTreeSet<CustomerId>>,
    /// `Some((query, n))`: all `n` results of that query are selected…
    all: RwSignal<Option<(CustomerQuery, u64)>>,
    /// …but these.
    unticked: RwSignal<BTreeSet<CustomerId>>,
}

impl Selection {
    pub fn new() -> Self {
        Self {
            ticked: RwSignal::new(BTreeSet::new()),
            all: RwSignal::new(None),
            unticked: RwSignal::new(BTreeSet::new()),
        }
    }

    pub fn is_ticked(&self, id: CustomerId) -> bool {
        if self.all.with(Option::is_some) {
            !self.unticked.with(|unticked| unticked.contains(&id))
        } else {
            self.ticked.with(|ticked| ticked.contains(&id))
        }
    }

    pub fn tick(&self, id: CustomerId, on: bool) {
        let set = if self.all.with_untracked(Option::is_some) {
            // "All but these": unticking a result adds it to the exceptions.
            (self.unticked, !on)
        } else {
            (self.ticked, on)
        };
        let (ids, insert) = set;
        ids.update(|ids| {
            if insert {
                ids.insert(id);
            } else {
                ids.remove(&id);
            }
        });
    }

    pub fn clear(&self) {
        self.all.set(None);
        self.ticked.update(BTreeSet::clear);
        self.unticked.update(BTreeSet::clear);
    }

    fn select_all(&self, query: CustomerQuery, count: u64) {
        self.ticked.update(BTreeSet::clear);
        self.unticked.update(BTreeSet::clear);
        self.all.set(Some((query, count)));
    }

    fn count(&self) -> u64 {
        match self.all.get() {
            Some((_, count)) => count.saturating_sub(self.unticked.with(|ids| ids.len() as u64)),
            None => self.ticked.with(|ticked| ticked.len() as u64),
        }
    }

    /// The whole selection, to walk a chunk at a time: the query whose results were
    /// counted and selected, not whatever is typed now.
    fn walk(&self) -> SelectionWalk {
        match self.all.get_untracked() {
            Some((query, _)) => SelectionWalk::all_matching(
                query,
                self.unticked
                    .with_untracked(|ids| ids.iter().copied().collect()),
            ),
            None => SelectionWalk::ticked(
                self.ticked
                    .with_untracked(|ids| ids.iter().copied().collect()),
            ),
        }
    }
}

/// How a bulk action ended, for the list's status line.
#[derive(Debug, Clone)]
pub struct BulkOutcome {
    /// "Put on hold: 2 customers changed."
    pub message: String,
    /// Whether customers changed, so the list shows them anew.
    pub changed_rows: bool,
}

/// A bulk action under way: what it does, how many are done of how many.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Progress {
    label: &'static str,
    done: u64,
    total: u64,
}

/// What one chunk's answer says: how many it looked at (for progress), how many it
/// changed or wrote, the export file's size, and where the next chunk starts.
#[derive(Default)]
struct Step {
    looked_at: u32,
    counted: u32,
    bytes: u64,
    next: Option<CustomerCursor>,
}

impl From<BulkProgress> for Step {
    fn from(step: BulkProgress) -> Self {
        Self {
            looked_at: step.looked_at,
            counted: step.changed,
            next: step.next,
            bytes: 0,
        }
    }
}

/// " (3 had it already)": the selected customers a bulk action left as they were,
/// or nothing when it changed them all.
fn left_alone(total: u64, changed: u64, why: &str) -> String {
    match total.saturating_sub(changed) {
        0 => String::new(),
        unchanged => format!(" ({unchanged} {why})"),
    }
}

/// Where a walk through a selection ended.
struct Walked {
    /// Customers changed or written, over all chunks that went through.
    counted: u64,
    /// The export file's size after the last chunk.
    bytes: u64,
    /// Whether every chunk went through.
    outcome: Result<(), DeskError>,
}

/// Sends `step` each chunk of `walk` in turn, moving `progress` on.
async fn walk_selection<F, Fut>(
    mut walk: SelectionWalk,
    progress: RwSignal<Option<Progress>>,
    mut step: F,
) -> Walked
where
    F: FnMut(CustomerSelection) -> Fut,
    Fut: Future<Output = Result<Step, DeskError>>,
{
    let mut walked = Walked {
        counted: 0,
        bytes: 0,
        outcome: Ok(()),
    };
    while let Some(chunk) = walk.next_chunk() {
        match step(chunk).await {
            Ok(answer) => {
                walked.counted += u64::from(answer.counted);
                walked.bytes = answer.bytes;
                progress.update(|progress| {
                    if let Some(progress) = progress {
                        progress.done += u64::from(answer.looked_at);
                    }
                });
                walk.advance(answer.next);
            }
            Err(failure) => {
                walked.outcome = Err(failure);
                break;
            }
        }
    }
    walked
}

const EXPORT_LABEL: &str = "Export to CSV";

/// The bar over the list while something is selected.
#[component]
pub fn BulkBar(
    selection: Selection,
    query: RwSignal<CustomerQuery>,
    /// The list's columns: the export's columns.
    columns: RwSignal<Vec<CustomerColumn>>,
    /// The groups a selection can be assigned to (empty: no group actions).
    groups: RwSignal<Vec<GroupLink>>,
    /// Called with the outcome when an action ends.
    on_done: Callback<BulkOutcome>,
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
                    selection.select_all(current, count);
                }
                Ok(_) => {}
                Err(failure) => error.set(Some(failure.summary())),
            }
        });
    };
    let start = move |label: &'static str| {
        error.set(None);
        progress.set(Some(Progress {
            label,
            done: 0,
            total: selection.count(),
        }));
    };
    let change = move |change: BulkChange| {
        let total = selection.count();
        let walk = selection.walk();
        start(change.label());
        spawn_local(async move {
            let walked = walk_selection(walk, progress, move |chunk| async move {
                let request = BulkChangeRequest {
                    selection: chunk,
                    change,
                };
                api::call(&BulkChangeCustomers { request })
                    .await
                    .map(Step::from)
            })
            .await;
            progress.set(None);
            let changed = walked.counted;
            match walked.outcome {
                Ok(()) => {
                    selection.clear();
                    let rest = left_alone(total, changed, "had it already");
                    on_done.run(BulkOutcome {
                        message: format!("{}: {changed} customers changed{rest}.", change.label()),
                        changed_rows: true,
                    });
                }
                Err(failure) => error.set(Some(format!(
                    "{} stopped after {changed} customers: {}",
                    change.label(),
                    failure.summary()
                ))),
            }
        });
    };
    let export = move |_| {
        let walk = selection.walk();
        let keys: Vec<String> =
            columns.with_untracked(|columns| columns.iter().map(CustomerColumn::key).collect());
        let file_name = format!("customers-{}.csv", today());
        spawn_local(async move {
            let Some(path) = api::choose_save_path(&file_name, "CSV", "csv").await else {
                return;
            };
            start(EXPORT_LABEL);
            // The first chunk starts the file; the others add to it.
            let mut append = false;
            let walked = walk_selection(walk, progress, |chunk| {
                let request = CsvExportRequest {
                    selection: chunk,
                    columns: keys.clone(),
                    path: path.clone(),
                    append,
                };
                append = true;
                async move {
                    let step = api::call(&ExportCustomersCsv { request }).await?;
                    Ok(Step {
                        looked_at: step.looked_at,
                        counted: step.written,
                        bytes: step.bytes,
                        next: step.next,
                    })
                }
            })
            .await;
            progress.set(None);
            let written = walked.counted;
            match walked.outcome {
                Ok(()) => on_done.run(BulkOutcome {
                    message: format!(
                        "Exported {written} customers to {path} ({}).",
                        size(walked.bytes)
                    ),
                    changed_rows: false,
                }),
                Err(failure) => error.set(Some(format!(
                    "{EXPORT_LABEL} stopped after {written} customers (they are in {path}): {}",
                    failure.summary()
                ))),
            }
        });
    };
    let may_manage_groups = SessionContext::get().may(Permission::ManageGroups);
    let chosen_group = RwSignal::new(String::new());
    let group_action = move |assign: bool| {
        let Some(group) = chosen_group
            .get_untracked()
            .parse::<uuid::Uuid>()
            .ok()
            .map(GroupId)
        else {
            error.set(Some("Choose the customer group first.".into()));
            return;
        };
        let name = groups.with_untracked(|groups| {
            groups
                .iter()
                .find(|link| link.id == group)
                .map(|link| link.name.clone())
                .unwrap_or_default()
        });
        let total = selection.count();
        let walk = selection.walk();
        let label = if assign {
            "Assign to group"
        } else {
            "Remove from group"
        };
        start(label);
        spawn_local(async move {
            let walked = walk_selection(walk, progress, move |chunk| async move {
                let request = GroupBulkRequest {
                    group,
                    selection: chunk,
                    assign,
                };
                api::call(&BulkAssignGroup { request })
                    .await
                    .map(Step::from)
            })
            .await;
            progress.set(None);
            let changed = walked.counted;
            match walked.outcome {
                Ok(()) => {
                    selection.clear();
                    let (done, why) = if assign {
                        ("assigned to", "were in it already")
                    } else {
                        ("removed from", "were not in it")
                    };
                    let rest = left_alone(total, changed, why);
                    on_done.run(BulkOutcome {
                        message: format!("{changed} customers {done} “{name}”{rest}."),
                        changed_rows: true,
                    });
                }
                Err(failure) => error.set(Some(format!(
                    "{label} stopped after {changed} customers: {}",
                    failure.summary()
                ))),
            }
        });
    };
    let busy = move || progress.with(Option::is_some);
    let action = move |id: &'static str, bulk: BulkChange| {
        view! {
            <button type="button" class="secondary small" id=id disabled=busy on:click=move |_| change(bulk)>
                {bulk.label()}
            </button>
        }
    };

    view! {
        <Show when=move || { selection.count() > 0 || busy() || error.with(Option::is_some) }>
            <div class="bulk-bar" id="bulk-bar" role="region" aria-label="Selected customers">
                <span id="selection-count">
                    {move || match selection.all.get() {
                        Some((_, count)) => match selection.unticked.with(BTreeSet::len) {
                            0 => format!("All {count} results selected"),
                            unticked => format!(
                                "{} of {count} results selected",
                                count.saturating_sub(unticked as u64)
                            ),
                        },
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
                <Show when=move || may_manage_groups && groups.with(|groups| !groups.is_empty())>
                    <span class="bulk-group">
                        <label for="bulk-group" class="visually-hidden">"Customer group"</label>
                        <select id="bulk-group" prop:value=move || chosen_group.get() on:change=move |event| chosen_group.set(event_target_value(&event))>
                            <option value="">"Customer group…"</option>
                            {move || groups.get().into_iter().map(|group| view! {
                                <option value=group.id.to_string()>{group.name.clone()}</option>
                            }).collect_view()}
                        </select>
                        <button type="button" class="secondary small" id="bulk-assign-group" disabled=busy on:click=move |_| group_action(true)>
                            "Assign to group"
                        </button>
                        <button type="button" class="secondary small" id="bulk-remove-group" disabled=busy on:click=move |_| group_action(false)>
                            "Remove from group"
                        </button>
                    </span>
                </Show>
                <button type="button" class="secondary small" id="bulk-export-csv" disabled=busy on:click=export>
                    "Export to CSV…"
                </button>
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

/// A file size as people read it: "820 bytes", "14.2 KB", "3.1 MB".
fn size(bytes: u64) -> String {
    match bytes {
        0..1_000 => format!("{bytes} bytes"),
        1_000..1_000_000 => format!("{:.1} KB", bytes as f64 / 1_000.0),
        _ => format!("{:.1} MB", bytes as f64 / 1_000_000.0),
    }
}
