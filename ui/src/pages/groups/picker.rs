//! The Customers step: every customer, searchable and paged, with a tick box per
//! row. Ticks survive paging and searching; "Select all N results of this search"
//! picks a whole search without loading it (its rows can be unticked again).

use std::collections::BTreeSet;

use desk_domain::commands::CountCustomers;
use desk_domain::customer::{Customer, CustomerId};
use desk_domain::customer_bulk::CustomerSelection;
use desk_domain::customer_group::CustomerPicks;
use desk_domain::customer_list::{CustomerFilter, CustomerQuery};
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::tick_table;
use crate::api;
use crate::components::data_table::{DataTable, PagedList};
use crate::pages::customers::source::CustomerSource;

/// How long typing pauses before the table asks again.
const SEARCH_PAUSE_MS: i32 = 120;

/// Every result of a search, picked whole, but those unticked again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WholeSearch {
    pub query: CustomerQuery,
    pub count: u64,
    pub unticked: BTreeSet<CustomerId>,
}

/// What the person picked: customers ticked one by one, and whole searches.
#[derive(Debug, Clone, Copy)]
pub struct Picks {
    pub ticked: RwSignal<BTreeSet<CustomerId>>,
    pub whole: RwSignal<Vec<WholeSearch>>,
}

impl Picks {
    pub fn new() -> Self {
        Self {
            ticked: RwSignal::new(BTreeSet::new()),
            whole: RwSignal::new(Vec::new()),
        }
    }

    /// What a save sends.
    pub fn picked(&self) -> CustomerPicks {
        CustomerPicks {
            ticked: self
                .ticked
                .with_untracked(|ticked| ticked.iter().copied().collect()),
            all_of: self.whole.with_untracked(|whole| {
                whole
                    .iter()
                    .map(|search| CustomerSelection::AllMatching {
                        query: Box::new(search.query.clone()),
                        except: search.unticked.iter().copied().collect(),
                        after: None,
                    })
                    .collect()
            }),
        }
    }

    /// "3 customers ticked", "and all 35 results of “gmail”".
    pub fn summary(&self) -> String {
        let ticked = self.ticked.with(BTreeSet::len);
        let mut parts = vec![match ticked {
            1 => "1 customer ticked".to_owned(),
            n => format!("{n} customers ticked"),
        }];
        self.whole.with(|whole| {
            for search in whole {
                let picked = search.count.saturating_sub(search.unticked.len() as u64);
                let what = search.query.filter.search.trim();
                parts.push(if what.is_empty() {
                    format!("all {picked} customers")
                } else {
                    format!("all {picked} results of “{what}”")
                });
            }
        });
        parts.join(", and ")
    }

    /// Whether `id`, shown under `query`, is picked.
    fn is_picked(&self, id: CustomerId, query: &CustomerQuery) -> bool {
        let whole = self.whole.with(|whole| {
            whole
                .iter()
                .find(|search| &search.query == query)
                .map(|search| !search.unticked.contains(&id))
        });
        whole.unwrap_or_else(|| self.ticked.with(|ticked| ticked.contains(&id)))
    }

    /// Ticks or unticks `id` shown under `query`.
    fn tick(&self, id: CustomerId, query: &CustomerQuery, on: bool) {
        let mut in_whole = false;
        self.whole.update(|whole| {
            if let Some(search) = whole.iter_mut().find(|search| &search.query == query) {
                in_whole = true;
                if on {
                    search.unticked.remove(&id);
                } else {
                    search.unticked.insert(id);
                }
            }
        });
        if !in_whole {
            self.ticked.update(|ticked| {
                if on {
                    ticked.insert(id);
                } else {
                    ticked.remove(&id);
                }
            });
        }
    }
}

/// The group being edited, as the picker needs it: its name as stored (rows carry
/// their groups' names), and who the form will unassign.
#[derive(Debug, Clone)]
pub struct InGroup {
    pub name: String,
    pub removed: RwSignal<BTreeSet<CustomerId>>,
    pub remove_all: RwSignal<bool>,
}

/// The customers to pick from; when editing (`in_group`), those in the group and
/// staying in it show ticked, greyed and labelled as such.
#[component]
pub fn CustomerPicker(picks: Picks, in_group: Option<InGroup>) -> impl IntoView {
    let query = RwSignal::new(CustomerQuery::default());
    let with_groups = in_group.is_some();
    let list = PagedList::new(CustomerSource {
        query: CustomerQuery::default(),
        with_groups,
    });
    let in_group = StoredValue::new(in_group);
    // A new search shows its first page once typing pauses.
    Effect::new(move |previous: Option<CustomerQuery>| {
        let current = query.get();
        if previous
            .as_ref()
            .is_some_and(|previous| previous != &current)
        {
            list.show_after_pause(
                CustomerSource {
                    query: current.clone(),
                    with_groups,
                },
                SEARCH_PAUSE_MS,
            );
        }
        current
    });
    on_cleanup(move || list.cancel_waiting());
    let error = RwSignal::new(None::<String>);
    let select_all = move |_| {
        let current = query.get_untracked();
        spawn_local(async move {
            match api::call(&CountCustomers {
                query: current.clone(),
            })
            .await
            {
                Ok(count) => picks.whole.update(|whole| {
                    if !whole.iter().any(|search| search.query == current) {
                        whole.push(WholeSearch {
                            query: current,
                            count,
                            unticked: BTreeSet::new(),
                        });
                    }
                }),
                Err(failure) => error.set(Some(failure.summary())),
            }
        });
    };
    let whole_shown = move || {
        query.with(|query| {
            picks
                .whole
                .with(|whole| whole.iter().any(|search| &search.query == query))
        })
    };
    let head = || tick_table::head("Ticked");
    let cells = move |customer: Customer| {
        let id = customer.id;
        // In the group and not being unassigned by this form (a cleared tick above, or
        // De-select all): then it cannot be added again.
        let staying = in_group.with_value(|group| {
            group.as_ref().and_then(|group| {
                customer
                    .groups
                    .contains(&group.name)
                    .then_some((group.removed, group.remove_all))
            })
        });
        let assigned = move || {
            staying.is_some_and(|(removed, remove_all)| {
                !remove_all.get() && !removed.with(|removed| removed.contains(&id))
            })
        };
        let name = format!("{} {}", customer.first_name, customer.last_name);
        let label = move || {
            if assigned() {
                format!("{name} is already in this group")
            } else {
                format!("Tick {name}")
            }
        };
        tick_table::cells(
            &customer,
            label,
            move || assigned() || query.with(|query| picks.is_picked(id, query)),
            assigned,
            move |on| query.with_untracked(|query| picks.tick(id, query, on)),
        )
    };

    view! {
        <div class="picker" id="group-customer-picker">
            <div class="list-toolbar">
                <label for="group-customer-search" class="visually-hidden">"Search customers"</label>
                <input
                    id="group-customer-search"
                    type="search"
                    placeholder="Search name, email, company, phone, ID"
                    autocomplete="off"
                    prop:value=move || query.with(|query| query.filter.search.clone())
                    on:input=move |event| query.update(|query| {
                        query.filter = CustomerFilter {
                            search: event_target_value(&event),
                            ..CustomerFilter::default()
                        };
                    })
                />
                <Show when=move || !whole_shown()>
                    <button type="button" class="link" id="group-select-all" on:click=select_all>
                        "Select all results of this search"
                    </button>
                </Show>
            </div>
            <p class="status" id="group-picked" role="status">{move || picks.summary()}</p>
            {move || error.get().map(|message| view! { <p class="banner error" role="alert">{message}</p> })}
            <DataTable
                id="group-customer-list"
                list=list
                columns=&[]
                head=head
                cells=cells
                loading_text="Loading customers…"
                empty_text="No customer matches."
            />
        </div>
    }
}
