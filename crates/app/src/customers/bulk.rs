//! Bulk actions on the customer list: set active / on hold on ticked customers or on
//! every customer of a filter, a chunk per request (the UI shows progress between
//! them), with one audit entry per customer changed and the "account now active"
//! email for each customer the change makes usable, as a single edit would.

use std::collections::HashMap;

use chrono::{DateTime, SubsecRound, Utc};
use desk_domain::DeskError;
use desk_domain::audit::{AuditAction, EntityType, FieldChange};
use desk_domain::customer::{
    Customer, CustomerDetails, emails_on_update, fields, flag_value, plan_emails,
};
use desk_domain::customer_bulk::{BulkChange, BulkChangeRequest, BulkProgress};
use desk_domain::customer_list::CustomerQuery;
use desk_store::{Effects, FlagChange, Store};

use super::choices::customer_choices;
use super::emails::{self, Recipient};
use super::selection::read_chunk;
use crate::audit::{Attribution, entry};
use crate::internal_error;

/// Applies `request.change` to the next chunk of its selection.
pub async fn bulk_change_customers(
    store: &dyn Store,
    by: &Attribution,
    request: &BulkChangeRequest,
    now: DateTime<Utc>,
) -> Result<BulkProgress, DeskError> {
    let chunk = read_chunk(store, &request.selection).await?;
    let at = now.trunc_subsecs(6);
    let change = request.change;
    let to_change: Vec<&Customer> = chunk
        .customers
        .iter()
        .filter(|customer| customer.erased_at.is_none())
        .filter(|customer| {
            change.apply(customer.active, customer.on_hold) != (customer.active, customer.on_hold)
        })
        .collect();
    let changes = changes_of(store, by, &to_change, change, at).await?;
    let changed = if changes.is_empty() {
        Vec::new()
    } else {
        store
            .set_customer_flag(&changes, change, at)
            .await
            .map_err(|error| internal_error("changing customers in bulk", &error))?
    };
    Ok(BulkProgress {
        looked_at: chunk.looked_at(),
        changed: u32::try_from(changed.len()).unwrap_or(u32::MAX),
        next: chunk.next,
    })
}

/// How many customers "select all results" selects.
pub async fn count_customers(store: &dyn Store, query: &CustomerQuery) -> Result<u64, DeskError> {
    store
        .count_customers(query)
        .await
        .map_err(|error| internal_error("counting customers", &error))
}

/// Per customer, the version it was read at, its audit entry, and the activation
/// email if it becomes active and not on hold; the store commits each customer's
/// effects only if that customer changes.
async fn changes_of(
    store: &dyn Store,
    by: &Attribution,
    customers: &[&Customer],
    change: BulkChange,
    at: DateTime<Utc>,
) -> Result<Vec<FlagChange>, DeskError> {
    let mut changes = Vec::with_capacity(customers.len());
    // Only customers who become usable get an email: read what it needs once.
    let mut choices = None;
    let mut mailing = None;
    let mut sites = HashMap::new();
    for customer in customers {
        let before = (customer.active, customer.on_hold);
        let after = change.apply(customer.active, customer.on_hold);
        let (field, old, new) = match change {
            BulkChange::Active(_) => (fields::ACTIVE, before.0, after.0),
            BulkChange::OnHold(_) => (fields::ON_HOLD, before.1, after.1),
        };
        let mut effects = Effects::audit(entry(
            by,
            at,
            AuditAction::CustomerChanged,
            EntityType::Customer,
            customer.id.to_string(),
            vec![FieldChange::changed(
                field,
                flag_value(old),
                flag_value(new),
            )],
        ));
        let kinds = emails_on_update(before, after, false);
        if !kinds.is_empty() {
            if choices.is_none() {
                choices = Some(customer_choices(store).await?);
                mailing = Some(emails::Mailing::read(store).await?);
            }
            if let (Some(choices), Some(mailing)) = (choices.as_ref(), mailing.as_ref()) {
                let mut input = customer.input();
                (input.active, input.on_hold) = after;
                let site_choice = choices.email_site(&input);
                let planned = plan_emails(kinds, site_choice);
                let code = site_choice.map(|site| site.code.clone());
                if !sites.contains_key(&code) {
                    sites.insert(
                        code.clone(),
                        emails::site_named(store, code.as_deref()).await?,
                    );
                }
                // A record the current lists no longer accept (say, a removed locale)
                // is still changed; only its email waits for the next edit.
                if let Ok(details) = CustomerDetails::parse(&input, choices, at.date_naive()) {
                    let recipient = Recipient {
                        id: customer.id,
                        details: &details,
                    };
                    let site = sites.get(&code).and_then(Option::as_ref);
                    effects = emails::queue(
                        store, mailing, &recipient, &planned, site, None, at, effects,
                    )
                    .await?;
                }
            }
        }
        changes.push(FlagChange {
            id: customer.id,
            version: customer.version,
            effects,
        });
    }
    Ok(changes)
}
