use chrono::{DateTime, SubsecRound, Utc};
use desk_domain::audit::{AuditAction, EntityType, FieldChange};
use desk_domain::customer::{
    Customer, CustomerDetails, CustomerInput, CustomerUpdate, SavedCustomer, differing_fields,
    emails_on_update, fields, plan_emails,
};
use desk_domain::{DeskError, EntityKind, FieldError, FieldErrorCode, StoredValue};
use desk_store::{Effects, Store, StoreError};

use super::choices::customer_choices;
use super::create::refusal;
use super::emails::{self, Recipient};
use super::get::get_customer;
use crate::audit::{Attribution, entry};

/// Saves the edit form over the customer it was opened on. If someone saved the
/// customer since and changed a field the form shows, nothing is saved and the
/// conflict lists those fields with what is stored now (a change of something the form
/// does not show, such as the verification, is saved over without asking). A new
/// email address gets a verification email (and is Unverified); becoming active and
/// not on hold queues "account now active". The customer ID is fixed once created.
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
    if before.version != update.version && !others_changed(&before, &update.opened).is_empty() {
        return Err(conflict(&before, &update.opened));
    }
    let changes = changes(&before, &details);
    if changes.is_empty() {
        return Ok(SavedCustomer {
            customer: before,
            emails: Vec::new(),
        });
    }
    let email_changed = before.email.unique_key() != details.email.unique_key();
    let planned = plan_emails(
        emails_on_update(
            (before.active, before.on_hold),
            (details.active, details.on_hold),
            email_changed,
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
        &emails::Mailing::read(store).await?,
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
        .update_customer(before.id, before.version, &details, at, &effects)
        .await
    {
        Ok(customer) => Ok(SavedCustomer {
            customer,
            emails: planned,
        }),
        // Saved by someone else between our read and our write.
        Err(StoreError::VersionChanged) => {
            let now_stored = get_customer(store, update.id).await?;
            Err(conflict(&now_stored, &update.opened))
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
    differing_fields(&before.input(), &details.input(&before.customer_ref))
        .into_iter()
        .map(|(field, old, new)| FieldChange::changed(&field, old, new))
        .collect()
}

/// The fields someone else changed since the form was opened, with their values now.
fn others_changed(stored: &Customer, opened: &CustomerInput) -> Vec<StoredValue> {
    differing_fields(&stored.input(), opened)
        .into_iter()
        .map(|(field, now, _)| StoredValue { field, stored: now })
        .collect()
}

/// The conflict with `stored` for a form opened with `opened`: the fields someone
/// else changed meanwhile, with their values now. The form shows each beside the
/// person's own value (or takes it, where the person left the field as it was).
fn conflict(stored: &Customer, opened: &CustomerInput) -> DeskError {
    DeskError::EditConflict {
        entity: EntityKind::Customer,
        version: stored.version,
        fields: others_changed(stored, opened),
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
