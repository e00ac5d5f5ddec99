use leptos::prelude::*;

/// The bar at the top of the window: the app's name, then what the screen puts there
/// (the sections and who is signed in, or a way back).
#[component]
pub fn AppHeader(children: Children) -> impl IntoView {
    view! {
        <header class="app-header">
            <h1 class="app-title">"Customer Desk"</h1>
            {children()}
        </header>
    }
}
