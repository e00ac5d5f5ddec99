use desk_domain::Permission;
use desk_domain::staff::Session;
use leptos::prelude::*;

use crate::components::account::AccountPage;
use crate::pages::audit::AuditPage;
use crate::pages::customers::CustomersPage;
use crate::pages::staff::StaffPage;
use crate::session::{Gate, SessionContext};

/// The screens of the signed-in app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Screen {
    Customers,
    Staff,
    Audit,
    Account,
}

impl Screen {
    fn label(self) -> &'static str {
        match self {
            Self::Customers => "Customers",
            Self::Staff => "Staff",
            Self::Audit => "Audit log",
            Self::Account => "My account",
        }
    }

    fn id(self) -> &'static str {
        match self {
            Self::Customers => "nav-customers",
            Self::Staff => "nav-staff",
            Self::Audit => "nav-audit",
            Self::Account => "nav-account",
        }
    }

    /// What the screen needs; the backend refuses the commands anyway.
    fn needs(self) -> Option<Permission> {
        match self {
            Self::Customers => Some(Permission::ViewCustomers),
            Self::Staff => Some(Permission::ManageStaff),
            Self::Audit => Some(Permission::ViewAuditLog),
            Self::Account => None,
        }
    }
}

/// The header with the screens this person may use, and the current screen.
#[component]
pub fn Shell(session: Session) -> impl IntoView {
    let context = SessionContext::get();
    let screens: Vec<Screen> = [Screen::Customers, Screen::Staff, Screen::Audit]
        .into_iter()
        .filter(|screen| {
            screen
                .needs()
                .is_none_or(|permission| session.may(permission))
        })
        .collect();
    let first = screens.first().copied().unwrap_or(Screen::Account);
    let current = RwSignal::new(first);
    let nav = screens
        .into_iter()
        .map(|screen| {
            view! {
                <button
                    type="button"
                    class="app-nav-item"
                    id=screen.id()
                    class:current=move || current.get() == screen
                    aria-current=move || (current.get() == screen).then_some("page")
                    on:click=move |_| current.set(screen)
                >
                    {screen.label()}
                </button>
            }
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
        <header class="app-header">
            <h1 class="app-title">"Customer Desk"</h1>
            <nav class="app-nav" aria-label="Sections">{nav}</nav>
            <div class="app-user">
                <button type="button" class="link" id="nav-profiles" title="Connections" on:click=move |_| context.gate.set(Gate::Profiles)>
                    "Connections"
                </button>
                <button
                    type="button"
                    class="link"
                    id=Screen::Account.id()
                    title="Change your password"
                    on:click=move |_| current.set(Screen::Account)
                >
                    <span id="signed-in-as">{who}</span>
                </button>
                <button type="button" class="secondary" id="sign-out" on:click=move |_| context.sign_out(None)>
                    "Sign out"
                </button>
            </div>
        </header>
        <main class="app-main" class:single=move || current.get() != Screen::Customers>
            {move || match current.get() {
                Screen::Customers => view! { <CustomersPage /> }.into_any(),
                Screen::Staff => view! { <StaffPage /> }.into_any(),
                Screen::Audit => view! { <AuditPage /> }.into_any(),
                Screen::Account => view! { <AccountPage /> }.into_any(),
            }}
        </main>
        {(first == Screen::Account).then(|| view! {
            <p class="banner info" id="no-screens">
                "Your role has no screens here yet. Ask an administrator if you need access."
            </p>
        })}
    }
}
