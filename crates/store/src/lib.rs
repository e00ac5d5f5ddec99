//! Where Customer Desk keeps its records: one trait per area, implemented once over
//! both backends (a local SQLite file and a shared Postgres server) by [`SqlStore`],
//! whose SQL lives in `sql/` and whose few differences live behind [`Backend`]. Row
//! mapping stays here, so SQL never leaks into the domain; business rules stay in
//! `desk-app`.
#![warn(missing_docs)]

mod address_store;
mod attribute_store;
mod audit_store;
mod backend;
mod company_address_store;
mod company_invitation_store;
mod company_member_store;
mod company_role_store;
mod company_store;
mod connect;
mod connect_error;
mod customer_store;
mod effects;
mod error;
mod group_store;
mod link_token_store;
mod order_store;
mod outbox_store;
pub mod postgres;
mod private_files;
mod settings_store;
mod sql;
pub mod sqlite;
mod sqlite_background;
mod staff_roles;
mod staff_store;
mod view_store;

pub use address_store::{AddressStore, NewAddressRecord};
pub use attribute_store::AttributeStore;
pub use audit_store::AuditStore;
pub use backend::{Backend, SqlStore};
pub use company_address_store::{CompanyAddressStore, NewCompanyAddress};
pub use company_invitation_store::{
    CompanyInvitationStore, InvitationLink, InvitationToken, NewInvitation, StoredInvitation,
};
pub use company_member_store::{CompanyMemberStore, ContactRule, MemberWrite};
pub use company_role_store::{CompanyRoleStore, RoleWrite};
pub use company_store::{CompaniesSeen, CompanyStore, NewCompanyRecord};
pub use connect::{DEFAULT_DATABASE_FILE, ProfileOpener, StoreOpener};
pub use connect_error::{ConnectError, TlsProblem, Unreachable, network_problem};
pub use customer_store::{CustomerStore, FlagChange, NewCustomerRecord};
pub use effects::Effects;
pub use error::{StoreError, UniqueField};
pub use group_store::{
    GroupDeletion, GroupStore, GroupWrite, GroupsSeen, MemberChanges, Membership, MembershipEntry,
};
pub use link_token_store::{LinkTokenStore, NewLinkToken, RedeemedLink};
pub use order_store::{NewOrder, OrderStore};
pub use outbox_store::{
    ClaimedMessage, OutboxEntry, OutboxMessage, OutboxQuery, OutboxStatus, OutboxStore,
};
pub use settings_store::{CodeUsers, SettingsStore};
pub use sql::company_search_line;
pub use staff_store::{
    FailedSignIn, LockRule, NewStaffRecord, PasswordSecrets, SignInReservation, StaffRecord,
    StaffStore,
};
pub use view_store::ViewStore;

/// Everything the application needs from a store. The shell (or a profile switch)
/// opens one; everything past that holds `Arc<dyn Store>`.
pub trait Store:
    CustomerStore
    + AddressStore
    + AttributeStore
    + StaffStore
    + AuditStore
    + LinkTokenStore
    + OutboxStore
    + SettingsStore
    + ViewStore
    + GroupStore
    + CompanyStore
    + CompanyMemberStore
    + CompanyAddressStore
    + OrderStore
    + CompanyInvitationStore
    + CompanyRoleStore
{
}

impl<T> Store for T where
    T: CustomerStore
        + AddressStore
        + AttributeStore
        + StaffStore
        + AuditStore
        + LinkTokenStore
        + OutboxStore
        + SettingsStore
        + ViewStore
        + GroupStore
        + CompanyStore
        + CompanyMemberStore
        + CompanyAddressStore
        + OrderStore
        + CompanyInvitationStore
        + CompanyRoleStore
{
}
