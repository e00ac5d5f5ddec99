//! Every backend command, defined once: its name, its arguments, its answer and what
//! the caller needs. From this one list come the argument types (here), their
//! [`Rpc`] implementations, [`ALL`] (the shell's permissions and capability file), and
//! through [`for_each_command!`](crate::for_each_command) the shell's command functions
//! and `generate_handler!`. Adding a command is adding one entry below.

use serde::{Deserialize, Serialize};

use crate::Permission::{EditCustomers, ManageStaff, ViewAuditLog, ViewCustomers};
use crate::Sensitive;
use crate::audit::{AuditFilter, AuditPage};
use crate::customer::{Customer, CustomerId, CustomerListRequest, CustomerPage, NewCustomerInput};
use crate::profile::{ConnectionCheck, ProfileInput, ProfilesView, SwitchProfileInput};
use crate::rpc::Requirement::{Permission, Public, SignedIn};
use crate::rpc::{Requirement, Rpc};
use crate::staff::{
    ChangePasswordInput, CreatedStaff, FirstAdminInput, NewStaffInput, Session, SessionState,
    SetRolesInput, SignInInput, StaffId, StaffMember,
};

/// Defines the commands. `$d` is a literal `$`, so that the macro can define the
/// exported `for_each_command!` with repetitions of its own.
macro_rules! commands {
    ($d:tt $(
        $(#[$meta:meta])*
        $name:ident: $command:ident {
            $($(#[$field_meta:meta])* $field:ident: $field_type:ty),* $(,)?
        } -> $output:ty, $requirement:expr;
    )*) => {
        $(
            $(#[$meta])*
            // Default: a harmless sample of every command, for the policy-enforcement test.
            #[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
            pub struct $command {
                $($(#[$field_meta])* pub $field: $field_type,)*
            }

            impl Rpc for $command {
                const NAME: &'static str = stringify!($name);
                const REQUIRES: Requirement = $requirement;
                type Output = $output;
            }
        )*

        /// Every command's name, in definition order. The shell grants exactly these.
        pub const ALL: &[&str] = &[$(stringify!($name)),*];

        /// Every command's name and what it requires, for the policy table's review.
        pub const POLICY: &[(&str, Requirement)] = &[$((stringify!($name), $requirement)),*];

        /// Calls `$callback! { name: path::To::Command, … }` with every command, so
        /// other crates (the shell) can generate code per command from this one list.
        #[macro_export]
        macro_rules! for_each_command {
            ($d callback:ident) => {
                $d callback! { $($name: $d crate::commands::$command),* }
            };
        }
    };
}

commands! { $
    // Session: set-up, sign-in, sign-out, one's own password.

    /// Where the app starts: set-up, sign-in, or who is signed in.
    session_state: GetSessionState {} -> SessionState, Public;
    /// Creates the first administrator on a store with no staff account.
    create_first_admin: CreateFirstAdmin {
        /// The set-up form.
        input: FirstAdminInput,
    } -> Session, Public;
    /// Signs in with email and password.
    sign_in: SignIn {
        /// The sign-in form.
        input: SignInInput,
    } -> Session, Public;
    /// Signs out (nothing happens when nobody is signed in).
    sign_out: SignOut {} -> (), Public;
    /// Changes the signed-in person's own password.
    change_own_password: ChangeOwnPassword {
        /// Current and new password.
        input: ChangePasswordInput,
    } -> (), SignedIn;

    // Staff accounts, for administrators.

    /// Every staff account.
    list_staff: ListStaff {} -> Vec<StaffMember>, Permission(ManageStaff);
    /// Creates an account with a typed or a generated one-time password.
    create_staff: CreateStaff {
        /// The new-staff form.
        input: NewStaffInput,
    } -> CreatedStaff, Permission(ManageStaff);
    /// Replaces someone's roles.
    set_staff_roles: SetStaffRoles {
        /// Whose roles and the new set.
        input: SetRolesInput,
    } -> StaffMember, Permission(ManageStaff);
    /// Deactivates an account; never one's own, never the last active administrator.
    deactivate_staff: DeactivateStaff {
        /// Whose account.
        staff_id: StaffId,
    } -> StaffMember, Permission(ManageStaff);
    /// Gives someone a new one-time password, shown once.
    reset_staff_password: ResetStaffPassword {
        /// Whose password.
        staff_id: StaffId,
    } -> Sensitive<String>, Permission(ManageStaff);

    // The audit log.

    /// A page of the audit log, newest first.
    list_audit: ListAudit {
        /// Which entries.
        filter: AuditFilter,
    } -> AuditPage, Permission(ViewAuditLog);

    // Connection profiles: this desktop's own settings, needed before sign-in (to pick
    // the store to sign in to); they grant no access to records.

    /// Every profile, and whether a keyring is there.
    list_profiles: ListProfiles {} -> ProfilesView, Public;
    /// Adds or edits (and possibly renames) a profile.
    save_profile: SaveProfile {
        /// The profile form.
        input: ProfileInput,
    } -> ProfilesView, Public;
    /// Tries a profile's settings without saving them.
    test_profile: TestProfile {
        /// The profile form.
        input: ProfileInput,
    } -> ConnectionCheck, Public;
    /// Opens another profile's store; whoever was signed in is signed out.
    switch_profile: SwitchProfile {
        /// Which profile, and a password if none is saved.
        input: SwitchProfileInput,
    } -> SessionState, Public;
    /// Removes a profile and its saved password; never the open one.
    remove_profile: RemoveProfile {
        /// The profile's name.
        name: String,
    } -> ProfilesView, Public;

    // Customers.

    /// Adds a customer.
    create_customer: CreateCustomer {
        /// The add-customer form.
        input: NewCustomerInput,
    } -> Customer, Permission(EditCustomers);
    /// A page of the customer list, by keyset.
    list_customers: ListCustomers {
        /// Where the page starts and how long it is.
        request: CustomerListRequest,
    } -> CustomerPage, Permission(ViewCustomers);
    /// One customer, for the details screen.
    get_customer: GetCustomer {
        /// Which customer.
        id: CustomerId,
    } -> Customer, Permission(ViewCustomers);
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    #[test]
    fn names_are_unique_and_snake_case() {
        let unique: BTreeSet<&str> = ALL.iter().copied().collect();
        assert_eq!(unique.len(), ALL.len(), "a command name is used twice");
        for name in ALL {
            assert!(
                name.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
                "{name} is not snake_case"
            );
        }
    }

    #[test]
    fn a_command_value_travels_as_its_fields() {
        let value = serde_json::to_value(DeactivateStaff {
            staff_id: StaffId(uuid::Uuid::nil()),
        })
        .expect("serializes");
        assert_eq!(
            value,
            serde_json::json!({ "staff_id": "00000000-0000-0000-0000-000000000000" })
        );
        let empty = serde_json::to_value(GetSessionState {}).expect("serializes");
        assert_eq!(empty, serde_json::json!({}));
        assert_eq!(<GetSessionState as Rpc>::NAME, "session_state");
        assert_eq!(<GetCustomer as Rpc>::REQUIRES, Permission(ViewCustomers));
    }

    #[test]
    fn the_policy_list_names_every_command_once() {
        let names: Vec<&str> = POLICY.iter().map(|(name, _)| *name).collect();
        assert_eq!(names, ALL);
    }
}
