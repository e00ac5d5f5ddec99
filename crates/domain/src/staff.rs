//! Staff accounts, roles, sign-in and sessions.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::{Email, Permission, PersonName, Sensitive};

/// Form field names of the staff forms (set-up, sign-in, staff, change password).
pub mod fields {
    /// Email input.
    pub const EMAIL: &str = "email";
    /// Display-name input.
    pub const DISPLAY_NAME: &str = "display_name";
    /// Password input (set-up, sign-in, typed initial password).
    pub const PASSWORD: &str = "password";
    /// The role check boxes.
    pub const ROLES: &str = "roles";
    /// "Current password" when changing one's own.
    pub const CURRENT_PASSWORD: &str = "current_password";
    /// "New password" when changing one's own or resetting someone's.
    pub const NEW_PASSWORD: &str = "new_password";
    /// The staff member an action is about (deactivate, reset, roles).
    pub const STAFF: &str = "staff";
}

/// A staff account's identifier. The default is the nil id, which no account has.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct StaffId(pub Uuid);

impl std::fmt::Display for StaffId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// The built-in staff roles (PRODUCT.md, "Staff roles").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Everything, including settings and staff.
    Administrator,
    /// Customers and groups; may use assisted buying.
    SupportAgent,
    /// Only the companies where they are the sales rep.
    SalesRep,
    /// Read-only; may take records offline.
    Reviewer,
}

impl Role {
    /// Every role, in the order forms list them.
    pub const ALL: [Self; 4] = [
        Self::Administrator,
        Self::SupportAgent,
        Self::SalesRep,
        Self::Reviewer,
    ];

    /// The stable spelling stored in the database and sent over invoke.
    pub fn code(self) -> &'static str {
        match self {
            Self::Administrator => "administrator",
            Self::SupportAgent => "support_agent",
            Self::SalesRep => "sales_rep",
            Self::Reviewer => "reviewer",
        }
    }

    /// The role named by a stored code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|role| role.code() == code)
    }

    /// The name people read.
    pub fn label(self) -> &'static str {
        match self {
            Self::Administrator => "Administrator",
            Self::SupportAgent => "Support agent",
            Self::SalesRep => "Sales rep",
            Self::Reviewer => "Reviewer",
        }
    }
}

/// A staff account as screens show it (never with its password hash).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffMember {
    /// Identifier.
    pub id: StaffId,
    /// Sign-in email, unique ignoring case.
    pub email: Email,
    /// How the person is named in lists and the audit log.
    pub display_name: PersonName,
    /// At least one.
    pub roles: Vec<Role>,
    /// Inactive accounts cannot sign in.
    pub active: bool,
    /// When the account was made.
    pub created_at: DateTime<Utc>,
    /// The last successful sign-in, if any.
    pub last_sign_in_at: Option<DateTime<Utc>>,
    /// On a shared Postgres store: the database login they sign in with (made when
    /// the account is). `None` on a local store.
    #[serde(default)]
    pub database_login: Option<String>,
}

/// The set-up form on a store with no staff account: the first administrator.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FirstAdminInput {
    /// As typed.
    pub email: String,
    /// As typed.
    pub display_name: String,
    /// As typed.
    pub password: Sensitive<String>,
}

/// The sign-in form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignInInput {
    /// As typed.
    pub email: String,
    /// As typed.
    pub password: Sensitive<String>,
}

/// How much of the email typed at a refused sign-in the audit log keeps, in characters
/// (the last one an ellipsis when the address was longer).
pub const MAX_AUDITED_SIGN_IN_EMAIL_CHARS: usize = 100;

/// What the audit log may record of the text typed into the sign-in email field when
/// no account has that email.
///
/// `Some` only when the text, with its control characters, format characters (such as
/// U+202E) and line or paragraph separators removed, parses as an email address
/// ([`Email::parse`]: trimmed, NFC); then the address, cut to
/// [`MAX_AUDITED_SIGN_IN_EMAIL_CHARS`] characters with `…` as the last one if it was
/// longer. `None` otherwise: text that is not an address may be a password typed into
/// the wrong field, and must not be written down. (A password shaped like an address,
/// such as `p@ss.word`, cannot be told apart and is kept.)
pub fn sign_in_email_for_audit(typed: &str) -> Option<String> {
    let visible = crate::characters::without_refused(typed);
    let email = Email::parse(fields::EMAIL, &visible).ok()?;
    let address = email.as_str();
    if address.chars().count() <= MAX_AUDITED_SIGN_IN_EMAIL_CHARS {
        return Some(address.to_owned());
    }
    let mut kept: String = address
        .chars()
        .take(MAX_AUDITED_SIGN_IN_EMAIL_CHARS - 1)
        .collect();
    kept.push('…');
    Some(kept)
}

/// "New staff member": an empty password asks the app to generate a one-time one.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewStaffInput {
    /// As typed.
    pub email: String,
    /// As typed.
    pub display_name: String,
    /// Ticked roles.
    pub roles: Vec<Role>,
    /// Typed initial password, or empty to have one generated and shown once.
    pub password: Sensitive<String>,
}

/// A new account, with the generated initial password when one was generated. That
/// password is shown once and never stored in clear.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreatedStaff {
    /// The new account.
    pub staff: StaffMember,
    /// Present only when the app generated the password.
    pub initial_password: Option<Sensitive<String>>,
}

/// Replaces a staff member's roles.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetRolesInput {
    /// Whose roles.
    pub staff_id: StaffId,
    /// The new set; at least one.
    pub roles: Vec<Role>,
}

/// Changing one's own password.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangePasswordInput {
    /// Proves it is really them.
    pub current_password: Sensitive<String>,
    /// Must meet the password policy.
    pub new_password: Sensitive<String>,
}

/// Where the app starts: set-up (no staff yet), sign-in, or an open session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum SessionState {
    /// The store has no staff account: show the set-up screen.
    NeedsFirstAdmin,
    /// Show the sign-in screen.
    SignedOut,
    /// Show the sign-in screen of a shared store: the server checks the password of
    /// this database login (set in the connection), so only a password is asked for.
    SharedSignIn {
        /// The open connection profile (signing in is connecting to it).
        profile: String,
        /// The connection's database login.
        login: String,
    },
    /// Someone is signed in.
    SignedIn(Session),
}

/// The signed-in staff member and what they may do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    /// Who.
    pub staff: StaffMember,
    /// Everything their roles allow, sorted; the UI hides the rest.
    pub permissions: Vec<Permission>,
    /// Minutes without input after which the app signs out by itself.
    pub idle_timeout_minutes: u32,
    /// Signed in with a one-time password: the window asks for a new password before
    /// anything else (and the backend refuses anything else).
    #[serde(default)]
    pub must_change_password: bool,
}

impl Session {
    /// Whether the session's roles allow `permission`.
    pub fn may(&self, permission: Permission) -> bool {
        self.permissions.contains(&permission)
    }
}

/// The set-up form, checked: the one place that decides what a valid first
/// administrator is, for the form's inline messages and for the backend.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FirstAdmin {
    /// Sign-in email.
    pub email: Email,
    /// How they are named.
    pub display_name: PersonName,
    /// Required: nobody else could tell them a generated one.
    pub password: crate::NewPassword,
}

impl FirstAdmin {
    /// Checks every field; all problems at once, each on its field.
    pub fn parse(input: &FirstAdminInput) -> Result<Self, Vec<crate::FieldError>> {
        let email = Email::parse(fields::EMAIL, &input.email);
        let display_name =
            PersonName::parse(fields::DISPLAY_NAME, "display name", &input.display_name);
        let password = crate::NewPassword::parse(fields::PASSWORD, &input.password, &input.email);
        match (email, display_name, password) {
            (Ok(email), Ok(display_name), Ok(password)) => Ok(Self {
                email,
                display_name,
                password,
            }),
            (email, display_name, password) => {
                Err([email.err(), display_name.err(), password.err()]
                    .into_iter()
                    .flatten()
                    .collect())
            }
        }
    }
}

/// The new-staff form, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewStaff {
    /// Sign-in email.
    pub email: Email,
    /// How they are named.
    pub display_name: PersonName,
    /// At least one, sorted, without repeats.
    pub roles: Vec<Role>,
    /// The typed initial password; `None` when the field was left empty, which asks
    /// for a generated one-time password.
    pub password: Option<crate::NewPassword>,
}

impl NewStaff {
    /// Checks every field; all problems at once, each on its field.
    pub fn parse(input: &NewStaffInput) -> Result<Self, Vec<crate::FieldError>> {
        let email = Email::parse(fields::EMAIL, &input.email);
        let display_name =
            PersonName::parse(fields::DISPLAY_NAME, "display name", &input.display_name);
        let roles = parse_roles(&input.roles);
        let password = if input.password.expose().is_empty() {
            Ok(None)
        } else {
            crate::NewPassword::parse(fields::PASSWORD, &input.password, &input.email).map(Some)
        };
        match (email, display_name, roles, password) {
            (Ok(email), Ok(display_name), Ok(roles), Ok(password)) => Ok(Self {
                email,
                display_name,
                roles,
                password,
            }),
            (email, display_name, roles, password) => {
                Err(
                    [email.err(), display_name.err(), roles.err(), password.err()]
                        .into_iter()
                        .flatten()
                        .collect(),
                )
            }
        }
    }
}

/// Checks that at least one role is ticked; returns them sorted and without repeats.
pub fn parse_roles(roles: &[Role]) -> Result<Vec<Role>, crate::FieldError> {
    let mut roles = roles.to_vec();
    roles.sort();
    roles.dedup();
    if roles.is_empty() {
        return Err(crate::FieldError::new(
            fields::ROLES,
            crate::FieldErrorCode::InvalidChoice,
            "Tick at least one role.",
        ));
    }
    Ok(roles)
}

/// The roles as a readable list for the audit log: "administrator, reviewer".
pub fn roles_text(roles: &[Role]) -> String {
    roles
        .iter()
        .map(|role| role.code())
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod parse_tests {
    use super::*;
    use crate::FieldErrorCode;

    #[test]
    fn a_first_administrator_needs_a_typed_password() {
        let problems = FirstAdmin::parse(&FirstAdminInput {
            email: "ada@example.com".into(),
            display_name: "Ada".into(),
            password: Sensitive::new(String::new()),
        })
        .expect_err("refused");
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].field, fields::PASSWORD);
        assert_eq!(problems[0].code, FieldErrorCode::Required);
    }

    #[test]
    fn an_unknown_sign_in_email_is_audited_as_typed_when_it_is_an_address() {
        assert_eq!(
            sign_in_email_for_audit("  Ann.Lee@Example.com "),
            Some("Ann.Lee@Example.com".to_owned())
        );
        assert_eq!(
            sign_in_email_for_audit("jose\u{301}@example.com"),
            Some("jos\u{e9}@example.com".to_owned()),
            "NFC"
        );
    }

    #[test]
    fn control_and_format_characters_are_removed_before_auditing() {
        assert_eq!(
            sign_in_email_for_audit("ann\u{202E}\u{200B}@exa\u{2028}mple.com\u{0}"),
            Some("ann@example.com".to_owned())
        );
    }

    #[test]
    fn text_that_is_not_an_address_is_never_audited() {
        for typed in [
            "correct horse battery staple",
            "Tr0ub4dor&3",
            "hunter2",
            "",
            "   ",
            "\u{202E}\u{200B}",
        ] {
            assert_eq!(sign_in_email_for_audit(typed), None, "{typed:?}");
        }
    }

    #[test]
    fn a_long_address_is_cut_and_an_overlong_one_is_not_audited() {
        // Local parts hold at most 64 characters and domain labels 63.
        let long = format!("ann@{}.{}.com", "b".repeat(60), "c".repeat(60));
        assert_eq!(long.chars().count(), 129);
        let audited = sign_in_email_for_audit(&long).expect("an address");
        assert_eq!(audited.chars().count(), MAX_AUDITED_SIGN_IN_EMAIL_CHARS);
        assert_eq!(audited, format!("{}…", &long[..99]));
        let exactly = format!("ann@{}.{}.com", "b".repeat(60), "c".repeat(31));
        assert_eq!(exactly.chars().count(), 100);
        assert_eq!(sign_in_email_for_audit(&exactly), Some(exactly.clone()));
        let overlong = format!("ann@{}.com", vec!["d".repeat(60); 5].join("."));
        assert_eq!(
            sign_in_email_for_audit(&overlong),
            None,
            "longer than any address"
        );
    }

    #[test]
    fn new_staff_with_an_empty_password_asks_for_a_generated_one() {
        let parsed = NewStaff::parse(&NewStaffInput {
            email: "sam@example.com".into(),
            display_name: "Sam".into(),
            roles: vec![Role::Reviewer, Role::SupportAgent, Role::Reviewer],
            password: Sensitive::new(String::new()),
        })
        .expect("valid");
        assert_eq!(parsed.password, None);
        assert_eq!(parsed.roles, [Role::SupportAgent, Role::Reviewer]);
        let problems = NewStaff::parse(&NewStaffInput::default()).expect_err("empty form");
        let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(fields, [fields::EMAIL, fields::DISPLAY_NAME, fields::ROLES]);
    }
}

/// The store's sign-out-when-idle setting, as typed on the staff screen.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdleTimeoutInput {
    /// Minutes, as typed.
    pub minutes: String,
}

/// The shortest and longest idle time a store accepts, in minutes.
pub const IDLE_TIMEOUT_RANGE: std::ops::RangeInclusive<u32> = 1..=240;

impl IdleTimeoutInput {
    /// The form's field name.
    pub const FIELD: &'static str = "idle_timeout_minutes";

    /// Whole minutes from 1 to 240.
    pub fn parse(&self) -> Result<u32, crate::FieldError> {
        match self.minutes.trim().parse::<u32>() {
            Ok(minutes) if IDLE_TIMEOUT_RANGE.contains(&minutes) => Ok(minutes),
            _ => Err(crate::FieldError::new(
                Self::FIELD,
                crate::FieldErrorCode::OutOfRange,
                "Enter whole minutes from 1 to 240 (four hours).",
            )),
        }
    }
}

#[cfg(test)]
mod idle_timeout_tests {
    use super::*;

    #[test]
    fn the_idle_time_is_whole_minutes_from_one_to_four_hours() {
        let parse = |typed: &str| {
            IdleTimeoutInput {
                minutes: typed.into(),
            }
            .parse()
        };
        assert_eq!(parse(" 15 "), Ok(15));
        assert_eq!(parse("1"), Ok(1));
        assert_eq!(parse("240"), Ok(240));
        for refused in ["0", "241", "1.5", "", "ten"] {
            assert!(parse(refused).is_err(), "{refused:?}");
        }
    }
}
