//! Who may run which command. One table, deny by default: a command that is not in
//! [`COMMAND_POLICY`] is refused for everyone, and a test fails the build's tests until
//! it is added.

use std::collections::BTreeSet;

use desk_domain::commands as c;
use desk_domain::staff::Role;
use desk_domain::{DeskError, Permission};

/// What a command needs from the caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Requirement {
    /// Anyone, signed in or not: the screens before sign-in.
    Public,
    /// Any signed-in staff member, whatever their roles.
    SignedIn,
    /// A signed-in staff member whose roles grant this permission.
    Permission(Permission),
}

/// Every command and what it requires.
pub const COMMAND_POLICY: &[(&str, Requirement)] = &[
    (c::SESSION_STATE, Requirement::Public),
    (c::CREATE_FIRST_ADMIN, Requirement::Public),
    (c::SIGN_IN, Requirement::Public),
    (c::SIGN_OUT, Requirement::Public),
    (c::CHANGE_OWN_PASSWORD, Requirement::SignedIn),
    (
        c::LIST_STAFF,
        Requirement::Permission(Permission::ManageStaff),
    ),
    (
        c::CREATE_STAFF,
        Requirement::Permission(Permission::ManageStaff),
    ),
    (
        c::SET_STAFF_ROLES,
        Requirement::Permission(Permission::ManageStaff),
    ),
    (
        c::DEACTIVATE_STAFF,
        Requirement::Permission(Permission::ManageStaff),
    ),
    (
        c::RESET_STAFF_PASSWORD,
        Requirement::Permission(Permission::ManageStaff),
    ),
    (
        c::LIST_AUDIT,
        Requirement::Permission(Permission::ViewAuditLog),
    ),
    // Profiles are this desktop's own settings and are needed before anyone can sign
    // in (to pick the store to sign in to); they grant no access to records.
    (c::LIST_PROFILES, Requirement::Public),
    (c::SAVE_PROFILE, Requirement::Public),
    (c::TEST_PROFILE, Requirement::Public),
    (c::SWITCH_PROFILE, Requirement::Public),
    (c::REMOVE_PROFILE, Requirement::Public),
    (
        c::CREATE_CUSTOMER,
        Requirement::Permission(Permission::EditCustomers),
    ),
    (
        c::LIST_CUSTOMERS,
        Requirement::Permission(Permission::ViewCustomers),
    ),
];

/// What each role grants (PRODUCT.md, "Staff roles").
pub fn role_permissions(role: Role) -> &'static [Permission] {
    use Permission::*;
    match role {
        Role::Administrator => &[ViewCustomers, EditCustomers, ManageStaff, ViewAuditLog],
        Role::SupportAgent => &[ViewCustomers, EditCustomers],
        // Sales reps see only their own companies and those companies' members; the
        // company screens will grant that. The whole customer list is not theirs.
        Role::SalesRep => &[],
        Role::Reviewer => &[ViewCustomers],
    }
}

/// Everything a set of roles grants: the most permissive union.
pub fn permissions_of(roles: &[Role]) -> BTreeSet<Permission> {
    roles
        .iter()
        .flat_map(|role| role_permissions(*role).iter().copied())
        .collect()
}

/// The requirement of `command`; `None` (refuse) for a command not in the table.
pub fn requirement_of(command: &str) -> Option<Requirement> {
    COMMAND_POLICY
        .iter()
        .find(|(name, _)| *name == command)
        .map(|(_, requirement)| *requirement)
}

/// Checks a caller with `roles` (`None` when nobody is signed in) against `command`.
pub fn check(command: &str, roles: Option<&[Role]>) -> Result<(), DeskError> {
    match (requirement_of(command), roles) {
        (None, _) => Err(DeskError::Unauthorized {
            message: format!("\"{command}\" has no policy, so nobody may run it."),
        }),
        (Some(Requirement::Public), _) => Ok(()),
        (Some(_), None) => Err(DeskError::NotSignedIn),
        (Some(Requirement::SignedIn), Some(_)) => Ok(()),
        (Some(Requirement::Permission(permission)), Some(roles)) => {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_has_exactly_one_policy_entry() {
        for command in c::ALL {
            let entries = COMMAND_POLICY
                .iter()
                .filter(|(name, _)| name == command)
                .count();
            assert_eq!(entries, 1, "{command} has {entries} policy entries");
        }
        assert_eq!(
            COMMAND_POLICY.len(),
            c::ALL.len(),
            "the table names unknown commands"
        );
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
        assert!(check(c::LIST_CUSTOMERS, Some(&[Role::Reviewer])).is_ok());
        assert!(matches!(
            check(c::CREATE_CUSTOMER, Some(&[Role::Reviewer])),
            Err(DeskError::Unauthorized { .. })
        ));
    }

    #[test]
    fn several_roles_get_the_most_permissive_result() {
        assert!(
            check(
                c::CREATE_CUSTOMER,
                Some(&[Role::Reviewer, Role::SupportAgent])
            )
            .is_ok()
        );
    }

    #[test]
    fn signed_out_callers_get_only_public_commands() {
        for (command, requirement) in COMMAND_POLICY {
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
            for command in [c::LIST_STAFF, c::CREATE_STAFF, c::LIST_AUDIT] {
                assert!(check(command, Some(&[role])).is_err(), "{role:?} {command}");
            }
        }
    }
}
