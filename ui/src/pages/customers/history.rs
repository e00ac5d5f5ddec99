//! The History section of a customer's page: who changed which field from what to
//! what, newest first, older entries on request.

use desk_domain::audit::{AuditEntry, AuditEntryId};
use desk_domain::commands::GetCustomerHistory;
use desk_domain::customer::{CustomerId, field_label};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api;
use crate::local_time::local_date_time;

#[component]
pub fn CustomerHistory(customer: CustomerId) -> impl IntoView {
    let entries = RwSignal::new(Vec::<AuditEntry>::new());
    let next = RwSignal::new(None::<AuditEntryId>);
    let load = move |before: Option<AuditEntryId>| {
        spawn_local(async move {
            if let Ok(page) = api::call(&GetCustomerHistory {
                id: customer,
                before,
            })
            .await
            {
                entries.update(|all| all.extend(page.items));
                next.set(page.next_before.map(AuditEntryId));
            }
        });
    };
    load(None);
    let change_line = |field: &str, old: Option<String>, new: Option<String>| {
        let label = match field_label(field) {
            "Other" => field.to_owned(),
            known => known.to_owned(),
        };
        let shown = |value: Option<String>| match value.as_deref() {
            None | Some("") => "(empty)".to_owned(),
            Some(value) => value.to_owned(),
        };
        match (old, new) {
            (None, new) => format!("{label}: {}", shown(new)),
            (old, None) => format!("{label}: {} removed", shown(old)),
            (old, new) => format!("{label}: {} → {}", shown(old), shown(new)),
        }
    };
    view! {
        <section class="customer-section" id="customer-history" aria-labelledby="customer-history-heading">
            <h3 id="customer-history-heading">"History"</h3>
            <ol class="history" id="customer-history-list">
                {move || entries.get().into_iter().map(|entry| view! {
                    <li class="history-entry">
                        <p><strong>{entry.action.label()}</strong>" by "{entry.actor_email.clone()}", "
                            <time datetime=entry.at.to_rfc3339()>{local_date_time(entry.at)}</time></p>
                        <ul>
                            {entry.changes.into_iter().map(|change| view! {
                                <li>{change_line(&change.field, change.old, change.new)}</li>
                            }).collect_view()}
                        </ul>
                    </li>
                }).collect_view()}
            </ol>
            <Show when=move || next.get().is_some()>
                <button type="button" class="secondary" id="history-older"
                    on:click=move |_| load(next.get_untracked())>"Show older changes"</button>
            </Show>
        </section>
    }
}
