//! The emails a customer's creation or activation sends (seeds 001 and 003), rendered
//! from the templates in the customer's locale and queued as effects of the same
//! transaction: if the save fails, no email and no link exist.

use chrono::{DateTime, Duration, Utc};
use desk_domain::DeskError;
use desk_domain::customer::{CustomerDetails, CustomerId, PlannedEmail};
use desk_domain::email_template::TemplateKind;
use desk_domain::link_token::LinkPurpose;
use desk_domain::site::Site;
use desk_store::{Effects, Store, StoreError};

use crate::email::compose;
use desk_domain::email_settings::EmailSettings;

use crate::email::templates::{default_locale, render_message_with_default};
use crate::internal_error;
use crate::signed_links;

/// How long a verification link works.
pub const VERIFICATION_LINK_LIFETIME: Duration = Duration::days(7);
/// How long a set-password link works.
pub const SET_PASSWORD_LINK_LIFETIME: Duration = Duration::days(3);

/// The site `code` as stored (for its URL and name), if there is one.
pub(super) async fn site_named(
    store: &dyn Store,
    code: Option<&str>,
) -> Result<Option<Site>, DeskError> {
    let Some(code) = code else {
        return Ok(None);
    };
    let sites = store
        .sites()
        .await
        .map_err(|error: StoreError| internal_error("reading the sites", &error))?;
    Ok(sites.into_iter().find(|site| site.code == code))
}

/// What every message of a save, or of a whole bulk chunk, needs from the store:
/// read once, not once per customer.
pub(super) struct Mailing {
    settings: Option<EmailSettings>,
    default_locale: String,
}

impl Mailing {
    pub(super) async fn read(store: &dyn Store) -> Result<Self, DeskError> {
        let settings = store
            .email_settings()
            .await
            .map_err(|error| internal_error("reading the email settings", &error))?;
        Ok(Self {
            settings,
            default_locale: default_locale(store).await?,
        })
    }
}

/// Whom the emails go to: a customer being saved.
#[derive(Debug)]
pub(super) struct Recipient<'a> {
    /// The customer's id (the links and the outbox name it).
    pub id: CustomerId,
    /// Their details as they will be stored.
    pub details: &'a CustomerDetails,
}

/// Adds to `effects` each planned email that will be sent, with its signed link
/// where it has one. `password` is the initial password, for the messages that
/// carry it.
#[expect(clippy::too_many_arguments, reason = "each is one part of the message")]
pub(super) async fn queue(
    store: &dyn Store,
    mailing: &Mailing,
    customer: &Recipient<'_>,
    planned: &[PlannedEmail],
    site: Option<&Site>,
    password: Option<&str>,
    now: DateTime<Utc>,
    mut effects: Effects,
) -> Result<Effects, DeskError> {
    let to_send: Vec<TemplateKind> = planned
        .iter()
        .filter(|email| email.not_sent.is_none())
        .map(|email| email.kind)
        .collect();
    if to_send.is_empty() {
        return Ok(effects);
    }
    let details = customer.details;
    let locale = match (&details.locale, site) {
        (Some(locale), _) => locale.as_str().to_owned(),
        (None, Some(site)) => site.default_locale.as_str().to_owned(),
        (None, None) => mailing.default_locale.clone(),
    };
    let storefront = site.and_then(|site| site.storefront_url.clone());
    let site_name = site.map_or_else(String::new, |site| site.name.clone());
    let customer_id = customer.id.to_string();
    for kind in to_send {
        let mut values = vec![
            (
                "customer_name",
                format!("{} {}", details.first_name, details.last_name),
            ),
            ("site_name", site_name.clone()),
        ];
        // What only the recipient may see: kept out of the copy staff read.
        let mut secrets: Vec<String> = Vec::new();
        let link = match kind {
            TemplateKind::Verification => Some((
                LinkPurpose::Verification,
                "verification_link",
                VERIFICATION_LINK_LIFETIME,
            )),
            TemplateKind::PasswordToken => Some((
                LinkPurpose::SetPassword,
                "set_password_link",
                SET_PASSWORD_LINK_LIFETIME,
            )),
            _ => None,
        };
        if let Some((purpose, variable, lifetime)) = link {
            // Planned only when the site has a URL (plan_emails); checked again here.
            let Some(url) = storefront.as_deref() else {
                continue;
            };
            let issued = signed_links::issue(purpose, "customer", &customer_id, lifetime, now);
            secrets.push(issued.token.expose().clone());
            values.push((
                variable,
                signed_links::link_url(url, purpose, &issued.token),
            ));
            values.push((
                "expires_at",
                issued
                    .record
                    .expires_at
                    .format("%-d %B %Y, %H:%M UTC")
                    .to_string(),
            ));
            effects = effects.and_link(issued.record);
        }
        if matches!(
            kind,
            TemplateKind::InitialPassword | TemplateKind::AccountPrepared
        ) {
            values.push(("password", password.unwrap_or_default().to_owned()));
            secrets.push(password.unwrap_or_default().to_owned());
        }
        if matches!(
            kind,
            TemplateKind::InitialPassword | TemplateKind::AccountActive
        ) {
            values.push(("sign_in_link", storefront.clone().unwrap_or_default()));
        }
        let rendered =
            render_message_with_default(store, kind, &locale, &mailing.default_locale, &values)
                .await?;
        let message = compose::message(
            mailing.settings.as_ref(),
            details.email.as_str(),
            kind.code(),
            &locale,
            rendered,
            Some(("customer".to_owned(), customer_id.clone())),
            now,
        );
        let secrets: Vec<&str> = secrets.iter().map(String::as_str).collect();
        effects = effects.and_queue(compose::with_secrets(message, &secrets));
    }
    Ok(effects)
}
