//! The store's email settings: which SMTP server the outbox delivers through, and who
//! the messages are from. The SMTP password is not here: it lives in each desktop's OS
//! keyring, bound to the host, port, security and login it was saved for.

use serde::{Deserialize, Serialize};

use crate::bounds::{caps, chars_over, too_long};
use crate::transport::is_loopback;
use crate::{Email, FieldError, FieldErrorCode, Sensitive};

/// Form field names of the email settings form.
pub mod fields {
    /// SMTP host.
    pub const HOST: &str = "smtp_host";
    /// SMTP port.
    pub const PORT: &str = "smtp_port";
    /// Connection security.
    pub const SECURITY: &str = "smtp_security";
    /// SMTP login (empty: the server takes mail without one).
    pub const LOGIN: &str = "smtp_login";
    /// SMTP password.
    pub const PASSWORD: &str = "smtp_password";
    /// The name messages are from.
    pub const SENDER_NAME: &str = "sender_name";
    /// The address messages are from.
    pub const SENDER_ADDRESS: &str = "sender_address";
    /// Where "Send test email" sends to.
    pub const TEST_RECIPIENT: &str = "test_recipient";
}

/// How the connection to the SMTP server is secured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SmtpSecurity {
    /// TLS from the first byte ("SMTPS", usually port 465).
    #[default]
    ImplicitTls,
    /// Plain connection upgraded with STARTTLS, which is required (usually port 587).
    StartTls,
    /// No encryption: only to a server on this computer.
    Plain,
}

impl SmtpSecurity {
    /// Every choice, in the order the form offers them.
    pub const ALL: [Self; 3] = [Self::ImplicitTls, Self::StartTls, Self::Plain];

    /// The stable spelling in the store.
    pub fn code(self) -> &'static str {
        match self {
            Self::ImplicitTls => "implicit_tls",
            Self::StartTls => "starttls",
            Self::Plain => "plain",
        }
    }

    /// The choice spelled `code`.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|choice| choice.code() == code)
    }

    /// How the form names it.
    pub fn label(self) -> &'static str {
        match self {
            Self::ImplicitTls => "TLS (SMTPS, port 465)",
            Self::StartTls => "STARTTLS (port 587)",
            Self::Plain => "None (only for a server on this computer)",
        }
    }

    /// The port servers usually take this on.
    pub fn usual_port(self) -> u16 {
        match self {
            Self::ImplicitTls => 465,
            Self::StartTls => 587,
            Self::Plain => 25,
        }
    }
}

/// The store's email settings, checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmailSettings {
    /// SMTP server host name or address.
    pub host: String,
    /// Its port.
    pub port: u16,
    /// How the connection is secured.
    pub security: SmtpSecurity,
    /// The login, if the server wants one.
    pub login: Option<String>,
    /// The name messages are from ("Example Shop").
    pub sender_name: String,
    /// The address messages are from.
    pub sender_address: Email,
}

impl EmailSettings {
    /// The domain of the sender address, for `Message-ID`s.
    pub fn sender_domain(&self) -> &str {
        self.sender_address
            .as_str()
            .rsplit_once('@')
            .map_or("customer-desk.invalid", |(_, domain)| domain)
    }
}

/// The email settings form as typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmailSettingsInput {
    /// As typed.
    pub host: String,
    /// As typed.
    pub port: String,
    /// Chosen.
    pub security: SmtpSecurity,
    /// As typed; empty for a server without authentication.
    pub login: String,
    /// As typed; empty keeps a saved password (for the same host, port, security and
    /// login) as it is.
    pub password: Sensitive<String>,
    /// As typed.
    pub sender_name: String,
    /// As typed.
    pub sender_address: String,
}

impl Default for EmailSettingsInput {
    fn default() -> Self {
        Self {
            host: String::new(),
            port: SmtpSecurity::default().usual_port().to_string(),
            security: SmtpSecurity::default(),
            login: String::new(),
            password: Sensitive::default(),
            sender_name: String::new(),
            sender_address: String::new(),
        }
    }
}

impl From<&EmailSettings> for EmailSettingsInput {
    fn from(settings: &EmailSettings) -> Self {
        Self {
            host: settings.host.clone(),
            port: settings.port.to_string(),
            security: settings.security,
            login: settings.login.clone().unwrap_or_default(),
            password: Sensitive::default(),
            sender_name: settings.sender_name.clone(),
            sender_address: settings.sender_address.to_string(),
        }
    }
}

fn plain_text(field: &str, raw: &str, what: &str, cap: usize) -> Result<String, FieldError> {
    let trimmed = raw.trim();
    if let Some(chars) = chars_over(trimmed, cap) {
        return Err(too_long(field, what, cap, chars));
    }
    if trimmed.chars().any(char::is_control) {
        return Err(FieldError::new(
            field,
            FieldErrorCode::InvalidCharacters,
            format!("Remove line breaks and other control characters from the {what}."),
        ));
    }
    Ok(trimmed.to_owned())
}

impl EmailSettingsInput {
    /// Checks the form and builds the settings, reporting every problem at once.
    pub fn parse(&self) -> Result<EmailSettings, Vec<FieldError>> {
        let mut problems = Vec::new();
        let host = plain_text(fields::HOST, &self.host, "SMTP host", caps::HOST).and_then(|host| {
            if host.is_empty() {
                Err(FieldError::new(
                    fields::HOST,
                    FieldErrorCode::Required,
                    "Enter the SMTP server's host name, like smtp.example.com.",
                ))
            } else if host.contains("://") || host.contains(['/', ' ', ':']) {
                Err(FieldError::new(
                    fields::HOST,
                    FieldErrorCode::InvalidCharacters,
                    "Enter only the host name, like smtp.example.com, without a scheme, \
                         port or spaces.",
                ))
            } else {
                Ok(host)
            }
        });
        let port = match self.port.trim().parse::<u16>() {
            Ok(port) if port > 0 => Ok(port),
            _ => Err(FieldError::new(
                fields::PORT,
                FieldErrorCode::OutOfRange,
                format!(
                    "Enter a port number from 1 to 65535 ({} is usual for {}).",
                    self.security.usual_port(),
                    self.security.label()
                ),
            )),
        };
        if let Ok(host) = &host
            && self.security == SmtpSecurity::Plain
            && !is_loopback(host)
        {
            problems.push(FieldError::new(
                fields::SECURITY,
                FieldErrorCode::InvalidChoice,
                format!(
                    "Without encryption, the SMTP password and every message would cross the \
                     network readable by anyone on the way to {host}. Choose TLS or STARTTLS \
                     (plain is allowed only for a server on this computer)."
                ),
            ));
        }
        let login = plain_text(fields::LOGIN, &self.login, "SMTP login", caps::EMAIL);
        if let Some(chars) = chars_over(self.password.expose(), caps::PASSWORD) {
            problems.push(too_long(
                fields::PASSWORD,
                "SMTP password",
                caps::PASSWORD,
                chars,
            ));
        }
        let sender_name = plain_text(
            fields::SENDER_NAME,
            &self.sender_name,
            "sender name",
            caps::PERSON_NAME,
        )
        .and_then(|name| {
            if name.is_empty() {
                Err(FieldError::new(
                    fields::SENDER_NAME,
                    FieldErrorCode::Required,
                    "Enter the name customers see messages from, like your shop's name.",
                ))
            } else {
                Ok(name)
            }
        });
        let sender_address = Email::parse(fields::SENDER_ADDRESS, &self.sender_address);
        match (host, port, login, sender_name, sender_address) {
            (Ok(host), Ok(port), Ok(login), Ok(sender_name), Ok(sender_address))
                if problems.is_empty() =>
            {
                Ok(EmailSettings {
                    host,
                    port,
                    security: self.security,
                    login: Some(login).filter(|login| !login.is_empty()),
                    sender_name,
                    sender_address,
                })
            }
            (host, port, login, sender_name, sender_address) => {
                let mut all: Vec<FieldError> = [
                    host.err(),
                    port.err(),
                    login.err(),
                    sender_name.err(),
                    sender_address.err(),
                ]
                .into_iter()
                .flatten()
                .collect();
                all.extend(problems);
                Err(all)
            }
        }
    }
}

/// The email settings screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmailSettingsView {
    /// `None` until an administrator sets them: nothing is delivered before.
    pub settings: Option<EmailSettings>,
    /// Whether this desktop's keyring holds the SMTP password for these settings.
    pub password_saved: bool,
    /// `None` when the OS keyring works; else why not.
    pub keyring_problem: Option<String>,
}

/// Saving the email settings.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SaveEmailSettingsInput {
    /// The form.
    pub settings: EmailSettingsInput,
}

/// "Send test email".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SendTestEmailInput {
    /// Where to.
    pub recipient: String,
}

/// What a test email did: it went out (through the outbox, like every message).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TestEmailSent {
    /// For people: "The test email to ann@example.com was accepted by smtp.example.com."
    pub message: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> EmailSettingsInput {
        EmailSettingsInput {
            host: " smtp.example.com ".into(),
            port: "465".into(),
            login: "desk@example.com".into(),
            sender_name: "Example Shop".into(),
            sender_address: "shop@example.com".into(),
            ..EmailSettingsInput::default()
        }
    }

    #[test]
    fn a_complete_form_parses_trimmed() {
        let settings = input().parse().expect("valid");
        assert_eq!(settings.host, "smtp.example.com");
        assert_eq!(settings.port, 465);
        assert_eq!(settings.login.as_deref(), Some("desk@example.com"));
        assert_eq!(settings.sender_domain(), "example.com");
    }

    #[test]
    fn an_empty_login_means_no_authentication() {
        let settings = EmailSettingsInput {
            login: "  ".into(),
            ..input()
        }
        .parse()
        .expect("valid");
        assert_eq!(settings.login, None);
    }

    #[test]
    fn plain_smtp_is_refused_off_this_computer() {
        let problems = EmailSettingsInput {
            security: SmtpSecurity::Plain,
            ..input()
        }
        .parse()
        .expect_err("refused");
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].field, fields::SECURITY);
        assert!(problems[0].message.contains("STARTTLS"));
        let local = EmailSettingsInput {
            host: "127.0.0.1".into(),
            port: "2525".into(),
            security: SmtpSecurity::Plain,
            ..input()
        };
        assert!(local.parse().is_ok());
    }

    #[test]
    fn every_problem_is_reported_at_once_beside_its_field() {
        let problems = EmailSettingsInput {
            host: "smtp://mail.example.com".into(),
            port: "0".into(),
            sender_name: String::new(),
            sender_address: "shop".into(),
            ..input()
        }
        .parse()
        .expect_err("refused");
        let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                fields::HOST,
                fields::PORT,
                fields::SENDER_NAME,
                fields::SENDER_ADDRESS
            ]
        );
        assert!(problems[1].message.contains("465"));
    }

    #[test]
    fn security_codes_round_trip() {
        for security in SmtpSecurity::ALL {
            assert_eq!(SmtpSecurity::from_code(security.code()), Some(security));
        }
    }
}
