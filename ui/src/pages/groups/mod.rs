//! Customer groups (seed 002): the list with View and Edit per row and "Add customer
//! group" at the top right; adding and editing in two steps (General information,
//! Customers); viewing a group with its customers.

mod assigned;
mod form;
mod list;
mod picker;
mod sources;
mod tick_table;
mod view;

pub use form::{AddGroupPage, EditGroupPage};
pub use list::GroupsPage;
pub use view::GroupPage;

use desk_domain::customer_group::GroupId;

/// The groups list's route.
pub const GROUPS: &str = "/groups";

/// The route of one group's page.
fn group_path(id: GroupId) -> String {
    format!("{GROUPS}/{id}")
}

/// The route of one group's edit form.
fn edit_path(id: GroupId) -> String {
    format!("{GROUPS}/{id}/edit")
}

thread_local! {
    /// What the next group page says on arrival ("Customer group added"): set by the
    /// form before it navigates, taken by the page that shows it.
    static FLASH: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

fn set_flash(message: String) {
    FLASH.with(|flash| *flash.borrow_mut() = Some(message));
}

fn take_flash() -> Option<String> {
    FLASH.with(|flash| flash.borrow_mut().take())
}

/// "1 customer", "3 customers".
fn customers(count: u64) -> String {
    if count == 1 {
        "1 customer".to_owned()
    } else {
        format!("{count} customers")
    }
}
