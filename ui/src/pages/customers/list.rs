use desk_domain::Permission;
use desk_domain::commands::{GetCustomerChoices, GetCustomerViews, ListGroups};
use desk_domain::custom_attribute::AttributeDefinition;
use desk_domain::customer::{Customer, CustomerId, SiteChoice};
use desk_domain::customer_group::{GroupLink, GroupListRequest};
use desk_domain::customer_list::CustomerQuery;
use desk_domain::customer_view::{CustomerView, ViewId};
use leptos::ev;
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::components::Outlet;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::location::State;
use wasm_bindgen::JsCast;

use super::add_customer_form::AddCustomerForm;
use super::bulk_bar::{BulkBar, BulkOutcome, Selection};
use super::demo_offer::DemoOffer;
use super::list_columns::cells;
use super::list_toolbar::ListToolbar;
use super::list_views::{ViewPicker, apply_view};
use super::source::CustomerSource;
use super::{FROM_LIST, details_path};
use crate::api;
use crate::components::data_table::{DataTable, PagedList};
use crate::components::sort_heading::{next_sort, sort_heading};
use crate::session::SessionContext;
use desk_domain::customer_columns::CustomerColumn;

/// How long typing pauses before the list asks again: short enough to answer while
/// the person types; every answer for an older query is dropped anyway.
const SEARCH_PAUSE_MS: i32 = 120;

/// The Customers screen: the list (search, filters, sorting, chosen columns, bulk
/// actions), the form that adds to it, and (as the child route `:id`) one customer's
/// details over the list.
#[component]
pub fn CustomersPage() -> impl IntoView {
    let status = RwSignal::new(None::<String>);
    let query = RwSignal::new(CustomerQuery::default());
    let columns = RwSignal::new(CustomerColumn::defaults());
    let sites = RwSignal::new(Vec::<SiteChoice>::new());
    let attributes = RwSignal::new(Vec::<AttributeDefinition>::new());
    let groups = RwSignal::new(Vec::<GroupLink>::new());
    let session = SessionContext::get();
    if session.may(Permission::ViewGroups) {
        // The first 200 by name: the filter's and the bulk actions' choices.
        leptos::task::spawn_local(async move {
            let request = GroupListRequest {
                limit: 200,
                ..GroupListRequest::default()
            };
            if let Ok(page) = api::call(&ListGroups { request }).await {
                groups.set(
                    page.items
                        .into_iter()
                        .map(|group| GroupLink {
                            id: group.id,
                            name: group.name,
                        })
                        .collect(),
                );
            }
        });
    }
    let selection = Selection::new();
    let with_groups = SessionContext::get().may(Permission::ViewGroups);
    let list = PagedList::new(CustomerSource {
        with_groups,
        ..CustomerSource::default()
    });
    let may_edit = SessionContext::get().may(Permission::EditCustomers);

    let views = RwSignal::new(Vec::<CustomerView>::new());
    let current_view = RwSignal::new(None::<ViewId>);
    // The store's lists first (a view may show attribute columns), then the saved
    // views: the list opens with the default one.
    leptos::task::spawn_local(async move {
        if let Ok(choices) = api::call(&GetCustomerChoices {}).await {
            sites.set(choices.sites);
            attributes.set(choices.attributes);
        }
        if let Ok(saved) = api::call(&GetCustomerViews {}).await {
            let default = saved.iter().find(|view| view.is_default).cloned();
            // The options first, so the picker can show the default as chosen.
            views.set(saved);
            if let Some(default) = default {
                apply_view(&default, query, columns, &attributes.get_untracked());
                current_view.set(Some(default.id));
            }
        }
    });

    // A new query shows its first page; a burst of typing asks once it pauses.
    Effect::new(move |previous: Option<CustomerQuery>| {
        let current = query.get();
        if previous
            .as_ref()
            .is_some_and(|previous| previous != &current)
        {
            selection.clear();
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

    let location = use_location();
    let details_open = Memo::new(move |_| {
        location
            .pathname
            .with(|path| path.trim_end_matches('/') != "/customers")
    });
    let last_opened = StoredValue::new(None::<CustomerId>);
    let navigate = use_navigate();
    let open = Callback::new(move |customer: Customer| {
        last_opened.set_value(Some(customer.id));
        navigate(
            &details_path(customer.id),
            NavigateOptions {
                state: State::new(Some(FROM_LIST.into())),
                scroll: false,
                ..Default::default()
            },
        );
    });
    // Back from the details, the keyboard is where it was: on the row that was opened.
    Effect::new(move |was_open: Option<bool>| {
        let open = details_open.get();
        if was_open == Some(true)
            && !open
            && let Some(id) = last_opened.get_value()
        {
            request_animation_frame(move || focus_row(id));
        }
        open
    });
    let on_added = Callback::new(move |customer: Customer| {
        status.set(Some(format!(
            "Added {} {} ({}).",
            customer.first_name, customer.last_name, customer.email
        )));
        // From the top: the new customer may sort anywhere in the list.
        list.reload();
    });
    let on_bulk_done = Callback::new(move |outcome: BulkOutcome| {
        status.set(Some(outcome.message));
        if outcome.changed_rows {
            list.reload();
        }
    });

    // `/` searches and `n` adds a customer, from anywhere but a field being typed in.
    let keys = window_event_listener(ev::keydown, move |event: ev::KeyboardEvent| {
        if details_open.get_untracked()
            || typing_in_a_field(&event)
            || event.ctrl_key()
            || event.meta_key()
            || event.alt_key()
        {
            return;
        }
        match event.key().as_str() {
            "/" => {
                event.prevent_default();
                focus("#customer-search");
            }
            "n" if may_edit => {
                event.prevent_default();
                focus("#add-customer input, #add-customer select");
            }
            _ => {}
        }
    });
    on_cleanup(move || keys.remove());

    let head_row = move |shown: Vec<CustomerColumn>, query: RwSignal<CustomerQuery>| {
        view! {
            <colgroup>
                <col style:width="2.5rem" />
                {shown.iter().map(|_| view! { <col /> }).collect_view()}
            </colgroup>
            <thead>
                <tr>
                    <th scope="col" class="select">
                        <span class="visually-hidden">"Select"</span>
                    </th>
                    {shown.into_iter().map(|column| heading(column, query)).collect_view()}
                </tr>
            </thead>
        }
        .into_any()
    };
    // Its own reactive scope: choosing columns redraws the head, not the whole table.
    let head = move || view! { {move || head_row(columns.get(), query)} }.into_any();
    let row_cells = move |customer: Customer| {
        let id = customer.id;
        let name = format!("{} {}", customer.first_name, customer.last_name);
        view! {
            <td class="select" on:click=|event: ev::MouseEvent| event.stop_propagation()>
                <input
                    type="checkbox"
                    aria-label=format!("Select {name}")
                    prop:checked=move || selection.is_ticked(id)
                    // Space ticks and Enter would open the row: the box keeps
                    // those; arrows still move between rows.
                    on:keydown=|event: ev::KeyboardEvent| {
                        if matches!(event.key().as_str(), " " | "Enter") {
                            event.stop_propagation();
                        }
                    }
                    on:change=move |event| selection.tick(id, event_target_checked(&event))
                />
            </td>
            {move || cells(&customer, &columns.get())}
        }
    };

    view! {
        <section class="list-pane" aria-labelledby="customers-heading">
            // Hidden, not removed, under the details: the list keeps its rows and place.
            <div class="list-body" class:covered=move || details_open.get()>
                <div class="pane-header">
                    <h2 id="customers-heading">"Customers"</h2>
                    <p class="status" id="customers-status" role="status">{move || status.get()}</p>
                </div>
                <ListToolbar query=query columns=columns sites=sites attributes=attributes groups=groups>
                    <ViewPicker
                        views=views
                        current=current_view
                        query=query
                        columns=columns
                        attributes=attributes
                        status=status
                    />
                </ListToolbar>
                {may_edit.then(|| view! { <BulkBar selection=selection query=query columns=columns groups=groups on_done=on_bulk_done /> })}
                {may_edit.then(|| view! { <DemoOffer list=list query=query status=status /> })}
                <DataTable
                    id="customer-list"
                    list=list
                    columns=&[]
                    head=head
                    cells=row_cells
                    loading_text="Loading customers…"
                    empty_text="No customers yet."
                    on_open=open
                />
            </div>
            <Outlet />
        </section>
        // Reviewers see the list only; the backend refuses them anyway.
        {may_edit.then(|| view! {
            <aside class="form-pane" aria-labelledby="add-customer-heading">
                <AddCustomerForm on_added=on_added />
            </aside>
        })}
    }
}

/// A column heading: a button that sorts by it (and the other way round when it is
/// already the sort), where the column is sortable.
fn heading(column: CustomerColumn, query: RwSignal<CustomerQuery>) -> impl IntoView {
    let label = column.label().to_owned();
    let key = column.key();
    match column.sort() {
        None => view! { <th scope="col" class=key>{label}</th> }.into_any(),
        Some(sort) => sort_heading(
            label,
            key.clone(),
            format!("sort-{key}"),
            move || query.with(|query| (query.sort == sort).then_some(query.direction)),
            move || {
                query.update(|query| {
                    (query.sort, query.direction) = next_sort(query.sort, query.direction, sort);
                });
            },
        )
        .into_any(),
    }
}

fn typing_in_a_field(event: &ev::KeyboardEvent) -> bool {
    event
        .target()
        .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|element| {
            matches!(element.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                || element
                    .closest("[contenteditable]")
                    .ok()
                    .flatten()
                    .is_some()
        })
}

fn focus(selector: &str) {
    if let Ok(Some(element)) = document().query_selector(selector)
        && let Ok(element) = element.dyn_into::<web_sys::HtmlElement>()
    {
        let _ = element.focus();
    }
}

fn focus_row(id: CustomerId) {
    focus(&format!("#customer-list tr[data-key=\"{id}\"]"));
}
