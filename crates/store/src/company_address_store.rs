use async_trait::async_trait;
use chrono::{DateTime, Utc};
use desk_domain::company::CompanyId;
use desk_domain::company_address::{
    AddressKind, CompanyAddress, CompanyAddressDetails, CompanyAddressId,
};

use crate::{Effects, StoreError};

/// An address to add to a company's book.
#[derive(Debug, Clone, Copy)]
pub struct NewCompanyAddress<'a> {
    /// Whose book.
    pub company: CompanyId,
    /// Its id (UUIDv7).
    pub id: CompanyAddressId,
    /// Billing or shipping.
    pub kind: AddressKind,
    /// The address.
    pub details: &'a CompanyAddressDetails,
    /// Whether it becomes the default of its kind (the first of a kind does anyway).
    pub make_default: bool,
    /// When.
    pub at: DateTime<Utc>,
}

/// A company's address book: billing and shipping addresses, one default of each.
#[async_trait]
pub trait CompanyAddressStore: Send + Sync + std::fmt::Debug {
    /// `company`'s addresses: billing first, then shipping; the default of each kind
    /// first, then the oldest.
    async fn company_addresses(
        &self,
        company: CompanyId,
    ) -> Result<Vec<CompanyAddress>, StoreError>;

    /// Adds `address` with `effects`; it becomes the default of its kind when asked
    /// or when the company has none of that kind yet.
    async fn insert_company_address(
        &self,
        address: &NewCompanyAddress<'_>,
        effects: &Effects,
    ) -> Result<(), StoreError>;

    /// Changes address `id` of `company`; [`StoreError::NotFound`] when there is none.
    async fn update_company_address(
        &self,
        company: CompanyId,
        id: CompanyAddressId,
        details: &CompanyAddressDetails,
        at: DateTime<Utc>,
        effects: &Effects,
    ) -> Result<(), StoreError>;

    /// Removes address `id` of `company`; when it was the default of its kind, the
    /// oldest other address of that kind becomes the default.
    async fn delete_company_address(
        &self,
        company: CompanyId,
        id: CompanyAddressId,
        effects: &Effects,
    ) -> Result<(), StoreError>;

    /// Makes address `id` the default of its kind.
    async fn set_default_company_address(
        &self,
        company: CompanyId,
        id: CompanyAddressId,
        at: DateTime<Utc>,
        effects: &Effects,
    ) -> Result<(), StoreError>;
}
