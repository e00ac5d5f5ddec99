use chrono::{DateTime, SubsecRound, Utc};
use desk_domain::audit::{AuditAction, EntityType, FieldChange};
use desk_domain::customer::{
    CreatedCustomer, CustomerDetails, CustomerId, NewCustomerRequest, PasswordSetupInput,
    emails_on_create, fields, input_values, plan_emails,
};
use desk_domain::{DeskError, FieldError, FieldErrorCode, NewPassword, Sensitive};
use desk_store::{Effects, NewCustomerRecord, Store, StoreError, UniqueField};

use super::choices::customer_choices;
use super::emails::{self, Recipient};
use super::references::{generate_customer_number, generate_customer_ref};
use crate::audit::{Attribution, entry};
use crate::internal_error;
use crate::passwords::{Passwords, generate_one_time_password};

/// How often a generated customer ID or number is drawn again when it happens to be
/// taken (a one-in-billions event for the number; a custom ID may have taken it).
const DRAWS: usize = 5;

/// Adds a customer from the stepper (details, restrictions, password, activation) at
/// `now`, queueing the emails the form showed in the same transaction. Every problem
/// of the form is reported at once; on any error nothing is saved.
pub async fn create_customer(
    store: &dyn Store,
    passwords: &Passwords,
    by: &Attribution,
    request: &NewCustomerRequest,
    now: DateTime<Utc>,
) -> Result<CreatedCustomer, DeskError> {
    let choices = customer_choices(store).await?;
    let parsed = CustomerDetails::parse(&request.details, &choices, now.date_naive());
    let typed = match &request.password {
        PasswordSetupInput::Typed { password } => Some(NewPassword::parse(
            fields::PASSWORD,
            password,
            &request.details.email,
        )),
        _ => None,
    };
    let (details, typed) = match (parsed, typed.transpose()) {
        (Ok(details), Ok(typed)) => (details, typed),
        (parsed, typed) => {
            let mut problems = parsed.err().unwrap_or_default();
            problems.extend(typed.err());
            return Err(DeskError::Validation { fields: problems });
        }
    };
    let generated =
        matches!(request.password, PasswordSetupInput::Generate).then(generate_one_time_password);
    let initial_password = typed
        .as_ref()
        .map(|password| password.expose().to_owned())
        .or_else(|| generated.clone());
    let password_hash = match &initial_password {
        Some(password) => Some(passwords.hash(password).await?),
        None => None,
    };

    let planned = plan_emails(
        emails_on_create(&request.password, details.active, details.on_hold),
        choices.email_site(&request.details),
    );
    let site_code = choices
        .email_site(&request.details)
        .map(|site| site.code.clone());
    let site = emails::site_named(store, site_code.as_deref()).await?;
    // Postgres keeps microseconds; truncating here makes every backend store the same.
    let at = now.trunc_subsecs(6);
    let id = CustomerId(uuid::Uuid::now_v7());
    let effects = emails::queue(
        store,
        &emails::Mailing::read(store).await?,
        &Recipient {
            id,
            details: &details,
        },
        &planned,
        site.as_ref(),
        initial_password.as_deref(),
        at,
        Effects::default(),
    )
    .await?;

    for _ in 0..DRAWS {
        let customer_ref = details
            .customer_ref
            .clone()
            .unwrap_or_else(generate_customer_ref);
        let customer_number = generate_customer_number();
        let mut changes: Vec<FieldChange> = input_values(&details.input(&customer_ref))
            .into_iter()
            .filter(|(_, value)| !value.is_empty())
            .map(|(field, value)| FieldChange::added(&field, value))
            .collect();
        changes.push(FieldChange::added("customer_number", &customer_number));
        if password_hash.is_some() {
            // That one was set, never what it is.
            changes.push(FieldChange::added(fields::PASSWORD, "initial password set"));
        }
        let audit = entry(
            by,
            at,
            AuditAction::CustomerCreated,
            EntityType::Customer,
            id.to_string(),
            changes,
        );
        let mut with_audit = effects.clone();
        with_audit.audit.insert(0, audit);
        let record = NewCustomerRecord {
            id,
            customer_ref: &customer_ref,
            customer_number: &customer_number,
            details: &details,
            password_hash: password_hash.as_deref(),
            at,
        };
        match store.insert_customer(&record, &with_audit).await {
            Ok(customer) => {
                return Ok(CreatedCustomer {
                    customer,
                    emails: planned,
                    generated_password: generated.map(Sensitive::new),
                });
            }
            Err(StoreError::Duplicate(UniqueField::CustomerNumber)) => continue,
            Err(StoreError::Duplicate(UniqueField::CustomerRef))
                if details.customer_ref.is_none() =>
            {
                continue;
            }
            Err(error) => return Err(refusal(&details, &customer_ref, error)),
        }
    }
    Err(internal_error(
        "drawing a free customer number",
        &format!("{DRAWS} draws were all taken"),
    ))
}

/// A store refusal of a customer's save, told on the field it concerns.
pub(super) fn refusal(
    details: &CustomerDetails,
    customer_ref: &str,
    error: StoreError,
) -> DeskError {
    let conflict = |field: &str, message: String| DeskError::Conflict {
        fields: vec![FieldError::new(
            field,
            FieldErrorCode::AlreadyInUse,
            message,
        )],
    };
    match error {
        StoreError::Duplicate(UniqueField::CustomerEmail) => conflict(
            fields::EMAIL,
            format!(
                "{} is already in use by another customer.",
                details.email.as_str()
            ),
        ),
        StoreError::Duplicate(UniqueField::CustomerRef) => conflict(
            fields::CUSTOMER_REF,
            format!(
                "The customer ID {customer_ref} is taken (IDs of erased customers stay \
                 reserved): choose another, or leave it empty to have one generated."
            ),
        ),
        StoreError::InUse => DeskError::Validation {
            fields: vec![FieldError::new(
                fields::PREFERRED_SITE,
                FieldErrorCode::InvalidChoice,
                "A site or locale this form names was just removed: reload and choose again.",
            )],
        },
        other => internal_error("saving a customer", &other),
    }
}
