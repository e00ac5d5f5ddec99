//! Invitations to join a company (seed 004): who was invited with which company role,
//! the registration link that can be copied, the status, and what sending a list
//! came to. The list itself is read by `invitation_list`.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::company::CompanyId;
use crate::company_role::CompanyRoleId;
use crate::customer::CustomerId;

/// The most invitations one send holds (a file may be longer; the rest is sent next).
pub const MAX_INVITATIONS_PER_SEND: usize = 10_000;
/// The most invitations a page of the Invitations tab holds.
pub const MAX_INVITATION_PAGE_SIZE: u32 = 200;
/// How long an invitation's link works, in days.
pub const INVITATION_LIFETIME_DAYS: i64 = 14;

/// Form field names of the invitation dialog.
pub mod fields {
    /// The people to invite.
    pub const INVITEES: &str = "invitees";
    /// The role of one invitee or of all.
    pub const ROLE: &str = "role";
}

/// An invitation's id.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct InvitationId(pub Uuid);

impl std::fmt::Display for InvitationId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// Where an invitation stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InvitationStatus {
    /// Sent; the link works.
    Pending,
    /// The invitee registered and is a member.
    Accepted,
    /// Pending past its expiry: the link no longer works (resend to renew it).
    Expired,
    /// Withdrawn by staff: the link no longer works.
    Revoked,
}

impl InvitationStatus {
    /// As the tab shows it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Pending => "Pending",
            Self::Accepted => "Accepted",
            Self::Expired => "Expired",
            Self::Revoked => "Revoked",
        }
    }

    /// The status of a stored invitation (`pending`, `accepted` or `revoked`) at `now`.
    pub fn at(stored: &str, expires_at: DateTime<Utc>, now: DateTime<Utc>) -> Option<Self> {
        match stored {
            "pending" if expires_at <= now => Some(Self::Expired),
            "pending" => Some(Self::Pending),
            "accepted" => Some(Self::Accepted),
            "revoked" => Some(Self::Revoked),
            _ => None,
        }
    }

    /// Whether it can be resent (with a new link): while not accepted or revoked.
    pub fn can_resend(self) -> bool {
        matches!(self, Self::Pending | Self::Expired)
    }

    /// Whether it can be revoked.
    pub fn can_revoke(self) -> bool {
        matches!(self, Self::Pending | Self::Expired)
    }
}

/// An invitation as the Invitations tab lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompanyInvitation {
    /// Its id.
    pub id: InvitationId,
    /// The invited address.
    pub email: String,
    /// The company role they join with (`None` once a custom role was removed after
    /// the invitation ended).
    pub role: Option<CompanyRoleId>,
    /// That role's name, as it was when the invitation was last sent.
    pub role_name: String,
    /// Where it stands now.
    pub status: InvitationStatus,
    /// The registration link, while it works (pending), for those who may change
    /// companies; copied by staff to send it some other way.
    pub link: Option<String>,
    /// Who sent it (last).
    pub invited_by: String,
    /// When it was last sent.
    pub sent_at: DateTime<Utc>,
    /// When its link stops working.
    pub expires_at: DateTime<Utc>,
    /// Who registered with it, by name, once accepted.
    pub accepted_by: Option<String>,
}

/// One page of a company's invitations, newest first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationsRequest {
    /// Whose.
    pub company: CompanyId,
    /// The last invitation of the previous page.
    pub before: Option<InvitationId>,
    /// How many at most.
    pub limit: u32,
}

/// A page of invitations.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationPage {
    /// Newest first.
    pub items: Vec<CompanyInvitation>,
    /// Whether older ones follow.
    pub more: bool,
}

/// Someone to invite, as the dialog lists them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InviteeRequest {
    /// Their line in the dialog's list (typed ones after the file's), to name it back.
    pub line: usize,
    /// The address as listed.
    pub email: String,
    /// The role they join with.
    pub role: CompanyRoleId,
}

/// "Send" in the invitation dialog.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SendInvitations {
    /// To which company.
    pub company: CompanyId,
    /// Whom, each with a role.
    pub invitees: Vec<InviteeRequest>,
}

/// Why someone listed cannot be invited, as only the store can tell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum InviteeConflict {
    /// They are a member of the company already.
    AlreadyMember {
        /// Their name.
        name: String,
    },
    /// A pending invitation to the company exists for them.
    AlreadyInvited {
        /// Whether that invitation's link has expired (resend it from the list).
        expired: bool,
    },
}

impl InviteeConflict {
    /// What to tell the person, beside the line.
    pub fn message(&self) -> String {
        match self {
            Self::AlreadyMember { name } => format!("Already a member ({name})."),
            Self::AlreadyInvited { expired: false } => {
                "Already invited; the invitation is pending.".to_owned()
            }
            Self::AlreadyInvited { expired: true } => {
                "Already invited; that invitation has expired: resend it from the list.".to_owned()
            }
        }
    }
}

/// A listed address the store refuses, with its line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InviteeRefusal {
    /// Its line in the dialog's list.
    pub line: usize,
    /// The address.
    pub email: String,
    /// Why.
    pub conflict: InviteeConflict,
}

/// Which of a list's addresses the store refuses (members, invited already).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckInvitees {
    /// For which company.
    pub company: CompanyId,
    /// The addresses with their lines.
    pub invitees: Vec<InviteeLine>,
}

/// An address at a line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InviteeLine {
    /// The line.
    pub line: usize,
    /// The address.
    pub email: String,
}

/// What a send came to.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationsSent {
    /// How many were sent.
    pub sent: usize,
    /// Those refused (someone joined or was invited meanwhile), to keep listed.
    pub refused: Vec<InviteeRefusal>,
}

/// An invitation of a company, to resend or revoke.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationRef {
    /// The company.
    pub company: CompanyId,
    /// The invitation.
    pub invitation: InvitationId,
}

/// Why an invitation link could not be accepted, told apart so a storefront can say
/// what to do next.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(rename_all = "snake_case")]
pub enum AcceptRefusal {
    /// No such link.
    #[error("this link is not known")]
    Unknown,
    /// A link for something else.
    #[error("this link is for something else")]
    WrongPurpose,
    /// Used already (the invitation was accepted).
    #[error("this link has been used already")]
    Used,
    /// Past its expiry.
    #[error("this link has expired")]
    Expired,
    /// The invitation was revoked.
    #[error("this invitation was withdrawn")]
    Revoked,
    /// A newer link was sent for the invitation; only that one works.
    #[error("a newer link was sent for this invitation")]
    Replaced,
    /// A new customer needs a first and a last name.
    #[error("a first and a last name are needed to register")]
    NameRequired,
}

impl AcceptRefusal {
    /// The outcome's spelling in the storefront contract.
    pub fn code(self) -> &'static str {
        match self {
            Self::Unknown => "unknown",
            Self::WrongPurpose => "wrong_purpose",
            Self::Used => "used",
            Self::Expired => "expired",
            Self::Revoked => "revoked",
            Self::Replaced => "replaced",
            Self::NameRequired => "name_required",
        }
    }
}

/// An accepted invitation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Accepted {
    /// The member.
    pub customer: CustomerId,
    /// Their company.
    pub company: CompanyId,
    /// Whether the customer was created by it (or existed).
    pub created: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    #[test]
    fn a_pending_invitation_past_its_expiry_is_expired() {
        let now = DateTime::parse_from_rfc3339("2026-11-23T10:00:00Z")
            .expect("a time")
            .with_timezone(&Utc);
        let later = now + Duration::days(1);
        assert_eq!(
            InvitationStatus::at("pending", later, now),
            Some(InvitationStatus::Pending)
        );
        assert_eq!(
            InvitationStatus::at("pending", now, now),
            Some(InvitationStatus::Expired)
        );
        assert_eq!(
            InvitationStatus::at("revoked", later, now),
            Some(InvitationStatus::Revoked)
        );
        assert_eq!(InvitationStatus::at("lost", later, now), None);
        assert!(!InvitationStatus::Accepted.can_resend());
        assert!(!InvitationStatus::Revoked.can_revoke());
    }

    #[test]
    fn conflicts_say_what_to_do() {
        assert_eq!(
            InviteeConflict::AlreadyMember {
                name: "Ann Lee".into()
            }
            .message(),
            "Already a member (Ann Lee)."
        );
        assert!(
            InviteeConflict::AlreadyInvited { expired: true }
                .message()
                .contains("resend it")
        );
    }
}
