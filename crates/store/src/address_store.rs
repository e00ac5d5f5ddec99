use async_trait::async_trait;
use chrono::{DateTime, Utc};
use desk_domain::customer::CustomerId;
use desk_domain::customer_address::{Address, AddressDefault, AddressDetails, AddressId};
use desk_domain::customer_note::{Note, NoteId};

use crate::{Effects, StoreError};

/// A new address row: identifiers the app made and the checked form.
#[derive(Debug, Clone)]
pub struct NewAddressRecord<'a> {
    /// Internal id.
    pub id: AddressId,
    /// Whose address.
    pub customer_id: CustomerId,
    /// The address ID: the custom one, or one the app generated.
    pub address_ref: &'a str,
    /// The checked form.
    pub details: &'a AddressDetails,
    /// When.
    pub at: DateTime<Utc>,
}

/// A customer's addresses and notes.
#[async_trait]
pub trait AddressStore: Send + Sync + std::fmt::Debug {
    /// Adds an address; a customer's first address becomes their default billing and
    /// shipping address. A taken address ID (per customer, ignoring case) is
    /// `Duplicate(AddressRef)`; an unknown customer `NotFound`.
    async fn insert_address(
        &self,
        record: &NewAddressRecord<'_>,
        effects: &Effects,
    ) -> Result<Address, StoreError>;

    /// Saves `details` over address `id` if it is still at `expected_version`
    /// (`VersionChanged` otherwise); its address ID stays.
    async fn update_address(
        &self,
        id: AddressId,
        expected_version: i64,
        details: &AddressDetails,
        at: DateTime<Utc>,
        effects: &Effects,
    ) -> Result<Address, StoreError>;

    /// Removes address `id`. When it was a default, the customer's oldest remaining
    /// address takes its place, so a customer with addresses always has both defaults.
    async fn delete_address(&self, id: AddressId, effects: &Effects) -> Result<(), StoreError>;

    /// Makes address `id` its customer's default of kind `which` (and no other).
    async fn set_default_address(
        &self,
        id: AddressId,
        which: AddressDefault,
        effects: &Effects,
    ) -> Result<(), StoreError>;

    /// The address `id`, if there is one.
    async fn address_by_id(&self, id: AddressId) -> Result<Option<Address>, StoreError>;

    /// A customer's addresses, oldest first.
    async fn addresses_of(&self, customer: CustomerId) -> Result<Vec<Address>, StoreError>;

    /// Adds a note. On a shared store the database names the author and the time
    /// from the session, whatever `note` says; the note as stored comes back.
    async fn insert_note(
        &self,
        note: &Note,
        author: Option<desk_domain::staff::StaffId>,
        effects: &Effects,
    ) -> Result<Note, StoreError>;

    /// Up to `limit` notes on `customer`, newest first, older than `before`.
    async fn notes_of(
        &self,
        customer: CustomerId,
        before: Option<NoteId>,
        limit: u32,
    ) -> Result<Vec<Note>, StoreError>;
}
