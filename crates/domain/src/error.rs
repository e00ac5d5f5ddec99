use serde::{Deserialize, Serialize};

use crate::FieldError;

/// The one error that crosses `invoke`: the backend serializes it, the UI deserializes
/// it back into this very type and matches on the variant, never on a string.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DeskError {
    /// The input was refused; each entry names a field and says what is wrong with it.
    #[error("{} field(s) need attention", fields.len())]
    Validation {
        /// One entry per problem, in form order.
        fields: Vec<FieldError>,
    },
    /// The input is valid on its own but clashes with stored data (e.g. a unique email).
    #[error("{} field(s) clash with existing records", fields.len())]
    Conflict {
        /// The fields that clash, with what they clash on.
        fields: Vec<FieldError>,
    },
    /// Someone else saved the record since this form was opened: nothing was saved.
    /// `fields` holds, for each field where the stored value differs from the
    /// person's own, the value now stored, so the form can show both side by side.
    #[error("{entity} changed since it was opened (now version {version})")]
    EditConflict {
        /// What kind of record.
        entity: EntityKind,
        /// The stored version, to save against once the person chose.
        version: i64,
        /// Field by field, what is stored now.
        fields: Vec<StoredValue>,
    },
    /// The record asked for does not exist (or no longer does).
    #[error("{entity} {id} was not found")]
    NotFound {
        /// What kind of record was looked for.
        entity: EntityKind,
        /// The identifier that was looked for.
        id: String,
    },
    /// Sign-in was refused. Wrong email and wrong password get the same message, so
    /// the answer never tells whether an account exists.
    #[error("sign-in refused: {message}")]
    SignInFailed {
        /// What to tell the person (e.g. "Email or password is not right.").
        message: String,
    },
    /// Nobody is signed in (never was, signed out, or idle too long): show sign-in.
    #[error("not signed in")]
    NotSignedIn,
    /// The signed-in person may not do this.
    #[error("not allowed: {message}")]
    Unauthorized {
        /// What was refused, in words a person understands.
        message: String,
    },
    /// Something failed on our side. Details are in the log under the correlation id;
    /// the person sees only the id, to quote when reporting the problem.
    #[error("internal error (reference {correlation_id})")]
    Internal {
        /// Also written to the backend log next to the real cause.
        correlation_id: String,
    },
}

impl DeskError {
    /// The field-level messages this error carries (empty for non-field errors).
    pub fn field_errors(&self) -> &[FieldError] {
        match self {
            Self::Validation { fields } | Self::Conflict { fields } => fields,
            _ => &[],
        }
    }

    /// What to tell a person where there is no field to show a message beside (a row's
    /// action, a list's own form): the field messages, else the summary.
    pub fn messages(&self) -> String {
        let fields = self.field_errors();
        if fields.is_empty() {
            return self.summary();
        }
        fields
            .iter()
            .map(|problem| problem.message.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// A sentence for a banner when the error is not about particular fields.
    pub fn summary(&self) -> String {
        match self {
            Self::Validation { .. } | Self::Conflict { .. } => {
                "Some fields need attention; see the messages beside them.".to_owned()
            }
            Self::EditConflict { entity, .. } => format!(
                "Someone else changed this {entity} while you were editing it, and nothing \
                 was saved. Their values are shown beside yours: keep either, then save again."
            ),
            Self::NotFound { entity, .. } => {
                format!("That {entity} no longer exists. Reload the list and try again.")
            }
            Self::SignInFailed { message } => message.clone(),
            Self::NotSignedIn => "You were signed out. Sign in again to go on.".to_owned(),
            Self::Unauthorized { message } => format!("Not allowed: {message}"),
            Self::Internal { correlation_id } => format!(
                "Something went wrong on our side. Nothing was saved. \
                 Quote reference {correlation_id} when you report it."
            ),
        }
    }
}

/// A field's value as stored now, in the form's own spelling (what its input would
/// hold), beside the person's own value after an edit conflict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredValue {
    /// The form field.
    pub field: String,
    /// What the store holds.
    pub stored: String,
}

/// The kinds of record a [`DeskError::NotFound`] can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityKind {
    /// A customer record.
    Customer,
    /// A customer's address.
    Address,
    /// A staff account.
    Staff,
    /// A connection profile.
    Profile,
    /// A site (storefront).
    Site,
    /// A message in the outbox.
    OutboxMessage,
    /// A saved view of the customer list.
    View,
    /// A customer group.
    Group,
    /// A B2B company.
    Company,
    /// An invitation to join a company.
    Invitation,
    /// A company role.
    CompanyRole,
}

impl std::fmt::Display for EntityKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::Customer => "customer",
            Self::Address => "address",
            Self::Staff => "staff account",
            Self::Profile => "connection profile",
            Self::Site => "site",
            Self::OutboxMessage => "message",
            Self::Group => "customer group",
            Self::Company => "company",
            Self::Invitation => "invitation",
            Self::CompanyRole => "company role",
            Self::View => "saved view",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::FieldErrorCode;
    use serde_json::json;

    fn check(error: DeskError, expected: serde_json::Value) {
        let actual = serde_json::to_value(&error).expect("serializes");
        assert_eq!(actual, expected);
        let back: DeskError = serde_json::from_value(actual).expect("deserializes");
        assert_eq!(back, error);
    }

    #[test]
    fn validation_error_json_is_pinned() {
        check(
            DeskError::Validation {
                fields: vec![FieldError::new(
                    "email",
                    FieldErrorCode::InvalidEmail,
                    "Enter an email address like name@example.com.",
                )],
            },
            json!({
                "kind": "validation",
                "fields": [{
                    "field": "email",
                    "code": "invalid_email",
                    "message": "Enter an email address like name@example.com."
                }]
            }),
        );
    }

    #[test]
    fn conflict_error_json_is_pinned() {
        check(
            DeskError::Conflict {
                fields: vec![FieldError::new(
                    "email",
                    FieldErrorCode::AlreadyInUse,
                    "This email is already in use by another customer.",
                )],
            },
            json!({
                "kind": "conflict",
                "fields": [{
                    "field": "email",
                    "code": "already_in_use",
                    "message": "This email is already in use by another customer."
                }]
            }),
        );
    }

    #[test]
    fn not_found_error_json_is_pinned() {
        check(
            DeskError::NotFound {
                entity: EntityKind::Customer,
                id: "42".into(),
            },
            json!({"kind": "not_found", "entity": "customer", "id": "42"}),
        );
    }

    #[test]
    fn unauthorized_error_json_is_pinned() {
        check(
            DeskError::Unauthorized {
                message: "Reviewers cannot add customers.".into(),
            },
            json!({"kind": "unauthorized", "message": "Reviewers cannot add customers."}),
        );
    }

    #[test]
    fn sign_in_failed_json_is_pinned() {
        check(
            DeskError::SignInFailed {
                message: "Email or password is not right.".into(),
            },
            json!({"kind": "sign_in_failed", "message": "Email or password is not right."}),
        );
    }

    #[test]
    fn not_signed_in_json_is_pinned() {
        check(DeskError::NotSignedIn, json!({"kind": "not_signed_in"}));
    }

    #[test]
    fn internal_error_json_is_pinned_and_carries_only_the_reference() {
        check(
            DeskError::Internal {
                correlation_id: "c0ffee".into(),
            },
            json!({"kind": "internal", "correlation_id": "c0ffee"}),
        );
    }

    #[test]
    fn every_field_error_code_has_a_stable_spelling() {
        let codes = [
            (FieldErrorCode::Required, "required"),
            (FieldErrorCode::TooLong, "too_long"),
            (FieldErrorCode::TooShort, "too_short"),
            (FieldErrorCode::TooCommon, "too_common"),
            (FieldErrorCode::WrongPassword, "wrong_password"),
            (FieldErrorCode::InvalidChoice, "invalid_choice"),
            (FieldErrorCode::OutOfRange, "out_of_range"),
            (FieldErrorCode::ConnectionFailed, "connection_failed"),
            (FieldErrorCode::InvalidCharacters, "invalid_characters"),
            (FieldErrorCode::InvalidEmail, "invalid_email"),
            (FieldErrorCode::UnknownCurrency, "unknown_currency"),
            (FieldErrorCode::AlreadyInUse, "already_in_use"),
        ];
        for (code, spelling) in codes {
            assert_eq!(
                serde_json::to_value(code).expect("serializes"),
                json!(spelling)
            );
        }
    }
}
