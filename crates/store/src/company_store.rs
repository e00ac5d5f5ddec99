use async_trait::async_trait;
use chrono::{DateTime, Utc};
use desk_domain::company::{CompaniesUsing, CompanyId};
use desk_domain::customer_group::GroupId;
use desk_domain::staff::StaffId;

use crate::{Effects, StoreError};

/// A company to add, as its form parsed it.
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
    /// When it was added.
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

    /// The companies whose customer group is `group`: the first `limit` by name, and
    /// how many in all.
    async fn companies_using_group(
        &self,
        group: GroupId,
        limit: u32,
    ) -> Result<CompaniesUsing, StoreError>;
}
