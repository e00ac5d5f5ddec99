//! Order history (read-only): a company's, on its summary, and a customer's, on
//! their page, with totals per currency.

use desk_domain::DeskError;
use desk_domain::company::CompanyId;
use desk_domain::customer::CustomerId;
use desk_domain::order::{LATEST_ORDERS, OrderSummary};
use desk_store::Store;

use super::list::ensure_in_scope;
use crate::internal_error;
use crate::policy::Scope;

/// A company's orders ("not found" for a company outside the caller's scope).
pub async fn company_orders(
    store: &dyn Store,
    scope: Scope,
    company: CompanyId,
) -> Result<OrderSummary, DeskError> {
    ensure_in_scope(store, scope, company).await?;
    store
        .company_orders(company, LATEST_ORDERS)
        .await
        .map_err(|error| internal_error("reading a company's orders", &error))
}

/// A customer's orders.
pub async fn customer_orders(
    store: &dyn Store,
    customer: CustomerId,
) -> Result<OrderSummary, DeskError> {
    store
        .customer_orders(customer, LATEST_ORDERS)
        .await
        .map_err(|error| internal_error("reading a customer's orders", &error))
}
