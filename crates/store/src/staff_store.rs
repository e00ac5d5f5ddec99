use async_trait::async_trait;
use chrono::{DateTime, Utc};
use desk_domain::staff::{Role, StaffId, StaffMember};
use desk_domain::{Email, PersonName};

use crate::{Effects, StoreError};

/// A staff account with what sign-in needs and screens never see.
#[derive(Debug, Clone)]
pub struct StaffRecord {
    /// The account as screens show it.
    pub member: StaffMember,
    /// Failed sign-ins since the last success or lock.
    pub failed_sign_ins: u32,
    /// Sign-in is refused until then.
    pub locked_until: Option<DateTime<Utc>>,
    /// The password is a one-time one: only changing it is allowed until then.
    pub must_change_password: bool,
    /// A one-time password stops working then.
    pub password_expires_at: Option<DateTime<Utc>>,
    /// Raised by every password change, reset and deactivation: a session started
    /// under an older epoch ends at its next command.
    pub session_epoch: i64,
}

/// A password as the store keeps it: the app's argon2id hash (checked by the app on a
/// local store) and the SCRAM verifier of the database login (checked by the server
/// on a shared one). Each backend keeps what it checks; neither is the password.
#[derive(Debug, Clone, Copy)]
pub struct PasswordSecrets<'a> {
    /// argon2id PHC string.
    pub hash: &'a str,
    /// `SCRAM-SHA-256$…`, as Postgres stores a login's password.
    pub database_verifier: &'a str,
    /// `Some` for a one-time password (given by an administrator): it must be changed
    /// at the first sign-in and stops working at this time.
    pub expires_at: Option<DateTime<Utc>>,
}

/// A new account to insert.
#[derive(Debug, Clone)]
pub struct NewStaffRecord<'a> {
    /// Made by the app.
    pub id: StaffId,
    /// Parsed.
    pub email: &'a Email,
    /// Parsed.
    pub display_name: &'a PersonName,
    /// At least one.
    pub roles: &'a [Role],
    /// Its first password.
    pub password: PasswordSecrets<'a>,
    /// When.
    pub created_at: DateTime<Utc>,
}

/// What a failed sign-in did to the account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FailedSignIn {
    /// Failures in a row, this one included (0 once the account was locked).
    pub failures: u32,
    /// Set when this failure locked the account.
    pub locked_until: Option<DateTime<Utc>>,
}

/// A sign-in attempt counted before its password is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SignInReservation {
    /// Failures counted before this attempt (finished ones, and others still being
    /// checked). A success clears these and its own reservation, and nothing counted
    /// after it, so a sign-in racing with guesses does not hand out fresh ones.
    pub failures_before: u32,
}

/// When a run of failures locks an account: decided by the app, applied atomically by
/// the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LockRule {
    /// Failures in a row that lock the account.
    pub max_failures: u32,
    /// Until when the account is locked if this failure locks it.
    pub lock_until: DateTime<Utc>,
}

/// Staff accounts. Every change commits its effects in the same transaction.
#[async_trait]
pub trait StaffStore: Send + Sync + std::fmt::Debug {
    /// How many accounts exist (0 means first run).
    async fn count_staff(&self) -> Result<u64, StoreError>;

    /// Inserts the first account of an empty store. Refuses with
    /// [`StoreError::NotFirst`] when any account exists, checked in the same
    /// transaction, so two desktops cannot both create "the first" administrator.
    async fn insert_first_staff(
        &self,
        staff: &NewStaffRecord<'_>,
        effects: &Effects,
    ) -> Result<StaffMember, StoreError>;

    /// Inserts an account.
    async fn insert_staff(
        &self,
        staff: &NewStaffRecord<'_>,
        effects: &Effects,
    ) -> Result<StaffMember, StoreError>;

    /// The account whose email (lower-cased) is `email_key`.
    async fn staff_by_email(&self, email_key: &str) -> Result<Option<StaffRecord>, StoreError>;

    /// The account `id`.
    async fn staff_by_id(&self, id: StaffId) -> Result<Option<StaffRecord>, StoreError>;

    /// The argon2id hash of `id`'s password, for the app to check on a local store. On
    /// a shared store the server checks the login's password, and staff logins may not
    /// read hashes at all.
    async fn password_hash(&self, id: StaffId) -> Result<Option<String>, StoreError>;

    /// The account whose database login this connection uses: who signed in, on a
    /// shared store. `None` on a local store, and for a login that is no staff member
    /// (the schema owner setting up).
    async fn staff_for_this_login(&self) -> Result<Option<StaffRecord>, StoreError>;

    /// The database server's clock, where a shared server keeps time for everyone
    /// (Postgres); `None` on a local store, whose clock is this computer's.
    async fn database_now(&self) -> Result<Option<DateTime<Utc>>, StoreError>;

    /// Minutes without a command after which a session ends (a store setting, under
    /// administrators' control).
    async fn idle_timeout_minutes(&self) -> Result<u32, StoreError>;

    /// Sets [`Self::idle_timeout_minutes`] (1 to 240, checked by the database too).
    async fn set_idle_timeout_minutes(
        &self,
        minutes: u32,
        effects: &Effects,
    ) -> Result<(), StoreError>;

    /// Every account, by display name.
    async fn list_staff(&self) -> Result<Vec<StaffMember>, StoreError>;

    /// Replaces the roles of `id`. Refuses with [`StoreError::LastAdministrator`] when
    /// that would leave no active administrator.
    async fn set_staff_roles(
        &self,
        id: StaffId,
        roles: &[Role],
        effects: &Effects,
    ) -> Result<StaffMember, StoreError>;

    /// Deactivates `id`. Refuses with [`StoreError::LastAdministrator`] when it is the
    /// last active administrator.
    async fn deactivate_staff(
        &self,
        id: StaffId,
        effects: &Effects,
    ) -> Result<StaffMember, StoreError>;

    /// Stores a new password (and its database login's), clears any lockout, and
    /// raises the session epoch so that the person's other sessions end.
    async fn set_password(
        &self,
        id: StaffId,
        password: &PasswordSecrets<'_>,
        effects: &Effects,
    ) -> Result<(), StoreError>;

    /// Reserves one sign-in attempt before its password is checked, in one statement:
    /// counts it as a failure unless the account is locked at `now` or already has
    /// `max_failures` failures counted (some perhaps still being checked). `None`
    /// means refused without checking, so N attempts at once get at most the guesses
    /// left, never N.
    async fn reserve_sign_in(
        &self,
        id: StaffId,
        now: DateTime<Utc>,
        max_failures: u32,
    ) -> Result<Option<SignInReservation>, StoreError>;

    /// A successful sign-in: takes back what `reserved` counted, lifts a lock, stamps
    /// the time, stores `rehash` when the old hash used weaker parameters.
    async fn record_sign_in(
        &self,
        id: StaffId,
        at: DateTime<Utc>,
        reserved: SignInReservation,
        rehash: Option<&str>,
        effects: &Effects,
    ) -> Result<StaffMember, StoreError>;

    /// A failed sign-in, already counted by its reservation: records `failed`, and
    /// locks the account per `rule` (committing `locked` too) when the count has
    /// reached the limit.
    async fn record_failed_sign_in(
        &self,
        id: StaffId,
        rule: LockRule,
        failed: &Effects,
        locked: &Effects,
    ) -> Result<FailedSignIn, StoreError>;
}
