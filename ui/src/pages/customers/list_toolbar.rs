//! Above the customer list: the search box (searching as the person types), the
//! filters, and the column picker.

use desk_domain::custom_attribute::AttributeDefinition;
use desk_domain::customer::SiteChoice;
use desk_domain::customer_group::{GroupId, GroupLink};
use desk_domain::customer_list::{CustomerFilter, CustomerQuery, VerificationFilter};
use leptos::prelude::*;

use crate::local_time::{local_date, local_day_start};
use desk_domain::customer_columns::CustomerColumn;

/// The toolbar over `query` and the shown `columns`.
#[component]
pub fn ListToolbar(
    query: RwSignal<CustomerQuery>,
    columns: RwSignal<Vec<CustomerColumn>>,
    sites: RwSignal<Vec<SiteChoice>>,
    attributes: RwSignal<Vec<AttributeDefinition>>,
    /// The customer groups to filter by (empty for those who may not see groups).
    groups: RwSignal<Vec<GroupLink>>,
    /// More controls at the end (the saved views).
    children: Children,
) -> impl IntoView {
    let filter = move |change: fn(&mut CustomerFilter, String)| {
        move |event: leptos::ev::Event| {
            let value = event_target_value(&event);
            query.update(|query| change(&mut query.filter, value));
        }
    };
    let filter_count = move || {
        query.with(|query| {
            let mut filter = query.filter.clone();
            filter.search.clear();
            filter.count()
        })
    };
    let text_filter = move |id: &'static str,
                            label: &'static str,
                            read: fn(&CustomerFilter) -> String,
                            change: fn(&mut CustomerFilter, String)| {
        view! {
            <label for=id>{label}</label>
            <input
                id=id
                type="text"
                autocomplete="off"
                prop:value=move || query.with(|query| read(&query.filter))
                on:input=filter(change)
            />
        }
    };
    let choice = |value: Option<bool>| match value {
        Some(true) => "yes",
        Some(false) => "no",
        None => "",
    };

    view! {
        <div class="list-toolbar" role="search">
            <label for="customer-search" class="visually-hidden">"Search customers"</label>
            <input
                id="customer-search"
                type="search"
                autocomplete="off"
                placeholder="Search name, email, company, phone, ID  ( / )"
                prop:value=move || query.with(|query| query.filter.search.clone())
                on:input=filter(|filter, value| filter.search = value)
                on:keydown=move |event: leptos::ev::KeyboardEvent| {
                    if event.key() == "Escape" && !event_target_value(&event).is_empty() {
                        event.stop_propagation();
                        query.update(|query| query.filter.search.clear());
                    }
                }
            />
            <details class="filters" id="customer-filters">
                <summary>
                    "Filters"
                    {move || match filter_count() {
                        0 => String::new(),
                        count => format!(" ({count})"),
                    }}
                </summary>
                <div class="filter-grid">
                    {text_filter("filter-customer-ref", "Customer ID starts with", |f| f.customer_ref.clone(), |f, v| f.customer_ref = v)}
                    {text_filter("filter-first-name", "First name starts with", |f| f.first_name.clone(), |f, v| f.first_name = v)}
                    {text_filter("filter-last-name", "Last name starts with", |f| f.last_name.clone(), |f, v| f.last_name = v)}
                    {text_filter("filter-email", "Email starts with", |f| f.email.clone(), |f, v| f.email = v)}
                    {text_filter("filter-company", "Company starts with", |f| f.company.clone(), |f, v| f.company = v)}
                    <label for="filter-site">"Preferred site"</label>
                    <select
                        id="filter-site"
                        on:change=filter(|filter, value| filter.preferred_site = (!value.is_empty()).then_some(value))
                        prop:value=move || query.with(|query| query.filter.preferred_site.clone().unwrap_or_default())
                    >
                        <option value="">"Any site"</option>
                        {move || sites.get().into_iter().map(|site| view! {
                            <option value=site.code.clone()>{site.name.clone()}</option>
                        }).collect_view()}
                    </select>
                    <Show when=move || groups.with(|groups| !groups.is_empty())>
                        <label for="filter-group">"Customer group"</label>
                        <select
                            id="filter-group"
                            on:change=filter(|filter, value| {
                                filter.group = value.parse::<uuid::Uuid>().ok().map(GroupId);
                            })
                            prop:value=move || query.with(|query| query.filter.group.map(|id| id.to_string()).unwrap_or_default())
                        >
                            <option value="">"Any group"</option>
                            {move || groups.get().into_iter().map(|group| view! {
                                <option value=group.id.to_string()>{group.name.clone()}</option>
                            }).collect_view()}
                        </select>
                    </Show>
                    <label for="filter-verification">"Verification"</label>
                    <select
                        id="filter-verification"
                        on:change=filter(|filter, value| filter.verification = match value.as_str() {
                            "verified" => Some(VerificationFilter::Verified),
                            "unverified" => Some(VerificationFilter::Unverified),
                            _ => None,
                        })
                        prop:value=move || query.with(|query| match query.filter.verification {
                            Some(VerificationFilter::Verified) => "verified",
                            Some(VerificationFilter::Unverified) => "unverified",
                            None => "",
                        })
                    >
                        <option value="">"Any"</option>
                        <option value="verified">"Verified"</option>
                        <option value="unverified">"Unverified"</option>
                    </select>
                    <label for="filter-active">"Active"</label>
                    <select
                        id="filter-active"
                        on:change=filter(|filter, value| filter.active = yes_no(&value))
                        prop:value=move || query.with(|query| choice(query.filter.active))
                    >
                        <option value="">"Any"</option>
                        <option value="yes">"Active"</option>
                        <option value="no">"Inactive"</option>
                    </select>
                    <label for="filter-on-hold">"On hold"</label>
                    <select
                        id="filter-on-hold"
                        on:change=filter(|filter, value| filter.on_hold = yes_no(&value))
                        prop:value=move || query.with(|query| choice(query.filter.on_hold))
                    >
                        <option value="">"Any"</option>
                        <option value="yes">"On hold"</option>
                        <option value="no">"Not on hold"</option>
                    </select>
                    <label for="filter-created-from">"Created from"</label>
                    <input
                        id="filter-created-from"
                        type="date"
                        prop:value=move || query.with(|query| query.filter.created_from.map(local_date).unwrap_or_default())
                        on:change=filter(|filter, value| filter.created_from = local_day_start(&value))
                    />
                    <label for="filter-created-until">"Created until"</label>
                    <input
                        id="filter-created-until"
                        type="date"
                        prop:value=move || query.with(|query| {
                            query.filter.created_before
                                .map(|end| local_date(end - chrono::Duration::hours(12)))
                                .unwrap_or_default()
                        })
                        // Until the end of that day: before the start of the next one.
                        on:change=filter(|filter, value| {
                            // The start of the next day, in the person's zone (a day
                            // is not always 24 hours).
                            filter.created_before = chrono::NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d")
                                .ok()
                                .and_then(|day| day.succ_opt())
                                .and_then(|next| local_day_start(&next.format("%Y-%m-%d").to_string()));
                        })
                    />
                <button
                    type="button"
                    class="secondary small"
                    id="clear-filters"
                    on:click=move |_| query.update(|query| {
                        let search = std::mem::take(&mut query.filter.search);
                        query.filter = CustomerFilter { search, ..CustomerFilter::default() };
                    })
                >
                    "Clear filters"
                </button>
                </div>
            </details>
            <details class="columns" id="customer-columns">
                <summary>"Columns"</summary>
                <fieldset>
                    <legend class="visually-hidden">"Columns shown"</legend>
                    {move || CustomerColumn::all(&attributes.get()).into_iter().map(|column| {
                        let id = format!("column-{}", column.key());
                        let label_for = id.clone();
                        let shown = column.clone();
                        let toggled = column.clone();
                        view! {
                            <label for=label_for class="check">
                                <input
                                    id=id
                                    type="checkbox"
                                    prop:checked=move || columns.with(|columns| columns.contains(&shown))
                                    on:change=move |event| {
                                        let on = event_target_checked(&event);
                                        let column = toggled.clone();
                                        columns.update(|columns| {
                                            columns.retain(|shown| shown != &column);
                                            if on {
                                                columns.push(column);
                                            }
                                        });
                                    }
                                />
                                {column.label().to_owned()}
                            </label>
                        }
                    }).collect_view()}
                </fieldset>
            </details>
            {children()}
        </div>
    }
}

fn yes_no(value: &str) -> Option<bool> {
    match value {
        "yes" => Some(true),
        "no" => Some(false),
        _ => None,
    }
}
