//! Customer Desk's UI: Leptos components rendered in the Tauri webview. It talks to the
//! backend only through `api::call` (one command value of `desk_domain::commands` at a
//! time) and checks forms with `desk-domain`'s parsers before sending them; the backend
//! checks again.
//!
//! `pages/` holds the screens, one folder per area; `components/` the widgets they
//! share; `shell/` the signed-in header and routes; `app.rs` the session gate.

mod api;
mod app;
mod components;
mod idle;
mod local_time;
mod pages;
mod session;
mod shell;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
