//! The columns of the customer list, which are also those of its CSV export: every
//! customer field and each custom attribute; which are sortable, and what a cell
//! holds. Times stay instants here: the screen and the file each show them in the
//! person's own time zone.

use chrono::{DateTime, Utc};

use crate::custom_attribute::AttributeDefinition;
use crate::customer::Customer;
use crate::customer_list::CustomerSort;

/// One column of the list.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum CustomerColumn {
    /// The customer ID people use.
    CustomerRef,
    /// The generated number for external use.
    CustomerNumber,
    /// Mr, Ms, …
    Salutation,
    /// Last name.
    LastName,
    /// First name.
    FirstName,
    /// Email address.
    Email,
    /// Company, as typed on the customer.
    Company,
    /// Phone, E.164.
    Phone,
    /// Gender.
    Gender,
    /// Date of birth (ISO 8601).
    DateOfBirth,
    /// Locale.
    Locale,
    /// Preferred site.
    PreferredSite,
    /// The site the customer is restricted to.
    Restriction,
    /// Preferred currency.
    Currency,
    /// Verified or Unverified.
    Verification,
    /// Whether active.
    Active,
    /// Whether on hold.
    OnHold,
    /// When the record was created.
    Created,
    /// When they registered on a storefront.
    Registered,
    /// Their last storefront sign-in.
    LastLogin,
    /// The groups they are in.
    Groups,
    /// A custom attribute.
    Attribute {
        /// Its code, under which values are kept.
        code: String,
        /// Its label.
        label: String,
    },
}

/// What a cell holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    /// Shown as it is (empty when the customer has no value).
    Text(String),
    /// An instant the list shows as the person's local day.
    Day(DateTime<Utc>),
    /// An instant the list shows as the person's local date and time.
    Moment(DateTime<Utc>),
}

impl CustomerColumn {
    /// Shown until the person chooses otherwise.
    pub fn defaults() -> Vec<Self> {
        vec![Self::LastName, Self::FirstName, Self::Email, Self::Currency]
    }

    /// Every column the picker offers, custom attributes last.
    pub fn all(attributes: &[AttributeDefinition]) -> Vec<Self> {
        let mut columns = vec![
            Self::CustomerRef,
            Self::CustomerNumber,
            Self::Salutation,
            Self::LastName,
            Self::FirstName,
            Self::Email,
            Self::Company,
            Self::Phone,
            Self::Gender,
            Self::DateOfBirth,
            Self::Locale,
            Self::PreferredSite,
            Self::Restriction,
            Self::Currency,
            Self::Verification,
            Self::Active,
            Self::OnHold,
            Self::Created,
            Self::Registered,
            Self::LastLogin,
            Self::Groups,
        ];
        columns.extend(attributes.iter().map(|attribute| Self::Attribute {
            code: attribute.code.clone(),
            label: attribute.label.clone(),
        }));
        columns
    }

    /// The column whose [`key`](Self::key) is `key`, among those `attributes` allow.
    pub fn from_key(key: &str, attributes: &[AttributeDefinition]) -> Option<Self> {
        Self::all(attributes)
            .into_iter()
            .find(|column| column.key() == key)
    }

    /// The heading.
    pub fn label(&self) -> &str {
        match self {
            Self::CustomerRef => "Customer ID",
            Self::CustomerNumber => "Customer number",
            Self::Salutation => "Salutation",
            Self::LastName => "Last name",
            Self::FirstName => "First name",
            Self::Email => "Email",
            Self::Company => "Company",
            Self::Phone => "Phone",
            Self::Gender => "Gender",
            Self::DateOfBirth => "Date of birth",
            Self::Locale => "Locale",
            Self::PreferredSite => "Preferred site",
            Self::Restriction => "Restricted to site",
            Self::Currency => "Currency",
            Self::Verification => "Verification",
            Self::Active => "Active",
            Self::OnHold => "On hold",
            Self::Created => "Created",
            Self::Registered => "Registered",
            Self::LastLogin => "Last login",
            Self::Groups => "Customer groups",
            Self::Attribute { label, .. } => label,
        }
    }

    /// A stable name for saved views, ids and classes (`email`, `attr-tier`).
    pub fn key(&self) -> String {
        match self {
            Self::CustomerRef => "customer-ref",
            Self::CustomerNumber => "customer-number",
            Self::Salutation => "salutation",
            Self::LastName => "last-name",
            Self::FirstName => "first-name",
            Self::Email => "email",
            Self::Company => "company",
            Self::Phone => "phone",
            Self::Gender => "gender",
            Self::DateOfBirth => "date-of-birth",
            Self::Locale => "locale",
            Self::PreferredSite => "preferred-site",
            Self::Restriction => "restriction",
            Self::Currency => "currency",
            Self::Verification => "verification",
            Self::Active => "active",
            Self::OnHold => "on-hold",
            Self::Created => "created",
            Self::Registered => "registered",
            Self::LastLogin => "last-login",
            Self::Groups => "groups",
            Self::Attribute { code, .. } => return format!("attr-{code}"),
        }
        .to_owned()
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

    /// What `customer`'s cell holds.
    pub fn cell(&self, customer: &Customer) -> Cell {
        let text = |value: Option<&str>| Cell::Text(value.unwrap_or_default().to_owned());
        let yes_no = |flag: bool| Cell::Text(if flag { "Yes" } else { "No" }.to_owned());
        let moment = |at: Option<DateTime<Utc>>| at.map_or(Cell::Text(String::new()), Cell::Moment);
        match self {
            Self::CustomerRef => text(Some(&customer.customer_ref)),
            Self::CustomerNumber => text(Some(&customer.customer_number)),
            Self::Salutation => text(customer.salutation.map(|value| value.label())),
            Self::LastName => text(Some(customer.last_name.as_str())),
            Self::FirstName => text(Some(customer.first_name.as_str())),
            Self::Email => text(Some(customer.email.as_str())),
            Self::Company => text(customer.company.as_deref()),
            Self::Phone => text(customer.phone.as_ref().map(|phone| phone.as_str())),
            Self::Gender => text(customer.gender.map(|value| value.label())),
            Self::DateOfBirth => Cell::Text(
                customer
                    .date_of_birth
                    .map(|date| date.format("%Y-%m-%d").to_string())
                    .unwrap_or_default(),
            ),
            Self::Locale => text(customer.locale.as_ref().map(|locale| locale.as_str())),
            Self::PreferredSite => text(customer.preferred_site.as_deref()),
            Self::Restriction => text(customer.restriction.as_deref()),
            Self::Currency => text(Some(customer.preferred_currency.as_str())),
            Self::Verification => text(Some(customer.verification().label())),
            Self::Active => yes_no(customer.active),
            Self::OnHold => yes_no(customer.on_hold),
            Self::Created => Cell::Day(customer.created_at),
            Self::Registered => moment(customer.registered_at),
            Self::LastLogin => moment(customer.last_login_at),
            Self::Groups => Cell::Text(customer.groups.join(", ")),
            Self::Attribute { code, .. } => text(customer.attributes.get(code).map(String::as_str)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::custom_attribute::AttributeKind;

    fn tier() -> AttributeDefinition {
        AttributeDefinition {
            code: "tier".into(),
            label: "Loyalty tier".into(),
            other_labels: Vec::new(),
            kind: AttributeKind::Text,
            required: false,
            choices: Vec::new(),
        }
    }

    #[test]
    fn every_column_is_found_again_by_its_key_and_keys_are_distinct() {
        let attributes = [tier()];
        let all = CustomerColumn::all(&attributes);
        for column in &all {
            assert_eq!(
                CustomerColumn::from_key(&column.key(), &attributes).as_ref(),
                Some(column)
            );
        }
        let mut keys: Vec<String> = all.iter().map(CustomerColumn::key).collect();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), all.len());
        assert_eq!(
            CustomerColumn::from_key("attr-tier", &[]),
            None,
            "a removed attribute's column is gone"
        );
    }

    #[test]
    fn the_defaults_are_offered_columns_and_sortable_ones_say_how() {
        let all = CustomerColumn::all(&[]);
        assert!(
            CustomerColumn::defaults()
                .iter()
                .all(|column| all.contains(column))
        );
        let sorts: Vec<CustomerSort> = all.iter().filter_map(CustomerColumn::sort).collect();
        assert_eq!(
            sorts.len(),
            CustomerSort::ALL.len(),
            "each sort has its column"
        );
    }
}
