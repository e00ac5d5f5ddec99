use desk_domain::company::CompanyId;
use desk_domain::company_list::{Company, CompanyChoices, CompanyListRequest, CompanyPage};
use desk_domain::{DeskError, EntityKind, FieldError, FieldErrorCode};
use desk_store::{CompaniesSeen, Store};

use crate::internal_error;
use crate::policy::Scope;

/// The companies `scope` sees: a sales rep, those where they are the sales rep.
pub(super) fn seen_by(scope: Scope) -> CompaniesSeen {
    match scope {
        Scope::Everything => CompaniesSeen::All,
        Scope::AssignedTo(staff) => CompaniesSeen::OfSalesRep(staff),
    }
}

pub(super) fn not_found(id: CompanyId) -> DeskError {
    DeskError::NotFound {
        entity: EntityKind::Company,
        id: id.to_string(),
    }
}

/// One page of the companies list in the request's order, search and filters.
pub async fn list_companies(
    store: &dyn Store,
    scope: Scope,
    request: &CompanyListRequest,
) -> Result<CompanyPage, DeskError> {
    if request
        .after
        .as_ref()
        .is_some_and(|cursor| cursor.sort != request.query.sort)
    {
        return Err(DeskError::Validation {
            fields: vec![FieldError::new(
                "after",
                FieldErrorCode::InvalidChoice,
                "The list changed its order meanwhile; it starts again from the top.",
            )],
        });
    }
    store
        .list_companies(
            &request.query,
            request.after.as_ref(),
            request.page_size(),
            seen_by(scope),
        )
        .await
        .map_err(|error| internal_error("listing companies", &error))
}

/// Company `id`; "not found" also for a company outside the caller's scope, so its
/// existence does not leak.
pub async fn get_company(
    store: &dyn Store,
    scope: Scope,
    id: CompanyId,
) -> Result<Company, DeskError> {
    store
        .company_by_id(id, seen_by(scope))
        .await
        .map_err(|error| internal_error("reading a company", &error))?
        .ok_or_else(|| not_found(id))
}

/// Nothing when company `id` is in the caller's scope; "not found" otherwise (also
/// for another sales rep's company, so its existence does not leak). Cheaper than
/// reading the company, for the screens that read one of its parts.
pub(super) async fn ensure_in_scope(
    store: &dyn Store,
    scope: Scope,
    id: CompanyId,
) -> Result<(), DeskError> {
    let seen = store
        .company_in_scope(id, seen_by(scope))
        .await
        .map_err(|error| internal_error("reading a company", &error))?;
    if seen { Ok(()) } else { Err(not_found(id)) }
}

/// The customer groups and sales reps the company form and the list's filters
/// offer (a sales rep: their own companies' groups, and themselves).
pub async fn company_choices(store: &dyn Store, scope: Scope) -> Result<CompanyChoices, DeskError> {
    store
        .company_choices(seen_by(scope))
        .await
        .map_err(|error| internal_error("reading the company form's choices", &error))
}
