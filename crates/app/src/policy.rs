//! Who may run which command. Each command states its requirement where it is defined
//! (`desk_domain::commands`); this module says what roles grant, checks a caller
//! against a requirement (deny by default), and renders the table for review.

use std::collections::BTreeSet;

use desk_domain::commands::POLICY;
use desk_domain::staff::{Role, StaffId};
use desk_domain::{DeskError, Permission, Requirement};

/// What each role grants (PRODUCT.md, "Staff roles").
pub fn role_permissions(role: Role) -> &'static [Permission] {
    use Permission::*;
    match role {
        Role::Administrator => &[
            ViewCustomers,
            EditCustomers,
            ManageStaff,
            ViewAuditLog,
            ManageSettings,
            ManageOutbox,
            ViewGroups,
            ManageGroups,
            ViewCompanies,
            ManageCompanies,
        ],
        Role::SupportAgent => &[
            ViewCustomers,
            EditCustomers,
            ManageOutbox,
            ViewGroups,
            ManageGroups,
            ViewCompanies,
            ManageCompanies,
        ],
        // Sales reps see only their own companies, those companies' members and their
        // groups (their scope narrows `ViewGroups` and `ViewCompanies`). The whole
        // customer list is not theirs.
        Role::SalesRep => &[ViewGroups, ViewCompanies],
        Role::Reviewer => &[ViewCustomers, ViewGroups, ViewCompanies],
    }
}

/// Everything a set of roles grants: the most permissive union.
pub fn permissions_of(roles: &[Role]) -> BTreeSet<Permission> {
    roles
        .iter()
        .flat_map(|role| role_permissions(*role).iter().copied())
        .collect()
}

/// Which records a signed-in staff member may see. Use cases apply it as a row
/// filter, so "a sales rep sees only their own companies" is a `WHERE`, not a second
/// permission mechanism.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Every record their permissions cover.
    Everything,
    /// Only the records (companies) where this staff member is the sales rep.
    AssignedTo(StaffId),
}

/// The scope of `staff_id` with `roles`: a sales rep and nothing else sees only what
/// is assigned to them; any other role sees everything its permissions cover.
pub fn scope_of(staff_id: StaffId, roles: &[Role]) -> Scope {
    if roles.iter().all(|role| *role == Role::SalesRep) {
        Scope::AssignedTo(staff_id)
    } else {
        Scope::Everything
    }
}

/// The requirement of the command named `command`; `None` for an unknown name.
pub fn requirement_of(command: &str) -> Option<Requirement> {
    POLICY
        .iter()
        .find(|(name, _)| *name == command)
        .map(|(_, requirement)| *requirement)
}

/// The one command a person signed in with a one-time password may run (besides the
/// public ones): choosing their own password.
pub const CHANGE_OWN_PASSWORD: &str =
    <desk_domain::commands::ChangeOwnPassword as desk_domain::Rpc>::NAME;

/// Checks a caller with `roles` (`None` when nobody is signed in) against `requirement`.
pub fn check_requirement(
    requirement: Requirement,
    roles: Option<&[Role]>,
) -> Result<(), DeskError> {
    match (requirement, roles) {
        (Requirement::Public, _) => Ok(()),
        (_, None) => Err(DeskError::NotSignedIn),
        (Requirement::SignedIn, Some(_)) => Ok(()),
        (Requirement::Permission(permission), Some(roles)) => {
            if permissions_of(roles).contains(&permission) {
                Ok(())
            } else {
                Err(DeskError::Unauthorized {
                    message: format!("your role does not allow you to {}.", permission.describe()),
                })
            }
        }
    }
}

/// Checks a caller against the command named `command`; an unknown name is refused
/// for everyone.
pub fn check(command: &str, roles: Option<&[Role]>) -> Result<(), DeskError> {
    match requirement_of(command) {
        Some(requirement) => check_requirement(requirement, roles),
        None => Err(DeskError::Unauthorized {
            message: format!("\"{command}\" has no policy, so nobody may run it."),
        }),
    }
}

/// The policy as a Markdown table for review: every command, what it requires, and
/// which roles may run it. `docs/command-policy.md` holds it; a test keeps it current.
pub fn render_table() -> String {
    let mut table = String::from(
        "# Who may run which command\n\n\
         Generated from `desk_domain::commands` by `desk_app::policy::render_table`; \
         a unit test fails when this file and the code disagree.\n\n\
         | command | requires | Administrator | Support agent | Sales rep | Reviewer |\n\
         | --- | --- | --- | --- | --- | --- |\n",
    );
    for (name, requirement) in POLICY {
        let cells: Vec<&str> = Role::ALL
            .iter()
            .map(
                |role| match check_requirement(*requirement, Some(&[*role])) {
                    Ok(()) => "yes",
                    Err(_) => "no",
                },
            )
            .collect();
        table.push_str(&format!(
            "| `{name}` | {} | {} |\n",
            requirement.describe(),
            cells.join(" | ")
        ));
    }
    table
}

#[cfg(test)]
mod tests {
    use desk_domain::Rpc;
    use desk_domain::commands::{
        ALL, CreateCustomer, CreateStaff, ListAudit, ListCustomers, ListStaff,
    };

    use super::*;

    #[test]
    fn every_command_has_exactly_one_policy_entry() {
        for command in ALL {
            let entries = POLICY.iter().filter(|(name, _)| name == command).count();
            assert_eq!(entries, 1, "{command} has {entries} policy entries");
        }
        assert_eq!(POLICY.len(), ALL.len(), "the table names unknown commands");
    }

    #[test]
    fn an_unknown_command_is_refused_even_for_an_administrator() {
        let refused = check("drop_everything", Some(&[Role::Administrator]));
        assert!(
            matches!(refused, Err(DeskError::Unauthorized { .. })),
            "{refused:?}"
        );
    }

    #[test]
    fn administrators_hold_every_permission() {
        let granted = permissions_of(&[Role::Administrator]);
        assert_eq!(granted, Permission::ALL.into_iter().collect());
    }

    #[test]
    fn reviewers_read_but_do_not_change_customers() {
        assert!(check(ListCustomers::NAME, Some(&[Role::Reviewer])).is_ok());
        assert!(matches!(
            check(CreateCustomer::NAME, Some(&[Role::Reviewer])),
            Err(DeskError::Unauthorized { .. })
        ));
    }

    #[test]
    fn several_roles_get_the_most_permissive_result() {
        assert!(
            check(
                CreateCustomer::NAME,
                Some(&[Role::Reviewer, Role::SupportAgent])
            )
            .is_ok()
        );
    }

    #[test]
    fn signed_out_callers_get_only_public_commands() {
        for (command, requirement) in POLICY {
            let result = check(command, None);
            match requirement {
                Requirement::Public => assert!(result.is_ok(), "{command}"),
                _ => assert_eq!(result, Err(DeskError::NotSignedIn), "{command}"),
            }
        }
    }

    #[test]
    fn staff_and_audit_are_for_administrators_only() {
        for role in [Role::SupportAgent, Role::SalesRep, Role::Reviewer] {
            for command in [ListStaff::NAME, CreateStaff::NAME, ListAudit::NAME] {
                assert!(check(command, Some(&[role])).is_err(), "{role:?} {command}");
            }
        }
    }

    #[test]
    fn a_sales_rep_alone_sees_only_what_is_assigned_to_them() {
        let id = StaffId(uuid::Uuid::now_v7());
        assert_eq!(scope_of(id, &[Role::SalesRep]), Scope::AssignedTo(id));
        assert_eq!(
            scope_of(id, &[Role::SalesRep, Role::SupportAgent]),
            Scope::Everything
        );
        assert_eq!(scope_of(id, &[Role::Reviewer]), Scope::Everything);
    }

    #[test]
    fn the_reviewed_policy_table_is_current() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/command-policy.md");
        let committed = std::fs::read_to_string(path).unwrap_or_default();
        let rendered = render_table();
        assert!(
            committed == rendered,
            "docs/command-policy.md is out of date; replace it with:\n\n{rendered}"
        );
    }
}
