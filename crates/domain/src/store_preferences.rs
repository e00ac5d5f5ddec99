//! The store's preferences and lists: which currencies and locales it uses (one
//! default each), what new customers start as (seed 003's `customerActiveOnCreation`
//! and `customerOnHoldOnCreation`), and what storefront visitors who are not signed in
//! may not see (seed 000's customer access).

use serde::{Deserialize, Serialize};

/// Form field names.
pub mod fields {
    /// The code (currency) or tag (locale) being enabled.
    pub const CODE: &str = "code";
}

/// What new customers start as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Preferences {
    /// `customerActiveOnCreation`: new customers are active.
    pub customer_active_on_creation: bool,
    /// `customerOnHoldOnCreation`: new customers are on hold.
    pub customer_on_hold_on_creation: bool,
}

impl Default for Preferences {
    /// A new store: customers are active and not on hold from the start.
    fn default() -> Self {
        Self {
            customer_active_on_creation: true,
            customer_on_hold_on_creation: false,
        }
    }
}

/// Storefront content that can be hidden from visitors who are not signed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StorefrontContent {
    /// Prices.
    Price,
    /// The "Add to cart" button.
    AddToCart,
    /// Placing an order.
    PlaceOrder,
    /// Wishlists.
    Wishlist,
    /// Shopping lists.
    ShoppingList,
}

impl StorefrontContent {
    /// Every kind, in the order the page lists them.
    pub const ALL: [Self; 5] = [
        Self::Price,
        Self::AddToCart,
        Self::PlaceOrder,
        Self::Wishlist,
        Self::ShoppingList,
    ];

    /// The stable spelling storefronts read.
    pub fn code(self) -> &'static str {
        match self {
            Self::Price => "price",
            Self::AddToCart => "add_to_cart",
            Self::PlaceOrder => "place_order",
            Self::Wishlist => "wishlist",
            Self::ShoppingList => "shopping_list",
        }
    }

    /// The kind spelled `code`.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.code() == code)
    }

    /// How the page names it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Price => "Price",
            Self::AddToCart => "Add to cart",
            Self::PlaceOrder => "Place order",
            Self::Wishlist => "Wishlist",
            Self::ShoppingList => "Shopping list",
        }
    }
}

/// What visitors who are not signed in may not see: every kind, hidden or not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerAccess {
    /// Each kind with whether it is hidden, in [`StorefrontContent::ALL`] order.
    pub hidden: Vec<(StorefrontContent, bool)>,
}

impl Default for CustomerAccess {
    /// A new store hides everything until an administrator decides otherwise.
    fn default() -> Self {
        Self {
            hidden: StorefrontContent::ALL
                .into_iter()
                .map(|kind| (kind, true))
                .collect(),
        }
    }
}

impl CustomerAccess {
    /// Whether `kind` is hidden (hidden when not listed: the safe side).
    pub fn is_hidden(&self, kind: StorefrontContent) -> bool {
        self.hidden
            .iter()
            .find(|(listed, _)| *listed == kind)
            .is_none_or(|(_, hidden)| *hidden)
    }

    /// Every kind once, in order, from whatever was sent.
    pub fn normalized(&self) -> Self {
        Self {
            hidden: StorefrontContent::ALL
                .into_iter()
                .map(|kind| (kind, self.is_hidden(kind)))
                .collect(),
        }
    }
}

/// Which list a change is about.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CodeList {
    /// ISO 4217 currencies.
    #[default]
    Currencies,
    /// BCP 47 locales.
    Locales,
}

/// What to do with a code of a list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CodeChange {
    /// Add it to the store's list.
    #[default]
    Enable,
    /// Take it off (refused while a site or customer uses it, or it is the default).
    Disable,
    /// Make it the default.
    MakeDefault,
}

/// A change to the currencies or locales.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodeListChangeInput {
    /// Which list.
    pub list: CodeList,
    /// What to do.
    pub change: CodeChange,
    /// The currency code or locale tag, as typed or chosen.
    pub code: String,
}

/// One enabled currency or locale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnabledCode {
    /// The code (`EUR`) or tag (`de-CH`).
    pub code: String,
    /// Its name in English ("Euro"), where known.
    pub name: String,
    /// The store's default.
    pub is_default: bool,
}

/// The currencies and locales screen.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrenciesAndLocales {
    /// Enabled currencies, by code.
    pub currencies: Vec<EnabledCode>,
    /// Enabled locales, by tag.
    pub locales: Vec<EnabledCode>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_store_hides_everything_from_visitors() {
        let access = CustomerAccess::default();
        assert!(
            StorefrontContent::ALL
                .iter()
                .all(|kind| access.is_hidden(*kind))
        );
    }

    #[test]
    fn whatever_is_sent_is_read_as_every_kind_once_and_missing_ones_stay_hidden() {
        let sent = CustomerAccess {
            hidden: vec![
                (StorefrontContent::Wishlist, false),
                (StorefrontContent::Price, false),
                (StorefrontContent::Price, true),
            ],
        };
        let normalized = sent.normalized();
        assert_eq!(normalized.hidden.len(), 5);
        assert!(!normalized.is_hidden(StorefrontContent::Price));
        assert!(!normalized.is_hidden(StorefrontContent::Wishlist));
        assert!(normalized.is_hidden(StorefrontContent::PlaceOrder));
    }

    #[test]
    fn content_codes_round_trip() {
        for kind in StorefrontContent::ALL {
            assert_eq!(StorefrontContent::from_code(kind.code()), Some(kind));
        }
    }
}
