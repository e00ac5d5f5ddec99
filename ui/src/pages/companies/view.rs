//! A company's profile (route `companies/:id`), in seed 004's tabs: *Summary* with
//! its basic information and order history, *Profile* with its billing information,
//! *Members*, *Invitations* and *Address book*. "Edit company"
//! at the top right for those who may change companies.

use desk_domain::Permission;
use desk_domain::commands::{GetCompany, GetCompanyOrders};
use desk_domain::company::CompanyId;
use desk_domain::company_list::Company;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use super::addresses::AddressBookTab;
use super::invitations::InvitationsTab;
use super::members::MembersTab;
use super::{COMPANIES, active_label, edit_path, take_flash};
use crate::api;
use crate::components::order_history::OrderHistory;
use crate::local_time::local_date_time;
use crate::session::SessionContext;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tab {
    Summary,
    Profile,
    Members,
    Invitations,
    Addresses,
}

#[component]
pub fn CompanyPage() -> impl IntoView {
    let params = use_params_map();
    let id = params
        .with_untracked(|params| params.get_str("id").map(str::parse::<uuid::Uuid>))
        .and_then(Result::ok)
        .map(CompanyId);
    let loaded = RwSignal::new(None::<Result<Company, String>>);
    match id {
        Some(id) => spawn_local(async move {
            loaded.set(Some(
                api::call(&GetCompany { id })
                    .await
                    .map_err(|error| error.summary()),
            ));
        }),
        None => loaded.set(Some(Err("There is no such company.".into()))),
    }
    move || match loaded.get() {
        None => view! { <p class="empty">"Loading…"</p> }.into_any(),
        Some(Ok(company)) => view! { <CompanyView company=company /> }.into_any(),
        Some(Err(message)) => view! {
            <section class="list-pane wide">
                <p class="banner error" role="alert" id="company-error">{message}</p>
                <A href=COMPANIES attr:class="link">"Back to companies"</A>
            </section>
        }
        .into_any(),
    }
}

#[component]
fn CompanyView(company: Company) -> impl IntoView {
    let may_manage = SessionContext::get().may(Permission::ManageCompanies);
    let status = take_flash();
    let tab = RwSignal::new(Tab::Summary);
    let orders = RwSignal::new(None);
    let company_id = company.row.id;
    spawn_local(async move {
        orders.set(Some(
            api::call(&GetCompanyOrders { id: company_id })
                .await
                .map_err(|error| error.summary()),
        ));
    });
    let row = company.row.clone();
    let website = company.website.clone();
    let billing = company
        .billing
        .as_ref()
        .map(|address| address.details.one_line());
    let contact = company
        .contact
        .as_ref()
        .map(|contact| format!("{} <{}>", contact.name, contact.email));
    let tab_button = move |which: Tab, id: &'static str, label: &'static str| {
        view! {
            <button
                type="button"
                role="tab"
                class="tab"
                id=id
                aria-selected=move || if tab.get() == which { "true" } else { "false" }
                on:click=move |_| tab.set(which)
            >
                {label}
            </button>
        }
    };

    view! {
        <section class="list-pane wide" aria-labelledby="company-heading">
            <div class="pane-header">
                <h2 id="company-heading">{row.name.clone()}</h2>
                <div class="actions">
                    <A href=COMPANIES attr:class="link" attr:id="company-back">"All companies"</A>
                    {may_manage.then(|| view! {
                        " "
                        <A href=edit_path(row.id) attr:class="button primary" attr:id="company-edit">"Edit company"</A>
                    })}
                </div>
            </div>
            <p class="status" role="status" id="company-status">{status}</p>
            <div role="tablist" class="tabs" aria-label="Company profile">
                {tab_button(Tab::Summary, "tab-summary", "Summary")}
                {tab_button(Tab::Profile, "tab-profile", "Profile")}
                {tab_button(Tab::Members, "tab-members", "Members")}
                {tab_button(Tab::Invitations, "tab-invitations", "Invitations")}
                {tab_button(Tab::Addresses, "tab-addresses", "Address book")}
            </div>
            <div role="tabpanel" aria-labelledby="tab-summary" hidden=move || tab.get() != Tab::Summary>
                <dl class="details" id="company-summary">
                    <dt>"Name"</dt><dd id="company-name">{row.name.clone()}</dd>
                    <dt>"Tax ID"</dt><dd id="company-tax-id">{row.tax_id.clone()}</dd>
                    <dt>"Customer group"</dt>
                    <dd id="company-group">
                        <A href=format!("/groups/{}", row.group.id) attr:class="link">{row.group.name.clone()}</A>
                    </dd>
                    <dt>"Sales representative"</dt><dd id="company-sales-rep">{row.sales_rep.name.clone()}</dd>
                    <dt>"Website"</dt>
                    <dd id="company-website">
                        {website.clone().unwrap_or_else(|| "—".to_owned())}
                    </dd>
                    <dt>"Status"</dt><dd id="company-active">{active_label(row.active)}</dd>
                    <dt>"Created"</dt><dd>{local_date_time(row.created_at)}</dd>
                    <dt>"Changed"</dt><dd>{local_date_time(row.updated_at)}</dd>
                </dl>
                <h3>"Order history"</h3>
                <OrderHistory id="company-orders" summary=orders with_customer=true />
            </div>
            <div role="tabpanel" aria-labelledby="tab-profile" hidden=move || tab.get() != Tab::Profile>
                <h3>"Billing information"</h3>
                <dl class="details" id="company-billing-info">
                    <dt>"Company name"</dt><dd>{row.name.clone()}</dd>
                    <dt>"Tax ID"</dt><dd>{row.tax_id.clone()}</dd>
                    <dt>"Billing address"</dt>
                    <dd id="company-billing">{billing.unwrap_or_else(|| "No billing address yet.".to_owned())}</dd>
                    <dt>"Contact person"</dt>
                    <dd id="company-contact">{contact.unwrap_or_else(|| "None yet: make one of the members the contact person on the Members tab.".to_owned())}</dd>
                </dl>
            </div>
            <div role="tabpanel" aria-labelledby="tab-members" hidden=move || tab.get() != Tab::Members>
                <MembersTab company=row.id may_manage=may_manage />
            </div>
            <div role="tabpanel" aria-labelledby="tab-invitations" hidden=move || tab.get() != Tab::Invitations>
                <InvitationsTab company=row.id may_manage=may_manage />
            </div>
            <div role="tabpanel" aria-labelledby="tab-addresses" hidden=move || tab.get() != Tab::Addresses>
                <AddressBookTab company=row.id may_manage=may_manage />
            </div>
        </section>
    }
}
