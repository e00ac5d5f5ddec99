//! One SMTP connection setting, turned into a `lettre` transport: the only place the
//! app speaks SMTP. Only the outbox's delivery calls it.

use std::time::Duration;

use desk_domain::Sensitive;
use desk_domain::email_settings::{EmailSettings, SmtpSecurity};
use desk_domain::transport::is_loopback;
use desk_store::OutboxMessage;
use lettre::message::{Mailbox, MultiPart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use super::send_failure::SendFailure;

/// Sends outbox messages through the store's SMTP server.
#[derive(Debug)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    settings: EmailSettings,
    timeout: Duration,
}

impl Mailer {
    /// A mailer for `settings`, logging in with `password` when they name a login.
    /// `timeout` bounds each message from connecting to the server's last answer.
    /// Plain SMTP is refused to anything but this computer, whatever the store says
    /// (its settings can be changed outside the app).
    pub fn new(
        settings: &EmailSettings,
        password: Option<&Sensitive<String>>,
        timeout: Duration,
    ) -> Result<Self, SendFailure> {
        let host = settings.host.as_str();
        let builder = match settings.security {
            SmtpSecurity::ImplicitTls => AsyncSmtpTransport::<Tokio1Executor>::relay(host),
            SmtpSecurity::StartTls => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(host),
            SmtpSecurity::Plain if is_loopback(host) => Ok(
                AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host),
            ),
            SmtpSecurity::Plain => return Err(SendFailure::plain_off_this_computer(host)),
        }
        .map_err(|error| SendFailure::from_smtp(&error, settings, timeout))?;
        let mut builder = builder.port(settings.port).timeout(Some(timeout));
        if let Some(login) = &settings.login {
            let password = password.ok_or_else(|| SendFailure::password_missing(settings))?;
            builder =
                builder.credentials(Credentials::new(login.clone(), password.expose().clone()));
        }
        Ok(Self {
            transport: builder.build(),
            settings: settings.clone(),
            timeout,
        })
    }

    /// The settings it was made for.
    pub fn settings(&self) -> &EmailSettings {
        &self.settings
    }

    /// Sends `message` with its own `Message-ID` (the same on every attempt).
    pub async fn send(&self, message: &OutboxMessage) -> Result<(), SendFailure> {
        let email = self.compose(message)?;
        let sending = self.transport.send(email);
        match tokio::time::timeout(self.timeout, sending).await {
            Ok(Ok(_)) => Ok(()),
            Ok(Err(error)) => Err(SendFailure::from_smtp(&error, &self.settings, self.timeout)),
            Err(_) => Err(SendFailure::timed_out(&self.settings, self.timeout)),
        }
    }

    fn compose(&self, message: &OutboxMessage) -> Result<Message, SendFailure> {
        let from = self
            .settings
            .sender_address
            .as_str()
            .parse()
            .map(|address| Mailbox::new(Some(self.settings.sender_name.clone()), address))
            .map_err(|_| SendFailure::bad_sender(&self.settings))?;
        let to: Mailbox = message
            .recipient
            .parse()
            .map_err(|_| SendFailure::bad_recipient(&message.recipient))?;
        Message::builder()
            .message_id(Some(message.message_id.clone()))
            .from(from)
            .to(to)
            .subject(message.subject.clone())
            .multipart(MultiPart::alternative_plain_html(
                message.body_text.clone(),
                message.body_html.clone(),
            ))
            .map_err(|error| SendFailure::unsendable(&error))
    }
}
