//! Email templates: built-in English ones, the store's own per locale, the fallback
//! between them, and rendering with minijinja (HTML auto-escaped).

mod built_in;
mod manage;
mod render;

pub use built_in::built_in;
pub use manage::{
    default_locale, preview_template, render_message, render_message_with_default, reset_template,
    save_template, template_for_edit, template_in_effect, templates_overview,
};
pub use render::{render, render_sample};
