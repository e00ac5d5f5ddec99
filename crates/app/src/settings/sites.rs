//! Sites: adding and editing, with the currency and locale checked against what the
//! store has enabled.

use chrono::{DateTime, Utc};
use desk_domain::audit::{AuditAction, EntityType, FieldChange};
use desk_domain::site::{Site, SiteInput, fields};
use desk_domain::store_preferences::CodeList;
use desk_domain::{DeskError, EntityKind, FieldError, FieldErrorCode};
use desk_store::{Effects, StoreError, UniqueField};

use super::and_list;
use crate::audit::entry;
use crate::desk::{Actor, Desk};
use crate::internal_error;

/// Every site, by code.
pub async fn list_sites(desk: &Desk) -> Result<Vec<Site>, DeskError> {
    desk.store()?
        .sites()
        .await
        .map_err(|error| internal_error("reading the sites", &error))
}

fn described(site: &Site) -> [(&'static str, String); 5] {
    [
        (fields::NAME, site.name.clone()),
        (
            fields::STOREFRONT_URL,
            site.storefront_url.clone().unwrap_or_default(),
        ),
        (fields::DEFAULT_CURRENCY, site.default_currency.to_string()),
        (fields::DEFAULT_LOCALE, site.default_locale.to_string()),
        (
            "assisted_buying",
            if site.assisted_buying { "on" } else { "off" }.to_owned(),
        ),
    ]
}

fn changes(before: Option<&Site>, after: &Site) -> Vec<FieldChange> {
    let old = before.map(described);
    described(after)
        .into_iter()
        .enumerate()
        .filter_map(|(index, (field, new))| match &old {
            None if new.is_empty() => None,
            None => Some(FieldChange::added(field, new)),
            Some(old) if old[index].1 != new => {
                Some(FieldChange::changed(field, old[index].1.clone(), new))
            }
            Some(_) => None,
        })
        .collect()
}

/// Adds a site, or edits the one `input.original_code` names (a code never changes:
/// storefronts are configured with it).
pub async fn save_site(
    desk: &Desk,
    by: &Actor,
    input: &SiteInput,
    now: DateTime<Utc>,
) -> Result<Vec<Site>, DeskError> {
    let site = input
        .parse()
        .map_err(|fields| DeskError::Validation { fields })?;
    let store = desk.store()?;
    let mut problems = Vec::new();
    for (list, field, value) in [
        (
            CodeList::Currencies,
            fields::DEFAULT_CURRENCY,
            site.default_currency.to_string(),
        ),
        (
            CodeList::Locales,
            fields::DEFAULT_LOCALE,
            site.default_locale.to_string(),
        ),
    ] {
        let enabled: Vec<String> = store
            .code_list(list)
            .await
            .map_err(|error| internal_error("reading the enabled codes", &error))?
            .into_iter()
            .map(|(code, _)| code)
            .collect();
        if !enabled.contains(&value) {
            problems.push(FieldError::new(
                field,
                FieldErrorCode::InvalidChoice,
                format!(
                    "{value} is not enabled for this store: choose {} or enable it under \
                     Currencies and locales first.",
                    and_list(&enabled).replace(" and ", " or ")
                ),
            ));
        }
    }
    if !problems.is_empty() {
        return Err(DeskError::Validation { fields: problems });
    }
    let before = match &input.original_code {
        Some(code) => Some(
            store
                .sites()
                .await
                .map_err(|error| internal_error("reading the sites", &error))?
                .into_iter()
                .find(|existing| existing.code == *code)
                .ok_or_else(|| DeskError::NotFound {
                    entity: EntityKind::Site,
                    id: code.clone(),
                })?,
        ),
        None => None,
    };
    let (action, write) = match before {
        Some(_) => (AuditAction::SiteChanged, false),
        None => (AuditAction::SiteCreated, true),
    };
    let audit = Effects::audit(entry(
        &by.attribution(),
        now,
        action,
        EntityType::Site,
        site.code.clone(),
        changes(before.as_ref(), &site),
    ));
    let written = if write {
        store.insert_site(&site, &audit).await
    } else {
        store.update_site(&site, &audit).await
    };
    match written {
        Ok(()) => list_sites(desk).await,
        Err(StoreError::Duplicate(UniqueField::SiteCode)) => Err(super::field_problem(
            fields::CODE,
            FieldErrorCode::AlreadyInUse,
            format!("A site with the code {} exists already.", site.code),
        )),
        Err(StoreError::NotFound) => Err(DeskError::NotFound {
            entity: EntityKind::Site,
            id: site.code,
        }),
        Err(error) => Err(internal_error("saving the site", &error)),
    }
}
