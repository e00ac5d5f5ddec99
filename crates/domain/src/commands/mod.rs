//! Every backend command, defined once: its name, its arguments, its answer and what
//! the caller needs. From this one list come the argument types (here), their
//! [`Rpc`] implementations, [`ALL`] (the shell's permissions and capability file), and
//! through [`for_each_command!`](crate::for_each_command) the shell's command functions
//! and `generate_handler!`. Adding a command is adding one entry below, and one line
//! to `bounded_by_fields!` (or an impl of [`BoundedInput`] when the command carries
//! text of its own): [`Rpc`] requires it, so the compiler asks for it.

use serde::{Deserialize, Serialize};

use crate::FieldError;
use crate::Permission::{
    EditCustomers, ManageCompanies, ManageGroups, ManageOutbox, ManageSettings, ManageStaff,
    ViewAuditLog, ViewCompanies, ViewCustomers, ViewGroups,
};
use crate::Sensitive;
use crate::audit::{AuditEntryId, AuditFilter, AuditPage};
use crate::bounds::{BoundedInput, Bounds, caps};
use crate::company::CompanyId;
use crate::company_address::{CompanyAddress, CompanyAddressRef, CompanyAddressSave};
use crate::company_form::CompanyInput;
use crate::company_invitation::{
    CheckInvitees, InvitationPage, InvitationRef, InvitationsRequest, InvitationsSent,
    InviteeRefusal, SendInvitations,
};
use crate::company_list::{
    Company, CompanyChoices, CompanyListRequest, CompanyPage, CompanyUpdate,
};
use crate::company_member::{
    AddMembers, MemberPage, MemberPolicies, MemberRef, MemberUpdate, MembersAdded, MembersRequest,
};
use crate::company_role::{CompanyRole, CompanyRoleId};
use crate::company_role_form::CompanyRoleInput;
use crate::custom_attribute::{AttributeDefinition, AttributeInput};
use crate::customer::{
    CreatedCustomer, Customer, CustomerChoices, CustomerEmailRequest, CustomerId,
    CustomerListRequest, CustomerPage, CustomerUpdate, NewCustomerRequest, PlannedEmail,
    SavedCustomer,
};
use crate::customer_address::{Address, AddressDefault, AddressId, AddressSave};
use crate::customer_bulk::{BulkChangeRequest, BulkProgress, CsvExportProgress, CsvExportRequest};
use crate::customer_export::{ExportRequest, ExportedFile};
use crate::customer_group::{
    CustomerGroup, CustomerGroups, GroupBulkRequest, GroupId, GroupLink, GroupListRequest,
    GroupMembersRequest, GroupPage, GroupUpdate, NewGroupRequest, SavedGroup,
};
use crate::customer_list::CustomerQuery;
use crate::customer_note::{NewNote, Note, NoteId, NotePage};
use crate::customer_view::{CustomerView, CustomerViewInput, ViewId};
use crate::email_settings::{
    EmailSettingsView, SaveEmailSettingsInput, SendTestEmailInput, TestEmailSent,
};
use crate::email_template::{
    TemplateEdit, TemplateInput, TemplateKey, TemplatePreview, TemplatesOverview,
};
use crate::order::OrderSummary;
use crate::outbox::{MessageId, OutboxItem, OutboxListRequest, OutboxMessageView, OutboxPage};
use crate::profile::{
    ConnectionCheck, ProfileInput, ProfilesView, SetUpDatabaseInput, SwitchProfileInput,
};
use crate::rpc::Requirement::{Permission, Public, SignedIn};
use crate::rpc::{Requirement, Rpc};
use crate::site::{Site, SiteInput};
use crate::staff::{
    ChangePasswordInput, CreatedStaff, FirstAdminInput, IdleTimeoutInput, NewStaffInput, Session,
    SessionState, SetRolesInput, SignInInput, StaffId, StaffMember,
};
use crate::store_preferences::{
    CodeListChangeInput, CurrenciesAndLocales, CustomerAccess, Preferences,
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
    /// Sets the store's idle time (minutes without activity before signing out).
    set_idle_timeout: SetIdleTimeout {
        /// The form.
        input: IdleTimeoutInput,
    } -> u32, Permission(ManageStaff);
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

    /// What went wrong at start-up (a damaged profiles file set aside, a fallback to
    /// the local store), once; `None` when all went well.
    startup_notice: TakeStartupNotice {} -> Option<String>, Public;
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
    /// Sets up or upgrades a shared store's schema with its owner's login (the
    /// database checks that login; the app holds no power of its own here).
    set_up_database: SetUpDatabase {
        /// Which profile's database, and the owner's login.
        input: SetUpDatabaseInput,
    } -> ConnectionCheck, Public;

    // The store's settings, for administrators.

    /// The email settings, and whether this desktop has the SMTP password.
    email_settings: GetEmailSettings {} -> EmailSettingsView, Permission(ManageSettings);
    /// Saves the email settings (the SMTP password goes to this desktop's keyring).
    save_email_settings: SaveEmailSettings {
        /// The form.
        input: SaveEmailSettingsInput,
    } -> EmailSettingsView, Permission(ManageSettings);
    /// Sends a test email through the outbox now, and says what the server answered.
    send_test_email: SendTestEmail {
        /// Where to.
        input: SendTestEmailInput,
    } -> TestEmailSent, Permission(ManageSettings);

    /// The store's locales and which email templates it has saved.
    email_templates: GetTemplatesOverview {} -> TemplatesOverview, Permission(ManageSettings);
    /// The template in effect for a kind of message and a locale, and where it comes from.
    email_template: GetTemplate {
        /// Which kind and locale.
        key: TemplateKey,
    } -> TemplateEdit, Permission(ManageSettings);
    /// Saves a template, if it renders.
    save_email_template: SaveTemplate {
        /// The template.
        input: TemplateInput,
    } -> TemplateEdit, Permission(ManageSettings);
    /// Renders a template on sample values, for the live preview.
    preview_email_template: PreviewTemplate {
        /// The template as being written.
        input: TemplateInput,
    } -> TemplatePreview, Permission(ManageSettings);
    /// Removes the store's template for a kind and locale: its fallback applies again.
    reset_email_template: ResetTemplate {
        /// Which kind and locale.
        key: TemplateKey,
    } -> TemplateEdit, Permission(ManageSettings);
    /// The store's sites (everyone signed in: forms and links need them).
    list_sites: ListSites {} -> Vec<Site>, SignedIn;
    /// Adds a site, or edits one (its code stays).
    save_site: SaveSite {
        /// The site form.
        input: SiteInput,
    } -> Vec<Site>, Permission(ManageSettings);
    /// The enabled currencies and locales (everyone signed in: forms offer them).
    currencies_and_locales: GetCurrenciesAndLocales {} -> CurrenciesAndLocales, SignedIn;
    /// Enables, disables or makes default a currency or locale.
    change_code_list: ChangeCodeList {
        /// Which list, which code, what to do.
        input: CodeListChangeInput,
    } -> CurrenciesAndLocales, Permission(ManageSettings);
    /// What new customers start as (everyone signed in: the customer form shows it).
    preferences: GetPreferences {} -> Preferences, SignedIn;
    /// Saves what new customers start as.
    save_preferences: SavePreferences {
        /// The preferences.
        input: Preferences,
    } -> Preferences, Permission(ManageSettings);
    /// What storefront visitors who are not signed in may not see.
    customer_access: GetCustomerAccess {} -> CustomerAccess, Permission(ManageSettings);
    /// Saves what storefront visitors who are not signed in may not see.
    save_customer_access: SaveCustomerAccess {
        /// Every kind of content, hidden or not.
        input: CustomerAccess,
    } -> CustomerAccess, Permission(ManageSettings);

    // The outbox, for administrators and support agents.

    /// A page of the outbox, newest first, by status and recipient.
    list_outbox: ListOutbox {
        /// Which messages.
        request: OutboxListRequest,
    } -> OutboxPage, Permission(ManageOutbox);
    /// One message in full.
    outbox_message: GetOutboxMessage {
        /// Which message.
        id: MessageId,
    } -> OutboxMessageView, Permission(ManageOutbox);
    /// Queues a failed message again.
    resend_message: ResendMessage {
        /// Which message.
        id: MessageId,
    } -> OutboxItem, Permission(ManageOutbox);
    /// Cancels a queued message before it goes out.
    cancel_message: CancelMessage {
        /// Which message.
        id: MessageId,
    } -> OutboxItem, Permission(ManageOutbox);

    // Customers.

    /// What the customer form offers: currencies, locales, sites, activation defaults.
    customer_choices: GetCustomerChoices {} -> CustomerChoices, Permission(ViewCustomers);
    /// Adds a customer and queues the emails the stepper showed.
    create_customer: CreateCustomer {
        /// The add-customer stepper.
        input: NewCustomerRequest,
    } -> CreatedCustomer, Permission(EditCustomers);
    /// Saves the edit form, unless someone else changed the customer since it opened.
    update_customer: UpdateCustomer {
        /// The form and the version it was opened at.
        update: CustomerUpdate,
    } -> SavedCustomer, Permission(EditCustomers);
    /// Defines a custom attribute for customers, or changes one; answers them all.
    save_customer_attribute: SaveCustomerAttribute {
        /// The definition form.
        input: AttributeInput,
    } -> Vec<AttributeDefinition>, Permission(ManageSettings);
    /// Sends a customer their verification email or a set-password link again.
    send_customer_email: SendCustomerEmail {
        /// To whom, and which email.
        request: CustomerEmailRequest,
    } -> PlannedEmail, Permission(EditCustomers);
    /// Erases a customer's personal data (GDPR); their ID stays reserved.
    erase_customer: EraseCustomer {
        /// Which customer.
        id: CustomerId,
    } -> Customer, Permission(EditCustomers);
    /// Writes everything the store holds about a customer to a JSON file.
    export_customer: ExportCustomer {
        /// Whose data, and where to.
        request: ExportRequest,
    } -> ExportedFile, Permission(EditCustomers);
    /// A customer's addresses, oldest first.
    customer_addresses: GetCustomerAddresses {
        /// Whose.
        id: CustomerId,
    } -> Vec<Address>, Permission(ViewCustomers);
    /// Adds an address, or saves one at the version it was opened at; answers the
    /// customer's addresses as they are now.
    save_address: SaveAddress {
        /// The form.
        save: AddressSave,
    } -> Vec<Address>, Permission(EditCustomers);
    /// Removes an address (a default passes to the oldest remaining one).
    delete_address: DeleteAddress {
        /// Which.
        id: AddressId,
    } -> Vec<Address>, Permission(EditCustomers);
    /// Makes an address its customer's default billing or shipping address.
    set_default_address: SetDefaultAddress {
        /// Which.
        id: AddressId,
        /// Billing or shipping.
        which: AddressDefault,
    } -> Vec<Address>, Permission(EditCustomers);
    /// A page of a customer's notes, newest first.
    customer_notes: GetCustomerNotes {
        /// Whose.
        id: CustomerId,
        /// The last note shown, for the next page.
        before: Option<NoteId>,
    } -> NotePage, Permission(ViewCustomers);
    /// Adds a note to a customer.
    add_customer_note: AddCustomerNote {
        /// The note.
        note: NewNote,
    } -> Note, Permission(EditCustomers);
    /// A page of a customer's history, newest first.
    customer_history: GetCustomerHistory {
        /// Whose.
        id: CustomerId,
        /// The last entry shown, for the next page.
        before: Option<AuditEntryId>,
    } -> AuditPage, Permission(ViewCustomers);
    /// Marks a customer Verified by hand (audited).
    mark_customer_verified: MarkCustomerVerified {
        /// Which customer.
        id: CustomerId,
    } -> Customer, Permission(EditCustomers);
    /// A page of the customer list, by keyset.
    list_customers: ListCustomers {
        /// Where the page starts and how long it is.
        request: CustomerListRequest,
    } -> CustomerPage, Permission(ViewCustomers);
    /// How many customers a filter and search let through ("select all N").
    count_customers: CountCustomers {
        /// The list's query (its sort does not matter).
        query: CustomerQuery,
    } -> u64, Permission(ViewCustomers);
    /// Sets active or on hold on the next chunk of a selection (audited per customer).
    bulk_change_customers: BulkChangeCustomers {
        /// Which customers and what to set.
        request: BulkChangeRequest,
    } -> BulkProgress, Permission(EditCustomers);
    /// Writes the next chunk of a selection to a CSV file (audited per customer; as
    /// the personal-data export, for those who may change customers).
    export_customers_csv: ExportCustomersCsv {
        /// Which customers, which columns, and where to.
        request: CsvExportRequest,
    } -> CsvExportProgress, Permission(EditCustomers);
    // Customer groups (seed 002).

    /// A page of customer groups (a sales rep: the groups of their own companies).
    list_groups: ListGroups {
        /// Sort, search and where the page starts.
        request: GroupListRequest,
    } -> GroupPage, Permission(ViewGroups);
    /// One customer group.
    get_group: GetGroup {
        /// Which.
        id: GroupId,
    } -> CustomerGroup, Permission(ViewGroups);
    /// A page of a group's customers, by last name.
    group_members: GetGroupMembers {
        /// Which group, and where the page starts.
        request: GroupMembersRequest,
    } -> CustomerPage, Permission(ViewGroups);
    /// Adds a group with its first customers, in one transaction.
    create_group: CreateGroup {
        /// Both steps of the form.
        request: NewGroupRequest,
    } -> SavedGroup, Permission(ManageGroups);
    /// Saves an edited group and the changes to its customers, in one transaction.
    update_group: UpdateGroup {
        /// Both steps of the form, at the version it opened.
        update: GroupUpdate,
    } -> SavedGroup, Permission(ManageGroups);
    /// Deletes a group (its customers stay; they are only unassigned).
    delete_group: DeleteGroup {
        /// Which.
        id: GroupId,
    } -> (), Permission(ManageGroups);
    /// The groups a customer is in, for their page.
    customer_groups: GetCustomerGroups {
        /// Whose.
        id: CustomerId,
    } -> Vec<GroupLink>, Permission(ViewCustomers);
    /// The groups of the customers of a list page (its Customer groups column). Who
    /// is in which group is about customers: a sales rep, who sees groups but no
    /// customers, may not ask.
    groups_of_customers: GetGroupsOfCustomers {
        /// The page's customers (at most a page).
        ids: Vec<CustomerId>,
    } -> Vec<CustomerGroups>, Permission(ViewCustomers);
    /// "Assign to group…" / "Remove from group…" on the next chunk of a selection.
    bulk_assign_group: BulkAssignGroup {
        /// Which group, which customers, assign or remove.
        request: GroupBulkRequest,
    } -> BulkProgress, Permission(ManageGroups);
    // B2B companies (seed 004).
    /// A page of companies (a sales rep: those where they are the sales rep).
    list_companies: ListCompanies {
        /// Sort, search, filters and where the page starts.
        request: CompanyListRequest,
    } -> CompanyPage, Permission(ViewCompanies);
    /// One company's profile ("not found" for one outside the caller's scope).
    get_company: GetCompany {
        /// Which company.
        id: CompanyId,
    } -> Company, Permission(ViewCompanies);
    /// The customer groups and sales reps the company form and the list's filters
    /// offer.
    company_choices: GetCompanyChoices {} -> CompanyChoices, Permission(ViewCompanies);
    /// Adds a company (and its billing address, when given).
    create_company: CreateCompany {
        /// The form.
        input: CompanyInput,
    } -> Company, Permission(ManageCompanies);
    /// Saves an edited company at the version its form opened.
    update_company: UpdateCompany {
        /// Which company, its version, and the form.
        update: CompanyUpdate,
    } -> Company, Permission(ManageCompanies);
    /// A page of a company's members, by last name.
    company_members: GetCompanyMembers {
        /// Which company, and where the page starts.
        request: MembersRequest,
    } -> MemberPage, Permission(ViewCompanies);
    /// Every company role and what it grants.
    company_roles: GetCompanyRoles {} -> Vec<CompanyRole>, Permission(ViewCompanies);
    /// A member's effective policies, with the roles each comes from.
    member_policies: GetMemberPolicies {
        /// Which member of which company.
        member: MemberRef,
    } -> MemberPolicies, Permission(ViewCompanies);
    /// Makes existing customers members of a company with the roles chosen.
    add_company_members: AddCompanyMembers {
        /// The company, the customers and their roles.
        request: AddMembers,
    } -> MembersAdded, Permission(ManageCompanies);
    /// Changes one member: roles, active, removal, or contact person.
    update_company_member: UpdateCompanyMember {
        /// Which member and what changes.
        update: MemberUpdate,
    } -> (), Permission(ManageCompanies);
    /// A company's address book: billing, then shipping, each default first.
    company_addresses: GetCompanyAddresses {
        /// Which company.
        id: CompanyId,
    } -> Vec<CompanyAddress>, Permission(ViewCompanies);
    /// Adds an address to a company's book, or changes one.
    save_company_address: SaveCompanyAddress {
        /// The company, the address and whether it becomes the default.
        save: CompanyAddressSave,
    } -> (), Permission(ManageCompanies);
    /// Removes an address from a company's book.
    delete_company_address: DeleteCompanyAddress {
        /// Which address.
        address: CompanyAddressRef,
    } -> (), Permission(ManageCompanies);
    /// Makes an address the default billing or shipping address.
    set_default_company_address: SetDefaultCompanyAddress {
        /// Which address.
        address: CompanyAddressRef,
    } -> (), Permission(ManageCompanies);
    /// A company's order history: count, totals per currency, the latest orders.
    company_orders: GetCompanyOrders {
        /// Which company.
        id: CompanyId,
    } -> OrderSummary, Permission(ViewCompanies);
    /// A page of a company's invitations, newest first.
    company_invitations: GetCompanyInvitations {
        /// Which company, and where the page starts.
        request: InvitationsRequest,
    } -> InvitationPage, Permission(ViewCompanies);
    /// Which listed addresses cannot be invited: members already, invited already.
    check_invitees: CheckCompanyInvitees {
        /// The company and the addresses with their lines.
        request: CheckInvitees,
    } -> Vec<InviteeRefusal>, Permission(ManageCompanies);
    /// Sends invitations, each with a registration link, through the outbox.
    send_invitations: SendCompanyInvitations {
        /// The company and whom to invite with which role.
        request: SendInvitations,
    } -> InvitationsSent, Permission(ManageCompanies);
    /// Sends an invitation again with a new link; the old one stops working.
    resend_invitation: ResendCompanyInvitation {
        /// Which invitation.
        invitation: InvitationRef,
    } -> (), Permission(ManageCompanies);
    /// Revokes a pending invitation: its link stops working.
    revoke_invitation: RevokeCompanyInvitation {
        /// Which invitation.
        invitation: InvitationRef,
    } -> (), Permission(ManageCompanies);
    /// Adds a company role of the administrators' own, or saves one; answers them all.
    save_company_role: SaveCompanyRole {
        /// The role form.
        input: CompanyRoleInput,
    } -> Vec<CompanyRole>, Permission(ManageSettings);
    /// Removes a company role nobody holds; answers the rest.
    delete_company_role: DeleteCompanyRole {
        /// Which role.
        id: CompanyRoleId,
    } -> Vec<CompanyRole>, Permission(ManageSettings);
    /// A customer's order history: count, totals per currency, the latest orders.
    customer_orders: GetCustomerOrders {
        /// Whose.
        id: CustomerId,
    } -> OrderSummary, Permission(ViewCustomers);
    /// Adds the demo set of customers to an empty store (the first-run offer).
    load_demo_customers: LoadDemoCustomers {} -> u64, Permission(EditCustomers);
    /// The signed-in staff member's saved views of the customer list.
    customer_views: GetCustomerViews {} -> Vec<CustomerView>, Permission(ViewCustomers);
    /// Saves a view of the customer list (new, or over one of one's own).
    save_customer_view: SaveCustomerView {
        /// The view.
        input: CustomerViewInput,
    } -> CustomerView, Permission(ViewCustomers);
    /// Deletes one of one's own saved views.
    delete_customer_view: DeleteCustomerView {
        /// Which view.
        id: ViewId,
    } -> (), Permission(ViewCustomers);
    /// One customer, for the details screen.
    get_customer: GetCustomer {
        /// Which customer.
        id: CustomerId,
    } -> Customer, Permission(ViewCustomers);
}

/// Length caps of the commands ([`Rpc`] requires [`BoundedInput`]). A command whose
/// fields are input types or ids is as bounded as its fields: list them all (the
/// destructuring has no `..`, so a missing one does not compile). A command with text
/// of its own gets a hand-written impl below.
macro_rules! bounded_by_fields {
    ($($command:ident { $($field:ident),* $(,)? }),* $(,)?) => {
        $(
            impl BoundedInput for $command {
                fn check_bounds(&self) -> Result<(), Vec<FieldError>> {
                    let Self { $($field),* } = self;
                    Bounds::new()$(.nested($field))*.finish()
                }
            }
        )*
    };
}

bounded_by_fields! {
    GetSessionState {},
    CreateFirstAdmin { input },
    SignIn { input },
    SignOut {},
    ChangeOwnPassword { input },
    ListStaff {},
    SetIdleTimeout { input },
    CreateStaff { input },
    SetStaffRoles { input },
    DeactivateStaff { staff_id },
    ResetStaffPassword { staff_id },
    ListAudit { filter },
    TakeStartupNotice {},
    ListProfiles {},
    SaveProfile { input },
    TestProfile { input },
    SwitchProfile { input },
    SetUpDatabase { input },
    GetEmailSettings {},
    SaveEmailSettings { input },
    SendTestEmail { input },
    GetTemplatesOverview {},
    GetTemplate { key },
    SaveTemplate { input },
    PreviewTemplate { input },
    ResetTemplate { key },
    ListSites {},
    SaveSite { input },
    GetCurrenciesAndLocales {},
    ChangeCodeList { input },
    GetPreferences {},
    SavePreferences { input },
    GetCustomerAccess {},
    SaveCustomerAccess { input },
    ListOutbox { request },
    GetOutboxMessage { id },
    ResendMessage { id },
    CancelMessage { id },
    GetCustomerChoices {},
    CreateCustomer { input },
    UpdateCustomer { update },
    MarkCustomerVerified { id },
    SaveCustomerAttribute { input },
    SendCustomerEmail { request },
    EraseCustomer { id },
    ExportCustomer { request },
    GetCustomerAddresses { id },
    SaveAddress { save },
    DeleteAddress { id },
    SetDefaultAddress { id, which },
    GetCustomerNotes { id, before },
    AddCustomerNote { note },
    GetCustomerHistory { id, before },
    ListCustomers { request },
    CountCustomers { query },
    BulkChangeCustomers { request },
    ExportCustomersCsv { request },
    ListGroups { request },
    GetGroup { id },
    GetGroupMembers { request },
    CreateGroup { request },
    UpdateGroup { update },
    DeleteGroup { id },
    GetCustomerGroups { id },
    BulkAssignGroup { request },
    ListCompanies { request },
    GetCompany { id },
    GetCompanyChoices {},
    CreateCompany { input },
    UpdateCompany { update },
    GetCompanyMembers { request },
    GetCompanyRoles {},
    GetMemberPolicies { member },
    AddCompanyMembers { request },
    UpdateCompanyMember { update },
    GetCompanyAddresses { id },
    GetCompanyOrders { id },
    GetCustomerOrders { id },
    GetCompanyInvitations { request },
    CheckCompanyInvitees { request },
    SendCompanyInvitations { request },
    ResendCompanyInvitation { invitation },
    RevokeCompanyInvitation { invitation },
    SaveCompanyRole { input },
    DeleteCompanyRole { id },
    SaveCompanyAddress { save },
    DeleteCompanyAddress { address },
    SetDefaultCompanyAddress { address },
    GetCustomerViews {},
    LoadDemoCustomers {},
    SaveCustomerView { input },
    DeleteCustomerView { id },
    GetCustomer { id },
}

impl BoundedInput for RemoveProfile {
    fn check_bounds(&self) -> Result<(), Vec<FieldError>> {
        let Self { name } = self;
        Bounds::new()
            .exact(
                crate::profile::fields::NAME,
                "connection name",
                name,
                caps::PROFILE_NAME_LOOKUP,
            )
            .finish()
    }
}

impl BoundedInput for GetGroupsOfCustomers {
    fn check_bounds(&self) -> Result<(), Vec<FieldError>> {
        let Self { ids } = self;
        let most = crate::customer_list::MAX_PAGE_SIZE as usize;
        if ids.len() > most {
            Err(vec![FieldError::new(
                "ids",
                crate::FieldErrorCode::TooLong,
                format!("Ask for the groups of at most {most} customers at once."),
            )])
        } else {
            Ok(())
        }
    }
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
    fn every_sample_command_is_within_bounds() {
        macro_rules! check_all {
            ($($name:ident: $command:path),*) => {
                $(assert_eq!(<$command>::default().check_bounds(), Ok(()), stringify!($name));)*
            };
        }
        for_each_command!(check_all);
    }

    /// The fields a command reports when every string it carries is far too long.
    fn too_long_fields(command: &impl Rpc) -> Vec<String> {
        let error = command.ensure_bounded().expect_err("too long");
        let crate::DeskError::Validation { fields } = error else {
            panic!("a validation error, got {error:?}");
        };
        assert!(
            fields
                .iter()
                .all(|problem| problem.code == crate::FieldErrorCode::TooLong),
            "{fields:?}"
        );
        fields.into_iter().map(|problem| problem.field).collect()
    }

    #[test]
    fn every_string_a_command_carries_is_capped() {
        use crate::audit::AuditFilter;
        use crate::customer::CustomerCursor;

        let huge = || "x".repeat(10_000);
        let secret = || Sensitive::new(huge());
        assert_eq!(
            too_long_fields(&CreateFirstAdmin {
                input: FirstAdminInput {
                    email: huge(),
                    display_name: huge(),
                    password: secret(),
                },
            }),
            ["email", "display_name", "password"]
        );
        assert_eq!(
            too_long_fields(&SignIn {
                input: SignInInput {
                    email: huge(),
                    password: secret(),
                },
            }),
            ["email", "password"]
        );
        assert_eq!(
            too_long_fields(&ChangeOwnPassword {
                input: ChangePasswordInput {
                    current_password: secret(),
                    new_password: secret(),
                },
            }),
            ["current_password", "new_password"]
        );
        assert_eq!(
            too_long_fields(&CreateStaff {
                input: NewStaffInput {
                    email: huge(),
                    display_name: huge(),
                    roles: Vec::new(),
                    password: secret(),
                },
            }),
            ["email", "display_name", "password"]
        );
        assert_eq!(
            too_long_fields(&ListAudit {
                filter: AuditFilter {
                    entity_id: Some(huge()),
                    ..AuditFilter::default()
                },
            }),
            ["entity_id"]
        );
        let profile = || ProfileInput {
            original_name: Some(huge()),
            name: huge(),
            sqlite_path: huge(),
            host: huge(),
            port: huge(),
            database: huge(),
            user: huge(),
            ca_file: huge(),
            password: secret(),
            ..ProfileInput::default()
        };
        let every_profile_field = [
            "original_name",
            "name",
            "sqlite_path",
            "host",
            "port",
            "database",
            "user",
            "ca_file",
            "password",
        ];
        assert_eq!(
            too_long_fields(&SaveProfile { input: profile() }),
            every_profile_field
        );
        assert_eq!(
            too_long_fields(&TestProfile { input: profile() }),
            every_profile_field
        );
        assert_eq!(
            too_long_fields(&SwitchProfile {
                input: SwitchProfileInput {
                    name: huge(),
                    password: secret(),
                },
            }),
            ["name", "password"]
        );
        assert_eq!(too_long_fields(&RemoveProfile { name: huge() }), ["name"]);
        assert_eq!(
            too_long_fields(&CreateCustomer {
                input: NewCustomerRequest {
                    details: crate::customer::CustomerInput {
                        customer_ref: huge(),
                        email: huge(),
                        salutation: huge(),
                        first_name: huge(),
                        last_name: huge(),
                        gender: huge(),
                        date_of_birth: huge(),
                        phone: huge(),
                        company: huge(),
                        locale: huge(),
                        preferred_currency: huge(),
                        preferred_site: huge(),
                        restriction: huge(),
                        active: true,
                        on_hold: false,
                        attributes: Default::default(),
                    },
                    password: crate::customer::PasswordSetupInput::Typed { password: secret() },
                },
            }),
            [
                "customer_ref",
                "email",
                "salutation",
                "first_name",
                "last_name",
                "gender",
                "date_of_birth",
                "phone",
                "company",
                "locale",
                "preferred_currency",
                "preferred_site",
                "restriction",
                "password"
            ]
        );
        assert_eq!(
            too_long_fields(&ListCustomers {
                request: CustomerListRequest {
                    after: Some(CustomerCursor {
                        keys: vec![huge(), huge()],
                        id: CustomerId::default(),
                    }),
                    limit: 50,
                    ..CustomerListRequest::default()
                },
            }),
            ["after", "after"]
        );
    }

    #[test]
    fn the_policy_list_names_every_command_once() {
        let names: Vec<&str> = POLICY.iter().map(|(name, _)| *name).collect();
        assert_eq!(names, ALL);
    }
}
