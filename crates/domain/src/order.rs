//! Orders (read-only here): placed on storefronts, written into the shared store by
//! them (docs/storefront-contract.md, "Orders"), shown on a company's summary and a
//! customer's page with their totals per currency.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::customer::CustomerId;

/// How many of the latest orders a summary lists.
pub const LATEST_ORDERS: u32 = 10;

/// Where an order is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrderStatus {
    /// Placed, not yet approved.
    Placed,
    /// Approved (by a member with the approve orders policy).
    Approved,
    /// On its way.
    Shipped,
    /// Arrived.
    Delivered,
    /// Cancelled.
    Cancelled,
}

impl OrderStatus {
    /// Every status.
    pub const ALL: [Self; 5] = [
        Self::Placed,
        Self::Approved,
        Self::Shipped,
        Self::Delivered,
        Self::Cancelled,
    ];

    /// The code the store keeps.
    pub fn code(self) -> &'static str {
        match self {
            Self::Placed => "placed",
            Self::Approved => "approved",
            Self::Shipped => "shipped",
            Self::Delivered => "delivered",
            Self::Cancelled => "cancelled",
        }
    }

    /// The status a stored code names.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|status| status.code() == code)
    }

    /// For people.
    pub fn label(self) -> &'static str {
        match self {
            Self::Placed => "Placed",
            Self::Approved => "Approved",
            Self::Shipped => "Shipped",
            Self::Delivered => "Delivered",
            Self::Cancelled => "Cancelled",
        }
    }
}

/// An amount in a currency's minor unit (cents), so sums are exact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Money {
    /// In the minor unit.
    pub minor: i64,
    /// ISO 4217.
    pub currency: String,
}

impl Money {
    /// "1,234.50 EUR" (the currency's own number of decimals; JPY has none).
    pub fn display(&self) -> String {
        let decimals = iso_currency::Currency::from_code(&self.currency)
            .and_then(|currency| currency.exponent())
            .unwrap_or(2) as u32;
        let scale = 10_i64.pow(decimals);
        let whole = self.minor / scale;
        let fraction = (self.minor % scale).abs();
        let mut digits = whole.abs().to_string();
        let mut grouped = String::new();
        while digits.len() > 3 {
            let tail = digits.split_off(digits.len() - 3);
            grouped = format!(",{tail}{grouped}");
        }
        let sign = if self.minor < 0 { "-" } else { "" };
        if decimals == 0 {
            format!("{sign}{digits}{grouped} {}", self.currency)
        } else {
            format!(
                "{sign}{digits}{grouped}.{fraction:0width$} {}",
                self.currency,
                width = decimals as usize
            )
        }
    }
}

/// An order as a summary lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Order {
    /// Its id.
    pub id: Uuid,
    /// The number the customer sees.
    pub order_number: String,
    /// The company it was placed for, by name, if any.
    pub company: Option<String>,
    /// Who placed it.
    pub customer: CustomerId,
    /// Their name.
    pub customer_name: String,
    /// When.
    pub placed_at: DateTime<Utc>,
    /// Where it is.
    pub status: OrderStatus,
    /// Its total.
    pub total: Money,
}

/// A company's or customer's order history: how many, the totals per currency, and
/// the latest ones.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderSummary {
    /// How many orders (cancelled ones too).
    pub count: u64,
    /// The sum of the orders that were not cancelled, per currency, by currency code.
    pub totals: Vec<Money>,
    /// The latest [`LATEST_ORDERS`], newest first.
    pub latest: Vec<Order>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_read_with_their_currencys_decimals_and_thousands() {
        let money = |minor, currency: &str| Money {
            minor,
            currency: currency.into(),
        };
        assert_eq!(money(123_450, "EUR").display(), "1,234.50 EUR");
        assert_eq!(money(5, "CHF").display(), "0.05 CHF");
        assert_eq!(money(1_234_567, "JPY").display(), "1,234,567 JPY");
        assert_eq!(money(100_000_000, "USD").display(), "1,000,000.00 USD");
        for status in OrderStatus::ALL {
            assert_eq!(OrderStatus::from_code(status.code()), Some(status));
        }
    }
}
