//! The first-run demo set: a small store of realistic customers to try the list on,
//! added through the store like any other customer (each with its "Customer created"
//! entry), and only to a store that has none yet.

use chrono::{DateTime, SubsecRound, Utc};
use desk_domain::audit::{AuditAction, EntityType, FieldChange};
use desk_domain::customer::{CustomerDetails, CustomerId, CustomerInput, input_values};
use desk_domain::customer_list::CustomerQuery;
use desk_domain::{DeskError, FieldError, FieldErrorCode};
use desk_seed::people::SeedCustomer;
use desk_store::{Effects, NewCustomerRecord, Store};

use super::choices::customer_choices;
use crate::audit::{Attribution, entry};
use crate::internal_error;

/// How many customers the demo set has: enough for several pages, sorting and
/// searching, few enough to add in a moment.
pub const DEMO_CUSTOMERS: u64 = 200;

/// Where a message about the demo set shows (the list's banner).
const FIELD: &str = "demo";

/// Adds the demo set to an empty store; how many were added.
pub async fn load_demo_customers(
    store: &dyn Store,
    by: &Attribution,
    now: DateTime<Utc>,
) -> Result<u64, DeskError> {
    let existing = store
        .count_customers(&CustomerQuery::default())
        .await
        .map_err(|error| internal_error("counting customers", &error))?;
    if existing > 0 {
        return Err(DeskError::Validation {
            fields: vec![FieldError::new(
                FIELD,
                FieldErrorCode::InvalidChoice,
                "The demo customers are for an empty store; this one has customers already.",
            )],
        });
    }
    let choices = customer_choices(store).await?;
    let at = now.trunc_subsecs(6);
    let mut added = 0;
    for n in 0..DEMO_CUSTOMERS {
        let seed = SeedCustomer::nth(n);
        // The store's own lists decide: a currency, locale or site it does not offer
        // (a new store offers EUR, en and Default) is left to its default.
        let offered = |list: &[String], value: &str| list.iter().any(|item| item == value);
        let input = CustomerInput {
            customer_ref: seed.customer_ref.clone(),
            email: seed.email.clone(),
            salutation: seed.salutation.unwrap_or_default().to_owned(),
            first_name: seed.first_name.to_owned(),
            last_name: seed.last_name.to_owned(),
            gender: seed.gender.unwrap_or_default().to_owned(),
            date_of_birth: seed
                .date_of_birth
                .map(|date| date.to_string())
                .unwrap_or_default(),
            phone: seed.phone.clone().unwrap_or_default(),
            company: seed.company.clone().unwrap_or_default(),
            locale: if offered(&choices.locales, seed.locale) {
                seed.locale.to_owned()
            } else {
                String::new()
            },
            preferred_currency: if offered(&choices.currencies, seed.currency) {
                seed.currency.to_owned()
            } else {
                choices.currencies.first().cloned().unwrap_or_default()
            },
            preferred_site: seed
                .site
                .filter(|site| choices.sites.iter().any(|choice| choice.code == *site))
                .unwrap_or_default()
                .to_owned(),
            active: seed.active,
            on_hold: seed.on_hold,
            ..CustomerInput::default()
        };
        let details = CustomerDetails::parse(&input, &choices, at.date_naive())
            .map_err(|fields| DeskError::Validation { fields })?;
        let id = CustomerId(uuid::Uuid::now_v7());
        let changes: Vec<FieldChange> = input_values(&details.input(&seed.customer_ref))
            .into_iter()
            .filter(|(_, value)| !value.is_empty())
            .map(|(field, value)| FieldChange::added(&field, value))
            .chain([FieldChange::added("customer_number", &seed.customer_number)])
            .collect();
        let effects = Effects::audit(entry(
            by,
            at,
            AuditAction::CustomerCreated,
            EntityType::Customer,
            id.to_string(),
            changes,
        ));
        let record = NewCustomerRecord {
            id,
            customer_ref: &seed.customer_ref,
            customer_number: &seed.customer_number,
            details: &details,
            password_hash: None,
            at,
        };
        store
            .insert_customer(&record, &effects)
            .await
            .map_err(|error| internal_error("adding a demo customer", &error))?;
        added += 1;
    }
    Ok(added)
}
