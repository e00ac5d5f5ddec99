use async_trait::async_trait;
use chrono::{DateTime, Utc};
use desk_domain::company::CompanyId;
use desk_domain::customer::CustomerId;
use desk_domain::order::{OrderStatus, OrderSummary};

use crate::StoreError;

/// An order as a storefront (or the seeder) writes it.
#[derive(Debug, Clone, Copy)]
pub struct NewOrder<'a> {
    /// Its id.
    pub id: uuid::Uuid,
    /// The number the customer sees (unique).
    pub order_number: &'a str,
    /// The company it was placed for, if any.
    pub company: Option<CompanyId>,
    /// Who placed it.
    pub customer: CustomerId,
    /// When.
    pub placed_at: DateTime<Utc>,
    /// Where it is.
    pub status: OrderStatus,
    /// Its total in the currency's minor unit.
    pub total_minor: i64,
    /// ISO 4217.
    pub currency: &'a str,
}

/// Orders: read-only for the app; written by storefronts.
#[async_trait]
pub trait OrderStore: Send + Sync + std::fmt::Debug {
    /// Adds an order, as a storefront does (the seeder and tests use it).
    async fn insert_order(&self, order: &NewOrder<'_>) -> Result<(), StoreError>;

    /// `company`'s orders: count, totals per currency and the latest `latest`.
    async fn company_orders(
        &self,
        company: CompanyId,
        latest: u32,
    ) -> Result<OrderSummary, StoreError>;

    /// `customer`'s orders: count, totals per currency and the latest `latest`.
    async fn customer_orders(
        &self,
        customer: CustomerId,
        latest: u32,
    ) -> Result<OrderSummary, StoreError>;
}
