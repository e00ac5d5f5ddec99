use async_trait::async_trait;
use chrono::{DateTime, Utc};
use desk_domain::company::{CompaniesUsing, CompanyId};
use desk_domain::company_address::CompanyAddressDetails;
use desk_domain::company_list::{
    Company, CompanyChoices, CompanyCursor, CompanyPage, CompanyQuery,
};
use desk_domain::customer_group::GroupId;
use desk_domain::staff::StaffId;

use crate::{Effects, StoreError};

/// Which companies a reader sees.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompaniesSeen {
    /// Every company.
    All,
    /// The companies where this staff member is the sales rep.
    OfSalesRep(StaffId),
}

/// A company to add or save, as its form parsed it.
#[derive(Debug, Clone, Copy)]
pub struct NewCompanyRecord<'a> {
    /// Its id (UUIDv7).
    pub id: CompanyId,
    /// Its name.
    pub name: &'a str,
    /// Its tax ID, as checked.
    pub tax_id: &'a str,
    /// Its customer group.
    pub group: GroupId,
    /// Its sales rep.
    pub sales_rep: StaffId,
    /// Its website, if it has one.
    pub website: Option<&'a str>,
    /// Whether it may order.
    pub active: bool,
    /// Its default billing address, when one is given (a save without one leaves
    /// the address book as it is).
    pub billing: Option<&'a CompanyAddressDetails>,
    /// When it was added or saved.
    pub at: DateTime<Utc>,
}

/// B2B companies.
#[async_trait]
pub trait CompanyStore: Send + Sync + std::fmt::Debug {
    /// Adds `record`, in one transaction with `effects`. A group or sales rep that
    /// does not exist is [`StoreError::NotFound`].
    async fn insert_company(
        &self,
        record: &NewCompanyRecord<'_>,
        effects: &Effects,
    ) -> Result<(), StoreError>;

    /// Saves `record` over the company's fields (and its default billing address,
    /// when given) if its version is still `version`, in one transaction with
    /// `effects`: [`StoreError::VersionChanged`] when someone saved meanwhile,
    /// [`StoreError::NotFound`] when the group or sales rep named is not there.
    async fn update_company(
        &self,
        record: &NewCompanyRecord<'_>,
        version: i64,
        effects: &Effects,
    ) -> Result<(), StoreError>;

    /// Company `id` with its default billing address, when `seen` covers it.
    async fn company_by_id(
        &self,
        id: CompanyId,
        seen: CompaniesSeen,
    ) -> Result<Option<Company>, StoreError>;

    /// Whether company `id` exists and `seen` covers it (one indexed look-up, for
    /// the screens that read a company's parts).
    async fn company_in_scope(
        &self,
        id: CompanyId,
        seen: CompaniesSeen,
    ) -> Result<bool, StoreError>;

    /// One page of the companies `seen` covers, in `query`'s order, search and
    /// filters, after `after`.
    async fn list_companies(
        &self,
        query: &CompanyQuery,
        after: Option<&CompanyCursor>,
        page_size: u32,
        seen: CompaniesSeen,
    ) -> Result<CompanyPage, StoreError>;

    /// The customer groups and active sales reps a company can be given (for a
    /// sales rep: their own companies' groups, and themselves).
    async fn company_choices(&self, seen: CompaniesSeen) -> Result<CompanyChoices, StoreError>;

    /// The companies whose customer group is `group`: the first `limit` by name, and
    /// how many in all.
    async fn companies_using_group(
        &self,
        group: GroupId,
        limit: u32,
    ) -> Result<CompaniesUsing, StoreError>;
}
