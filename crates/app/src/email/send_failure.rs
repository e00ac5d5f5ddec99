//! Why a message did not go out, in words a person can act on, and whether trying
//! again later can help.

use std::time::Duration;

use desk_domain::email_settings::{EmailSettings, fields};
use desk_store::{ConnectError, Unreachable, network_problem};

/// A failed send: what to tell people, which setting to look at, and whether the
/// outbox should try again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SendFailure {
    /// The sentence for the outbox and the settings form.
    pub reason: String,
    /// The email settings field to fix, or the test recipient when the server refused
    /// the address.
    pub field: &'static str,
    /// `true` when the same message may go out later (server down, a login to fix);
    /// `false` when the server refused this message for good.
    pub retry: bool,
}

/// SMTP replies about logging in (RFC 4954): the settings are wrong, not the message.
const AUTHENTICATION_CODES: [u16; 5] = [454, 530, 534, 535, 538];

impl SendFailure {
    fn new(reason: String, field: &'static str, retry: bool) -> Self {
        Self {
            reason,
            field,
            retry,
        }
    }

    /// Classifies an error from `lettre` talking to the server of `settings`.
    pub fn from_smtp(
        error: &lettre::transport::smtp::Error,
        settings: &EmailSettings,
        timeout: Duration,
    ) -> Self {
        let host = &settings.host;
        if let Some(code) = error.status() {
            let code = u16::from(code);
            let said = server_text(error);
            if AUTHENTICATION_CODES.contains(&code) {
                return Self::new(
                    format!(
                        "{host} refused the login ({code} {said}): check the SMTP login and \
                         password."
                    ),
                    fields::PASSWORD,
                    true,
                );
            }
            return if error.is_permanent() {
                Self::new(
                    format!("{host} refused the message for good ({code} {said})."),
                    fields::TEST_RECIPIENT,
                    false,
                )
            } else {
                Self::new(
                    format!("{host} asked to try again later ({code} {said})."),
                    fields::HOST,
                    true,
                )
            };
        }
        if error.is_timeout() {
            return Self::timed_out(settings, timeout);
        }
        let seconds = timeout.as_secs();
        match network_problem(error, seconds) {
            Some(ConnectError::Tls(problem)) => Self::new(
                format!("The connection to {host} could not be secured: {problem}."),
                fields::SECURITY,
                true,
            ),
            Some(ConnectError::Unreachable(Unreachable::UnknownHost)) => Self::new(
                format!("The host name {host} is not known: check its spelling."),
                fields::HOST,
                true,
            ),
            Some(ConnectError::Unreachable(Unreachable::Refused)) => Self::new(
                format!(
                    "{host} refused the connection on port {}: check the port, and that the \
                     mail server is running.",
                    settings.port
                ),
                fields::PORT,
                true,
            ),
            Some(ConnectError::Unreachable(Unreachable::TimedOut(_))) => {
                Self::timed_out(settings, timeout)
            }
            _ if error.is_tls() => Self::new(
                format!(
                    "The connection to {host} could not be secured: check the security \
                     setting (TLS on port 465, STARTTLS on 587)."
                ),
                fields::SECURITY,
                true,
            ),
            _ => Self::new(
                format!(
                    "The connection to {host} failed ({error}): check the host, port and \
                     security settings."
                ),
                fields::HOST,
                true,
            ),
        }
    }

    /// No answer within `timeout`.
    pub fn timed_out(settings: &EmailSettings, timeout: Duration) -> Self {
        Self::new(
            format!(
                "{} did not answer within {} seconds: check the host, the port and any \
                 firewall.",
                settings.host,
                timeout.as_secs()
            ),
            fields::HOST,
            true,
        )
    }

    /// Plain SMTP to another computer (settings changed outside the app).
    pub fn plain_off_this_computer(host: &str) -> Self {
        Self::new(
            format!(
                "Plain SMTP to {host} would send the password and messages unencrypted: \
                 choose TLS or STARTTLS."
            ),
            fields::SECURITY,
            true,
        )
    }

    /// The server wants a login whose password this desktop does not have.
    pub fn password_missing(settings: &EmailSettings) -> Self {
        Self::new(
            format!(
                "The SMTP password for {} at {} is not saved on this computer: enter it in \
                 Email settings.",
                settings.login.as_deref().unwrap_or_default(),
                settings.host
            ),
            fields::PASSWORD,
            true,
        )
    }

    /// The sender address in the settings cannot be used.
    pub fn bad_sender(settings: &EmailSettings) -> Self {
        Self::new(
            format!(
                "The sender address {} cannot be used: correct it in Email settings.",
                settings.sender_address
            ),
            fields::SENDER_ADDRESS,
            true,
        )
    }

    /// The recipient's address cannot be used.
    pub fn bad_recipient(recipient: &str) -> Self {
        Self::new(
            format!("The address {recipient} cannot receive email (it is not a valid address)."),
            fields::TEST_RECIPIENT,
            false,
        )
    }

    /// The message could not be put together.
    pub fn unsendable(error: &lettre::error::Error) -> Self {
        Self::new(
            format!("The message could not be composed ({error})."),
            fields::TEST_RECIPIENT,
            false,
        )
    }
}

/// What the server said, without lettre's framing.
fn server_text(error: &lettre::transport::smtp::Error) -> String {
    std::error::Error::source(error)
        .map(ToString::to_string)
        .unwrap_or_default()
        .trim()
        .to_owned()
}
