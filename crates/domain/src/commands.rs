//! The names of the backend commands, shared by the UI (which invokes them) and the
//! shell (which registers and permits them), so neither side spells them by hand.
//! Every name here must have an entry in `desk-app`'s policy table; a test enforces it.

/// `{}` → `SessionState`: set-up, sign-in or signed in (and who).
pub const SESSION_STATE: &str = "session_state";
/// `{ input: FirstAdminInput }` → `Session`; only on a store with no staff account.
pub const CREATE_FIRST_ADMIN: &str = "create_first_admin";
/// `{ input: SignInInput }` → `Session`.
pub const SIGN_IN: &str = "sign_in";
/// `{}` → `()`.
pub const SIGN_OUT: &str = "sign_out";
/// `{ input: ChangePasswordInput }` → `()`.
pub const CHANGE_OWN_PASSWORD: &str = "change_own_password";

/// `{}` → `Vec<StaffMember>`.
pub const LIST_STAFF: &str = "list_staff";
/// `{ input: NewStaffInput }` → `CreatedStaff`.
pub const CREATE_STAFF: &str = "create_staff";
/// `{ input: SetRolesInput }` → `StaffMember`.
pub const SET_STAFF_ROLES: &str = "set_staff_roles";
/// `{ staffId: StaffId }` → `StaffMember`.
pub const DEACTIVATE_STAFF: &str = "deactivate_staff";
/// `{ staffId: StaffId }` → `Sensitive<String>`: a one-time password, shown once.
pub const RESET_STAFF_PASSWORD: &str = "reset_staff_password";

/// `{ filter: AuditFilter }` → `AuditPage`.
pub const LIST_AUDIT: &str = "list_audit";

/// `{}` → `ProfilesView`.
pub const LIST_PROFILES: &str = "list_profiles";
/// `{ input: ProfileInput }` → `ProfilesView`.
pub const SAVE_PROFILE: &str = "save_profile";
/// `{ input: ProfileInput }` → `ConnectionCheck`.
pub const TEST_PROFILE: &str = "test_profile";
/// `{ input: SwitchProfileInput }` → `SessionState` of the store switched to.
pub const SWITCH_PROFILE: &str = "switch_profile";
/// `{ name: String }` → `ProfilesView`.
pub const REMOVE_PROFILE: &str = "remove_profile";

/// Adds a customer; takes `{ input: NewCustomerInput }`, returns `Customer`.
pub const CREATE_CUSTOMER: &str = "create_customer";
/// Lists customers by keyset; takes `{ request: CustomerListRequest }`, returns `CustomerPage`.
pub const LIST_CUSTOMERS: &str = "list_customers";

/// Every command the shell registers. The shell's capability file grants exactly these.
pub const ALL: &[&str] = &[
    SESSION_STATE,
    CREATE_FIRST_ADMIN,
    SIGN_IN,
    SIGN_OUT,
    CHANGE_OWN_PASSWORD,
    LIST_STAFF,
    CREATE_STAFF,
    SET_STAFF_ROLES,
    DEACTIVATE_STAFF,
    RESET_STAFF_PASSWORD,
    LIST_AUDIT,
    LIST_PROFILES,
    SAVE_PROFILE,
    TEST_PROFILE,
    SWITCH_PROFILE,
    REMOVE_PROFILE,
    CREATE_CUSTOMER,
    LIST_CUSTOMERS,
];
