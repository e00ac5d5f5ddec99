//! Customer Desk's UI: Leptos components rendered in the Tauri webview. It talks to the
//! backend only through `api/` (one typed function per command) and checks forms with
//! `desk-domain`'s parsers before sending them; the backend checks again.

mod api;
mod app;
mod components;
mod idle;
mod pages;
mod session;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
