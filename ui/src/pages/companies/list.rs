//! The companies list (seed 004: "a list of companies you have access to"): name,
//! tax ID, customer group, sales rep, status and when it changed; sortable, searched
//! by name and tax ID, filtered by group, sales rep and status; "Create" at the top
//! right for those who may add companies.

use desk_domain::Permission;
use desk_domain::commands::GetCompanyChoices;
use desk_domain::company_list::{CompanyChoices, CompanyQuery, CompanyRow, CompanySort};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

use super::sources::CompanySource;
use super::{COMPANIES, active_label, company_path, edit_path, take_flash};
use crate::api;
use crate::components::data_table::{DataTable, PagedList};
use crate::components::sort_heading::{next_sort, sort_heading};
use crate::local_time::local_date_time;
use crate::session::SessionContext;

/// How long typing pauses before the list asks again.
const SEARCH_PAUSE_MS: i32 = 120;

#[component]
pub fn CompaniesPage() -> impl IntoView {
    let query = RwSignal::new(CompanyQuery::default());
    let list = PagedList::new(CompanySource::default());
    let may_manage = SessionContext::get().may(Permission::ManageCompanies);
    let status = take_flash();
    let choices = RwSignal::new(CompanyChoices::default());
    spawn_local(async move {
        // Without choices the filters offer only "All"; the list still works.
        if let Ok(loaded) = api::call(&GetCompanyChoices {}).await {
            choices.set(loaded);
        }
    });
    Effect::new(move |previous: Option<CompanyQuery>| {
        let current = query.get();
        if previous
            .as_ref()
            .is_some_and(|previous| previous != &current)
        {
            list.show_after_pause(
                CompanySource {
                    query: current.clone(),
                },
                SEARCH_PAUSE_MS,
            );
        }
        current
    });
    on_cleanup(move || list.cancel_waiting());
    let navigate = use_navigate();
    let open = Callback::new(move |company: CompanyRow| {
        navigate(&company_path(company.id), Default::default());
    });
    let head = move || {
        view! {
            <colgroup>
                <col style:width="22%" /><col style:width="15%" /><col style:width="15%" />
                <col style:width="15%" /><col style:width="8%" /><col style:width="14%" /><col style:width="9rem" />
            </colgroup>
            <thead>
                <tr>
                    {company_heading("Name", "name", CompanySort::Name, query)}
                    {company_heading("Tax ID", "tax-id", CompanySort::TaxId, query)}
                    <th scope="col">"Customer group"</th>
                    <th scope="col">"Sales rep"</th>
                    <th scope="col">"Status"</th>
                    {company_heading("Changed", "changed", CompanySort::Changed, query)}
                    <th scope="col" class="actions">"Actions"</th>
                </tr>
            </thead>
        }
    };
    let cells = move |company: CompanyRow| {
        view! {
            <td class="name" title=company.name.clone()>{company.name.clone()}</td>
            <td class="tax-id">{company.tax_id.clone()}</td>
            <td class="group">{company.group.name.clone()}</td>
            <td class="sales-rep">{company.sales_rep.name.clone()}</td>
            <td class="status">{active_label(company.active)}</td>
            <td class="changed">{local_date_time(company.updated_at)}</td>
            <td class="actions">
                <A href=company_path(company.id) attr:class="link" attr:id=format!("view-{}", company.id)>"View"</A>
                {may_manage.then(|| view! {
                    " "
                    <A href=edit_path(company.id) attr:class="link" attr:id=format!("edit-{}", company.id)>"Edit"</A>
                })}
            </td>
        }
    };
    let group_options = move || {
        choices.with(|choices| {
            choices
                .groups
                .iter()
                .map(|group| view! { <option value=group.id.to_string()>{group.name.clone()}</option> })
                .collect_view()
        })
    };
    let rep_options = move || {
        choices.with(|choices| {
            choices
                .sales_reps
                .iter()
                .map(|rep| view! { <option value=rep.id.to_string()>{rep.name.clone()}</option> })
                .collect_view()
        })
    };

    view! {
        <section class="list-pane wide" aria-labelledby="companies-heading">
            <div class="pane-header">
                <h2 id="companies-heading">"Companies"</h2>
                {may_manage.then(|| view! {
                    <A href=format!("{COMPANIES}/new") attr:class="button primary" attr:id="create-company">
                        "Create"
                    </A>
                })}
            </div>
            <p class="status" role="status" id="companies-status">{status}</p>
            <div class="list-toolbar">
                <label for="company-search" class="visually-hidden">"Search companies"</label>
                <input
                    id="company-search"
                    type="search"
                    placeholder="Search name or tax ID"
                    autocomplete="off"
                    prop:value=move || query.with(|query| query.search.clone())
                    on:input=move |event| query.update(|query| query.search = event_target_value(&event))
                />
                <label for="company-filter-group">"Customer group"</label>
                <select
                    id="company-filter-group"
                    on:change=move |event| {
                        let chosen = event_target_value(&event).parse::<uuid::Uuid>().ok();
                        query.update(|query| query.group = chosen.map(desk_domain::customer_group::GroupId));
                    }
                >
                    <option value="">"All"</option>
                    {group_options}
                </select>
                <label for="company-filter-rep">"Sales rep"</label>
                <select
                    id="company-filter-rep"
                    on:change=move |event| {
                        let chosen = event_target_value(&event).parse::<uuid::Uuid>().ok();
                        query.update(|query| query.sales_rep = chosen.map(desk_domain::staff::StaffId));
                    }
                >
                    <option value="">"All"</option>
                    {rep_options}
                </select>
                <label for="company-filter-active">"Status"</label>
                <select
                    id="company-filter-active"
                    on:change=move |event| {
                        let chosen = match event_target_value(&event).as_str() {
                            "active" => Some(true),
                            "inactive" => Some(false),
                            _ => None,
                        };
                        query.update(|query| query.active = chosen);
                    }
                >
                    <option value="">"All"</option>
                    <option value="active">"Active"</option>
                    <option value="inactive">"Inactive"</option>
                </select>
            </div>
            <DataTable
                id="company-list"
                list=list
                columns=&[]
                head=head
                cells=cells
                on_open=open
                loading_text="Loading companies…"
                empty_text="No companies to show."
            />
        </section>
    }
}

/// A sortable heading of the companies list.
fn company_heading(
    label: &'static str,
    key: &'static str,
    sort: CompanySort,
    query: RwSignal<CompanyQuery>,
) -> impl IntoView {
    sort_heading(
        label.to_owned(),
        key.to_owned(),
        format!("sort-company-{key}"),
        move || query.with(|query| (query.sort == sort).then_some(query.direction)),
        move || {
            query.update(|query| {
                (query.sort, query.direction) = next_sort(query.sort, query.direction, sort);
            });
        },
    )
}
