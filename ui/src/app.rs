use leptos::prelude::*;

use crate::pages::customers::CustomersPage;

/// The window's frame: a header with the product name and the one screen there is yet.
#[component]
pub fn App() -> impl IntoView {
    view! {
        <header class="app-header">
            <h1 class="app-title">"Customer Desk"</h1>
            <nav class="app-nav" aria-label="Sections">
                <a class="app-nav-item current" aria-current="page" href="#customers">"Customers"</a>
            </nav>
        </header>
        <main class="app-main" id="customers">
            <CustomersPage />
        </main>
    }
}
