//! Signed links (verification, set-password, invitation): what a link is for, and why
//! redeeming one can be refused. The token itself never leaves `desk-app` except in
//! the link; the store keeps only its hash.

use serde::{Deserialize, Serialize};

/// What a link does when it is followed. A token works only for its own purpose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkPurpose {
    /// Confirms a customer's email address.
    Verification,
    /// Lets a customer choose their password.
    SetPassword,
    /// Lets an invited person register with a company.
    Invitation,
}

impl LinkPurpose {
    /// Every purpose.
    pub const ALL: [Self; 3] = [Self::Verification, Self::SetPassword, Self::Invitation];

    /// The stable spelling in the store and in links.
    pub fn code(self) -> &'static str {
        match self {
            Self::Verification => "verification",
            Self::SetPassword => "set_password",
            Self::Invitation => "invitation",
        }
    }

    /// The purpose spelled `code`.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|purpose| purpose.code() == code)
    }
}

/// Why a link could not be redeemed; each is told apart, so a storefront can say
/// "this link has expired, ask for a new one" rather than "invalid".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(rename_all = "snake_case")]
pub enum RedeemRefusal {
    /// No such link (mistyped, or never issued).
    #[error("this link is not known")]
    Unknown,
    /// Issued for something else (a set-password link used to verify, say).
    #[error("this link is for something else")]
    WrongPurpose,
    /// Already used once.
    #[error("this link has been used already")]
    Used,
    /// Past its expiry.
    #[error("this link has expired")]
    Expired,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn purposes_read_back_from_their_codes() {
        for purpose in LinkPurpose::ALL {
            assert_eq!(LinkPurpose::from_code(purpose.code()), Some(purpose));
        }
        assert_eq!(LinkPurpose::from_code("reset"), None);
    }
}
