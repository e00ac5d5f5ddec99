//! The audit log, newest first, filterable by person, record type and time (UTC).

mod filters;
mod rows;
mod source;

use desk_domain::audit::AuditFilter;
use leptos::prelude::*;

use crate::components::data_table::{DataTable, PagedList};
use filters::AuditFilters;
use rows::{COLUMNS, entry_cells};
use source::AuditSource;

/// The audit log screen; older entries load as the person scrolls down.
#[component]
pub fn AuditPage() -> impl IntoView {
    let list = PagedList::new(AuditSource::default());
    let error = RwSignal::new(None::<String>);
    let on_apply = Callback::new(move |filter: AuditFilter| {
        error.set(None);
        list.show(AuditSource { filter });
    });
    let on_invalid = Callback::new(move |message: String| error.set(Some(message)));

    view! {
        <section class="list-pane wide" aria-labelledby="audit-heading">
            <h2 id="audit-heading">"Audit log"</h2>
            <AuditFilters on_apply=on_apply on_invalid=on_invalid />
            <Show when=move || error.get().is_some()>
                <p class="banner error" role="alert" id="audit-filter-error">{move || error.get()}</p>
            </Show>
            <DataTable
                id="audit-list"
                list=list
                columns=COLUMNS
                cells=entry_cells
                loading_text="Loading the audit log…"
                empty_text="No entries match these filters."
            />
        </section>
    }
}
