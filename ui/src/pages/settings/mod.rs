//! The store's settings, for administrators: one page per area, with a list of the
//! areas beside them. Every desktop on the store sees the same settings.

mod attributes;
mod code_lists;
mod company_roles;
mod email;
mod preferences;
mod sites;
mod templates;

use leptos::prelude::*;
use leptos_router::components::{A, Outlet};

pub use attributes::AttributesPage;
pub use code_lists::CurrenciesAndLocalesPage;
pub use company_roles::CompanyRolesPage;
pub use email::EmailSettingsPage;
pub use preferences::{CustomerAccessPage, PreferencesPage};
pub use sites::SitesPage;
pub use templates::TemplatesPage;

/// The settings' areas: route below `/settings`, link id, name.
const AREAS: &[(&str, &str, &str)] = &[
    ("/settings/sites", "settings-nav-sites", "Sites"),
    (
        "/settings/currencies-and-locales",
        "settings-nav-lists",
        "Currencies and locales",
    ),
    (
        "/settings/preferences",
        "settings-nav-preferences",
        "System preferences",
    ),
    (
        "/settings/customer-access",
        "settings-nav-access",
        "Customer access",
    ),
    (
        "/settings/custom-attributes",
        "settings-nav-attributes",
        "Custom attributes",
    ),
    (
        "/settings/company-roles",
        "settings-nav-company-roles",
        "Company roles",
    ),
    ("/settings/email", "settings-nav-email", "Email"),
    (
        "/settings/templates",
        "settings-nav-templates",
        "Email templates",
    ),
];

/// The list of areas and the chosen one.
#[component]
pub fn SettingsPage() -> impl IntoView {
    let links = AREAS
        .iter()
        .map(|(path, id, label)| {
            view! { <li><A href=*path attr:id=*id attr:class="settings-nav-item">{*label}</A></li> }
        })
        .collect_view();
    view! {
        <nav class="settings-nav" aria-label="Settings">
            <h2>"Settings"</h2>
            <ul>{links}</ul>
        </nav>
        <section class="settings-pane">
            <Outlet />
        </section>
    }
}

/// `/settings` itself opens the first area.
pub const FIRST_AREA: &str = "/settings/sites";
