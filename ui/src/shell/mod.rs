//! The signed-in window: the app header with the sections this person may use, and
//! the routes that show them. Set-up, sign-in and the connections before sign-in
//! are not routes: the session gate in `app.rs` picks those.

mod nav;

use desk_domain::Permission;
use desk_domain::staff::Session;
use leptos::prelude::*;
use leptos_router::components::{A, ParentRoute, Redirect, Route, Routes};
use leptos_router::hooks::use_navigate;
use leptos_router::{NavigateOptions, path};

use crate::components::app_header::AppHeader;
use crate::pages::account::AccountPage;
use crate::pages::audit::AuditPage;
use crate::pages::companies::{CompaniesPage, CompanyPage, CreateCompanyPage, EditCompanyPage};
use crate::pages::customers::{CustomerDetailsPage, CustomersPage};
use crate::pages::groups::{AddGroupPage, EditGroupPage, GroupPage, GroupsPage};
use crate::pages::outbox::OutboxPage;
use crate::pages::profiles::ProfilesPage;
use crate::pages::settings::{
    AttributesPage, CompanyRolesPage, CurrenciesAndLocalesPage, CustomerAccessPage,
    EmailSettingsPage, FIRST_AREA, PreferencesPage, SettingsPage, SitesPage, TemplatesPage,
};
use crate::pages::staff::StaffPage;
use crate::session::SessionContext;
use nav::{ACCOUNT, CONNECTIONS, GoHome, Guard, SECTIONS};

/// The header with the sections this person may use, and the current route.
#[component]
pub fn Shell(session: Session) -> impl IntoView {
    let context = SessionContext::get();
    let home = nav::home(&session);
    // Every sign-in starts on the person's first section, whatever route the last
    // person left in the address.
    use_navigate()(
        home,
        NavigateOptions {
            replace: true,
            ..Default::default()
        },
    );
    let sections = SECTIONS
        .iter()
        .filter(|section| session.may(section.needs))
        .map(|section| {
            view! { <A href=section.path attr:id=section.id attr:class="app-nav-item">{section.label}</A> }
        })
        .collect_view();
    let roles = session
        .staff
        .roles
        .iter()
        .map(|role| role.label())
        .collect::<Vec<_>>()
        .join(", ");
    let who = format!("{} ({roles})", session.staff.display_name);

    view! {
        <AppHeader>
            <nav class="app-nav" aria-label="Sections">{sections}</nav>
            <div class="app-user">
                <A href=CONNECTIONS attr:id="nav-profiles" attr:class="link" attr:title="Connections">
                    "Connections"
                </A>
                <A href=ACCOUNT attr:id="nav-account" attr:class="link" attr:title="Change your password">
                    <span id="signed-in-as">{who}</span>
                </A>
                <button type="button" class="secondary" id="sign-out" on:click=move |_| context.sign_out(None)>
                    "Sign out"
                </button>
            </div>
        </AppHeader>
        <main class="app-main">
            <Routes fallback=|| view! { <GoHome /> }>
                <Route path=path!("/") view=GoHome />
                <ParentRoute
                    path=path!("/customers")
                    view=|| view! { <Guard needs=Permission::ViewCustomers><CustomersPage /></Guard> }
                >
                    <Route path=path!("") view=|| () />
                    <Route path=path!(":id") view=CustomerDetailsPage />
                </ParentRoute>
                <Route
                    path=path!("/companies")
                    view=|| view! { <Guard needs=Permission::ViewCompanies><CompaniesPage /></Guard> }
                />
                <Route
                    path=path!("/companies/new")
                    view=|| view! { <Guard needs=Permission::ManageCompanies><CreateCompanyPage /></Guard> }
                />
                <Route
                    path=path!("/companies/:id")
                    view=|| view! { <Guard needs=Permission::ViewCompanies><CompanyPage /></Guard> }
                />
                <Route
                    path=path!("/companies/:id/edit")
                    view=|| view! { <Guard needs=Permission::ManageCompanies><EditCompanyPage /></Guard> }
                />
                <Route
                    path=path!("/groups")
                    view=|| view! { <Guard needs=Permission::ViewGroups><GroupsPage /></Guard> }
                />
                <Route
                    path=path!("/groups/new")
                    view=|| view! { <Guard needs=Permission::ManageGroups><AddGroupPage /></Guard> }
                />
                <Route
                    path=path!("/groups/:id")
                    view=|| view! { <Guard needs=Permission::ViewGroups><GroupPage /></Guard> }
                />
                <Route
                    path=path!("/groups/:id/edit")
                    view=|| view! { <Guard needs=Permission::ManageGroups><EditGroupPage /></Guard> }
                />
                <Route
                    path=path!("/staff")
                    view=|| view! { <Guard needs=Permission::ManageStaff><StaffPage /></Guard> }
                />
                <Route
                    path=path!("/audit")
                    view=|| view! { <Guard needs=Permission::ViewAuditLog><AuditPage /></Guard> }
                />
                <Route
                    path=path!("/outbox")
                    view=|| view! { <Guard needs=Permission::ManageOutbox><OutboxPage /></Guard> }
                />
                <ParentRoute
                    path=path!("/settings")
                    view=|| view! { <Guard needs=Permission::ManageSettings><SettingsPage /></Guard> }
                >
                    <Route path=path!("") view=|| view! { <Redirect path=FIRST_AREA /> } />
                    <Route path=path!("sites") view=SitesPage />
                    <Route path=path!("custom-attributes") view=AttributesPage />
                    <Route path=path!("company-roles") view=CompanyRolesPage />
                    <Route path=path!("currencies-and-locales") view=CurrenciesAndLocalesPage />
                    <Route path=path!("preferences") view=PreferencesPage />
                    <Route path=path!("customer-access") view=CustomerAccessPage />
                    <Route path=path!("email") view=EmailSettingsPage />
                    <Route path=path!("templates") view=TemplatesPage />
                </ParentRoute>
                <Route path=path!("/account") view=AccountPage />
                <Route path=path!("/connections") view=ProfilesPage />
            </Routes>
        </main>
        {(home == ACCOUNT).then(|| view! {
            <p class="banner info" id="no-screens">
                "Your role has no screens here yet. Ask an administrator if you need access."
            </p>
        })}
    }
}
