//! B2B companies (seed 004): the list of those the caller may see, a company's
//! profile, and adding and editing one (name, tax ID, customer group, sales rep,
//! website, billing address, active), each change audited field by field with
//! records named as people know them. A sales rep sees only the companies where they
//! are the sales rep; any other company is "not found" to them.

mod addresses;
mod commands;
mod invitation_commands;
mod invitations;
mod list;
mod members;
mod orders;
mod roles;
mod save;

pub use addresses::{
    company_addresses, delete_company_address, save_company_address, set_default_company_address,
};
pub use invitations::{
    INVITATION_LIFETIME, Inviter, Registration, accept_invitation, check_invitees,
    company_invitations, resend_invitation, revoke_invitation, send_invitations,
};
pub use list::{company_choices, get_company, list_companies};
pub use members::{
    add_company_members, company_members, company_roles, member_policies, update_company_member,
};
pub use orders::{company_orders, customer_orders};
pub use roles::{delete_company_role, save_company_role};
pub use save::{create_company, update_company};
