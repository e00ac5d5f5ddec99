//! "Send verification email" and "Send set-password link" on a customer's page: for a
//! customer whose email was held back (no storefront URL yet) or lost.

use chrono::{DateTime, SubsecRound, Utc};
use desk_domain::audit::{AuditAction, EntityType, FieldChange};
use desk_domain::customer::{
    CustomerEmail, CustomerEmailRequest, PlannedEmail, Verification, plan_emails,
};
use desk_domain::{DeskError, FieldError, FieldErrorCode};
use desk_store::{Effects, Store};

use super::choices::customer_choices;
use super::emails::{self, Recipient};
use super::get::get_customer;
use crate::audit::{Attribution, entry};
use crate::internal_error;

/// Queues `request.email` to the customer with a fresh link, or says why it cannot go.
pub async fn send_customer_email(
    store: &dyn Store,
    by: &Attribution,
    request: &CustomerEmailRequest,
    now: DateTime<Utc>,
) -> Result<PlannedEmail, DeskError> {
    let customer = get_customer(store, request.id).await?;
    if customer.erased_at.is_some() {
        return Err(refused(
            "This customer's personal data was erased: no email goes to them.",
        ));
    }
    if request.email == CustomerEmail::Verification
        && customer.verification() == Verification::Verified
    {
        return Err(refused(&format!(
            "{} has confirmed their email address already.",
            customer.full_name()
        )));
    }
    let choices = customer_choices(store).await?;
    let input = customer.input();
    let site = choices.email_site(&input);
    let planned = plan_emails(vec![request.email.template()], site);
    let Some(email) = planned.into_iter().next() else {
        return Err(internal_error("planning an email", &"nothing planned"));
    };
    if let Some(why) = &email.not_sent {
        let why = why.trim_start_matches("not sent: ");
        return Err(refused(&format!("The email cannot go yet: {why}.")));
    }
    let site_code = site.map(|site| site.code.clone());
    let site = emails::site_named(store, site_code.as_deref()).await?;
    let at = now.trunc_subsecs(6);
    let audit = entry(
        by,
        at,
        AuditAction::CustomerEmailSent,
        EntityType::Customer,
        customer.id.to_string(),
        vec![FieldChange::added("email", email.kind.label())],
    );
    let details = customer.details();
    let effects = emails::queue(
        store,
        &emails::Mailing::read(store).await?,
        &Recipient {
            id: customer.id,
            details: &details,
        },
        std::slice::from_ref(&email),
        site.as_ref(),
        None,
        at,
        Effects::audit(audit),
    )
    .await?;
    store
        .record(&effects)
        .await
        .map_err(|error| internal_error("queueing an email", &error))?;
    Ok(email)
}

fn refused(message: &str) -> DeskError {
    DeskError::Validation {
        fields: vec![FieldError::new(
            "send_email",
            FieldErrorCode::InvalidChoice,
            message,
        )],
    }
}
