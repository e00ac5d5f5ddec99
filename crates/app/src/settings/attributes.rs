//! Custom attributes for customers (seed 003's mixins), defined by administrators.

use chrono::{DateTime, SubsecRound, Utc};
use desk_domain::audit::{AuditAction, EntityType, FieldChange};
use desk_domain::custom_attribute::{AttributeDefinition, AttributeInput, MAX_ATTRIBUTES, fields};
use desk_domain::{DeskError, FieldError, FieldErrorCode};
use desk_store::{Effects, StoreError, UniqueField};

use crate::audit::entry;
use crate::desk::{Actor, Desk};
use crate::internal_error;

/// Adds the attribute `input` defines, or changes the one `input.original_code` names
/// (its code stays); answers every definition.
pub async fn save_customer_attribute(
    desk: &Desk,
    by: &Actor,
    input: &AttributeInput,
    now: DateTime<Utc>,
) -> Result<Vec<AttributeDefinition>, DeskError> {
    let definition = input
        .parse()
        .map_err(|fields| DeskError::Validation { fields })?;
    let store = desk.store()?;
    let existing = store
        .customer_attributes()
        .await
        .map_err(|error| internal_error("reading custom attributes", &error))?;
    let at = now.trunc_subsecs(6);
    let describe = |definition: &AttributeDefinition| {
        format!(
            "{} ({}{}){}",
            definition.label,
            definition.kind.label(),
            if definition.required {
                ", required"
            } else {
                ""
            },
            if definition.choices.is_empty() {
                String::new()
            } else {
                format!(": {}", definition.choices.join(", "))
            }
        )
    };
    let result = match &input.original_code {
        None => {
            if existing.len() >= MAX_ATTRIBUTES {
                return Err(problem(format!(
                    "A store has at most {MAX_ATTRIBUTES} custom attributes."
                )));
            }
            let audit = entry(
                &by.attribution(),
                at,
                AuditAction::AttributeAdded,
                EntityType::Settings,
                definition.code.clone(),
                vec![FieldChange::added(&definition.code, describe(&definition))],
            );
            store
                .insert_customer_attribute(&definition, at, &Effects::audit(audit))
                .await
        }
        Some(code) => {
            let Some(before) = existing.iter().find(|known| &known.code == code) else {
                return Err(problem(format!("There is no attribute {code} (any more).")));
            };
            if before.kind != definition.kind {
                return Err(DeskError::Validation {
                    fields: vec![FieldError::new(
                        fields::KIND,
                        FieldErrorCode::InvalidChoice,
                        "An attribute's kind stays as created: customers' values are of it.",
                    )],
                });
            }
            let audit = entry(
                &by.attribution(),
                at,
                AuditAction::AttributeChanged,
                EntityType::Settings,
                definition.code.clone(),
                vec![FieldChange::changed(
                    &definition.code,
                    describe(before),
                    describe(&definition),
                )],
            );
            store
                .update_customer_attribute(&definition, &Effects::audit(audit))
                .await
        }
    };
    result.map_err(|error| match error {
        StoreError::Duplicate(UniqueField::AttributeCode) => DeskError::Conflict {
            fields: vec![FieldError::new(
                fields::CODE,
                FieldErrorCode::AlreadyInUse,
                format!("There is an attribute {} already.", definition.code),
            )],
        },
        other => internal_error("saving a custom attribute", &other),
    })?;
    store
        .customer_attributes()
        .await
        .map_err(|error| internal_error("reading custom attributes", &error))
}

fn problem(message: String) -> DeskError {
    DeskError::Validation {
        fields: vec![FieldError::new(
            fields::CODE,
            FieldErrorCode::InvalidChoice,
            message,
        )],
    }
}
