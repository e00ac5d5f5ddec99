//! The email settings use cases: read them, save them (the SMTP password to this
//! desktop's keyring, bound to the server), and send a test email through the outbox.

use chrono::{DateTime, Utc};
use desk_domain::audit::{AuditAction, EntityType, FieldChange};
use desk_domain::email_settings::{
    EmailSettings, EmailSettingsView, SaveEmailSettingsInput, SendTestEmailInput, TestEmailSent,
    fields,
};
use desk_domain::{DeskError, Email, FieldError, FieldErrorCode, Sensitive};
use desk_store::{Effects, OutboxStatus};

use super::compose;
use super::delivery::{DeliveryPolicy, deliver_claimed};
use super::mailer::Mailer;
use super::send_failure::SendFailure;
use super::smtp_password;
use super::templates::{default_locale, render_message};
use crate::audit::entry;
use crate::desk::{Actor, Desk};
use crate::internal_error;
use crate::profiles::{SecretError, Workspace};
use desk_domain::email_template::TemplateKind;

fn field_problem(field: &str, code: FieldErrorCode, message: impl Into<String>) -> DeskError {
    DeskError::Validation {
        fields: vec![FieldError::new(field, code, message)],
    }
}

fn failure_problem(failure: SendFailure) -> DeskError {
    field_problem(
        failure.field,
        FieldErrorCode::ConnectionFailed,
        failure.reason,
    )
}

fn keyring_problem(error: &SecretError) -> DeskError {
    field_problem(
        fields::PASSWORD,
        FieldErrorCode::ConnectionFailed,
        format!(
            "This computer's keyring could not keep the SMTP password ({error}); without \
             it this desktop cannot send mail through a server that needs a login."
        ),
    )
}

/// The SMTP password this desktop has for `settings`.
async fn saved_password(
    workspace: &Workspace,
    settings: &EmailSettings,
) -> Result<Result<Option<Sensitive<String>>, SecretError>, DeskError> {
    let profile = workspace.active_profile();
    let settings = settings.clone();
    workspace
        .with_secrets(move |secrets| smtp_password::read(secrets, &profile, &settings))
        .await
}

/// The email settings screen.
pub async fn email_settings_view(
    workspace: &Workspace,
    desk: &Desk,
) -> Result<EmailSettingsView, DeskError> {
    let settings = desk
        .store()?
        .email_settings()
        .await
        .map_err(|error| internal_error("reading the email settings", &error))?;
    let keyring_problem = workspace
        .with_secrets(|secrets| secrets.probe())
        .await?
        .err()
        .map(|error| error.to_string());
    let password_saved = match &settings {
        Some(settings) if settings.login.is_some() => {
            matches!(saved_password(workspace, settings).await?, Ok(Some(_)))
        }
        _ => false,
    };
    Ok(EmailSettingsView {
        settings,
        password_saved,
        keyring_problem,
    })
}

fn changes(before: Option<&EmailSettings>, after: &EmailSettings) -> Vec<FieldChange> {
    let describe = |settings: &EmailSettings| {
        [
            (fields::HOST, settings.host.clone()),
            (fields::PORT, settings.port.to_string()),
            (fields::SECURITY, settings.security.label().to_owned()),
            (fields::LOGIN, settings.login.clone().unwrap_or_default()),
            (fields::SENDER_NAME, settings.sender_name.clone()),
            (fields::SENDER_ADDRESS, settings.sender_address.to_string()),
        ]
    };
    let old = before.map(describe);
    describe(after)
        .into_iter()
        .enumerate()
        .filter_map(|(index, (field, new))| match &old {
            None => Some(FieldChange::added(field, new)),
            Some(old) if old[index].1 != new => {
                Some(FieldChange::changed(field, old[index].1.clone(), new))
            }
            Some(_) => None,
        })
        .collect()
}

/// Saves the email settings. A typed password goes to this desktop's keyring, bound to
/// the host, port, security and login; with a login and no password typed, the one
/// saved for exactly that server is kept, and without one the form asks for it.
pub async fn save_email_settings(
    workspace: &Workspace,
    desk: &Desk,
    by: &Actor,
    input: &SaveEmailSettingsInput,
    now: DateTime<Utc>,
) -> Result<EmailSettingsView, DeskError> {
    let settings = input
        .settings
        .parse()
        .map_err(|fields| DeskError::Validation { fields })?;
    let store = desk.store()?;
    let before = store
        .email_settings()
        .await
        .map_err(|error| internal_error("reading the email settings", &error))?;
    let profile = workspace.active_profile();
    let typed = input.settings.password.clone();
    if settings.login.is_some() {
        if typed.expose().is_empty() {
            match saved_password(workspace, &settings).await? {
                Ok(Some(_)) => {}
                Ok(None) => {
                    return Err(field_problem(
                        fields::PASSWORD,
                        FieldErrorCode::Required,
                        format!(
                            "Enter the SMTP password for {} at {}. It is kept in this \
                             computer's keyring, never in the store.",
                            settings.login.as_deref().unwrap_or_default(),
                            settings.host
                        ),
                    ));
                }
                Err(error) => return Err(keyring_problem(&error)),
            }
        } else {
            let (profile, bound) = (profile.clone(), settings.clone());
            workspace
                .with_secrets(move |secrets| {
                    smtp_password::write(secrets, &profile, &bound, &typed)
                })
                .await?
                .map_err(|error| keyring_problem(&error))?;
        }
    } else {
        // No login: a password saved for an earlier server has no use left.
        let profile = profile.clone();
        if let Err(error) = workspace
            .with_secrets(move |secrets| smtp_password::forget(secrets, &profile))
            .await?
        {
            tracing::warn!(%error, "could not forget the old SMTP password");
        }
    }
    let audit = entry(
        &by.attribution(),
        now,
        AuditAction::EmailSettingsChanged,
        EntityType::Settings,
        "email".to_owned(),
        changes(before.as_ref(), &settings),
    );
    store
        .set_email_settings(Some(&settings), &Effects::audit(audit))
        .await
        .map_err(|error| internal_error("storing the email settings", &error))?;
    email_settings_view(workspace, desk).await
}

/// Sends a test email to `input.recipient` now, through the outbox like every
/// message (queued, claimed, sent, recorded), and says what the server answered.
pub async fn send_test_email(
    workspace: &Workspace,
    desk: &Desk,
    by: &Actor,
    input: &SendTestEmailInput,
    now: DateTime<Utc>,
) -> Result<TestEmailSent, DeskError> {
    let recipient = Email::parse(fields::TEST_RECIPIENT, &input.recipient).map_err(|problem| {
        DeskError::Validation {
            fields: vec![problem],
        }
    })?;
    let store = desk.store()?;
    let settings = store
        .email_settings()
        .await
        .map_err(|error| internal_error("reading the email settings", &error))?
        .ok_or_else(|| {
            field_problem(
                fields::HOST,
                FieldErrorCode::Required,
                "Save the email settings first: there is no SMTP server to send through.",
            )
        })?;
    let password = match settings.login {
        Some(_) => Some(
            saved_password(workspace, &settings)
                .await?
                .map_err(|error| keyring_problem(&error))?
                .ok_or_else(|| failure_problem(SendFailure::password_missing(&settings)))?,
        ),
        None => None,
    };
    // A test reports on this one try: it is not retried later.
    let policy = DeliveryPolicy {
        attempts: 1,
        ..desk.settings().delivery.clone()
    };
    let mailer =
        Mailer::new(&settings, password.as_ref(), policy.send_timeout).map_err(failure_problem)?;
    // In the store's default locale: the person testing reads it.
    let locale = default_locale(store.as_ref()).await?;
    let rendered = render_message(
        store.as_ref(),
        TemplateKind::Test,
        &locale,
        &[
            ("staff_name", by.staff.display_name.to_string()),
            ("smtp_host", settings.host.clone()),
        ],
    )
    .await?;
    let message = compose::message(
        Some(&settings),
        recipient.as_str(),
        TemplateKind::Test.code(),
        &locale,
        rendered,
        None,
        now,
    );
    let id = message.id;
    let audit = entry(
        &by.attribution(),
        now,
        AuditAction::TestEmailSent,
        EntityType::Settings,
        "email".to_owned(),
        vec![
            FieldChange::added(fields::TEST_RECIPIENT, recipient.as_str()),
            FieldChange::added(fields::HOST, settings.host.clone()),
        ],
    );
    store
        .record(&Effects::audit(audit).and_queue(message))
        .await
        .map_err(|error| internal_error("queuing the test email", &error))?;
    let claimed = store
        .claim_message(id, now)
        .await
        .map_err(|error| internal_error("claiming the test email", &error))?;
    let sent = match claimed {
        Some(claimed) => deliver_claimed(store.as_ref(), &mailer, &policy, &claimed)
            .await
            .map_err(|error| internal_error("recording the test email", &error))?
            .map_err(failure_problem)
            .map(|()| true)?,
        // The background delivery took it first: wait for its result.
        None => wait_for_delivery(store.as_ref(), id, &policy).await?,
    };
    if !sent {
        return Err(field_problem(
            fields::HOST,
            FieldErrorCode::ConnectionFailed,
            "The test email has not gone out yet: the Outbox shows the server's answer.",
        ));
    }
    Ok(TestEmailSent {
        message: format!(
            "{} accepted the test email to {recipient}. It is in the Outbox as sent.",
            settings.host
        ),
    })
}

async fn wait_for_delivery(
    store: &dyn desk_store::Store,
    id: uuid::Uuid,
    policy: &DeliveryPolicy,
) -> Result<bool, DeskError> {
    let deadline = tokio::time::Instant::now() + policy.send_timeout * 2;
    while tokio::time::Instant::now() < deadline {
        let status = store
            .outbox_status(id)
            .await
            .map_err(|error| internal_error("reading the outbox", &error))?;
        match status {
            Some((OutboxStatus::Sent, _)) => return Ok(true),
            Some((OutboxStatus::Sending, _)) => {
                tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            }
            _ => return Ok(false),
        }
    }
    Ok(false)
}

#[cfg(test)]
mod tests {
    use desk_domain::email_settings::SmtpSecurity;

    use super::*;

    fn settings() -> EmailSettings {
        EmailSettings {
            host: "smtp.example.com".into(),
            port: 465,
            security: SmtpSecurity::ImplicitTls,
            login: None,
            sender_name: "Shop".into(),
            sender_address: Email::from_trusted("shop@example.com".into()),
        }
    }

    #[test]
    fn the_audit_entry_lists_only_what_changed() {
        let after = EmailSettings {
            port: 587,
            security: SmtpSecurity::StartTls,
            ..settings()
        };
        let listed: Vec<String> = changes(Some(&settings()), &after)
            .into_iter()
            .map(|change| format!("{}: {:?} -> {:?}", change.field, change.old, change.new))
            .collect();
        assert_eq!(
            listed,
            [
                "smtp_port: Some(\"465\") -> Some(\"587\")",
                "smtp_security: Some(\"TLS (SMTPS, port 465)\") -> Some(\"STARTTLS (port 587)\")",
            ]
        );
        assert_eq!(changes(None, &settings()).len(), 6);
    }
}
