//! A customer's addresses: add, edit (without lost updates), remove, choose the
//! default billing and shipping address. Each change is audited on the customer, so
//! it shows in their history.

use chrono::{DateTime, SubsecRound, Utc};
use desk_domain::audit::{AuditAction, EntityType, FieldChange};
use desk_domain::customer::CustomerId;
use desk_domain::customer_address::{
    Address, AddressDefault, AddressDetails, AddressId, AddressSave, fields,
};
use desk_domain::{DeskError, EntityKind, FieldError, FieldErrorCode, StoredValue};
use desk_store::{Effects, NewAddressRecord, Store, StoreError, UniqueField};

use super::get::get_customer;
use crate::audit::{Attribution, entry};
use crate::internal_error;

/// A customer's addresses, oldest first.
pub async fn customer_addresses(
    store: &dyn Store,
    customer: CustomerId,
) -> Result<Vec<Address>, DeskError> {
    get_customer(store, customer).await?;
    store
        .addresses_of(customer)
        .await
        .map_err(|error| internal_error("reading addresses", &error))
}

/// Adds the address in `save`, or saves it over the one it was opened on (refused
/// with the stored values if someone changed it since). Answers the customer's
/// addresses as they are now.
pub async fn save_address(
    store: &dyn Store,
    by: &Attribution,
    save: &AddressSave,
    now: DateTime<Utc>,
) -> Result<Vec<Address>, DeskError> {
    let customer = get_customer(store, save.customer_id).await?;
    if customer.erased_at.is_some() {
        return Err(DeskError::Validation {
            fields: vec![FieldError::new(
                fields::LINE1,
                FieldErrorCode::InvalidChoice,
                "This customer's personal data was erased; addresses can no longer be added.",
            )],
        });
    }
    let details =
        AddressDetails::parse(&save.input).map_err(|fields| DeskError::Validation { fields })?;
    let at = now.trunc_subsecs(6);
    match save.id {
        None => add(store, by, save.customer_id, &details, at).await?,
        Some(id) => change(store, by, id, save, &details, at).await?,
    }
    customer_addresses(store, save.customer_id).await
}

async fn add(
    store: &dyn Store,
    by: &Attribution,
    customer: CustomerId,
    details: &AddressDetails,
    at: DateTime<Utc>,
) -> Result<(), DeskError> {
    let address_ref = details
        .address_ref
        .clone()
        .unwrap_or_else(generate_address_ref);
    let audit = entry(
        by,
        at,
        AuditAction::AddressAdded,
        EntityType::Customer,
        customer.to_string(),
        vec![FieldChange::added(
            &format!("Address {address_ref}"),
            one_line(details),
        )],
    );
    let record = NewAddressRecord {
        id: AddressId(uuid::Uuid::now_v7()),
        customer_id: customer,
        address_ref: &address_ref,
        details,
        at,
    };
    store
        .insert_address(&record, &Effects::audit(audit))
        .await
        .map(|_| ())
        .map_err(|error| refusal(&address_ref, error))
}

async fn change(
    store: &dyn Store,
    by: &Attribution,
    id: AddressId,
    save: &AddressSave,
    details: &AddressDetails,
    at: DateTime<Utc>,
) -> Result<(), DeskError> {
    let before = address(store, id).await?;
    if before.customer_id != save.customer_id {
        return Err(not_found(id));
    }
    let old = before.details.input(&before.address_ref);
    let new = details.input(&before.address_ref);
    if before.version != save.version {
        return Err(conflict(&before));
    }
    let changes: Vec<FieldChange> = pairs(&old)
        .into_iter()
        .zip(pairs(&new))
        .filter(|((_, was), (_, is))| was != is)
        .map(|((field, was), (_, is))| {
            FieldChange::changed(&format!("Address {} {field}", before.address_ref), was, is)
        })
        .collect();
    if changes.is_empty() {
        return Ok(());
    }
    let audit = entry(
        by,
        at,
        AuditAction::AddressChanged,
        EntityType::Customer,
        save.customer_id.to_string(),
        changes,
    );
    match store
        .update_address(id, save.version, details, at, &Effects::audit(audit))
        .await
    {
        Ok(_) => Ok(()),
        Err(StoreError::VersionChanged) => Err(conflict(&address(store, id).await?)),
        Err(StoreError::NotFound) => Err(not_found(id)),
        Err(other) => Err(refusal(&before.address_ref, other)),
    }
}

/// Removes address `id`; its customer's remaining addresses come back.
pub async fn delete_address(
    store: &dyn Store,
    by: &Attribution,
    id: AddressId,
    now: DateTime<Utc>,
) -> Result<Vec<Address>, DeskError> {
    let gone = address(store, id).await?;
    let audit = entry(
        by,
        now.trunc_subsecs(6),
        AuditAction::AddressRemoved,
        EntityType::Customer,
        gone.customer_id.to_string(),
        vec![FieldChange::removed(
            &format!("Address {}", gone.address_ref),
            gone.one_line(),
        )],
    );
    match store.delete_address(id, &Effects::audit(audit)).await {
        Ok(()) => customer_addresses(store, gone.customer_id).await,
        Err(StoreError::NotFound) => Err(not_found(id)),
        Err(other) => Err(internal_error("removing an address", &other)),
    }
}

/// Makes address `id` its customer's default of kind `which`.
pub async fn set_default_address(
    store: &dyn Store,
    by: &Attribution,
    id: AddressId,
    which: AddressDefault,
    now: DateTime<Utc>,
) -> Result<Vec<Address>, DeskError> {
    let chosen = address(store, id).await?;
    let addresses = store
        .addresses_of(chosen.customer_id)
        .await
        .map_err(|error| internal_error("reading addresses", &error))?;
    let (label, current) = match which {
        AddressDefault::Billing => (
            "Default billing address",
            addresses.iter().find(|a| a.is_default_billing),
        ),
        AddressDefault::Shipping => (
            "Default shipping address",
            addresses.iter().find(|a| a.is_default_shipping),
        ),
    };
    if current.is_some_and(|current| current.id == id) {
        return Ok(addresses);
    }
    let audit = entry(
        by,
        now.trunc_subsecs(6),
        AuditAction::DefaultAddressChanged,
        EntityType::Customer,
        chosen.customer_id.to_string(),
        vec![FieldChange::changed(
            label,
            current.map(|a| a.address_ref.clone()).unwrap_or_default(),
            chosen.address_ref.clone(),
        )],
    );
    store
        .set_default_address(id, which, &Effects::audit(audit))
        .await
        .map_err(|error| match error {
            StoreError::NotFound => not_found(id),
            other => internal_error("choosing a default address", &other),
        })?;
    customer_addresses(store, chosen.customer_id).await
}

async fn address(store: &dyn Store, id: AddressId) -> Result<Address, DeskError> {
    store
        .address_by_id(id)
        .await
        .map_err(|error| internal_error("reading an address", &error))?
        .ok_or_else(|| not_found(id))
}

fn not_found(id: AddressId) -> DeskError {
    DeskError::NotFound {
        entity: EntityKind::Address,
        id: id.to_string(),
    }
}

fn conflict(stored: &Address) -> DeskError {
    DeskError::EditConflict {
        entity: EntityKind::Address,
        version: stored.version,
        fields: pairs(&stored.details.input(&stored.address_ref))
            .into_iter()
            .map(|(field, stored)| StoredValue {
                field: field.to_owned(),
                stored,
            })
            .collect(),
    }
}

fn refusal(address_ref: &str, error: StoreError) -> DeskError {
    match error {
        StoreError::Duplicate(UniqueField::AddressRef) => DeskError::Conflict {
            fields: vec![FieldError::new(
                fields::ADDRESS_REF,
                FieldErrorCode::AlreadyInUse,
                format!(
                    "This customer already has an address {address_ref}: choose another ID, \
                     or leave it empty to have one generated."
                ),
            )],
        },
        StoreError::NotFound => DeskError::NotFound {
            entity: EntityKind::Customer,
            id: String::new(),
        },
        other => internal_error("saving an address", &other),
    }
}

/// The address form's fields as (name, value) pairs, in form order.
fn pairs(input: &desk_domain::customer_address::AddressInput) -> Vec<(&'static str, String)> {
    vec![
        (fields::SALUTATION, input.salutation.clone()),
        (fields::FIRST_NAME, input.first_name.clone()),
        (fields::LAST_NAME, input.last_name.clone()),
        (fields::COMPANY, input.company.clone()),
        (fields::LINE1, input.line1.clone()),
        (fields::LINE2, input.line2.clone()),
        (fields::LINE3, input.line3.clone()),
        (fields::CITY, input.city.clone()),
        (fields::POSTAL_CODE, input.postal_code.clone()),
        (fields::REGION, input.region.clone()),
        (fields::COUNTRY, input.country.clone()),
        (fields::PHONE, input.phone.clone()),
        (fields::COMMENT, input.comment.clone()),
        (fields::TAGS, input.tags.clone()),
    ]
}

fn one_line(details: &AddressDetails) -> String {
    let place = match &details.postal_code {
        Some(code) => format!("{code} {}", details.city),
        None => details.city.clone(),
    };
    format!("{}, {place}, {}", details.line1, details.country.name())
}

/// `A-` and 8 characters of Crockford's base 32.
fn generate_address_ref() -> String {
    let customer_like = super::references::generate_customer_ref();
    format!("A-{}", &customer_like[2..10])
}
