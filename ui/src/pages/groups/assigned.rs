//! The edit form's Assigned customers table: everyone in the group, ticked; clearing
//! a tick unassigns that customer on Save, and "De-select all" unassigns everyone
//! the form showed (the count is shown before saving).

use std::collections::BTreeSet;

use desk_domain::customer::{Customer, CustomerId};
use desk_domain::customer_group::GroupId;
use leptos::prelude::*;

use super::sources::MemberSource;
use super::tick_table;
use crate::components::data_table::{DataTable, PagedList};

#[component]
pub fn AssignedCustomers(
    group: GroupId,
    /// How many are assigned (when the form opened).
    assigned: u64,
    removed: RwSignal<BTreeSet<CustomerId>>,
    remove_all: RwSignal<bool>,
) -> impl IntoView {
    let list = PagedList::new(MemberSource { group });
    let head = || tick_table::head("Assigned");
    let cells = move |customer: Customer| {
        let id = customer.id;
        let label = format!(
            "Keep {} {} in the group",
            customer.first_name, customer.last_name
        );
        tick_table::cells(
            &customer,
            move || label.clone(),
            move || !remove_all.get() && removed.with(|removed| !removed.contains(&id)),
            move || remove_all.get(),
            move |keep| {
                removed.update(|removed| {
                    if keep {
                        removed.remove(&id);
                    } else {
                        removed.insert(id);
                    }
                });
            },
        )
    };
    let summary = move || {
        if remove_all.get() {
            format!("All {assigned} assigned customers will be unassigned when you save.")
        } else {
            match removed.with(BTreeSet::len) {
                0 => format!("{assigned} assigned."),
                n => format!("{assigned} assigned; {n} will be unassigned when you save."),
            }
        }
    };

    view! {
        <div class="assigned" id="group-assigned">
            <div class="pane-header">
                <h3>"Assigned customers"</h3>
                {move || if remove_all.get() {
                    view! {
                        <button type="button" class="secondary small" id="group-undo-deselect" on:click=move |_| remove_all.set(false)>
                            "Keep them"
                        </button>
                    }.into_any()
                } else {
                    view! {
                        <button type="button" class="secondary small" id="group-deselect-all" disabled=assigned == 0
                            on:click=move |_| remove_all.set(true)>
                            "De-select all"
                        </button>
                    }.into_any()
                }}
            </div>
            <p class="status" id="group-assigned-summary" role="status">{summary}</p>
            <DataTable
                id="group-assigned-list"
                list=list
                columns=&[]
                head=head
                cells=cells
                loading_text="Loading assigned customers…"
                empty_text="No customer is assigned yet."
            />
        </div>
    }
}
