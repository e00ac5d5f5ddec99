use serde::{Deserialize, Serialize};

/// What is wrong with one field: a stable code for programs and a message for people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    /// The field's name as the form and the input type spell it, e.g. `email`.
    pub field: String,
    /// A stable code a program may match on.
    pub code: FieldErrorCode,
    /// A sentence a person can act on.
    pub message: String,
}

impl FieldError {
    /// A field error on `field`.
    pub fn new(field: &str, code: FieldErrorCode, message: impl Into<String>) -> Self {
        Self {
            field: field.to_owned(),
            code,
            message: message.into(),
        }
    }
}

/// Stable codes for field errors. Their JSON spelling is part of the invoke contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldErrorCode {
    /// Nothing (or only white space) was given.
    Required,
    /// Longer than the field allows.
    TooLong,
    /// Shorter than the field allows (passwords).
    TooShort,
    /// A password on the list of the most common ones.
    TooCommon,
    /// The current password given to prove identity is not right.
    WrongPassword,
    /// A choice that is not one of the offered ones, or none where one is needed.
    InvalidChoice,
    /// Not a whole number in the allowed range (ports).
    OutOfRange,
    /// Connecting with these settings failed (server down, wrong password, TLS).
    ConnectionFailed,
    /// Contains characters the field does not accept (e.g. control characters).
    InvalidCharacters,
    /// Not a syntactically valid email address.
    InvalidEmail,
    /// Not an ISO 4217 currency code.
    UnknownCurrency,
    /// Another record already uses this value.
    AlreadyInUse,
    /// An email template that does not render (syntax, unknown variable).
    InvalidTemplate,
    /// Not a valid phone number for its country.
    InvalidPhone,
}

/// Keeps a field's value, or its problem for the list of all problems.
pub(crate) struct Keep<'a>(pub(crate) &'a mut Vec<FieldError>);

impl Keep<'_> {
    pub(crate) fn take<T>(&mut self, result: Result<T, FieldError>) -> Option<T> {
        result.map_err(|problem| self.0.push(problem)).ok()
    }
}
