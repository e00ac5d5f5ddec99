//! The company role form (seed 004: "custom roles defined by administrators"): a name
//! and the policies the role grants, each for the member's own records or the whole
//! company's. The built-in roles (Member, Buyer, Company admin) stay as shipped.

use serde::{Deserialize, Serialize};

use crate::bounds::chars_over;
use crate::company_role::{CompanyRoleId, Grant, Policy};
use crate::{FieldError, FieldErrorCode};

/// The longest role name.
pub const MAX_ROLE_NAME_CHARS: usize = 100;

/// Form field names of the company role form.
pub mod fields {
    /// The role's name.
    pub const NAME: &str = "name";
    /// The policies it grants.
    pub const POLICIES: &str = "policies";
}

/// The form as filled in.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompanyRoleInput {
    /// `None` for a new role; the role being edited otherwise.
    pub id: Option<CompanyRoleId>,
    /// As typed.
    pub name: String,
    /// The policies ticked, each with its reach.
    pub grants: Vec<Grant>,
}

/// A role checked, to be stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompanyRoleDraft {
    /// Trimmed, inner spaces kept.
    pub name: String,
    /// Each policy once, in `Policy::ALL` order.
    pub grants: Vec<Grant>,
}

/// A role name's key: unique among roles, ignoring case and surrounding spaces.
pub fn role_name_key(name: &str) -> String {
    name.trim().to_lowercase()
}

impl CompanyRoleInput {
    /// Checks the form: a name (at most [`MAX_ROLE_NAME_CHARS`] characters) and at
    /// least one policy, each once.
    pub fn parse(&self) -> Result<CompanyRoleDraft, Vec<FieldError>> {
        let mut problems = Vec::new();
        let name = self.name.trim();
        if name.is_empty() {
            problems.push(FieldError::new(
                fields::NAME,
                FieldErrorCode::Required,
                "Enter a name for the role, such as Approver.",
            ));
        } else if let Some(chars) = chars_over(name, MAX_ROLE_NAME_CHARS) {
            problems.push(FieldError::new(
                fields::NAME,
                FieldErrorCode::TooLong,
                format!(
                    "Use at most {MAX_ROLE_NAME_CHARS} characters for the name; this has {chars}."
                ),
            ));
        }
        let mut grants: Vec<Grant> = Vec::new();
        for policy in Policy::ALL {
            let ticked: Vec<&Grant> = self
                .grants
                .iter()
                .filter(|grant| grant.policy == policy)
                .collect();
            match ticked.as_slice() {
                [] => {}
                [one] => grants.push(**one),
                [..] => problems.push(FieldError::new(
                    fields::POLICIES,
                    FieldErrorCode::InvalidChoice,
                    format!("\"{}\" is granted twice; grant it once.", policy.label()),
                )),
            }
        }
        if grants.is_empty() && problems.iter().all(|p| p.field != fields::POLICIES) {
            problems.push(FieldError::new(
                fields::POLICIES,
                FieldErrorCode::Required,
                "Tick at least one thing the role may do.",
            ));
        }
        if problems.is_empty() {
            Ok(CompanyRoleDraft {
                name: name.to_owned(),
                grants,
            })
        } else {
            Err(problems)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::company_role::Reach;

    fn grant(policy: Policy, reach: Reach) -> Grant {
        Grant { policy, reach }
    }

    #[test]
    fn a_role_needs_a_name_and_something_to_grant() {
        let problems = CompanyRoleInput::default().parse().expect_err("empty");
        let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(fields, [fields::NAME, fields::POLICIES]);
    }

    #[test]
    fn grants_come_back_once_each_in_policy_order() {
        let draft = CompanyRoleInput {
            id: None,
            name: "  Approver ".into(),
            grants: vec![
                grant(Policy::ApproveOrders, Reach::Company),
                grant(Policy::ViewOrders, Reach::Company),
            ],
        }
        .parse()
        .expect("valid");
        assert_eq!(draft.name, "Approver");
        assert_eq!(
            draft.grants,
            [
                grant(Policy::ViewOrders, Reach::Company),
                grant(Policy::ApproveOrders, Reach::Company)
            ]
        );
        let twice = CompanyRoleInput {
            id: None,
            name: "Approver".into(),
            grants: vec![
                grant(Policy::ViewOrders, Reach::Own),
                grant(Policy::ViewOrders, Reach::Company),
            ],
        }
        .parse()
        .expect_err("twice");
        assert_eq!(twice[0].field, fields::POLICIES);
        assert_eq!(role_name_key(" Approver "), "approver");
    }
}
