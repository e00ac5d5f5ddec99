//! The columns the customer list can show: the fixed ones, every customer field, and
//! each custom attribute; which are sortable, and how a cell reads.

use desk_domain::custom_attribute::AttributeDefinition;
use desk_domain::customer::Customer;
use desk_domain::customer_list::CustomerSort;
use leptos::prelude::*;

use crate::local_time::{local_date, local_date_time};

/// One column of the list.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ListColumn {
    CustomerRef,
    LastName,
    FirstName,
    Email,
    Company,
    Phone,
    PreferredSite,
    Currency,
    Verification,
    Active,
    OnHold,
    Created,
    LastLogin,
    /// A custom attribute: its code and label.
    Attribute(String, String),
}

impl ListColumn {
    /// Shown until the person chooses otherwise.
    pub fn defaults() -> Vec<Self> {
        vec![Self::LastName, Self::FirstName, Self::Email, Self::Currency]
    }

    /// Every column the picker offers, custom attributes last.
    pub fn all(attributes: &[AttributeDefinition]) -> Vec<Self> {
        let mut columns = vec![
            Self::CustomerRef,
            Self::LastName,
            Self::FirstName,
            Self::Email,
            Self::Company,
            Self::Phone,
            Self::PreferredSite,
            Self::Currency,
            Self::Verification,
            Self::Active,
            Self::OnHold,
            Self::Created,
            Self::LastLogin,
        ];
        columns.extend(
            attributes
                .iter()
                .map(|attribute| Self::Attribute(attribute.code.clone(), attribute.label.clone())),
        );
        columns
    }

    /// The heading.
    pub fn label(&self) -> String {
        match self {
            Self::CustomerRef => "Customer ID".into(),
            Self::LastName => "Last name".into(),
            Self::FirstName => "First name".into(),
            Self::Email => "Email".into(),
            Self::Company => "Company".into(),
            Self::Phone => "Phone".into(),
            Self::PreferredSite => "Preferred site".into(),
            Self::Currency => "Currency".into(),
            Self::Verification => "Verification".into(),
            Self::Active => "Active".into(),
            Self::OnHold => "On hold".into(),
            Self::Created => "Created".into(),
            Self::LastLogin => "Last login".into(),
            Self::Attribute(_, label) => label.clone(),
        }
    }

    /// A stable name for ids and classes (`email`, `attr-tier`).
    pub fn key(&self) -> String {
        match self {
            Self::CustomerRef => "customer-ref".into(),
            Self::LastName => "last-name".into(),
            Self::FirstName => "first-name".into(),
            Self::Email => "email".into(),
            Self::Company => "company".into(),
            Self::Phone => "phone".into(),
            Self::PreferredSite => "preferred-site".into(),
            Self::Currency => "currency".into(),
            Self::Verification => "verification".into(),
            Self::Active => "active".into(),
            Self::OnHold => "on-hold".into(),
            Self::Created => "created".into(),
            Self::LastLogin => "last-login".into(),
            Self::Attribute(code, _) => format!("attr-{code}"),
        }
    }

    /// The sort the column's heading switches to, where it has one.
    pub fn sort(&self) -> Option<CustomerSort> {
        match self {
            Self::CustomerRef => Some(CustomerSort::CustomerRef),
            Self::LastName => Some(CustomerSort::LastName),
            Self::FirstName => Some(CustomerSort::FirstName),
            Self::Email => Some(CustomerSort::Email),
            Self::Company => Some(CustomerSort::Company),
            Self::Created => Some(CustomerSort::Created),
            _ => None,
        }
    }

    /// What the cell of `customer` reads.
    pub fn text(&self, customer: &Customer) -> String {
        let yes_no = |flag: bool| if flag { "Yes" } else { "No" }.to_owned();
        match self {
            Self::CustomerRef => customer.customer_ref.clone(),
            Self::LastName => customer.last_name.to_string(),
            Self::FirstName => customer.first_name.to_string(),
            Self::Email => customer.email.to_string(),
            Self::Company => customer.company.clone().unwrap_or_default(),
            Self::Phone => customer
                .phone
                .as_ref()
                .map(|phone| phone.as_str().to_owned())
                .unwrap_or_default(),
            Self::PreferredSite => customer.preferred_site.clone().unwrap_or_default(),
            Self::Currency => customer.preferred_currency.to_string(),
            Self::Verification => if customer.verified_at.is_some() {
                "Verified"
            } else {
                "Unverified"
            }
            .into(),
            Self::Active => yes_no(customer.active),
            Self::OnHold => yes_no(customer.on_hold),
            Self::Created => local_date(customer.created_at),
            Self::LastLogin => customer
                .last_login_at
                .map(local_date_time)
                .unwrap_or_default(),
            Self::Attribute(code, _) => customer.attributes.get(code).cloned().unwrap_or_default(),
        }
    }
}

/// The cells of one row for `columns`.
pub fn cells(customer: &Customer, columns: &[ListColumn]) -> impl IntoView + use<> {
    columns
        .iter()
        .map(|column| {
            let text = column.text(customer);
            let title = text.clone();
            view! { <td class=column.key() title=title>{text}</td> }
        })
        .collect_view()
}
