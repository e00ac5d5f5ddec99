//! The audit log: who changed what, when.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::staff::StaffId;

/// Field names of the audit filter, for messages about it.
pub mod fields {
    /// The record-id filter.
    pub const ENTITY_ID: &str = "entity_id";
}

/// One change of one field: `None` where there was (or is) no value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldChange {
    /// The field's name, e.g. `email`.
    pub field: String,
    /// Before the change.
    pub old: Option<String>,
    /// After the change.
    pub new: Option<String>,
}

impl FieldChange {
    /// A field that was set where there was nothing.
    pub fn added(field: &str, value: impl Into<String>) -> Self {
        Self {
            field: field.to_owned(),
            old: None,
            new: Some(value.into()),
        }
    }

    /// A field whose value changed.
    pub fn changed(field: &str, old: impl Into<String>, new: impl Into<String>) -> Self {
        Self {
            field: field.to_owned(),
            old: Some(old.into()),
            new: Some(new.into()),
        }
    }

    /// A field that held `value` and now holds nothing.
    pub fn removed(field: &str, value: impl Into<String>) -> Self {
        Self {
            field: field.to_owned(),
            old: Some(value.into()),
            new: None,
        }
    }
}

/// Declares a closed list of audit codes: each variant with the stable code stored in
/// the database (and sent over invoke) and the words people read.
macro_rules! audit_codes {
    ($(#[$meta:meta])* $type:ident { $($(#[$variant_meta:meta])* $variant:ident = $code:literal, $label:literal;)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        pub enum $type {
            $($(#[$variant_meta])* #[serde(rename = $code)] $variant,)*
        }

        impl $type {
            /// Every value, in declaration order.
            pub const ALL: &[Self] = &[$(Self::$variant),*];

            /// The stable code stored in the database.
            pub fn code(self) -> &'static str {
                match self { $(Self::$variant => $code,)* }
            }

            /// The value stored as `code`, if it is one of ours.
            pub fn from_code(code: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|value| value.code() == code)
            }

            /// What people read.
            pub fn label(self) -> &'static str {
                match self { $(Self::$variant => $label,)* }
            }
        }

        impl std::fmt::Display for $type {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.code())
            }
        }
    };
}

audit_codes! {
    /// What an audit entry records.
    AuditAction {
        /// A customer was created.
        CustomerCreated = "customer.created", "Customer created";
        /// A customer's details were changed.
        CustomerChanged = "customer.changed", "Customer changed";
        /// Staff marked a customer Verified by hand.
        CustomerMarkedVerified = "customer.marked_verified", "Customer marked verified";
        /// Staff sent a customer a verification or set-password email from their page.
        CustomerEmailSent = "customer.email_sent", "Email sent to customer";
        /// A customer's personal data was erased (GDPR).
        CustomerErased = "customer.erased", "Customer erased";
        /// Everything the store holds about a customer was exported to a file.
        PersonalDataExported = "customer.personal_data_exported", "Personal data exported";
        /// A customer group was added.
        GroupCreated = "group.created", "Customer group created";
        /// A customer group's name or description changed.
        GroupChanged = "group.changed", "Customer group changed";
        /// A customer group was deleted.
        GroupDeleted = "group.deleted", "Customer group deleted";
        /// A B2B company was added.
        CompanyCreated = "company.created", "Company created";
        /// A company's fields or billing address changed.
        CompanyChanged = "company.changed", "Company changed";
        /// Customers became members of a company.
        MembersAdded = "company.members_added", "Members added";
        /// A member's company roles changed.
        MemberRolesChanged = "company.member_roles_changed", "Member roles changed";
        /// A member was deactivated.
        MemberDeactivated = "company.member_deactivated", "Member deactivated";
        /// A deactivated member was activated again.
        MemberActivated = "company.member_activated", "Member activated";
        /// A member left the company.
        MemberRemoved = "company.member_removed", "Member removed";
        /// An address was added to a company's address book.
        CompanyAddressAdded = "company.address_added", "Company address added";
        /// An address of a company's book changed.
        CompanyAddressChanged = "company.address_changed", "Company address changed";
        /// An address was removed from a company's book.
        CompanyAddressRemoved = "company.address_removed", "Company address removed";
        /// A company's default billing or shipping address changed.
        CompanyDefaultAddressChanged = "company.default_address_changed", "Default company address changed";
        /// People were invited to join a company.
        InvitationsSent = "company.invitations_sent", "Invitations sent";
        /// An invitation was sent again with a new link.
        InvitationResent = "company.invitation_resent", "Invitation resent";
        /// An invitation was withdrawn.
        InvitationRevoked = "company.invitation_revoked", "Invitation revoked";
        /// An invitee registered and joined the company.
        InvitationAccepted = "company.invitation_accepted", "Invitation accepted";
        /// A customer registered themselves (with an invitation link).
        CustomerRegistered = "customer.registered", "Customer registered";
        /// An administrator defined a company role.
        CompanyRoleCreated = "company_role.created", "Company role created";
        /// A company role's name or policies changed.
        CompanyRoleChanged = "company_role.changed", "Company role changed";
        /// A company role was removed.
        CompanyRoleDeleted = "company_role.deleted", "Company role deleted";
        /// A company's contact person changed.
        ContactPersonChanged = "company.contact_changed", "Contact person changed";
        /// A customer was assigned to a group.
        AddedToGroup = "customer.added_to_group", "Added to customer group";
        /// A customer was unassigned from a group.
        RemovedFromGroup = "customer.removed_from_group", "Removed from customer group";
        /// A customer was among those a staff member exported to a CSV file.
        CustomerExportedToCsv = "customer.exported_to_csv", "Exported to CSV";
        /// An address was added to a customer.
        AddressAdded = "customer.address_added", "Address added";
        /// A customer's address was changed.
        AddressChanged = "customer.address_changed", "Address changed";
        /// A customer's address was removed.
        AddressRemoved = "customer.address_removed", "Address removed";
        /// A customer's default billing or shipping address changed.
        DefaultAddressChanged = "customer.default_address_changed", "Default address changed";
        /// A note was added to a customer.
        NoteAdded = "customer.note_added", "Note added";
        /// A staff account was created (including the first administrator).
        StaffCreated = "staff.created", "Staff member created";
        /// A staff member's roles changed.
        StaffRolesChanged = "staff.roles_changed", "Roles changed";
        /// A staff account was deactivated.
        StaffDeactivated = "staff.deactivated", "Staff member deactivated";
        /// An administrator reset someone's password.
        StaffPasswordReset = "staff.password_reset", "Password reset";
        /// Someone changed their own password.
        StaffPasswordChanged = "staff.password_changed", "Own password changed";
        /// A change of one's own password was refused: the current password was wrong
        /// (counted like a failed sign-in).
        PasswordChangeRefused = "staff.password_change_refused", "Password change refused";
        /// Successful sign-in.
        SignedIn = "staff.signed_in", "Signed in";
        /// Failed sign-in (wrong email or password, inactive or locked account).
        SignInFailed = "staff.sign_in_failed", "Sign-in refused";
        /// Too many failures: the account is locked for a while.
        LockedOut = "staff.locked_out", "Account locked";
        /// Sign-out, by hand or after the idle time.
        SignedOut = "staff.signed_out", "Signed out";
        /// A connection profile was added or changed.
        ProfileSaved = "profile.saved", "Connection saved";
        /// The app switched to another connection profile.
        ProfileSwitched = "profile.switched", "Connection switched";
        /// A connection profile was removed.
        ProfileRemoved = "profile.removed", "Connection removed";
        /// An administrator changed the store's idle time.
        IdleTimeoutChanged = "settings.idle_timeout_changed", "Idle time changed";
        /// An administrator changed the email settings (SMTP server, sender).
        EmailSettingsChanged = "settings.email_changed", "Email settings changed";
        /// An administrator added a site.
        SiteCreated = "site.created", "Site created";
        /// An administrator changed a site.
        SiteChanged = "site.changed", "Site changed";
        /// A custom attribute for customers was defined.
        AttributeAdded = "settings.attribute_added", "Custom attribute added";
        /// A custom attribute's definition changed.
        AttributeChanged = "settings.attribute_changed", "Custom attribute changed";
        /// An administrator enabled a currency for the store.
        CurrencyEnabled = "settings.currency_enabled", "Currency enabled";
        /// An administrator disabled a currency.
        CurrencyDisabled = "settings.currency_disabled", "Currency disabled";
        /// An administrator made a currency the default.
        DefaultCurrencyChanged = "settings.default_currency_changed", "Default currency changed";
        /// An administrator enabled a locale for the store.
        LocaleEnabled = "settings.locale_enabled", "Locale enabled";
        /// An administrator disabled a locale.
        LocaleDisabled = "settings.locale_disabled", "Locale disabled";
        /// An administrator made a locale the default.
        DefaultLocaleChanged = "settings.default_locale_changed", "Default locale changed";
        /// An administrator changed what new customers start as.
        PreferencesChanged = "settings.preferences_changed", "System preferences changed";
        /// An administrator changed what storefront visitors may see.
        CustomerAccessChanged = "settings.customer_access_changed", "Customer access changed";
        /// An administrator changed an email template.
        TemplateChanged = "settings.template_changed", "Email template changed";
        /// An administrator removed a template, so its fallback applies again.
        TemplateReset = "settings.template_reset", "Email template reset";
        /// Someone queued a failed message again.
        MessageResent = "email.resent", "Message sent again";
        /// Someone cancelled a queued message.
        MessageCancelled = "email.cancelled", "Message cancelled";
        /// An administrator sent a test email through the outbox.
        TestEmailSent = "email.test_sent", "Test email sent";
        /// A shared store's schema was set up or upgraded with its owner's login.
        DatabaseSetUp = "profile.database_set_up", "Database set up or upgraded";
        /// The connection form's settings were tried, with the outcome.
        ProfileTested = "profile.tested", "Connection tested";
        /// A record was written outside the app (with SQL, where the writer's grants
        /// allow it); written by the database itself, naming the login.
        RecordChangedDirectly = "record.changed_directly", "Changed outside the app";
    }
}

audit_codes! {
    /// The kind of record an audit entry is about.
    EntityType {
        /// A customer.
        Customer = "customer", "Customer";
        /// A staff account.
        Staff = "staff", "Staff member";
        /// A connection profile of this desktop.
        Profile = "profile", "Connection";
        /// The store's settings.
        Settings = "settings", "Store settings";
        /// A site (storefront).
        Site = "site", "Site";
        /// A message in the outbox.
        Message = "message", "Message";
        /// A customer group.
        Group = "group", "Customer group";
        /// A B2B company.
        Company = "company", "Company";
        /// A company role (a set of policies members get).
        CompanyRole = "company_role", "Company role";
    }
}

/// One entry of the append-only audit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    /// A UUIDv7: entries sort by it in time order.
    pub id: Uuid,
    /// When, in UTC.
    pub at: DateTime<Utc>,
    /// Who did it; `None` for attempts by someone unknown (a failed sign-in with an
    /// email that has no account).
    pub actor_id: Option<StaffId>,
    /// The email given or signed in with, kept even if the account changes later.
    pub actor_email: String,
    /// What happened.
    pub action: AuditAction,
    /// The kind of record.
    pub entity_type: EntityType,
    /// Its identifier.
    pub entity_id: String,
    /// Changed fields with old and new values; never a password or a hash.
    pub changes: Vec<FieldChange>,
}

/// Filters for the audit screen; all optional, combined with AND.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditFilter {
    /// Only entries by this person.
    pub actor_id: Option<StaffId>,
    /// Only entries about this kind of record.
    pub entity_type: Option<EntityType>,
    /// Only entries about this record.
    pub entity_id: Option<String>,
    /// Only entries at or after this time.
    pub from: Option<DateTime<Utc>>,
    /// Only entries before this time.
    pub to: Option<DateTime<Utc>>,
    /// Newest first; continue below this entry id.
    pub before: Option<Uuid>,
    /// Page size, clamped to 1..=200.
    pub limit: u32,
}

/// A page of the audit log, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditPage {
    /// The entries.
    pub items: Vec<AuditEntry>,
    /// Pass as `before` for the next page; `None` at the end.
    pub next_before: Option<Uuid>,
}

/// An audit entry's id, where a command names one (the last entry shown of a page).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct AuditEntryId(pub Uuid);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_read_back_and_travel_as_codes() {
        for action in AuditAction::ALL {
            assert_eq!(AuditAction::from_code(action.code()), Some(*action));
        }
        assert_eq!(
            serde_json::to_value(AuditAction::StaffCreated).expect("serializes"),
            serde_json::json!("staff.created")
        );
        assert_eq!(
            EntityType::from_code("customer"),
            Some(EntityType::Customer)
        );
        assert_eq!(EntityType::from_code("drop table"), None);
    }
}
