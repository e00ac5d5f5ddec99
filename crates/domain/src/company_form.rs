//! The company form (seed 004's "Create a new company"): name, tax ID, customer
//! group and sales representative are required; a website and a billing address
//! are optional. The UI checks it as the person types; the backend checks it again.

use serde::{Deserialize, Serialize};
use url::Url;

use crate::bounds::{chars_over, too_long};
use crate::characters::{check_visible, nfc};
use crate::company_address::{CompanyAddressDetails, CompanyAddressInput};
use crate::customer_group::GroupId;
use crate::field::Keep;
use crate::staff::StaffId;
use crate::tax_id::{TaxId, parse_tax_id};
use crate::{FieldError, FieldErrorCode};

/// Form field names of the company form.
pub mod fields {
    /// The company's name.
    pub const NAME: &str = "name";
    /// Its tax ID.
    pub const TAX_ID: &str = "tax_id";
    /// Its customer group.
    pub const GROUP: &str = "group";
    /// Its sales representative.
    pub const SALES_REP: &str = "sales_rep";
    /// Its website.
    pub const WEBSITE: &str = "website";
    /// Whether it may order.
    pub const ACTIVE: &str = "active";
}

/// The longest company name, in characters.
pub const MAX_COMPANY_NAME_CHARS: usize = 200;
/// The longest website address, in characters.
pub const MAX_WEBSITE_CHARS: usize = 2_000;

/// The company form as typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompanyInput {
    /// The name typed.
    pub name: String,
    /// The tax ID typed.
    pub tax_id: String,
    /// The customer group chosen.
    pub group: Option<GroupId>,
    /// The sales rep chosen.
    pub sales_rep: Option<StaffId>,
    /// The website typed (may be empty).
    pub website: String,
    /// Whether the company may order.
    pub active: bool,
    /// The billing address, when one is given.
    pub billing: Option<CompanyAddressInput>,
}

impl Default for CompanyInput {
    fn default() -> Self {
        Self {
            name: String::new(),
            tax_id: String::new(),
            group: None,
            sales_rep: None,
            website: String::new(),
            // A new company may order unless someone says otherwise.
            active: true,
            billing: None,
        }
    }
}

/// The company form, checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompanyDetails {
    /// Trimmed, NFC, 1 to 200 visible characters.
    pub name: String,
    /// Checked by its country's rule where one is known.
    pub tax_id: TaxId,
    /// The customer group.
    pub group: GroupId,
    /// The sales rep (the backend checks they have the Sales rep role).
    pub sales_rep: StaffId,
    /// An http or https address.
    pub website: Option<String>,
    /// Whether it may order.
    pub active: bool,
    /// The billing address.
    pub billing: Option<CompanyAddressDetails>,
}

impl CompanyInput {
    /// The checked form, or every problem with a message per field.
    pub fn parse(&self) -> Result<CompanyDetails, Vec<FieldError>> {
        let mut problems = Vec::new();
        let mut keep = Keep(&mut problems);
        let name = keep.take(parse_company_name(&self.name));
        let tax_id = keep.take(parse_tax_id(fields::TAX_ID, &self.tax_id));
        let group = keep.take(self.group.ok_or_else(|| {
            FieldError::new(
                fields::GROUP,
                FieldErrorCode::Required,
                "Choose the customer group whose prices and terms the company gets.",
            )
        }));
        let sales_rep = keep.take(self.sales_rep.ok_or_else(|| {
            FieldError::new(
                fields::SALES_REP,
                FieldErrorCode::Required,
                "Choose the sales representative who looks after the company.",
            )
        }));
        let website = keep.take(parse_website(&self.website));
        let billing = match &self.billing {
            Some(input) => match input.parse() {
                Ok(details) => Some(details),
                Err(mut more) => {
                    problems.append(&mut more);
                    None
                }
            },
            None => None,
        };
        match (name, tax_id, group, sales_rep, website) {
            (Some(name), Some(tax_id), Some(group), Some(sales_rep), Some(website))
                if problems.is_empty() =>
            {
                Ok(CompanyDetails {
                    name,
                    tax_id,
                    group,
                    sales_rep,
                    website,
                    active: self.active,
                    billing,
                })
            }
            _ => Err(problems),
        }
    }
}

/// A company name: trimmed, NFC, 1 to 200 visible characters.
pub fn parse_company_name(raw: &str) -> Result<String, FieldError> {
    let name = nfc(raw.trim());
    if name.is_empty() {
        return Err(FieldError::new(
            fields::NAME,
            FieldErrorCode::Required,
            "Enter the company's name, as on its invoices, like \"Acme Trading GmbH\".",
        ));
    }
    if let Some(chars) = chars_over(&name, MAX_COMPANY_NAME_CHARS) {
        return Err(too_long(
            fields::NAME,
            "name",
            MAX_COMPANY_NAME_CHARS,
            chars,
        ));
    }
    check_visible(fields::NAME, "name", &name)?;
    Ok(name)
}

/// A website: empty for none; `https://` is assumed when no scheme is typed; only
/// http and https addresses with a host name are taken.
pub fn parse_website(raw: &str) -> Result<Option<String>, FieldError> {
    let typed = raw.trim();
    if typed.is_empty() {
        return Ok(None);
    }
    if let Some(chars) = chars_over(typed, MAX_WEBSITE_CHARS) {
        return Err(too_long(
            fields::WEBSITE,
            "website",
            MAX_WEBSITE_CHARS,
            chars,
        ));
    }
    let problem =
        |message: &str| FieldError::new(fields::WEBSITE, FieldErrorCode::InvalidChoice, message);
    let with_scheme = if typed.contains("://") {
        typed.to_owned()
    } else {
        format!("https://{typed}")
    };
    let url = Url::parse(&with_scheme).map_err(|_| {
        problem("Enter the website's address, like https://acme.example or acme.example.")
    })?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(problem(
            "Enter a web address starting with https:// or http://.",
        ));
    }
    let host = url.host_str().unwrap_or_default();
    if !host.contains('.') || typed.contains(char::is_whitespace) {
        return Err(problem(
            "Enter the website's address, like https://acme.example or acme.example.",
        ));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(problem(
            "Leave the user name and password out of the website's address.",
        ));
    }
    Ok(Some(url.to_string()))
}

#[cfg(test)]
mod tests {
    use uuid::Uuid;

    use super::*;

    fn valid() -> CompanyInput {
        CompanyInput {
            name: " Acme Trading GmbH ".into(),
            tax_id: "DE 136 695 976".into(),
            group: Some(GroupId(Uuid::nil())),
            sales_rep: Some(StaffId(Uuid::nil())),
            ..CompanyInput::default()
        }
    }

    #[test]
    fn the_four_required_fields_make_a_company() {
        let details = valid().parse().expect("valid");
        assert_eq!(details.name, "Acme Trading GmbH");
        assert_eq!(details.tax_id.as_str(), "DE136695976");
        assert_eq!(details.website, None);
        assert!(details.active);
        assert_eq!(details.billing, None);
    }

    #[test]
    fn an_empty_form_names_every_required_field() {
        let problems = CompanyInput::default().parse().expect_err("empty");
        let named: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(
            named,
            [
                fields::NAME,
                fields::TAX_ID,
                fields::GROUP,
                fields::SALES_REP
            ]
        );
        assert!(problems.iter().all(|p| p.code == FieldErrorCode::Required));
    }

    #[test]
    fn websites_are_http_or_https_and_get_https_when_typed_bare() {
        assert_eq!(
            parse_website("acme.example").expect("bare"),
            Some("https://acme.example/".into())
        );
        assert_eq!(
            parse_website(" http://acme.example/shop ").expect("http"),
            Some("http://acme.example/shop".into())
        );
        assert_eq!(parse_website("").expect("none"), None);
        for bad in [
            "ftp://acme.example",
            "acme",
            "https://bob:pw@acme.example",
            "acme example.com",
            "javascript:alert(1)",
        ] {
            let problem = parse_website(bad).expect_err(bad);
            assert_eq!(problem.field, fields::WEBSITE, "{bad}");
        }
    }

    #[test]
    fn a_billing_address_given_is_checked_with_the_rest() {
        let mut input = valid();
        input.billing = Some(CompanyAddressInput {
            line1: "Hauptstrasse 1".into(),
            postal_code: "123".into(),
            city: "Berlin".into(),
            country: "DE".into(),
            ..CompanyAddressInput::default()
        });
        let problems = input
            .parse()
            .expect_err("German postal codes have 5 digits");
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].field, "billing_postal_code");
    }
}
