use desk_domain::audit::{AuditEntry, FieldChange};
use leptos::prelude::*;

use crate::components::table::Column;

/// The audit table's columns.
pub const COLUMNS: &[Column] = &[
    Column::sized("When (UTC)", "12.5rem"),
    Column::sized("Who", "15%"),
    Column::sized("What", "21rem"),
    Column::sized("Record", "12%"),
    Column::new("Changes"),
];

/// One entry's cells. A long cell is cut at the row's edge; its title holds it all.
pub fn entry_cells(entry: AuditEntry) -> impl IntoView {
    let record = format!("{} {}", entry.entity_type.label(), entry.entity_id);
    let changes = entry
        .changes
        .iter()
        .map(describe)
        .collect::<Vec<_>>()
        .join("; ");
    // `view!` takes a cell's text before its title, so each gets its own copy.
    let (record_title, changes_title) = (record.clone(), changes.clone());
    let action_title = format!("{} ({})", entry.action.label(), entry.action.code());
    view! {
        <td>{entry.at.format("%Y-%m-%d %H:%M:%S").to_string()}</td>
        <td title=entry.actor_email.clone()>{entry.actor_email.clone()}</td>
        // The label for people, the stable code for searching and support.
        <td class="action" title=action_title>
            {entry.action.label()} " " <code>{entry.action.code()}</code>
        </td>
        <td title=record_title>{record}</td>
        <td title=changes_title>{changes}</td>
    }
}

fn describe(change: &FieldChange) -> String {
    match (&change.old, &change.new) {
        (None, Some(new)) => format!("{}: {new}", change.field),
        (Some(old), Some(new)) => format!("{}: {old} → {new}", change.field),
        (Some(old), None) => format!("{}: {old} → (none)", change.field),
        (None, None) => change.field.clone(),
    }
}
