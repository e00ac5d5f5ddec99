use std::fmt;

use serde::{Deserialize, Serialize};

/// A secret (a password, a database password) that must never reach a log: `Debug`
/// prints `<redacted>` and there is no `Display`. It still serializes, because the UI
/// has to send what a person typed to the backend; nothing else serializes it.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Sensitive<T>(T);

impl<T> Sensitive<T> {
    /// Wraps a secret.
    pub fn new(secret: T) -> Self {
        Self(secret)
    }

    /// The secret itself, for the one place that needs it (a hasher, a driver).
    pub fn expose(&self) -> &T {
        &self.0
    }
}

impl<T> From<T> for Sensitive<T> {
    fn from(secret: T) -> Self {
        Self(secret)
    }
}

impl<T> fmt::Debug for Sensitive<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug)]
    #[allow(dead_code)]
    struct SignIn {
        email: String,
        password: Sensitive<String>,
    }

    #[test]
    fn debug_output_never_shows_the_secret() {
        let form = SignIn {
            email: "ann@example.com".into(),
            password: Sensitive::new("correct horse battery".into()),
        };
        let printed = format!("{form:?} {form:#?}");
        assert!(!printed.contains("correct horse"), "{printed}");
        assert!(printed.contains("<redacted>"));
    }

    #[test]
    fn it_crosses_invoke_as_the_plain_value() {
        let secret = Sensitive::new("pw".to_owned());
        let json = serde_json::to_string(&secret).expect("serializes");
        assert_eq!(json, "\"pw\"");
        let back: Sensitive<String> = serde_json::from_str(&json).expect("deserializes");
        assert_eq!(back.expose(), "pw");
    }
}
