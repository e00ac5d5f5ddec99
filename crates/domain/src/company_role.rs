//! Company roles and policies (seed 004: "define Policies for each User Group, for
//! example, a Company buyer"). A role is a set of policies, each granted for the
//! member's own records or for the whole company's; the built-in roles are Member,
//! Buyer and Company admin, and administrators may define more. A member with several
//! roles gets the most permissive result: per policy, the widest reach any of their
//! roles grants, with the roles it comes from.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A company role's id.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct CompanyRoleId(pub Uuid);

impl std::fmt::Display for CompanyRoleId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// What a policy lets a member do on the storefront.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Policy {
    /// See the company's prices (its customer group's).
    ViewPrices,
    /// See orders.
    ViewOrders,
    /// Place orders.
    PlaceOrders,
    /// Approve orders others placed.
    ApproveOrders,
    /// Invite, change and remove members.
    ManageMembers,
    /// Add and change the company's addresses.
    ManageAddresses,
}

impl Policy {
    /// Every policy, in the order screens list them.
    pub const ALL: [Self; 6] = [
        Self::ViewPrices,
        Self::ViewOrders,
        Self::PlaceOrders,
        Self::ApproveOrders,
        Self::ManageMembers,
        Self::ManageAddresses,
    ];

    /// The code the store and storefronts use.
    pub fn code(self) -> &'static str {
        match self {
            Self::ViewPrices => "view_prices",
            Self::ViewOrders => "view_orders",
            Self::PlaceOrders => "place_orders",
            Self::ApproveOrders => "approve_orders",
            Self::ManageMembers => "manage_members",
            Self::ManageAddresses => "manage_addresses",
        }
    }

    /// The policy a stored code names.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|policy| policy.code() == code)
    }

    /// For people.
    pub fn label(self) -> &'static str {
        match self {
            Self::ViewPrices => "View prices",
            Self::ViewOrders => "View orders",
            Self::PlaceOrders => "Place orders",
            Self::ApproveOrders => "Approve orders",
            Self::ManageMembers => "Manage members",
            Self::ManageAddresses => "Manage addresses",
        }
    }
}

/// How far a granted policy reaches; a wider reach is more permissive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reach {
    /// The member's own (orders they placed, addresses they added).
    Own,
    /// Everyone's in the company.
    Company,
}

impl Reach {
    /// The code the store and storefronts use.
    pub fn code(self) -> &'static str {
        match self {
            Self::Own => "own",
            Self::Company => "company",
        }
    }

    /// The reach a stored code names.
    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "own" => Some(Self::Own),
            "company" => Some(Self::Company),
            _ => None,
        }
    }

    /// For people.
    pub fn label(self) -> &'static str {
        match self {
            Self::Own => "their own",
            Self::Company => "the whole company's",
        }
    }
}

/// One policy a role grants, and how far.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Grant {
    /// What.
    pub policy: Policy,
    /// How far.
    pub reach: Reach,
}

/// A company role as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompanyRole {
    /// Its id.
    pub id: CompanyRoleId,
    /// `member`, `buyer` or `company_admin` for the built-in ones; `None` for those
    /// administrators defined.
    pub built_in: Option<String>,
    /// Its name.
    pub name: String,
    /// What it grants, one grant per policy, in [`Policy::ALL`] order.
    pub grants: Vec<Grant>,
}

/// One policy a member has, the widest reach any of their roles grants, and the
/// roles that grant that reach.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EffectivePolicy {
    /// What.
    pub policy: Policy,
    /// How far (the widest).
    pub reach: Reach,
    /// The names of the roles granting it that far, in the member's role order.
    pub from: Vec<String>,
}

/// The most permissive result of `roles`: per policy granted by any of them, the
/// widest reach, and which roles grant that reach. Policies none grants are absent.
pub fn effective_policies(roles: &[CompanyRole]) -> Vec<EffectivePolicy> {
    Policy::ALL
        .into_iter()
        .filter_map(|policy| {
            let granted: Vec<(Reach, &str)> = roles
                .iter()
                .flat_map(|role| {
                    role.grants
                        .iter()
                        .filter(move |grant| grant.policy == policy)
                        .map(move |grant| (grant.reach, role.name.as_str()))
                })
                .collect();
            let widest = granted.iter().map(|(reach, _)| *reach).max()?;
            Some(EffectivePolicy {
                policy,
                reach: widest,
                from: granted
                    .iter()
                    .filter(|(reach, _)| *reach == widest)
                    .map(|(_, name)| (*name).to_owned())
                    .collect(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn role(name: &str, grants: &[(Policy, Reach)]) -> CompanyRole {
        CompanyRole {
            id: CompanyRoleId::default(),
            built_in: None,
            name: name.into(),
            grants: grants
                .iter()
                .map(|(policy, reach)| Grant {
                    policy: *policy,
                    reach: *reach,
                })
                .collect(),
        }
    }

    #[test]
    fn several_roles_give_the_widest_reach_of_each_policy_with_its_sources() {
        let buyer = role(
            "Buyer",
            &[
                (Policy::ViewOrders, Reach::Own),
                (Policy::PlaceOrders, Reach::Own),
            ],
        );
        let approver = role(
            "Approver",
            &[
                (Policy::ViewOrders, Reach::Company),
                (Policy::ApproveOrders, Reach::Company),
            ],
        );
        let viewer = role("Viewer", &[(Policy::ViewOrders, Reach::Company)]);
        let merged = effective_policies(&[buyer, approver, viewer]);
        let view_orders = merged
            .iter()
            .find(|effective| effective.policy == Policy::ViewOrders)
            .expect("granted");
        assert_eq!(view_orders.reach, Reach::Company, "the wider reach wins");
        assert_eq!(
            view_orders.from,
            ["Approver", "Viewer"],
            "from where it comes"
        );
        let place = merged
            .iter()
            .find(|effective| effective.policy == Policy::PlaceOrders)
            .expect("granted");
        assert_eq!(
            (place.reach, place.from.as_slice()),
            (Reach::Own, &["Buyer".to_owned()][..])
        );
        assert!(
            !merged
                .iter()
                .any(|effective| effective.policy == Policy::ManageMembers),
            "a policy no role grants is absent"
        );
        let codes: Vec<Policy> = merged.iter().map(|effective| effective.policy).collect();
        assert_eq!(
            codes,
            [
                Policy::ViewOrders,
                Policy::PlaceOrders,
                Policy::ApproveOrders
            ],
            "in the screens' order"
        );
    }

    #[test]
    fn no_roles_grant_nothing_and_codes_read_back() {
        assert!(effective_policies(&[]).is_empty());
        for policy in Policy::ALL {
            assert_eq!(Policy::from_code(policy.code()), Some(policy));
        }
        for reach in [Reach::Own, Reach::Company] {
            assert_eq!(Reach::from_code(reach.code()), Some(reach));
        }
        assert!(Reach::Company > Reach::Own);
    }
}
