//! GDPR: erasing a customer's personal data, and exporting everything the store holds
//! about them.

use chrono::{DateTime, SubsecRound, Utc};
use desk_domain::audit::{AuditAction, AuditEntryId, EntityType, FieldChange};
use desk_domain::customer::{Customer, CustomerId};
use desk_domain::customer_export::{CustomerExport, ExportRequest, ExportedFile};
use desk_domain::{DeskError, EntityKind, FieldError, FieldErrorCode};
use desk_store::{Effects, Store};

use super::get::get_customer;
use super::{customer_addresses, customer_history, customer_notes};
use crate::audit::{Attribution, entry};
use crate::internal_error;

/// Erases customer `id`'s personal data (see `CustomerStore::erase_customer`); the
/// entry recording it names no personal value.
pub async fn erase_customer(
    store: &dyn Store,
    by: &Attribution,
    id: CustomerId,
    now: DateTime<Utc>,
) -> Result<Customer, DeskError> {
    let customer = get_customer(store, id).await?;
    if customer.erased_at.is_some() {
        return Err(DeskError::Validation {
            fields: vec![FieldError::new(
                "erase",
                FieldErrorCode::InvalidChoice,
                "This customer's personal data was erased already.",
            )],
        });
    }
    let at = now.trunc_subsecs(6);
    let audit = entry(
        by,
        at,
        AuditAction::CustomerErased,
        EntityType::Customer,
        id.to_string(),
        vec![FieldChange::added("customer_ref", &customer.customer_ref)],
    );
    store
        .erase_customer(id, at, &Effects::audit(audit))
        .await
        .map_err(|error| internal_error("erasing a customer", &error))?
        .ok_or(DeskError::NotFound {
            entity: EntityKind::Customer,
            id: id.to_string(),
        })
}

/// Everything the store holds about customer `id`, as of `now`.
pub async fn customer_export(
    store: &dyn Store,
    id: CustomerId,
    now: DateTime<Utc>,
) -> Result<CustomerExport, DeskError> {
    let customer = get_customer(store, id).await?;
    let addresses = customer_addresses(store, id).await?;
    let mut notes = Vec::new();
    let mut before = None;
    loop {
        let page = customer_notes(store, id, before).await?;
        notes.extend(page.items);
        match page.next_before {
            Some(next) => before = Some(next),
            None => break,
        }
    }
    let mut history = Vec::new();
    let mut before = None;
    loop {
        let page = customer_history(store, id, before).await?;
        history.extend(page.items);
        match page.next_before {
            Some(next) => before = Some(AuditEntryId(next)),
            None => break,
        }
    }
    Ok(CustomerExport {
        exported_at: now,
        customer,
        addresses,
        notes,
        groups: Vec::new(),
        orders: Vec::new(),
        history,
    })
}

/// Writes the export of `request.id` to `request.path` (chosen by the person in a
/// save dialog) and records that it was made.
pub async fn export_customer(
    store: &dyn Store,
    by: &Attribution,
    request: &ExportRequest,
    now: DateTime<Utc>,
) -> Result<ExportedFile, DeskError> {
    let export = customer_export(store, request.id, now).await?;
    let json = serde_json::to_vec_pretty(&export)
        .map_err(|error| internal_error("writing an export", &error))?;
    let path = chosen_file(&request.path)?;
    tokio::fs::write(&path, &json)
        .await
        .map_err(|error| write_problem(&path, &error))?;
    let audit = entry(
        by,
        now.trunc_subsecs(6),
        AuditAction::PersonalDataExported,
        EntityType::Customer,
        request.id.to_string(),
        vec![FieldChange::added("file", path.display().to_string())],
    );
    store
        .record(&Effects::audit(audit))
        .await
        .map_err(|error| internal_error("recording an export", &error))?;
    Ok(ExportedFile {
        path: path.display().to_string(),
        bytes: json.len() as u64,
    })
}

/// The file the person chose in a save dialog, if it can be one.
pub(super) fn chosen_file(path: &str) -> Result<std::path::PathBuf, DeskError> {
    let chosen = std::path::PathBuf::from(path);
    if path.trim().is_empty() || chosen.is_dir() {
        return Err(file_problem("Choose a file to save the export in."));
    }
    Ok(chosen)
}

/// Writing the chosen file failed.
pub(super) fn write_problem(path: &std::path::Path, error: &std::io::Error) -> DeskError {
    file_problem(&format!(
        "The export could not be saved in {}: {error}. Choose another place.",
        path.display()
    ))
}

/// A problem with the file the person chose, shown beside the save action.
pub(super) fn file_problem(message: &str) -> DeskError {
    DeskError::Validation {
        fields: vec![FieldError::new(
            "path",
            FieldErrorCode::InvalidChoice,
            message,
        )],
    }
}
