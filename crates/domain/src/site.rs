//! Sites: the storefronts a store sells through, each with its code (used by the
//! storefront's configuration), its URL (links in emails are built from it), and its
//! default currency and locale.

use serde::{Deserialize, Serialize};
use url::Url;

use crate::bounds::{caps, chars_over, too_long};
use crate::locale_tag::LocaleTag;
use crate::transport::is_loopback;
use crate::{CurrencyCode, FieldError, FieldErrorCode};

/// Form field names of the site form.
pub mod fields {
    /// The code a site had when editing (codes do not change).
    pub const ORIGINAL_CODE: &str = "original_code";
    /// Code.
    pub const CODE: &str = "code";
    /// Name.
    pub const NAME: &str = "name";
    /// Storefront URL.
    pub const STOREFRONT_URL: &str = "storefront_url";
    /// Default currency.
    pub const DEFAULT_CURRENCY: &str = "default_currency";
    /// Default locale.
    pub const DEFAULT_LOCALE: &str = "default_locale";
}

/// The site every new store has.
pub const DEFAULT_SITE: &str = "default";

/// A site, checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Site {
    /// Unique, `[a-z0-9-]`, fixed once created.
    pub code: String,
    /// As people know it.
    pub name: String,
    /// Where its storefront is (https; `http://localhost` for testing); `None` until
    /// known, and then no links can be built for it.
    pub storefront_url: Option<String>,
    /// The currency its customers start with.
    pub default_currency: CurrencyCode,
    /// The locale its customers start with.
    pub default_locale: LocaleTag,
    /// Whether support agents may shop on a customer's behalf there.
    pub assisted_buying: bool,
}

/// The site form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SiteInput {
    /// `None` for a new site; the code of the site being edited otherwise.
    pub original_code: Option<String>,
    /// As typed (new sites only).
    pub code: String,
    /// As typed.
    pub name: String,
    /// As typed; empty for none yet.
    pub storefront_url: String,
    /// As typed or chosen.
    pub default_currency: String,
    /// As typed or chosen.
    pub default_locale: String,
    /// Ticked.
    pub assisted_buying: bool,
}

impl From<&Site> for SiteInput {
    fn from(site: &Site) -> Self {
        Self {
            original_code: Some(site.code.clone()),
            code: site.code.clone(),
            name: site.name.clone(),
            storefront_url: site.storefront_url.clone().unwrap_or_default(),
            default_currency: site.default_currency.to_string(),
            default_locale: site.default_locale.to_string(),
            assisted_buying: site.assisted_buying,
        }
    }
}

/// Checks a site code: 1 to [`caps::SITE_CODE`] of `a-z`, `0-9` and `-`, not starting or
/// ending with `-`.
pub fn parse_site_code(raw: &str) -> Result<String, FieldError> {
    let code = raw.trim();
    if code.is_empty() {
        return Err(FieldError::new(
            fields::CODE,
            FieldErrorCode::Required,
            "Enter a code for the site, such as de-shop.",
        ));
    }
    if let Some(chars) = chars_over(code, caps::SITE_CODE) {
        return Err(too_long(fields::CODE, "site code", caps::SITE_CODE, chars));
    }
    let allowed = code
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !allowed || code.starts_with('-') || code.ends_with('-') {
        return Err(FieldError::new(
            fields::CODE,
            FieldErrorCode::InvalidCharacters,
            "Use only lower-case letters a-z, digits and hyphens (not at the start or end), \
             such as de-shop.",
        ));
    }
    Ok(code.to_owned())
}

/// Checks a storefront URL: `https://…`, or `http://` to this computer for testing;
/// no user name or password in it. Written without a trailing slash.
pub fn parse_storefront_url(raw: &str) -> Result<Option<String>, FieldError> {
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        return Ok(None);
    }
    if let Some(chars) = chars_over(trimmed, caps::URL) {
        return Err(too_long(fields::STOREFRONT_URL, "URL", caps::URL, chars));
    }
    let problem = |message: &str| {
        Err(FieldError::new(
            fields::STOREFRONT_URL,
            FieldErrorCode::InvalidChoice,
            message,
        ))
    };
    let Ok(url) = Url::parse(trimmed) else {
        return problem("Enter the storefront's address, such as https://shop.example.com.");
    };
    let host = url.host_str().unwrap_or_default();
    match url.scheme() {
        "https" if !host.is_empty() => {}
        "http" if is_loopback(host) => {}
        "http" => {
            return problem(
                "Use https: links in emails carry sign-in tokens, which must not cross the \
                 network unencrypted (http is allowed only for localhost, for testing).",
            );
        }
        _ => return problem("Enter an https address, such as https://shop.example.com."),
    }
    if !url.username().is_empty() || url.password().is_some() {
        return problem("Remove the user name and password from the address.");
    }
    if url.query().is_some() || url.fragment().is_some() {
        return problem("Enter the storefront's base address, without ? or # parts.");
    }
    Ok(Some(url.as_str().trim_end_matches('/').to_owned()))
}

impl SiteInput {
    /// Checks the form and builds the site, reporting every problem at once. Whether
    /// the currency and locale are enabled in the store is the backend's check.
    pub fn parse(&self) -> Result<Site, Vec<FieldError>> {
        let code = match &self.original_code {
            Some(original) => Ok(original.clone()),
            None => parse_site_code(&self.code),
        };
        let name = self.name.trim();
        let name = if name.is_empty() {
            Err(FieldError::new(
                fields::NAME,
                FieldErrorCode::Required,
                "Enter the site's name, as people know it.",
            ))
        } else if let Some(chars) = chars_over(name, caps::SITE_NAME) {
            Err(too_long(fields::NAME, "site name", caps::SITE_NAME, chars))
        } else if name.chars().any(char::is_control) {
            Err(FieldError::new(
                fields::NAME,
                FieldErrorCode::InvalidCharacters,
                "Remove line breaks and other control characters from the name.",
            ))
        } else {
            Ok(name.to_owned())
        };
        let url = parse_storefront_url(&self.storefront_url);
        let currency = CurrencyCode::parse(fields::DEFAULT_CURRENCY, &self.default_currency);
        let locale = LocaleTag::parse(fields::DEFAULT_LOCALE, &self.default_locale);
        match (code, name, url, currency, locale) {
            (Ok(code), Ok(name), Ok(storefront_url), Ok(default_currency), Ok(default_locale)) => {
                Ok(Site {
                    code,
                    name,
                    storefront_url,
                    default_currency,
                    default_locale,
                    assisted_buying: self.assisted_buying,
                })
            }
            (code, name, url, currency, locale) => Err([
                code.err(),
                name.err(),
                url.err(),
                currency.err(),
                locale.err(),
            ]
            .into_iter()
            .flatten()
            .collect()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> SiteInput {
        SiteInput {
            code: "de-shop".into(),
            name: "German shop".into(),
            storefront_url: "https://shop.example.de/".into(),
            default_currency: "eur".into(),
            default_locale: "de_de".into(),
            ..SiteInput::default()
        }
    }

    #[test]
    fn a_complete_site_parses_canonically() {
        let site = input().parse().expect("valid");
        assert_eq!(site.code, "de-shop");
        assert_eq!(
            site.storefront_url.as_deref(),
            Some("https://shop.example.de")
        );
        assert_eq!(site.default_currency.to_string(), "EUR");
        assert_eq!(site.default_locale.as_str(), "de-DE");
    }

    #[test]
    fn codes_are_lower_case_letters_digits_and_inner_hyphens() {
        for good in ["default", "b2b-eu", "shop2"] {
            assert_eq!(parse_site_code(good).expect(good), good);
        }
        for bad in ["DE", "de_shop", "-de", "de-", "dé", "a b"] {
            assert_eq!(
                parse_site_code(bad).expect_err(bad).code,
                FieldErrorCode::InvalidCharacters
            );
        }
    }

    #[test]
    fn storefront_urls_are_https_or_local_http() {
        assert_eq!(parse_storefront_url("  ").expect("none"), None);
        assert_eq!(
            parse_storefront_url("http://localhost:3000/").expect("local"),
            Some("http://localhost:3000".into())
        );
        for bad in [
            "http://shop.example.com",
            "ftp://shop.example.com",
            "shop.example.com",
            "https://ann:secret@shop.example.com",
            "https://shop.example.com/?x=1",
        ] {
            let problem = parse_storefront_url(bad).expect_err(bad);
            assert_eq!(problem.field, fields::STOREFRONT_URL, "{bad}");
        }
    }

    #[test]
    fn an_edited_site_keeps_its_code() {
        let site = SiteInput {
            original_code: Some("default".into()),
            code: "something-else".into(),
            ..input()
        }
        .parse()
        .expect("valid");
        assert_eq!(site.code, "default");
    }

    #[test]
    fn every_problem_is_reported_beside_its_field() {
        let problems = SiteInput {
            code: "Bad Code".into(),
            name: " ".into(),
            storefront_url: "http://shop.example.com".into(),
            default_currency: "XAU".into(),
            default_locale: "english".into(),
            ..SiteInput::default()
        }
        .parse()
        .expect_err("refused");
        let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                fields::CODE,
                fields::NAME,
                fields::STOREFRONT_URL,
                fields::DEFAULT_CURRENCY,
                fields::DEFAULT_LOCALE
            ]
        );
    }
}
