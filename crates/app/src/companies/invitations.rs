//! Invitations to join a company (seed 004): the tab's list, which listed addresses
//! the store refuses (members, invited already), sending a list (each invitee a
//! signed link and an email through the outbox, in one transaction), resending (a
//! new link; the old one stops working), revoking, and accepting with a link, which
//! creates or links the customer as a member with the invited role.

use chrono::{DateTime, Duration, SubsecRound, Utc};
use desk_domain::audit::{AuditAction, EntityType, FieldChange};
use desk_domain::company::CompanyId;
use desk_domain::company_invitation::{
    AcceptRefusal, Accepted, CheckInvitees, INVITATION_LIFETIME_DAYS, InvitationId, InvitationPage,
    InvitationRef, InvitationStatus, InvitationsRequest, InvitationsSent, InviteeConflict,
    InviteeRefusal, MAX_INVITATION_PAGE_SIZE, MAX_INVITATIONS_PER_SEND, SendInvitations, fields,
};
use desk_domain::company_role::CompanyRole;
use desk_domain::customer::{CustomerDetails, CustomerId};
use desk_domain::email_template::TemplateKind;
use desk_domain::link_token::LinkPurpose;
use desk_domain::site::DEFAULT_SITE;
use desk_domain::store_preferences::CodeList;
use desk_domain::{
    CurrencyCode, DeskError, Email, EntityKind, FieldError, FieldErrorCode, PersonName,
};
use desk_store::{
    Effects, InvitationLink, NewCustomerRecord, NewInvitation, Store, StoreError, UniqueField,
};

use super::list::{ensure_in_scope, get_company};
use super::members::company_roles;
use crate::audit::{Attribution, entry};
use crate::customers::{generate_customer_number, generate_customer_ref};
use crate::email::compose;
use crate::email::templates::{built_in, default_locale, render, template_in_effect};
use crate::internal_error;
use crate::policy::Scope;
use crate::signed_links;

/// How long an invitation's link works.
pub const INVITATION_LIFETIME: Duration = Duration::days(INVITATION_LIFETIME_DAYS);

/// A page of a company's invitations, newest first ("not found" outside the scope);
/// with their registration links only `with_links` (for those who may change
/// companies: anyone holding a link can register in the invitee's place).
pub async fn company_invitations(
    store: &dyn Store,
    scope: Scope,
    request: &InvitationsRequest,
    now: DateTime<Utc>,
    with_links: bool,
) -> Result<InvitationPage, DeskError> {
    ensure_in_scope(store, scope, request.company).await?;
    store
        .invitations(
            request.company,
            request.before,
            request.limit.clamp(1, MAX_INVITATION_PAGE_SIZE),
            now,
            with_links,
        )
        .await
        .map_err(|error| internal_error("listing a company's invitations", &error))
}

/// Which listed addresses the store refuses, with their lines: members of the
/// company already, and those with a pending invitation. Lines that are no address
/// are the parser's to name, and are left out here.
pub async fn check_invitees(
    store: &dyn Store,
    scope: Scope,
    request: &CheckInvitees,
    now: DateTime<Utc>,
) -> Result<Vec<InviteeRefusal>, DeskError> {
    ensure_in_scope(store, scope, request.company).await?;
    let listed: Vec<(usize, Email)> = request
        .invitees
        .iter()
        .filter_map(|invitee| {
            Email::parse(fields::INVITEES, &invitee.email)
                .ok()
                .map(|email| (invitee.line, email))
        })
        .collect();
    refusals(store, request.company, &listed, now).await
}

async fn refusals(
    store: &dyn Store,
    company: CompanyId,
    listed: &[(usize, Email)],
    now: DateTime<Utc>,
) -> Result<Vec<InviteeRefusal>, DeskError> {
    let keys: Vec<String> = listed.iter().map(|(_, email)| email.unique_key()).collect();
    let conflicts = store
        .invitee_conflicts(company, &keys, now)
        .await
        .map_err(|error| internal_error("checking whom to invite", &error))?;
    if conflicts.is_empty() {
        return Ok(Vec::new());
    }
    let by_key: std::collections::HashMap<&str, &InviteeConflict> = conflicts
        .iter()
        .map(|(key, conflict)| (key.as_str(), conflict))
        .collect();
    Ok(listed
        .iter()
        .filter_map(|(line, email)| {
            by_key
                .get(email.unique_key().as_str())
                .map(|conflict| InviteeRefusal {
                    line: *line,
                    email: email.as_str().to_owned(),
                    conflict: (*conflict).clone(),
                })
        })
        .collect())
}

/// Who sends, as the audit log and the email name them.
#[derive(Debug, Clone)]
pub struct Inviter {
    /// For the audit log.
    pub by: Attribution,
    /// Their name, in the email and the list.
    pub name: String,
    /// The companies they may see: any other is "not found".
    pub scope: Scope,
}

/// Sends the listed invitations: each invitee a registration link and an email
/// queued through the outbox, all in one transaction. Addresses the store refuses
/// (members, invited already) are sent back with their lines, not sent.
pub async fn send_invitations(
    store: &dyn Store,
    inviter: &Inviter,
    request: &SendInvitations,
    now: DateTime<Utc>,
) -> Result<InvitationsSent, DeskError> {
    let company = get_company(store, inviter.scope, request.company).await?;
    let roles = company_roles(store).await?;
    let listed = checked_invitees(request, &roles)?;
    let storefront = storefront(store).await?;
    let refused = refusals(
        store,
        request.company,
        &listed
            .iter()
            .map(|(line, email, _)| (*line, email.clone()))
            .collect::<Vec<_>>(),
        now,
    )
    .await?;
    let at = now.trunc_subsecs(6);
    let mailer = Mailer::read(store, &storefront).await?;
    let refused_lines: std::collections::HashSet<usize> =
        refused.iter().map(|refusal| refusal.line).collect();
    let mut invitations = Vec::new();
    let mut effects = Effects::default();
    let mut changes = Vec::new();
    for (line, email, role) in &listed {
        if refused_lines.contains(line) {
            continue;
        }
        let id = InvitationId(uuid::Uuid::now_v7());
        let issued = mailer.issue(id, at);
        let message = mailer.message(
            email.as_str(),
            company.row.id,
            &company.row.name,
            role,
            &inviter.name,
            &issued,
            at,
        )?;
        effects = effects.and_link(issued.token).and_queue(message);
        changes.push(FieldChange::added(
            "invitation",
            format!("{} ({})", email.as_str(), role.name),
        ));
        invitations.push(NewInvitation {
            id,
            company: request.company,
            email: email.as_str().to_owned(),
            email_key: email.unique_key(),
            role: role.id,
            role_name: role.name.clone(),
            link: issued.link,
            invited_by_name: inviter.name.clone(),
        });
    }
    if !invitations.is_empty() {
        let effects = effects.and_audit(entry(
            &inviter.by,
            at,
            AuditAction::InvitationsSent,
            EntityType::Company,
            request.company.to_string(),
            changes,
        ));
        store
            .insert_invitations(&invitations, &effects)
            .await
            .map_err(|error| match error {
                StoreError::Duplicate(UniqueField::PendingInvitation) => DeskError::Conflict {
                    fields: vec![FieldError::new(
                        fields::INVITEES,
                        FieldErrorCode::AlreadyInUse,
                        "Someone on the list was invited by someone else just now; nothing \
                         was sent. Check the list again and send.",
                    )],
                },
                StoreError::NotFound => DeskError::NotFound {
                    entity: EntityKind::Company,
                    id: request.company.to_string(),
                },
                other => internal_error("sending invitations", &other),
            })?;
    }
    Ok(InvitationsSent {
        sent: invitations.len(),
        refused,
    })
}

/// The request's invitees, checked: each an address with a role that exists, each
/// address once. Every problem is named with its line.
fn checked_invitees<'r>(
    request: &SendInvitations,
    roles: &'r [CompanyRole],
) -> Result<Vec<(usize, Email, &'r CompanyRole)>, DeskError> {
    let mut problems = Vec::new();
    if request.invitees.is_empty() {
        problems.push(FieldError::new(
            fields::INVITEES,
            FieldErrorCode::Required,
            "Add at least one email address to invite.",
        ));
    } else if request.invitees.len() > MAX_INVITATIONS_PER_SEND {
        problems.push(FieldError::new(
            fields::INVITEES,
            FieldErrorCode::TooLong,
            format!(
                "Send at most {MAX_INVITATIONS_PER_SEND} invitations at once; send the rest next."
            ),
        ));
    }
    let mut listed: Vec<(usize, Email, &CompanyRole)> = Vec::new();
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for invitee in &request.invitees {
        let Ok(email) = Email::parse(fields::INVITEES, &invitee.email) else {
            problems.push(FieldError::new(
                fields::INVITEES,
                FieldErrorCode::InvalidEmail,
                format!(
                    "{:?} is not an email address like name@example.com.",
                    invitee.email
                ),
            ));
            continue;
        };
        let Some(role) = roles.iter().find(|role| role.id == invitee.role) else {
            problems.push(FieldError::new(
                fields::ROLE,
                FieldErrorCode::InvalidChoice,
                format!(
                    "The role chosen for {} no longer exists; choose again.",
                    invitee.email
                ),
            ));
            continue;
        };
        if seen.contains_key(&email.unique_key()) {
            problems.push(FieldError::new(
                fields::INVITEES,
                FieldErrorCode::AlreadyInUse,
                format!("{} is listed twice; keep it once.", email.as_str()),
            ));
            continue;
        }
        seen.insert(email.unique_key(), invitee.line);
        listed.push((invitee.line, email, role));
    }
    if problems.is_empty() {
        Ok(listed)
    } else {
        problems.truncate(20);
        Err(DeskError::Validation { fields: problems })
    }
}

/// The default site's storefront URL, which registration links are built from.
async fn storefront(store: &dyn Store) -> Result<(String, String), DeskError> {
    let sites = store
        .sites()
        .await
        .map_err(|error| internal_error("reading the sites", &error))?;
    let site = sites
        .iter()
        .find(|site| site.code == DEFAULT_SITE)
        .or_else(|| sites.first());
    match site {
        Some(site) => match &site.storefront_url {
            Some(url) => Ok((url.clone(), site.name.clone())),
            None => Err(DeskError::Validation {
                fields: vec![FieldError::new(
                    fields::INVITEES,
                    FieldErrorCode::Required,
                    format!(
                        "Registration links are built from the storefront URL of the site \
                         \"{}\", which has none yet: set it under Settings, Sites, then send.",
                        site.name
                    ),
                )],
            }),
        },
        None => Err(DeskError::Validation {
            fields: vec![FieldError::new(
                fields::INVITEES,
                FieldErrorCode::Required,
                "Registration links need a site with a storefront URL: add one under \
                 Settings, Sites, then send.",
            )],
        }),
    }
}

/// A link just issued for an invitation.
struct IssuedInvitationLink {
    /// For the invitation row.
    link: InvitationLink,
    /// For `link_tokens`.
    token: desk_store::NewLinkToken,
}

/// What every invitation email of one send needs, read once.
struct Mailer {
    settings: Option<desk_domain::email_settings::EmailSettings>,
    locale: String,
    template: desk_domain::email_template::TemplateText,
    built_in: bool,
    storefront_url: String,
    site_name: String,
}

impl Mailer {
    async fn read(store: &dyn Store, storefront: &(String, String)) -> Result<Self, DeskError> {
        let settings = store
            .email_settings()
            .await
            .map_err(|error| internal_error("reading the email settings", &error))?;
        let locale = default_locale(store).await?;
        let (template, built_in) =
            template_in_effect(store, TemplateKind::Invitation, &locale, &locale).await?;
        Ok(Self {
            settings,
            locale,
            template,
            built_in,
            storefront_url: storefront.0.clone(),
            site_name: storefront.1.clone(),
        })
    }

    fn issue(&self, id: InvitationId, at: DateTime<Utc>) -> IssuedInvitationLink {
        let issued = signed_links::issue(
            LinkPurpose::Invitation,
            "invitation",
            &id.to_string(),
            INVITATION_LIFETIME,
            at,
        );
        IssuedInvitationLink {
            link: InvitationLink {
                token_hash: issued.record.token_hash.clone(),
                url: signed_links::link_url(
                    &self.storefront_url,
                    LinkPurpose::Invitation,
                    &issued.token,
                ),
                sent_at: at,
                expires_at: issued.record.expires_at,
            },
            token: issued.record,
        }
    }

    #[expect(clippy::too_many_arguments, reason = "each is one part of the message")]
    fn message(
        &self,
        recipient: &str,
        company_id: CompanyId,
        company_name: &str,
        role: &CompanyRole,
        inviter_name: &str,
        issued: &IssuedInvitationLink,
        at: DateTime<Utc>,
    ) -> Result<desk_store::OutboxMessage, DeskError> {
        let values = [
            ("invitee_email", recipient.to_owned()),
            ("company_name", company_name.to_owned()),
            ("role", role.name.clone()),
            ("inviter_name", inviter_name.to_owned()),
            ("registration_link", issued.link.url.clone()),
            ("site_name", self.site_name.clone()),
            (
                "expires_at",
                issued
                    .link
                    .expires_at
                    .format("%-d %B %Y, %H:%M UTC")
                    .to_string(),
            ),
        ];
        let kind = TemplateKind::Invitation;
        let rendered = match render(kind, &self.template, &values) {
            Ok(rendered) => rendered,
            // A saved template that does not render falls back to the built-in one.
            Err(_) if !self.built_in => {
                render(kind, &built_in(kind), &values).map_err(|problems| {
                    internal_error("rendering an invitation", &format!("{problems:?}"))
                })?
            }
            Err(problems) => {
                return Err(internal_error(
                    "rendering an invitation",
                    &format!("{problems:?}"),
                ));
            }
        };
        // The link is not kept from staff: they may copy it from the list.
        Ok(compose::message(
            self.settings.as_ref(),
            recipient,
            kind.code(),
            &self.locale,
            rendered,
            Some(("company".to_owned(), company_id.to_string())),
            at,
        ))
    }
}

/// Resends an invitation with a new link (the old one stops working), queuing the
/// email again; an expired one starts a new lifetime.
pub async fn resend_invitation(
    store: &dyn Store,
    inviter: &Inviter,
    invitation: InvitationRef,
    now: DateTime<Utc>,
) -> Result<(), DeskError> {
    let company = get_company(store, inviter.scope, invitation.company).await?;
    let stored = stored(store, invitation).await?;
    let status = InvitationStatus::at(&stored.status, stored.expires_at, now);
    if !status.is_some_and(InvitationStatus::can_resend) {
        return Err(no_longer(&stored.email, status));
    }
    let roles = company_roles(store).await?;
    let role = roles
        .iter()
        .find(|role| Some(role.id) == stored.role)
        .ok_or_else(|| internal_error("finding an invitation's role", &StoreError::NotFound))?;
    let storefront = storefront(store).await?;
    let mailer = Mailer::read(store, &storefront).await?;
    let at = now.trunc_subsecs(6);
    let issued = mailer.issue(stored.id, at);
    let message = mailer.message(
        &stored.email,
        company.row.id,
        &company.row.name,
        role,
        &inviter.name,
        &issued,
        at,
    )?;
    let effects = Effects::audit(entry(
        &inviter.by,
        at,
        AuditAction::InvitationResent,
        EntityType::Company,
        invitation.company.to_string(),
        vec![FieldChange::added("invitation", stored.email.clone())],
    ))
    .and_link(issued.token)
    .and_queue(message);
    let done = store
        .replace_invitation_link(stored.id, &issued.link, &inviter.name, &effects)
        .await
        .map_err(|error| internal_error("resending an invitation", &error))?;
    if done {
        Ok(())
    } else {
        Err(no_longer(&stored.email, None))
    }
}

/// Revokes a pending invitation: its link stops working.
pub async fn revoke_invitation(
    store: &dyn Store,
    by: &Attribution,
    scope: Scope,
    invitation: InvitationRef,
    now: DateTime<Utc>,
) -> Result<(), DeskError> {
    ensure_in_scope(store, scope, invitation.company).await?;
    let stored = stored(store, invitation).await?;
    let status = InvitationStatus::at(&stored.status, stored.expires_at, now);
    if !status.is_some_and(InvitationStatus::can_revoke) {
        return Err(no_longer(&stored.email, status));
    }
    let at = now.trunc_subsecs(6);
    let effects = Effects::audit(entry(
        by,
        at,
        AuditAction::InvitationRevoked,
        EntityType::Company,
        invitation.company.to_string(),
        vec![FieldChange::removed("invitation", stored.email.clone())],
    ));
    let done = store
        .revoke_invitation(stored.id, at, &effects)
        .await
        .map_err(|error| internal_error("revoking an invitation", &error))?;
    if done {
        Ok(())
    } else {
        Err(no_longer(&stored.email, None))
    }
}

async fn stored(
    store: &dyn Store,
    invitation: InvitationRef,
) -> Result<desk_store::StoredInvitation, DeskError> {
    store
        .invitation(invitation.company, invitation.invitation)
        .await
        .map_err(|error| internal_error("reading an invitation", &error))?
        .ok_or_else(|| DeskError::NotFound {
            entity: EntityKind::Invitation,
            id: invitation.invitation.to_string(),
        })
}

/// The invitation to `email` is no longer in a state for that (accepted or revoked
/// meanwhile, say).
fn no_longer(email: &str, status: Option<InvitationStatus>) -> DeskError {
    let now = status.map_or_else(
        || "it changed meanwhile".to_owned(),
        |status| format!("it is {}", status.label().to_lowercase()),
    );
    DeskError::Conflict {
        fields: vec![FieldError::new(
            fields::INVITEES,
            FieldErrorCode::InvalidChoice,
            format!("The invitation to {email} was left as it is: {now}. Reload the list."),
        )],
    }
}

/// A person registering with an invitation link.
#[derive(Debug, Clone, Default)]
pub struct Registration {
    /// First name (for a new customer).
    pub first_name: String,
    /// Last name (for a new customer).
    pub last_name: String,
}

/// Accepts an invitation with the link's `token`, as a storefront does on
/// registration (on Postgres through `desk_accept_invitation`, which does the same in
/// SQL): the customer with the invited address (created from `registration` when
/// there is none) becomes an active member with the invited role.
pub async fn accept_invitation(
    store: &dyn Store,
    token: &str,
    registration: &Registration,
    now: DateTime<Utc>,
) -> Result<Result<Accepted, AcceptRefusal>, DeskError> {
    let hash = signed_links::token_hash(token.trim());
    let found = store
        .invitation_by_token(&hash)
        .await
        .map_err(|error| internal_error("reading an invitation link", &error))?;
    let Some(found) = found else {
        return Ok(Err(AcceptRefusal::Unknown));
    };
    if found.purpose != LinkPurpose::Invitation {
        return Ok(Err(AcceptRefusal::WrongPurpose));
    }
    let Some(invitation) = found.invitation else {
        return Ok(Err(AcceptRefusal::Unknown));
    };
    let refusal = match invitation.status.as_str() {
        "revoked" => Some(AcceptRefusal::Revoked),
        "accepted" => Some(AcceptRefusal::Used),
        _ if invitation.token_hash != hash => Some(AcceptRefusal::Replaced),
        _ if found.used => Some(AcceptRefusal::Used),
        _ if invitation.expires_at <= now => Some(AcceptRefusal::Expired),
        _ => None,
    };
    if let Some(refusal) = refusal {
        return Ok(Err(refusal));
    }
    let at = now.trunc_subsecs(6);
    let email = Email::parse("email", &invitation.email)
        .map_err(|_| internal_error("reading an invited address", &StoreError::NotFound))?;
    let existing = store
        .customer_id_by_email(&email.unique_key())
        .await
        .map_err(|error| internal_error("finding the invited customer", &error))?;
    let accepted = |customer: CustomerId, created: bool| Accepted {
        customer,
        company: invitation.company,
        created,
    };
    let joined = entry(
        &Attribution {
            id: None,
            email: invitation.email.clone(),
        },
        at,
        AuditAction::InvitationAccepted,
        EntityType::Company,
        invitation.company.to_string(),
        vec![FieldChange::added("invitation", invitation.email.clone())],
    );
    if let Some(customer) = existing {
        let done = store
            .complete_invitation(
                invitation.id,
                &hash,
                customer,
                None,
                at,
                &Effects::audit(joined),
            )
            .await
            .map_err(|error| internal_error("accepting an invitation", &error))?;
        return Ok(if done {
            Ok(accepted(customer, false))
        } else {
            Err(AcceptRefusal::Used)
        });
    }
    let details = match registration_details(store, &email, registration).await? {
        Ok(details) => details,
        Err(refusal) => return Ok(Err(refusal)),
    };
    let id = CustomerId(uuid::Uuid::now_v7());
    // The customer, the membership and the invitation in one transaction: if the
    // invitation was revoked or used meanwhile, nobody is registered.
    for _ in 0..5 {
        let (customer_ref, customer_number) = (generate_customer_ref(), generate_customer_number());
        let record = NewCustomerRecord {
            id,
            customer_ref: &customer_ref,
            customer_number: &customer_number,
            details: &details,
            password_hash: None,
            at,
        };
        let registered = entry(
            &Attribution {
                id: None,
                email: email.as_str().to_owned(),
            },
            at,
            AuditAction::CustomerRegistered,
            EntityType::Customer,
            id.to_string(),
            vec![FieldChange::added("email", email.as_str())],
        );
        let effects = Effects::audit(registered).and_audit(joined.clone());
        match store
            .complete_invitation(invitation.id, &hash, id, Some(&record), at, &effects)
            .await
        {
            Ok(true) => return Ok(Ok(accepted(id, true))),
            Ok(false) => return Ok(Err(AcceptRefusal::Used)),
            Err(StoreError::Duplicate(UniqueField::CustomerNumber | UniqueField::CustomerRef)) => {
                continue;
            }
            Err(error) => return Err(internal_error("registering an invitee", &error)),
        }
    }
    Err(internal_error(
        "drawing a free customer number",
        &"5 draws were all taken",
    ))
}

/// The record of someone registering with an invitation: their names, the invited
/// address, the store's default currency; active.
async fn registration_details(
    store: &dyn Store,
    email: &Email,
    registration: &Registration,
) -> Result<Result<CustomerDetails, AcceptRefusal>, DeskError> {
    let (Ok(first_name), Ok(last_name)) = (
        PersonName::parse("first_name", "first name", &registration.first_name),
        PersonName::parse("last_name", "last name", &registration.last_name),
    ) else {
        return Ok(Err(AcceptRefusal::NameRequired));
    };
    let currency = store
        .code_list(CodeList::Currencies)
        .await
        .map_err(|error| internal_error("reading the currencies", &error))?
        .into_iter()
        .find(|(_, is_default)| *is_default)
        .map(|(code, _)| CurrencyCode::from_trusted(code))
        .ok_or_else(|| internal_error("finding the default currency", &StoreError::NotFound))?;
    Ok(Ok(CustomerDetails {
        customer_ref: None,
        email: email.clone(),
        salutation: None,
        first_name,
        last_name,
        gender: None,
        date_of_birth: None,
        phone: None,
        company: None,
        locale: None,
        preferred_currency: currency,
        preferred_site: None,
        restriction: None,
        active: true,
        on_hold: false,
        attributes: Default::default(),
    }))
}
