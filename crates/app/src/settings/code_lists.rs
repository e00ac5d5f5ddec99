//! The currencies and locales a store uses: enable, disable (never the default, nor
//! one a site or customer uses, and the refusal names them), make default.

use chrono::{DateTime, Utc};
use desk_domain::audit::{AuditAction, EntityType, FieldChange};
use desk_domain::locale_tag::LocaleTag;
use desk_domain::store_preferences::{
    CodeChange, CodeList, CodeListChangeInput, CurrenciesAndLocales, EnabledCode, fields,
};
use desk_domain::{CurrencyCode, DeskError, FieldErrorCode};
use desk_store::{CodeUsers, Effects, StoreError};
use icu_locale::LocaleCanonicalizer;

use super::{and_list, field_problem};
use crate::audit::entry;
use crate::desk::{Actor, Desk};
use crate::internal_error;

/// The enabled currencies and locales.
pub async fn currencies_and_locales(desk: &Desk) -> Result<CurrenciesAndLocales, DeskError> {
    let store = desk.store()?;
    let read = |error: StoreError| internal_error("reading the currencies and locales", &error);
    let currencies = store
        .code_list(CodeList::Currencies)
        .await
        .map_err(read)?
        .into_iter()
        .map(|(code, is_default)| EnabledCode {
            name: CurrencyCode::from_trusted(code.clone()).name(),
            code,
            is_default,
        })
        .collect();
    let locales = store
        .code_list(CodeList::Locales)
        .await
        .map_err(read)?
        .into_iter()
        .map(|(code, is_default)| EnabledCode {
            name: String::new(),
            code,
            is_default,
        })
        .collect();
    Ok(CurrenciesAndLocales {
        currencies,
        locales,
    })
}

/// The code as the store keeps it: an ISO 4217 code, or a locale tag with deprecated
/// subtags replaced (`iw` → `he`, `in` → `id`) by ICU's canonicalizer.
fn canonical_code(list: CodeList, raw: &str) -> Result<String, DeskError> {
    let refused = |problem| DeskError::Validation {
        fields: vec![problem],
    };
    match list {
        CodeList::Currencies => CurrencyCode::parse(fields::CODE, raw)
            .map(|code| code.to_string())
            .map_err(refused),
        CodeList::Locales => {
            let tag = LocaleTag::parse(fields::CODE, raw).map_err(refused)?;
            let mut locale: icu_locale::Locale = tag
                .as_str()
                .parse()
                .map_err(|_| internal_error("re-reading a parsed locale", &tag))?;
            LocaleCanonicalizer::new_extended().canonicalize(&mut locale);
            Ok(locale.to_string())
        }
    }
}

fn what(list: CodeList) -> (&'static str, &'static str) {
    match list {
        CodeList::Currencies => ("currency", "currencies"),
        CodeList::Locales => ("locale", "locales"),
    }
}

fn in_use_message(list: CodeList, code: &str, users: &CodeUsers) -> String {
    let mut parts = Vec::new();
    match users.sites.as_slice() {
        [] => {}
        [site] => parts.push(format!("the site {site}")),
        sites => parts.push(format!("the sites {}", and_list(sites))),
    }
    if users.customers > 0 {
        let noun = if users.customers == 1 {
            "customer"
        } else {
            "customers"
        };
        let mut names = users.some_customers.join(", ");
        if users.customers > users.some_customers.len() as u64 {
            names.push_str(", …");
        }
        parts.push(format!("{} {noun} ({names})", users.customers));
    }
    let (one, _) = what(list);
    format!(
        "{code} is used by {}: give them another {one} first.",
        and_list(&parts)
    )
}

/// Enables, disables or makes default a currency or locale.
pub async fn change_code_list(
    desk: &Desk,
    by: &Actor,
    input: &CodeListChangeInput,
    now: DateTime<Utc>,
) -> Result<CurrenciesAndLocales, DeskError> {
    let list = input.list;
    let code = canonical_code(list, &input.code)?;
    let (one, _) = what(list);
    let store = desk.store()?;
    let enabled = store
        .code_list(list)
        .await
        .map_err(|error| internal_error("reading the enabled codes", &error))?;
    let current = enabled.iter().find(|(known, _)| *known == code);
    let action = match (input.change, list) {
        (CodeChange::Enable, CodeList::Currencies) => AuditAction::CurrencyEnabled,
        (CodeChange::Enable, CodeList::Locales) => AuditAction::LocaleEnabled,
        (CodeChange::Disable, CodeList::Currencies) => AuditAction::CurrencyDisabled,
        (CodeChange::Disable, CodeList::Locales) => AuditAction::LocaleDisabled,
        (CodeChange::MakeDefault, CodeList::Currencies) => AuditAction::DefaultCurrencyChanged,
        (CodeChange::MakeDefault, CodeList::Locales) => AuditAction::DefaultLocaleChanged,
    };
    let previous_default = enabled
        .iter()
        .find(|(_, is_default)| *is_default)
        .map(|(known, _)| known.clone())
        .unwrap_or_default();
    let change = match input.change {
        CodeChange::Enable if current.is_some() => {
            return Err(field_problem(
                fields::CODE,
                FieldErrorCode::AlreadyInUse,
                format!("{code} is enabled already."),
            ));
        }
        CodeChange::Enable => FieldChange::added("enabled", code.clone()),
        CodeChange::Disable | CodeChange::MakeDefault if current.is_none() => {
            return Err(field_problem(
                fields::CODE,
                FieldErrorCode::InvalidChoice,
                format!("{code} is not enabled for this store."),
            ));
        }
        CodeChange::Disable if current.is_some_and(|(_, is_default)| *is_default) => {
            return Err(field_problem(
                fields::CODE,
                FieldErrorCode::InvalidChoice,
                format!("{code} is the default {one}: make another one the default first."),
            ));
        }
        CodeChange::Disable => {
            let users = store
                .code_users(list, &code)
                .await
                .map_err(|error| internal_error("reading who uses a code", &error))?;
            if !users.is_empty() {
                return Err(field_problem(
                    fields::CODE,
                    FieldErrorCode::AlreadyInUse,
                    in_use_message(list, &code, &users),
                ));
            }
            FieldChange {
                field: "enabled".into(),
                old: Some(code.clone()),
                new: None,
            }
        }
        CodeChange::MakeDefault => FieldChange::changed("default", previous_default, code.clone()),
    };
    let audit = Effects::audit(entry(
        &by.attribution(),
        now,
        action,
        EntityType::Settings,
        code.clone(),
        vec![change],
    ));
    match store.change_code(list, input.change, &code, &audit).await {
        Ok(()) => currencies_and_locales(desk).await,
        Err(StoreError::NotFound) => Err(field_problem(
            fields::CODE,
            FieldErrorCode::InvalidChoice,
            format!("{code} is not enabled for this store (any more)."),
        )),
        // A site took it as its default meanwhile: the foreign key refused.
        Err(StoreError::InUse) => Err(field_problem(
            fields::CODE,
            FieldErrorCode::AlreadyInUse,
            format!("{code} has just been given to a site: give the site another {one} first."),
        )),
        Err(error) => Err(internal_error("changing the enabled codes", &error)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deprecated_language_codes_are_replaced() {
        assert_eq!(
            canonical_code(CodeList::Locales, "iw").expect("valid"),
            "he"
        );
        assert_eq!(
            canonical_code(CodeList::Locales, "en_us").expect("valid"),
            "en-US"
        );
        assert_eq!(
            canonical_code(CodeList::Currencies, "usd").expect("valid"),
            "USD"
        );
    }

    #[test]
    fn a_refusal_names_the_sites_and_some_customers() {
        let users = CodeUsers {
            sites: vec!["German shop".into(), "Swiss shop".into()],
            customers: 1204,
            some_customers: vec!["Ann Lee".into(), "Bo Chan".into(), "Cy Dunn".into()],
        };
        assert_eq!(
            in_use_message(CodeList::Currencies, "EUR", &users),
            "EUR is used by the sites German shop and Swiss shop and 1204 customers \
             (Ann Lee, Bo Chan, Cy Dunn, …): give them another currency first."
        );
    }
}
