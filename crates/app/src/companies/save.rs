use chrono::{DateTime, SubsecRound, Utc};
use desk_domain::audit::{AuditAction, EntityType, FieldChange};
use desk_domain::company::CompanyId;
use desk_domain::company_address::CompanyAddressDetails;
use desk_domain::company_form::{CompanyDetails, CompanyInput, fields};
use desk_domain::company_list::{Company, CompanyChoices, CompanyUpdate};
use desk_domain::{DeskError, EntityKind, FieldError, FieldErrorCode, StoredValue};
use desk_store::{CompaniesSeen, Effects, NewCompanyRecord, Store, StoreError};

use super::list::not_found;
use crate::audit::{Attribution, entry};
use crate::internal_error;

/// Adds a company, with its billing address as the default of its address book.
pub async fn create_company(
    store: &dyn Store,
    by: &Attribution,
    input: &CompanyInput,
    now: DateTime<Utc>,
) -> Result<Company, DeskError> {
    let details = input
        .parse()
        .map_err(|fields| DeskError::Validation { fields })?;
    let names = Names::of(store, &details).await?;
    let id = CompanyId(uuid::Uuid::now_v7());
    let at = now.trunc_subsecs(6);
    let mut changes = vec![
        FieldChange::added(fields::NAME, &details.name),
        FieldChange::added(fields::TAX_ID, details.tax_id.as_str()),
        FieldChange::added(fields::GROUP, &names.group),
        FieldChange::added(fields::SALES_REP, &names.sales_rep),
        FieldChange::added(fields::ACTIVE, yes_no(details.active)),
    ];
    if let Some(website) = &details.website {
        changes.push(FieldChange::added(fields::WEBSITE, website));
    }
    if let Some(billing) = &details.billing {
        changes.push(FieldChange::added(BILLING, billing.one_line()));
    }
    let effects = Effects::audit(entry(
        by,
        at,
        AuditAction::CompanyCreated,
        EntityType::Company,
        id.to_string(),
        changes,
    ));
    store
        .insert_company(&record(id, &details, at), &effects)
        .await
        .map_err(|error| match error {
            StoreError::NotFound => choice_gone(),
            other => internal_error("adding a company", &other),
        })?;
    read(store, id).await
}

/// Saves the edit form at the version it opened. When someone else saved the
/// company meanwhile nothing is saved, and the conflict shows what is stored now.
pub async fn update_company(
    store: &dyn Store,
    by: &Attribution,
    update: &CompanyUpdate,
    now: DateTime<Utc>,
) -> Result<Company, DeskError> {
    let details = update
        .input
        .parse()
        .map_err(|fields| DeskError::Validation { fields })?;
    let stored = read(store, update.id).await?;
    if stored.version != update.version {
        return Err(conflict(&stored, &update.input));
    }
    let names = Names::of(store, &details).await?;
    let changes = field_changes(&stored, &details, &names);
    if changes.is_empty() {
        return Ok(stored);
    }
    let at = now.trunc_subsecs(6);
    let effects = Effects::audit(entry(
        by,
        at,
        AuditAction::CompanyChanged,
        EntityType::Company,
        update.id.to_string(),
        changes,
    ));
    match store
        .update_company(&record(update.id, &details, at), update.version, &effects)
        .await
    {
        Ok(()) => read(store, update.id).await,
        Err(StoreError::VersionChanged) => {
            let now_stored = read(store, update.id).await?;
            Err(conflict(&now_stored, &update.input))
        }
        Err(StoreError::NotFound) => Err(choice_gone()),
        Err(other) => Err(internal_error("saving a company", &other)),
    }
}

/// The audit field of the billing address.
const BILLING: &str = "billing";

fn record<'a>(
    id: CompanyId,
    details: &'a CompanyDetails,
    at: DateTime<Utc>,
) -> NewCompanyRecord<'a> {
    NewCompanyRecord {
        id,
        name: &details.name,
        tax_id: details.tax_id.as_str(),
        group: details.group,
        sales_rep: details.sales_rep,
        website: details.website.as_deref(),
        active: details.active,
        billing: details.billing.as_ref(),
        at,
    }
}

async fn read(store: &dyn Store, id: CompanyId) -> Result<Company, DeskError> {
    store
        .company_by_id(id, CompaniesSeen::All)
        .await
        .map_err(|error| internal_error("reading a company", &error))?
        .ok_or_else(|| not_found(id))
}

/// The group and sales rep chosen, by name; a choice that is not (or no longer)
/// offered is a problem on its field.
struct Names {
    group: String,
    sales_rep: String,
}

impl Names {
    async fn of(store: &dyn Store, details: &CompanyDetails) -> Result<Self, DeskError> {
        let choices: CompanyChoices = store
            .company_choices(CompaniesSeen::All)
            .await
            .map_err(|error| internal_error("reading the company form's choices", &error))?;
        let group = choices
            .groups
            .iter()
            .find(|group| group.id == details.group)
            .map(|group| group.name.clone());
        let sales_rep = choices
            .sales_reps
            .iter()
            .find(|rep| rep.id == details.sales_rep)
            .map(|rep| rep.name.clone());
        let mut problems = Vec::new();
        if group.is_none() {
            problems.push(FieldError::new(
                fields::GROUP,
                FieldErrorCode::InvalidChoice,
                "That customer group no longer exists; choose another.",
            ));
        }
        if sales_rep.is_none() {
            problems.push(FieldError::new(
                fields::SALES_REP,
                FieldErrorCode::InvalidChoice,
                "Choose an active staff member with the Sales rep role; the one chosen is not \
                 (any more).",
            ));
        }
        match (group, sales_rep) {
            (Some(group), Some(sales_rep)) => Ok(Self { group, sales_rep }),
            _ => Err(DeskError::Validation { fields: problems }),
        }
    }
}

/// The group or sales rep went away between the check and the write.
fn choice_gone() -> DeskError {
    DeskError::Validation {
        fields: vec![FieldError::new(
            fields::GROUP,
            FieldErrorCode::InvalidChoice,
            "The customer group or the sales rep chosen was removed meanwhile; choose again.",
        )],
    }
}

fn yes_no(active: bool) -> &'static str {
    if active { "Active" } else { "Inactive" }
}

fn billing_line(address: Option<&CompanyAddressDetails>) -> String {
    address
        .map(CompanyAddressDetails::one_line)
        .unwrap_or_default()
}

/// What the save changes, field by field, named as people know the records.
fn field_changes(stored: &Company, details: &CompanyDetails, names: &Names) -> Vec<FieldChange> {
    let mut changes = Vec::new();
    let mut compare = |field: &str, old: &str, new: &str| {
        if old != new {
            changes.push(FieldChange::changed(field, old, new));
        }
    };
    compare(fields::NAME, &stored.row.name, &details.name);
    compare(fields::TAX_ID, &stored.row.tax_id, details.tax_id.as_str());
    compare(fields::GROUP, &stored.row.group.name, &names.group);
    compare(
        fields::SALES_REP,
        &stored.row.sales_rep.name,
        &names.sales_rep,
    );
    compare(
        fields::WEBSITE,
        stored.website.as_deref().unwrap_or_default(),
        details.website.as_deref().unwrap_or_default(),
    );
    compare(
        fields::ACTIVE,
        yes_no(stored.row.active),
        yes_no(details.active),
    );
    // A billing address left empty in the form keeps the address book as it is.
    if details.billing.is_some() {
        compare(
            BILLING,
            &billing_line(stored.billing.as_ref().map(|address| &address.details)),
            &billing_line(details.billing.as_ref()),
        );
    }
    changes
}

/// Someone else saved the company: what is stored now, for each field that differs
/// from the form.
fn conflict(stored: &Company, input: &CompanyInput) -> DeskError {
    let now = stored.input();
    let text_differs = |stored: &str, mine: &str| stored.trim() != mine.trim();
    let candidates = [
        (
            fields::NAME,
            stored.row.name.clone(),
            text_differs(&now.name, &input.name),
        ),
        (
            fields::TAX_ID,
            stored.row.tax_id.clone(),
            text_differs(&now.tax_id, &input.tax_id),
        ),
        (
            fields::GROUP,
            stored.row.group.name.clone(),
            now.group != input.group,
        ),
        (
            fields::SALES_REP,
            stored.row.sales_rep.name.clone(),
            now.sales_rep != input.sales_rep,
        ),
        (
            fields::WEBSITE,
            now.website.clone(),
            text_differs(&now.website, &input.website),
        ),
        (
            fields::ACTIVE,
            yes_no(stored.row.active).to_owned(),
            now.active != input.active,
        ),
    ];
    DeskError::EditConflict {
        entity: EntityKind::Company,
        version: stored.version,
        fields: candidates
            .into_iter()
            .filter(|(_, _, differs)| *differs)
            .map(|(field, stored, _)| StoredValue {
                field: field.to_owned(),
                stored,
            })
            .collect(),
    }
}
