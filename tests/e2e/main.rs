//! End-to-end flows in the real app window (WebKitGTK under Xvfb, through tauri-driver).
//! Each test starts the app on a fresh data folder.

mod companies;
mod company_invitations;
mod customer_list;
mod customer_list_bulk;
mod customers;
mod groups;
mod outbox_crash;
mod profiles;
mod settings;
mod shared_store;
mod sign_in;
