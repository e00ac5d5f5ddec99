//! B2B companies (seed 004): the list of those the signed-in person may see, with
//! "Create" at the top right; the company form (name, tax ID, customer group, sales
//! representative, website, billing address, active); a company's profile.

mod addresses;
mod form;
mod invitations;
mod invite_dialog;
mod list;
mod member_details;
mod members;
mod sources;
mod view;

pub use form::{CreateCompanyPage, EditCompanyPage};
pub use list::CompaniesPage;
pub use view::CompanyPage;

use desk_domain::company::CompanyId;

/// The companies list's route.
pub const COMPANIES: &str = "/companies";

/// The route of one company's profile.
fn company_path(id: CompanyId) -> String {
    format!("{COMPANIES}/{id}")
}

/// The route of one company's edit form.
fn edit_path(id: CompanyId) -> String {
    format!("{COMPANIES}/{id}/edit")
}

thread_local! {
    /// What the next company page says on arrival ("Company … created"): set by the
    /// form before it navigates, taken by the page that shows it.
    static FLASH: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

fn set_flash(message: String) {
    FLASH.with(|flash| *flash.borrow_mut() = Some(message));
}

fn take_flash() -> Option<String> {
    FLASH.with(|flash| flash.borrow_mut().take())
}

/// "Active" or "Inactive".
fn active_label(active: bool) -> &'static str {
    if active { "Active" } else { "Inactive" }
}
