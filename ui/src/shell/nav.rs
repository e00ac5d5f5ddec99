//! The sections of the signed-in app: their routes, their links in the header, and
//! who may see them.

use desk_domain::Permission;
use desk_domain::staff::Session;
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::components::Redirect;

use crate::session::SessionContext;

/// A section of the header: its route, its link's id, its name, and what it needs
/// (the backend refuses the commands anyway; this only keeps the header honest).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Section {
    /// The route, e.g. `/customers`.
    pub path: &'static str,
    /// The link's id, e.g. `nav-customers`.
    pub id: &'static str,
    /// The link's text.
    pub label: &'static str,
    /// What the signed-in person needs to see it.
    pub needs: Permission,
}

/// The sections, in header order.
pub const SECTIONS: &[Section] = &[
    Section {
        path: "/customers",
        id: "nav-customers",
        label: "Customers",
        needs: Permission::ViewCustomers,
    },
    // Before groups, so a sales rep starts on their companies.
    Section {
        path: "/companies",
        id: "nav-companies",
        label: "Companies",
        needs: Permission::ViewCompanies,
    },
    Section {
        path: "/groups",
        id: "nav-groups",
        label: "Customer groups",
        needs: Permission::ViewGroups,
    },
    Section {
        path: "/staff",
        id: "nav-staff",
        label: "Staff",
        needs: Permission::ManageStaff,
    },
    Section {
        path: "/audit",
        id: "nav-audit",
        label: "Audit log",
        needs: Permission::ViewAuditLog,
    },
    Section {
        path: "/outbox",
        id: "nav-outbox",
        label: "Outbox",
        needs: Permission::ManageOutbox,
    },
    Section {
        path: "/settings",
        id: "nav-settings",
        label: "Settings",
        needs: Permission::ManageSettings,
    },
];

/// The signed-in person's own account; everyone may see it.
pub const ACCOUNT: &str = "/account";
/// The connection profiles; everyone may see them.
pub const CONNECTIONS: &str = "/connections";

/// Where `session` starts: the first section it may see, else its own account.
pub fn home(session: &Session) -> &'static str {
    SECTIONS
        .iter()
        .find(|section| session.may(section.needs))
        .map_or(ACCOUNT, |section| section.path)
}

/// Shows `children` when the signed-in person may do `needs`; anyone else (e.g.
/// arriving through the Back button after someone else signed out) goes home.
#[component]
pub fn Guard(needs: Permission, children: Children) -> impl IntoView {
    let allowed = SessionContext::get()
        .session_untracked()
        .is_some_and(|session| session.may(needs));
    if allowed {
        children().into_any()
    } else {
        view! { <GoHome /> }.into_any()
    }
}

/// Replaces the current route with the signed-in person's home.
#[component]
pub fn GoHome() -> impl IntoView {
    let path = SessionContext::get()
        .session_untracked()
        .map_or(ACCOUNT, |session| home(&session));
    view! {
        <Redirect
            path=path
            options=NavigateOptions {
                replace: true,
                ..Default::default()
            }
        />
    }
}
