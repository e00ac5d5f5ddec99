use chrono::{DateTime, SubsecRound, Utc};
use desk_domain::audit::{AuditAction, EntityType, FieldChange};
use desk_domain::customer::{
    Customer, CustomerDetails, CustomerUpdate, SavedCustomer, emails_on_update, fields,
    input_values, plan_emails,
};
use desk_domain::{DeskError, EntityKind, FieldError, FieldErrorCode, StoredValue};
use desk_store::{Effects, Store, StoreError};

use super::choices::customer_choices;
use super::create::refusal;
use super::emails::{self, Recipient};
use super::get::get_customer;
use crate::audit::{Attribution, entry};

/// Saves the edit form over the customer it was opened on, unless someone saved the
/// customer since (then nothing is saved and the conflict lists, per field, what is
/// stored now). A change that makes the customer active and not on hold queues the
/// "account now active" email. The customer ID is fixed once created.
pub async fn update_customer(
    store: &dyn Store,
    by: &Attribution,
    update: &CustomerUpdate,
    now: DateTime<Utc>,
) -> Result<SavedCustomer, DeskError> {
    let before = get_customer(store, update.id).await?;
    if before.erased_at.is_some() {
        return Err(erased());
    }
    let choices = customer_choices(store).await?;
    let mut input = update.details.clone();
    input.customer_ref.clone_from(&before.customer_ref);
    let details = CustomerDetails::parse(&input, &choices, now.date_naive())
        .map_err(|fields| DeskError::Validation { fields })?;
    if before.version != update.version {
        return Err(conflict(&before, &details));
    }
    let changes = changes(&before, &details);
    if changes.is_empty() {
        return Ok(SavedCustomer {
            customer: before,
            emails: Vec::new(),
        });
    }
    let planned = plan_emails(
        emails_on_update(
            (before.active, before.on_hold),
            (details.active, details.on_hold),
        ),
        choices.email_site(&input),
    );
    let site_code = choices.email_site(&input).map(|site| site.code.clone());
    let site = emails::site_named(store, site_code.as_deref()).await?;
    let at = now.trunc_subsecs(6);
    let audit = entry(
        by,
        at,
        AuditAction::CustomerChanged,
        EntityType::Customer,
        before.id.to_string(),
        changes,
    );
    let effects = emails::queue(
        store,
        &Recipient {
            id: before.id,
            details: &details,
        },
        &planned,
        site.as_ref(),
        None,
        at,
        Effects::audit(audit),
    )
    .await?;
    match store
        .update_customer(before.id, update.version, &details, at, &effects)
        .await
    {
        Ok(customer) => Ok(SavedCustomer {
            customer,
            emails: planned,
        }),
        // Saved by someone else between our read and our write.
        Err(StoreError::VersionChanged) => {
            let now_stored = get_customer(store, update.id).await?;
            Err(conflict(&now_stored, &details))
        }
        Err(StoreError::NotFound) => Err(DeskError::NotFound {
            entity: EntityKind::Customer,
            id: update.id.to_string(),
        }),
        Err(other) => Err(refusal(&details, &before.customer_ref, other)),
    }
}

/// The fields whose values change, old and new, in form order.
fn changes(before: &Customer, details: &CustomerDetails) -> Vec<FieldChange> {
    input_values(&before.input())
        .into_iter()
        .zip(input_values(&details.input(&before.customer_ref)))
        .filter(|((_, old), (_, new))| old != new)
        .map(|((field, old), (_, new))| FieldChange::changed(field, old, new))
        .collect()
}

/// The conflict with `stored`: every field where it differs from the person's form.
fn conflict(stored: &Customer, mine: &CustomerDetails) -> DeskError {
    let fields = input_values(&stored.input())
        .into_iter()
        .zip(input_values(&mine.input(&stored.customer_ref)))
        .filter(|((_, theirs), (_, ours))| theirs != ours)
        .map(|((field, theirs), _)| StoredValue {
            field: field.to_owned(),
            stored: theirs,
        })
        .collect();
    DeskError::EditConflict {
        entity: EntityKind::Customer,
        version: stored.version,
        fields,
    }
}

fn erased() -> DeskError {
    DeskError::Validation {
        fields: vec![FieldError::new(
            fields::EMAIL,
            FieldErrorCode::InvalidChoice,
            "This customer's personal data was erased; the record can no longer be changed.",
        )],
    }
}
