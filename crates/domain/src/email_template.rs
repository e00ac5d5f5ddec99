//! Email templates: one per kind of message and locale, each a subject, a text body and
//! an HTML body written in Jinja syntax (`{{ customer_name }}`). The variables each
//! kind offers are listed here, with the sample values the preview uses.

use serde::{Deserialize, Serialize};

use crate::bounds::caps;

/// Form field names of the template form.
pub mod fields {
    /// Subject line.
    pub const SUBJECT: &str = "subject";
    /// Plain-text body.
    pub const TEXT: &str = "body_text";
    /// HTML body.
    pub const HTML: &str = "body_html";
    /// The locale being edited.
    pub const LOCALE: &str = "locale";
}

/// The kinds of message the store sends.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum TemplateKind {
    /// A link to confirm the customer's email address (seed 001).
    #[default]
    Verification,
    /// A link to set a password (seed 001).
    PasswordToken,
    /// The initial password, for an account that can be used now (seed 003).
    InitialPassword,
    /// The initial password, for an account still being prepared (seed 003).
    AccountPrepared,
    /// The account is now active (seed 003).
    AccountActive,
    /// An invitation to join a company, with a registration link (seed 004).
    Invitation,
    /// The test email of the email settings.
    Test,
}

/// A variable a template may use, with what it holds and the preview's sample.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TemplateVariable {
    /// As written in the template: `{{ customer_name }}`.
    pub name: &'static str,
    /// What it holds, for the people writing templates.
    pub description: &'static str,
    /// The preview's value.
    pub sample: &'static str,
}

const fn var(
    name: &'static str,
    description: &'static str,
    sample: &'static str,
) -> TemplateVariable {
    TemplateVariable {
        name,
        description,
        sample,
    }
}

const CUSTOMER_NAME: TemplateVariable = var("customer_name", "The customer's full name", "Ann Lee");
const SITE_NAME: TemplateVariable = var("site_name", "The site's name", "Example Shop");
const EXPIRES_AT: TemplateVariable = var(
    "expires_at",
    "When the link stops working, in the site's time zone",
    "24 November 2026, 18:00",
);
const PASSWORD: TemplateVariable = var(
    "password",
    "The initial password, shown only in this message",
    "plum-river-47",
);
const SIGN_IN_LINK: TemplateVariable = var(
    "sign_in_link",
    "The storefront's address",
    "https://shop.example.com",
);

impl TemplateKind {
    /// Every kind, in the order the templates screen lists them.
    pub const ALL: [Self; 7] = [
        Self::Verification,
        Self::PasswordToken,
        Self::InitialPassword,
        Self::AccountPrepared,
        Self::AccountActive,
        Self::Invitation,
        Self::Test,
    ];

    /// The stable spelling in the store and the outbox.
    pub fn code(self) -> &'static str {
        match self {
            Self::Verification => "verification",
            Self::PasswordToken => "password_token",
            Self::InitialPassword => "initial_password",
            Self::AccountPrepared => "account_prepared",
            Self::AccountActive => "account_active",
            Self::Invitation => "invitation",
            Self::Test => "test",
        }
    }

    /// The kind spelled `code`.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.code() == code)
    }

    /// How screens name it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Verification => "Email verification",
            Self::PasswordToken => "Set your password",
            Self::InitialPassword => "Initial password",
            Self::AccountPrepared => "Account being prepared",
            Self::AccountActive => "Account now active",
            Self::Invitation => "Company invitation",
            Self::Test => "Test email",
        }
    }

    /// The variables its templates may use.
    pub fn variables(self) -> &'static [TemplateVariable] {
        match self {
            Self::Verification => VERIFICATION,
            Self::PasswordToken => PASSWORD_TOKEN,
            Self::InitialPassword => INITIAL_PASSWORD,
            Self::AccountPrepared => ACCOUNT_PREPARED,
            Self::AccountActive => ACCOUNT_ACTIVE,
            Self::Invitation => INVITATION,
            Self::Test => TEST,
        }
    }
}

const VERIFICATION: &[TemplateVariable] = &[
    CUSTOMER_NAME,
    var(
        "verification_link",
        "The link that confirms the address (single use)",
        "https://shop.example.com/verify-email?token=3q2-7wEi",
    ),
    SITE_NAME,
    EXPIRES_AT,
];
const PASSWORD_TOKEN: &[TemplateVariable] = &[
    CUSTOMER_NAME,
    var(
        "set_password_link",
        "The link to choose a password (single use)",
        "https://shop.example.com/set-password?token=Zm9v-YmFy",
    ),
    SITE_NAME,
    EXPIRES_AT,
];
const INITIAL_PASSWORD: &[TemplateVariable] = &[CUSTOMER_NAME, PASSWORD, SITE_NAME, SIGN_IN_LINK];
const ACCOUNT_PREPARED: &[TemplateVariable] = &[CUSTOMER_NAME, PASSWORD, SITE_NAME];
const ACCOUNT_ACTIVE: &[TemplateVariable] = &[CUSTOMER_NAME, SITE_NAME, SIGN_IN_LINK];
const INVITATION: &[TemplateVariable] = &[
    var(
        "invitee_email",
        "The invited address",
        "bo.chan@example.com",
    ),
    var("company_name", "The company", "Acme Trading GmbH"),
    var("role", "The company role they are invited with", "Buyer"),
    var("inviter_name", "Who invited them", "Sam Sales"),
    var(
        "registration_link",
        "The link to register and join (single use)",
        "https://shop.example.com/register?token=aW52aXRl",
    ),
    SITE_NAME,
    EXPIRES_AT,
];
const TEST: &[TemplateVariable] = &[
    var("staff_name", "Who sent the test", "Ada Admin"),
    var(
        "smtp_host",
        "The SMTP server it went through",
        "smtp.example.com",
    ),
];

/// A template's three parts, as written.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateText {
    /// Subject line.
    pub subject: String,
    /// Plain-text body.
    pub body_text: String,
    /// HTML body; values are HTML-escaped when it is rendered.
    pub body_html: String,
}

/// Which template: a kind in a locale.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateKey {
    /// The kind of message.
    pub kind: TemplateKind,
    /// The locale tag.
    pub locale: String,
}

/// Saving (or previewing) a template.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateInput {
    /// Which template.
    pub key: TemplateKey,
    /// Its parts.
    pub text: TemplateText,
}

/// A template as the editor opens it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateEdit {
    /// Which template.
    pub key: TemplateKey,
    /// What is in effect for it.
    pub text: TemplateText,
    /// Where that text comes from: this locale's own template, a fallback locale's
    /// ("de" for "de-CH", or the store's default locale), or the built-in one.
    pub source: TemplateSource,
}

/// Where a template's text comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "locale")]
pub enum TemplateSource {
    /// Saved for this very locale.
    Own,
    /// Saved for another locale, used as the fallback.
    Fallback(String),
    /// The app's own English text.
    BuiltIn,
}

/// A rendered preview on the sample values.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplatePreview {
    /// Rendered subject.
    pub subject: String,
    /// Rendered text body.
    pub body_text: String,
    /// Rendered HTML body (show it in a sandboxed frame).
    pub body_html: String,
}

/// The templates screen: every kind with its variables, and the store's locales.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplatesOverview {
    /// The enabled locales, default first.
    pub locales: Vec<String>,
    /// Which (kind, locale) pairs have a saved template.
    pub saved: Vec<TemplateKey>,
}

/// The longest template part: generous for HTML email, far below what costs.
pub const MAX_TEMPLATE_CHARS: usize = caps::TEMPLATE;
