use chrono::{DateTime, NaiveDateTime, Utc};
use desk_domain::audit::{AuditEntry, AuditFilter, FieldChange};
use desk_domain::staff::{StaffId, StaffMember};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api;

const PAGE_SIZE: u32 = 100;

/// Reads a `datetime-local` value as UTC; empty means no bound.
fn parse_utc(raw: &str) -> Result<Option<DateTime<Utc>>, String> {
    if raw.trim().is_empty() {
        return Ok(None);
    }
    NaiveDateTime::parse_from_str(raw.trim(), "%Y-%m-%dT%H:%M")
        .map(|naive| Some(naive.and_utc()))
        .map_err(|_| format!("\"{raw}\" is not a date and time like 2026-11-22T14:30."))
}

fn describe(change: &FieldChange) -> String {
    match (&change.old, &change.new) {
        (None, Some(new)) => format!("{}: {new}", change.field),
        (Some(old), Some(new)) => format!("{}: {old} → {new}", change.field),
        (Some(old), None) => format!("{}: {old} → (none)", change.field),
        (None, None) => change.field.clone(),
    }
}

/// The audit log, newest first, filterable by person, record type and time (UTC).
#[component]
pub fn AuditPage() -> impl IntoView {
    let staff = RwSignal::new(Vec::<StaffMember>::new());
    let entries = RwSignal::new(Vec::<AuditEntry>::new());
    let next_before = RwSignal::new(None::<uuid::Uuid>);
    let person = RwSignal::new(String::new());
    let entity_type = RwSignal::new(String::new());
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let loading = RwSignal::new(false);

    spawn_local(async move {
        if let Ok(list) = api::staff::list_staff().await {
            staff.set(list);
        }
    });

    let load = move |append: bool| {
        let filter = (|| -> Result<AuditFilter, String> {
            let actor_id = match person.get_untracked() {
                text if text.is_empty() => None,
                text => Some(StaffId(
                    text.parse().map_err(|_| "Unknown person.".to_owned())?,
                )),
            };
            Ok(AuditFilter {
                actor_id,
                entity_type: Some(entity_type.get_untracked()).filter(|text| !text.is_empty()),
                entity_id: None,
                from: parse_utc(&from.get_untracked())?,
                to: parse_utc(&to.get_untracked())?,
                before: if append {
                    next_before.get_untracked()
                } else {
                    None
                },
                limit: PAGE_SIZE,
            })
        })();
        let filter = match filter {
            Ok(filter) => filter,
            Err(message) => {
                error.set(Some(message));
                return;
            }
        };
        error.set(None);
        loading.set(true);
        spawn_local(async move {
            match api::audit::list_audit(&filter).await {
                Ok(page) => {
                    entries.update(|shown| {
                        if !append {
                            shown.clear();
                        }
                        shown.extend(page.items);
                    });
                    next_before.set(page.next_before);
                }
                Err(failure) => error.set(Some(failure.summary())),
            }
            loading.set(false);
        });
    };
    load(false);

    view! {
        <section class="list-pane wide" aria-labelledby="audit-heading">
            <h2 id="audit-heading">"Audit log"</h2>
            <form class="filters" id="audit-filters" on:submit=move |event| { event.prevent_default(); load(false); }>
                <label>"Person"
                    <select id="audit-person" on:change=move |event| person.set(event_target_value(&event))>
                        <option value="">"Anyone"</option>
                        {move || staff.get().into_iter().map(|member| view! {
                            <option value=member.id.to_string()>{format!("{} ({})", member.display_name, member.email)}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label>"Record"
                    <select id="audit-entity" on:change=move |event| entity_type.set(event_target_value(&event))>
                        <option value="">"Any"</option>
                        <option value="customer">"Customers"</option>
                        <option value="staff">"Staff accounts"</option>
                    </select>
                </label>
                <label>"From (UTC)"
                    <input type="datetime-local" id="audit-from" on:change=move |event| from.set(event_target_value(&event)) />
                </label>
                <label>"Until (UTC)"
                    <input type="datetime-local" id="audit-to" on:change=move |event| to.set(event_target_value(&event)) />
                </label>
                <button type="submit" class="primary" id="audit-apply">"Show"</button>
            </form>
            <Show when=move || error.get().is_some()>
                <p class="banner error" role="alert">{move || error.get()}</p>
            </Show>
            <table class="data-table" id="audit-list">
                <thead>
                    <tr>
                        <th scope="col">"When (UTC)"</th>
                        <th scope="col">"Who"</th>
                        <th scope="col">"What"</th>
                        <th scope="col">"Record"</th>
                        <th scope="col">"Changes"</th>
                    </tr>
                </thead>
                <tbody>
                    <For
                        each=move || entries.get()
                        key=|entry| entry.id
                        children=|entry| view! {
                            <tr>
                                <td>{entry.at.format("%Y-%m-%d %H:%M:%S").to_string()}</td>
                                <td>{entry.actor_email.clone()}</td>
                                <td class="action">{entry.action.clone()}</td>
                                <td>{format!("{} {}", entry.entity_type, entry.entity_id)}</td>
                                <td>{entry.changes.iter().map(describe).collect::<Vec<_>>().join("; ")}</td>
                            </tr>
                        }
                    />
                </tbody>
            </table>
            <Show when=move || next_before.get().is_some()>
                <button type="button" class="secondary" disabled=move || loading.get() on:click=move |_| load(true)>
                    "Older entries"
                </button>
            </Show>
        </section>
    }
}
