//! The groups list: name, description, number of customers, created and changed,
//! sortable by each but the description and searchable; View and Edit per row.

use desk_domain::Permission;
use desk_domain::customer_group::{CustomerGroup, GroupQuery, GroupSort};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

use super::sources::GroupSource;
use super::{GROUPS, edit_path, group_path, take_flash};
use crate::components::data_table::{DataTable, PagedList};
use crate::components::sort_heading::{next_sort, sort_heading};
use crate::local_time::local_date_time;
use crate::session::SessionContext;

/// How long typing pauses before the list asks again.
const SEARCH_PAUSE_MS: i32 = 120;

#[component]
pub fn GroupsPage() -> impl IntoView {
    let query = RwSignal::new(GroupQuery::default());
    let list = PagedList::new(GroupSource::default());
    let may_manage = SessionContext::get().may(Permission::ManageGroups);
    // "Customer group … deleted." arrives here from the group's page.
    let status = take_flash();
    // A new search shows its first page once typing pauses.
    Effect::new(move |previous: Option<GroupQuery>| {
        let current = query.get();
        if previous
            .as_ref()
            .is_some_and(|previous| previous != &current)
        {
            list.show_after_pause(
                GroupSource {
                    query: current.clone(),
                },
                SEARCH_PAUSE_MS,
            );
        }
        current
    });
    on_cleanup(move || list.cancel_waiting());
    let navigate = use_navigate();
    let open = Callback::new(move |group: CustomerGroup| {
        navigate(&group_path(group.id), Default::default());
    });
    let head = move || {
        view! {
            <colgroup>
                <col style:width="24%" /><col /><col style:width="10%" />
                <col style:width="17%" /><col style:width="17%" /><col style:width="11rem" />
            </colgroup>
            <thead>
                <tr>
                    {group_heading("Name", "name", GroupSort::Name, query)}
                    <th scope="col" class="description">"Description"</th>
                    {group_heading("Customers", "customers", GroupSort::Customers, query)}
                    {group_heading("Created", "created", GroupSort::Created, query)}
                    {group_heading("Changed", "changed", GroupSort::Changed, query)}
                    <th scope="col" class="actions">"Actions"</th>
                </tr>
            </thead>
        }
    };
    let cells = move |group: CustomerGroup| {
        let description = group.description.clone();
        view! {
            <td class="name" title=group.name.clone()>{group.name.clone()}</td>
            <td class="description" title=description.clone()>{description.clone()}</td>
            <td class="customers numeric">{group.member_count.to_string()}</td>
            <td class="created">{local_date_time(group.created_at)}</td>
            <td class="changed">{local_date_time(group.updated_at)}</td>
            <td class="actions">
                <A href=group_path(group.id) attr:class="link" attr:id=format!("view-{}", group.id)>"View"</A>
                {may_manage.then(|| view! {
                    " "
                    <A href=edit_path(group.id) attr:class="link" attr:id=format!("edit-{}", group.id)>"Edit"</A>
                })}
            </td>
        }
    };

    view! {
        <section class="list-pane wide" aria-labelledby="groups-heading">
            <div class="pane-header">
                <h2 id="groups-heading">"Customer groups"</h2>
                {may_manage.then(|| view! {
                    <A href=format!("{GROUPS}/new") attr:class="button primary" attr:id="add-group">
                        "Add customer group"
                    </A>
                })}
            </div>
            <p class="status" role="status" id="groups-status">{status}</p>
            <div class="list-toolbar">
                <label for="group-search" class="visually-hidden">"Search groups"</label>
                <input
                    id="group-search"
                    type="search"
                    placeholder="Search name or description"
                    autocomplete="off"
                    prop:value=move || query.with(|query| query.search.clone())
                    on:input=move |event| query.update(|query| query.search = event_target_value(&event))
                />
            </div>
            <DataTable
                id="group-list"
                list=list
                columns=&[]
                head=head
                cells=cells
                on_open=open
                loading_text="Loading customer groups…"
                empty_text="No customer groups yet."
            />
        </section>
    }
}

/// A sortable heading of the groups list.
fn group_heading(
    label: &'static str,
    key: &'static str,
    sort: GroupSort,
    query: RwSignal<GroupQuery>,
) -> impl IntoView {
    sort_heading(
        label.to_owned(),
        key.to_owned(),
        format!("sort-group-{key}"),
        move || query.with(|query| (query.sort == sort).then_some(query.direction)),
        move || {
            query.update(|query| {
                (query.sort, query.direction) = next_sort(query.sort, query.direction, sort);
            });
        },
    )
}
