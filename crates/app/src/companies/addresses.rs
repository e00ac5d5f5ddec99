//! A company's address book (seed 004): billing and shipping addresses, one default
//! of each kind; adding, changing, removing and choosing the default, each audited on
//! the company with the address in words.

use chrono::{DateTime, SubsecRound, Utc};
use desk_domain::audit::{AuditAction, EntityType, FieldChange};
use desk_domain::company::CompanyId;
use desk_domain::company_address::{
    CompanyAddress, CompanyAddressId, CompanyAddressRef, CompanyAddressSave,
};
use desk_domain::{DeskError, EntityKind};
use desk_store::{Effects, NewCompanyAddress, Store, StoreError};

use super::list::{ensure_in_scope, get_company};
use crate::audit::{Attribution, entry};
use crate::internal_error;
use crate::policy::Scope;

/// A company's addresses ("not found" for a company outside the scope).
pub async fn company_addresses(
    store: &dyn Store,
    scope: Scope,
    company: CompanyId,
) -> Result<Vec<CompanyAddress>, DeskError> {
    ensure_in_scope(store, scope, company).await?;
    store
        .company_addresses(company)
        .await
        .map_err(|error| internal_error("reading a company's addresses", &error))
}

/// Adds an address (the first of its kind becomes the default) or changes one.
pub async fn save_company_address(
    store: &dyn Store,
    by: &Attribution,
    save: &CompanyAddressSave,
    now: DateTime<Utc>,
) -> Result<(), DeskError> {
    let details = save
        .input
        .parse_as("")
        .map_err(|fields| DeskError::Validation { fields })?;
    let company = get_company(store, Scope::Everything, save.company).await?;
    let at = now.trunc_subsecs(6);
    let result = match save.id {
        None => {
            let effects = Effects::audit(entry(
                by,
                at,
                AuditAction::CompanyAddressAdded,
                EntityType::Company,
                company.row.id.to_string(),
                vec![FieldChange::added(save.kind.code(), details.one_line())],
            ));
            store
                .insert_company_address(
                    &NewCompanyAddress {
                        company: save.company,
                        id: CompanyAddressId(uuid::Uuid::now_v7()),
                        kind: save.kind,
                        details: &details,
                        make_default: save.make_default,
                        at,
                    },
                    &effects,
                )
                .await
        }
        Some(id) => {
            let stored = find(store, save.company, id).await?;
            if stored.details == details {
                return Ok(());
            }
            let effects = Effects::audit(entry(
                by,
                at,
                AuditAction::CompanyAddressChanged,
                EntityType::Company,
                company.row.id.to_string(),
                vec![FieldChange::changed(
                    stored.kind.code(),
                    stored.details.one_line(),
                    details.one_line(),
                )],
            ));
            store
                .update_company_address(save.company, id, &details, at, &effects)
                .await
        }
    };
    result.map_err(|error| match error {
        StoreError::NotFound => address_gone(save.id.unwrap_or_default()),
        other => internal_error("saving a company address", &other),
    })
}

/// Removes an address; the oldest other of its kind becomes the default if it was.
pub async fn delete_company_address(
    store: &dyn Store,
    by: &Attribution,
    address: CompanyAddressRef,
    now: DateTime<Utc>,
) -> Result<(), DeskError> {
    let stored = find(store, address.company, address.id).await?;
    let effects = Effects::audit(entry(
        by,
        now.trunc_subsecs(6),
        AuditAction::CompanyAddressRemoved,
        EntityType::Company,
        address.company.to_string(),
        vec![FieldChange::removed(
            stored.kind.code(),
            stored.details.one_line(),
        )],
    ));
    store
        .delete_company_address(address.company, address.id, &effects)
        .await
        .map_err(|error| match error {
            StoreError::NotFound => address_gone(address.id),
            other => internal_error("removing a company address", &other),
        })
}

/// Makes an address the default of its kind.
pub async fn set_default_company_address(
    store: &dyn Store,
    by: &Attribution,
    address: CompanyAddressRef,
    now: DateTime<Utc>,
) -> Result<(), DeskError> {
    let addresses = company_addresses(store, Scope::Everything, address.company).await?;
    let chosen = addresses
        .iter()
        .find(|candidate| candidate.id == address.id)
        .ok_or_else(|| address_gone(address.id))?;
    if chosen.is_default {
        return Ok(());
    }
    let before = addresses
        .iter()
        .find(|other| other.kind == chosen.kind && other.is_default)
        .map(|other| other.details.one_line())
        .unwrap_or_default();
    let at = now.trunc_subsecs(6);
    let effects = Effects::audit(entry(
        by,
        at,
        AuditAction::CompanyDefaultAddressChanged,
        EntityType::Company,
        address.company.to_string(),
        vec![FieldChange::changed(
            chosen.kind.code(),
            before,
            chosen.details.one_line(),
        )],
    ));
    store
        .set_default_company_address(address.company, address.id, at, &effects)
        .await
        .map_err(|error| match error {
            StoreError::NotFound => address_gone(address.id),
            other => internal_error("choosing a default company address", &other),
        })
}

async fn find(
    store: &dyn Store,
    company: CompanyId,
    id: CompanyAddressId,
) -> Result<CompanyAddress, DeskError> {
    company_addresses(store, Scope::Everything, company)
        .await?
        .into_iter()
        .find(|address| address.id == id)
        .ok_or_else(|| address_gone(id))
}

fn address_gone(id: CompanyAddressId) -> DeskError {
    DeskError::NotFound {
        entity: EntityKind::Address,
        id: id.to_string(),
    }
}
