use chrono::{DateTime, NaiveDateTime, Utc};
use desk_domain::audit::{AuditFilter, EntityType};
use desk_domain::commands::ListStaff;
use desk_domain::staff::{StaffId, StaffMember};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api;

/// The filters above the audit log: person, kind of record, and a time span in UTC.
/// "Show" hands the filter to `on_apply`, or a sentence about a bad date to
/// `on_invalid`.
#[component]
pub fn AuditFilters(
    on_apply: Callback<AuditFilter>,
    on_invalid: Callback<String>,
) -> impl IntoView {
    let staff = RwSignal::new(Vec::<StaffMember>::new());
    let person = RwSignal::new(String::new());
    let entity_type = RwSignal::new(String::new());
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());

    spawn_local(async move {
        // Without the right to list staff the choice is "Anyone" only.
        if let Ok(list) = api::call(&ListStaff {}).await {
            staff.set(list);
        }
    });

    let read = move || -> Result<AuditFilter, String> {
        let actor_id = match person.get_untracked() {
            text if text.is_empty() => None,
            text => Some(StaffId(
                text.parse().map_err(|_| "Unknown person.".to_owned())?,
            )),
        };
        Ok(AuditFilter {
            actor_id,
            entity_type: EntityType::from_code(&entity_type.get_untracked()),
            from: parse_utc(&from.get_untracked())?,
            to: parse_utc(&to.get_untracked())?,
            ..AuditFilter::default()
        })
    };
    let submit = move |event: SubmitEvent| {
        event.prevent_default();
        match read() {
            Ok(filter) => on_apply.run(filter),
            Err(message) => on_invalid.run(message),
        }
    };

    view! {
        <form class="filters" id="audit-filters" on:submit=submit>
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
                    {EntityType::ALL.iter().map(|kind| view! {
                        <option value=kind.code()>{kind.label()}</option>
                    }).collect_view()}
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
    }
}

/// Reads a `datetime-local` value as UTC; empty means no bound.
fn parse_utc(raw: &str) -> Result<Option<DateTime<Utc>>, String> {
    if raw.trim().is_empty() {
        return Ok(None);
    }
    NaiveDateTime::parse_from_str(raw.trim(), "%Y-%m-%dT%H:%M")
        .map(|naive| Some(naive.and_utc()))
        .map_err(|_| format!("\"{raw}\" is not a date and time like 2026-11-22T14:30."))
}
