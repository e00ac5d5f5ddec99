//! Length caps on every string that arrives through a command.
//!
//! A command's value comes from outside the backend (the webview sends it), so nothing
//! about its size may be assumed. The backend checks [`BoundedInput::check_bounds`]
//! before anything else reads the value, so that no megabyte reaches argon2, a query,
//! a file or the audit log. [`Rpc`](crate::Rpc) requires `BoundedInput`, so a command
//! without a check does not compile; and every implementation destructures its type
//! without `..`, so a new field does not compile until somebody chooses its cap.
//!
//! Caps are in characters (Unicode scalar values), generous for people and far below
//! anything that costs. A field is measured as its parser measures it, so the check
//! never refuses what the parser (which the form runs) accepts: trimmed, and for names
//! and email addresses after NFC; a value used as sent (a password, a name looked up,
//! a list position) is measured as sent. The parsers that cap a field themselves use
//! the same constants from [`caps`] and the same message.

use unicode_normalization::UnicodeNormalization;

use crate::audit::AuditFilter;
use crate::customer::{
    self, CustomerCursor, CustomerId, CustomerInput, CustomerListRequest, CustomerUpdate,
    NewCustomerRequest, PasswordSetupInput,
};
use crate::customer_bulk::{
    BulkChangeRequest, CsvExportRequest, CustomerSelection, MAX_BULK_CHUNK,
};
use crate::customer_group::{
    CustomerPicks, GroupBulkRequest, GroupCursor, GroupId, GroupInput, GroupListRequest,
    GroupMembersRequest, GroupUpdate, NewGroupRequest,
};
use crate::customer_list::{CustomerFilter, CustomerQuery};
use crate::customer_view::{CustomerViewInput, ViewId};
use crate::profile::{self, ProfileInput, SwitchProfileInput};
use crate::staff::{
    self, ChangePasswordInput, FirstAdminInput, NewStaffInput, SetRolesInput, SignInInput, StaffId,
};
use crate::{DeskError, FieldError, FieldErrorCode};

/// The caps, in characters, by kind of field, with why each is what it is.
pub mod caps {
    /// An email address: RFC 5321's 254-octet limit on a path; no mail system carries
    /// a longer address. (Counted in characters, which for ASCII are octets.)
    pub const EMAIL: usize = 254;
    /// A first, last or display name: the longest real names are far shorter, and a
    /// name must fit a list column and an audit line.
    pub const PERSON_NAME: usize = 100;
    /// A staff password, new or typed to sign in: room for a long passphrase, while
    /// argon2 never hashes more. The policy accepts no longer password, so a longer one
    /// typed at sign-in cannot be anybody's.
    pub const PASSWORD: usize = 256;
    /// A database password: never hashed by us, only handed to Postgres; cloud
    /// sign-in tokens used as passwords (IAM, Entra ID) run to a few thousand.
    pub const DATABASE_PASSWORD: usize = 4096;
    /// A new connection profile's name: a label in a menu.
    pub const PROFILE_NAME: usize = 64;
    /// A profile name looked up (to edit, switch to or remove): more than
    /// [`PROFILE_NAME`] because `profiles.toml` may have been edited by hand, and such
    /// a profile must still be reachable.
    pub const PROFILE_NAME_LOOKUP: usize = 256;
    /// A file path (SQLite file, CA certificate): Linux's `PATH_MAX`; longer paths
    /// cannot be opened by ordinary calls on any of our platforms.
    pub const PATH: usize = 4096;
    /// A host name: DNS names have at most 253 characters; addresses are shorter.
    pub const HOST: usize = 253;
    /// A port: at most five digits are meaningful; room for stray characters so the
    /// parser can say what is wrong.
    pub const PORT: usize = 16;
    /// A Postgres database or user name: Postgres keeps 63 bytes of an identifier;
    /// twice that in characters leaves room for any spelling (user names such as
    /// `name@tenant` included) and still refuses junk.
    pub const DB_IDENTIFIER: usize = 128;
    /// A currency code: three letters; room for a typed name so the parser can say
    /// it is not a code.
    pub const CURRENCY: usize = 64;
    /// A locale tag: BCP 47 allows long tags with extensions; real ones are short.
    pub const LOCALE: usize = 64;
    /// A site's code: a short identifier storefronts use in their configuration.
    pub const SITE_CODE: usize = 32;
    /// Short coded values: customer IDs, salutations, dates, phone numbers as typed.
    pub const CODE: usize = 64;
    /// A site's name, as people see it.
    pub const SITE_NAME: usize = 100;
    /// A storefront URL: browsers handle 2,000 characters everywhere.
    pub const URL: usize = 2048;
    /// One part of an email template (subject, text or HTML): rich HTML email stays
    /// well under 100 KB.
    pub const TEMPLATE: usize = 100_000;
    /// A record id in an audit filter: ids are UUIDs (36) or profile names; room
    /// for a hand-edited profile name.
    pub const ENTITY_ID: usize = 256;
    /// A sort key in a list position: a lower-cased [`PERSON_NAME`]. Lower-casing
    /// can lengthen a name (U+0130 becomes two characters), and names stored before a
    /// rule changed must still page, hence three times the name cap.
    pub const SORT_KEY: usize = 24 * PERSON_NAME;
    /// What a search box or a company filter holds.
    pub const SEARCH: usize = 200;
}

/// A value whose every string is within its cap. Every command implements it (it is a
/// supertrait of [`Rpc`](crate::Rpc)), and so does every input type a command carries.
pub trait BoundedInput {
    /// `Ok` when every string field is within its cap; else one
    /// [`TooLong`](FieldErrorCode::TooLong) error per field that is not, on the
    /// field's form name, in form order, with a message a person can act on.
    fn check_bounds(&self) -> Result<(), Vec<FieldError>>;

    /// [`check_bounds`](Self::check_bounds) as the answer the backend gives:
    /// [`DeskError::Validation`] with the fields that are too long.
    fn ensure_bounded(&self) -> Result<(), DeskError> {
        self.check_bounds()
            .map_err(|fields| DeskError::Validation { fields })
    }
}

impl<T: BoundedInput> BoundedInput for Option<T> {
    fn check_bounds(&self) -> Result<(), Vec<FieldError>> {
        self.as_ref().map_or(Ok(()), BoundedInput::check_bounds)
    }
}

/// The error for a value of `chars` characters in field `field` (called `label` in
/// messages), whose cap is `cap`. The parsers use it too, so a field says the same
/// thing whichever check catches it.
pub(crate) fn too_long(field: &str, label: &str, cap: usize, chars: usize) -> FieldError {
    FieldError::new(
        field,
        FieldErrorCode::TooLong,
        format!("Use at most {cap} characters for the {label} (this one has {chars})."),
    )
}

/// The length of `value` in characters when it is over `cap`; counts only when the
/// byte length (never less than the character count) is over.
pub(crate) fn chars_over(value: &str, cap: usize) -> Option<usize> {
    if value.len() <= cap {
        return None;
    }
    Some(value.chars().count()).filter(|chars| *chars > cap)
}

/// Collects the problems of one value's fields, in the order they are checked.
#[derive(Debug, Default)]
pub(crate) struct Bounds {
    problems: Vec<FieldError>,
}

impl Bounds {
    pub(crate) fn new() -> Self {
        Self::default()
    }

    /// A field its parser trims: measured without leading and trailing white space.
    pub(crate) fn trimmed(self, field: &str, label: &str, value: &str, cap: usize) -> Self {
        self.exact(field, label, value.trim(), cap)
    }

    /// A field its parser trims and normalizes to NFC (emails, names): measured as
    /// the parser measures it, so "e" + U+0301 counts as one character.
    pub(crate) fn normalized(mut self, field: &str, label: &str, value: &str, cap: usize) -> Self {
        let trimmed = value.trim();
        // NFC may join several code points into one, so only the normalized count
        // decides; the byte length still bounds it from above.
        if trimmed.len() > cap {
            let chars = trimmed.nfc().count();
            if chars > cap {
                self.problems.push(too_long(field, label, cap, chars));
            }
        }
        self
    }

    /// A value used as sent: measured as it is.
    pub(crate) fn exact(mut self, field: &str, label: &str, value: &str, cap: usize) -> Self {
        if let Some(chars) = chars_over(value, cap) {
            self.problems.push(too_long(field, label, cap, chars));
        }
        self
    }

    /// A problem found some other way (e.g. too many entries in a map).
    pub(crate) fn problem(mut self, problem: FieldError) -> Self {
        self.problems.push(problem);
        self
    }

    /// A part with checks of its own.
    pub(crate) fn nested(mut self, part: &impl BoundedInput) -> Self {
        if let Err(problems) = part.check_bounds() {
            self.problems.extend(problems);
        }
        self
    }

    pub(crate) fn finish(self) -> Result<(), Vec<FieldError>> {
        if self.problems.is_empty() {
            Ok(())
        } else {
            Err(self.problems)
        }
    }
}

// Identifiers hold no text.

impl BoundedInput for StaffId {
    fn check_bounds(&self) -> Result<(), Vec<FieldError>> {
        Ok(())
    }
}

impl BoundedInput for CustomerId {
    fn check_bounds(&self) -> Result<(), Vec<FieldError>> {
        Ok(())
    }
}

// Staff forms.

impl BoundedInput for FirstAdminInput {
    fn check_bounds(&self) -> Result<(), Vec<FieldError>> {
        let Self {
            email,
            display_name,
            password,
        } = self;
        Bounds::new()
            .normalized(staff::fields::EMAIL, "email address", email, caps::EMAIL)
            .normalized(
                staff::fields::DISPLAY_NAME,
                "display name",
                display_name,
                caps::PERSON_NAME,
            )
            .exact(
                staff::fields::PASSWORD,
                "password",
                password.expose(),
                caps::PASSWORD,
            )
            .finish()
    }
}

impl BoundedInput for SignInInput {
    fn check_bounds(&self) -> Result<(), Vec<FieldError>> {
        let Self { email, password } = self;
        Bounds::new()
            .normalized(staff::fields::EMAIL, "email address", email, caps::EMAIL)
            .exact(
                staff::fields::PASSWORD,
                "password",
                password.expose(),
                caps::PASSWORD,
            )
            .finish()
    }
}

impl BoundedInput for NewStaffInput {
    fn check_bounds(&self) -> Result<(), Vec<FieldError>> {
        let Self {
            email,
            display_name,
            roles: _,
            password,
        } = self;
        Bounds::new()
            .normalized(staff::fields::EMAIL, "email address", email, caps::EMAIL)
            .normalized(
                staff::fields::DISPLAY_NAME,
                "display name",
                display_name,
                caps::PERSON_NAME,
            )
            .exact(
                staff::fields::PASSWORD,
                "password",
                password.expose(),
                caps::PASSWORD,
            )
            .finish()
    }
}

impl BoundedInput for SetRolesInput {
    fn check_bounds(&self) -> Result<(), Vec<FieldError>> {
        // Roles are a closed enum; a list of them is as long as serde let it be, and
        // parse_roles removes repeats.
        let Self { staff_id, roles: _ } = self;
        Bounds::new().nested(staff_id).finish()
    }
}

impl BoundedInput for ChangePasswordInput {
    fn check_bounds(&self) -> Result<(), Vec<FieldError>> {
        let Self {
            current_password,
            new_password,
        } = self;
        Bounds::new()
            .exact(
                staff::fields::CURRENT_PASSWORD,
                "current password",
                current_password.expose(),
                caps::PASSWORD,
            )
            .exact(
                staff::fields::NEW_PASSWORD,
                "new password",
                new_password.expose(),
                caps::PASSWORD,
            )
            .finish()
    }
}

// Customers.

impl BoundedInput for CustomerInput {
    fn check_bounds(&self) -> Result<(), Vec<FieldError>> {
        use customer::fields;
        let Self {
            customer_ref,
            email,
            salutation,
            first_name,
            last_name,
            gender,
            date_of_birth,
            phone,
            company,
            locale,
            preferred_currency,
            preferred_site,
            restriction,
            active: _,
            on_hold: _,
            attributes,
        } = self;
        let mut bounds = Bounds::new();
        if attributes.len() > crate::custom_attribute::MAX_ATTRIBUTES {
            bounds = bounds.problem(FieldError::new(
                crate::custom_attribute::FIELD_PREFIX,
                FieldErrorCode::TooLong,
                format!(
                    "A customer has at most {} custom attributes.",
                    crate::custom_attribute::MAX_ATTRIBUTES
                ),
            ));
        }
        for (code, value) in attributes {
            let field = crate::custom_attribute::field_name(code);
            bounds = bounds
                .exact(&field, "attribute code", code, caps::CODE)
                .normalized(
                    &field,
                    "value",
                    value,
                    crate::custom_attribute::MAX_TEXT_CHARS,
                );
        }
        bounds
            .trimmed(
                fields::CUSTOMER_REF,
                "customer ID",
                customer_ref,
                caps::CODE,
            )
            .normalized(fields::EMAIL, "email address", email, caps::EMAIL)
            .trimmed(fields::SALUTATION, "salutation", salutation, caps::CODE)
            .normalized(
                fields::FIRST_NAME,
                "first name",
                first_name,
                caps::PERSON_NAME,
            )
            .normalized(fields::LAST_NAME, "last name", last_name, caps::PERSON_NAME)
            .trimmed(fields::GENDER, "gender", gender, caps::CODE)
            .trimmed(
                fields::DATE_OF_BIRTH,
                "date of birth",
                date_of_birth,
                caps::CODE,
            )
            .trimmed(fields::PHONE, "phone number", phone, caps::CODE)
            .normalized(
                fields::COMPANY,
                "company",
                company,
                customer::MAX_COMPANY_CHARS,
            )
            .trimmed(fields::LOCALE, "locale", locale, caps::LOCALE)
            .trimmed(
                fields::PREFERRED_CURRENCY,
                "currency",
                preferred_currency,
                caps::CURRENCY,
            )
            .trimmed(
                fields::PREFERRED_SITE,
                "site",
                preferred_site,
                caps::SITE_CODE,
            )
            .trimmed(
                fields::RESTRICTION,
                "restriction",
                restriction,
                caps::SITE_CODE,
            )
            .finish()
    }
}

impl BoundedInput for PasswordSetupInput {
    fn check_bounds(&self) -> Result<(), Vec<FieldError>> {
        match self {
            Self::Typed { password } => Bounds::new()
                .exact(
                    customer::fields::PASSWORD,
                    "password",
                    password.expose(),
                    caps::PASSWORD,
                )
                .finish(),
            Self::Later | Self::SendLink | Self::Generate => Ok(()),
        }
    }
}

impl BoundedInput for crate::customer_address::AddressInput {
    fn check_bounds(&self) -> Result<(), Vec<FieldError>> {
        use crate::customer_address::{MAX_COMMENT_CHARS, MAX_LINE_CHARS, fields};
        let Self {
            address_ref,
            salutation,
            first_name,
            last_name,
            company,
            line1,
            line2,
            line3,
            city,
            postal_code,
            region,
            country,
            phone,
            comment,
            tags,
        } = self;
        Bounds::new()
            .trimmed(fields::ADDRESS_REF, "address ID", address_ref, caps::CODE)
            .trimmed(fields::SALUTATION, "salutation", salutation, caps::CODE)
            .normalized(
                fields::FIRST_NAME,
                "first name",
                first_name,
                caps::PERSON_NAME,
            )
            .normalized(fields::LAST_NAME, "last name", last_name, caps::PERSON_NAME)
            .normalized(fields::COMPANY, "company", company, MAX_LINE_CHARS)
            .normalized(fields::LINE1, "address line", line1, MAX_LINE_CHARS)
            .normalized(fields::LINE2, "address line", line2, MAX_LINE_CHARS)
            .normalized(fields::LINE3, "address line", line3, MAX_LINE_CHARS)
            .normalized(fields::CITY, "city", city, MAX_LINE_CHARS)
            .trimmed(fields::POSTAL_CODE, "postal code", postal_code, caps::CODE)
            .normalized(fields::REGION, "region", region, MAX_LINE_CHARS)
            .trimmed(fields::COUNTRY, "country", country, caps::CODE)
            .trimmed(fields::PHONE, "phone number", phone, caps::CODE)
            .normalized(fields::COMMENT, "comment", comment, MAX_COMMENT_CHARS)
            .normalized(fields::TAGS, "tags", tags, MAX_LINE_CHARS * 5)
            .finish()
    }
}

impl BoundedInput for crate::customer_address::AddressSave {
    fn check_bounds(&self) -> Result<(), Vec<FieldError>> {
        let Self {
            customer_id,
            id: _,
            version: _,
            input,
        } = self;
        Bounds::new().nested(customer_id).nested(input).finish()
    }
}

impl BoundedInput for crate::customer_address::AddressId {
    fn check_bounds(&self) -> Result<(), Vec<FieldError>> {
        Ok(())
    }
}

impl BoundedInput for crate::customer_address::AddressDefault {
    fn check_bounds(&self) -> Result<(), Vec<FieldError>> {
        Ok(())
    }
}

impl BoundedInput for crate::audit::AuditEntryId {
    fn check_bounds(&self) -> Result<(), Vec<FieldError>> {
        Ok(())
    }
}

impl BoundedInput for crate::customer_note::NoteId {
    fn check_bounds(&self) -> Result<(), Vec<FieldError>> {
        Ok(())
    }
}

impl BoundedInput for crate::customer_note::NewNote {
    fn check_bounds(&self) -> Result<(), Vec<FieldError>> {
        let Self { customer_id, body } = self;
        Bounds::new()
            .nested(customer_id)
            .normalized(
                crate::customer_note::BODY,
                "note",
                body,
                crate::customer_note::MAX_NOTE_CHARS,
            )
            .finish()
    }
}

impl BoundedInput for crate::customer::CustomerEmailRequest {
    fn check_bounds(&self) -> Result<(), Vec<FieldError>> {
        let Self { id, email: _ } = self;
        Bounds::new().nested(id).finish()
    }
}

impl BoundedInput for crate::custom_attribute::AttributeInput {
    fn check_bounds(&self) -> Result<(), Vec<FieldError>> {
        use crate::custom_attribute::fields;
        let Self {
            original_code,
            code,
            label,
            other_labels,
            kind,
            required: _,
            choices,
        } = self;
        Bounds::new()
            .exact(
                fields::CODE,
                "code",
                original_code.as_deref().unwrap_or_default(),
                caps::CODE,
            )
            .trimmed(fields::CODE, "code", code, caps::CODE)
            .normalized(fields::LABEL, "label", label, caps::PERSON_NAME)
            .normalized(
                fields::OTHER_LABELS,
                "labels",
                other_labels,
                20 * caps::PERSON_NAME,
            )
            .trimmed(fields::KIND, "kind", kind, caps::CODE)
            .normalized(fields::CHOICES, "choices", choices, 100 * caps::PERSON_NAME)
            .finish()
    }
}

impl BoundedInput for crate::customer_export::ExportRequest {
    fn check_bounds(&self) -> Result<(), Vec<FieldError>> {
        let Self { id, path } = self;
        Bounds::new()
            .nested(id)
            .exact("path", "file name", path, caps::PATH)
            .finish()
    }
}

impl BoundedInput for NewCustomerRequest {
    fn check_bounds(&self) -> Result<(), Vec<FieldError>> {
        let Self { details, password } = self;
        Bounds::new().nested(details).nested(password).finish()
    }
}

impl BoundedInput for CustomerUpdate {
    fn check_bounds(&self) -> Result<(), Vec<FieldError>> {
        let Self {
            id,
            version: _,
            opened,
            details,
        } = self;
        Bounds::new()
            .nested(id)
            .nested(opened)
            .nested(details)
            .finish()
    }
}

impl BoundedInput for CustomerCursor {
    fn check_bounds(&self) -> Result<(), Vec<FieldError>> {
        let Self { keys, id } = self;
        let mut bounds = Bounds::new().nested(id);
        if keys.len() > 3 {
            bounds = bounds.problem(FieldError::new(
                customer::fields::AFTER,
                FieldErrorCode::TooLong,
                "The list position holds more values than any sort has.",
            ));
        }
        for key in keys.iter().take(3) {
            bounds = bounds.exact(
                customer::fields::AFTER,
                "list position",
                key,
                caps::SORT_KEY,
            );
        }
        bounds.finish()
    }
}

impl BoundedInput for CustomerFilter {
    fn check_bounds(&self) -> Result<(), Vec<FieldError>> {
        use crate::customer_list::filter_fields as fields;
        let Self {
            customer_ref,
            first_name,
            last_name,
            email,
            company,
            preferred_site,
            verification: _,
            active: _,
            on_hold: _,
            created_from: _,
            created_before: _,
            search,
            group: _,
        } = self;
        Bounds::new()
            .trimmed(
                fields::CUSTOMER_REF,
                "Customer ID",
                customer_ref,
                caps::CODE,
            )
            .trimmed(
                fields::FIRST_NAME,
                "First name",
                first_name,
                caps::PERSON_NAME,
            )
            .trimmed(fields::LAST_NAME, "Last name", last_name, caps::PERSON_NAME)
            .trimmed(fields::EMAIL, "Email", email, caps::EMAIL)
            .trimmed(fields::COMPANY, "Company", company, caps::SEARCH)
            .exact(
                fields::PREFERRED_SITE,
                "Preferred site",
                preferred_site.as_deref().unwrap_or_default(),
                caps::SITE_CODE,
            )
            .trimmed(fields::SEARCH, "Search", search, caps::SEARCH)
            .finish()
    }
}

impl BoundedInput for CustomerQuery {
    fn check_bounds(&self) -> Result<(), Vec<FieldError>> {
        Bounds::new().nested(&self.filter).finish()
    }
}

impl BoundedInput for CustomerSelection {
    fn check_bounds(&self) -> Result<(), Vec<FieldError>> {
        let too_many = |what: &str| {
            FieldError::new(
                "selection",
                FieldErrorCode::TooLong,
                format!(
                    "A bulk request names at most {MAX_BULK_CHUNK} {what}; send the rest in further requests."
                ),
            )
        };
        match self {
            Self::Ticked(ids) if ids.len() > MAX_BULK_CHUNK => Err(vec![too_many("customers")]),
            Self::Ticked(_) => Ok(()),
            Self::AllMatching {
                query,
                except,
                after,
            } => {
                let bounds = Bounds::new().nested(query.as_ref()).nested(after);
                if except.len() > MAX_BULK_CHUNK {
                    bounds.problem(too_many("unticked customers"))
                } else {
                    bounds
                }
                .finish()
            }
        }
    }
}

impl BoundedInput for BulkChangeRequest {
    fn check_bounds(&self) -> Result<(), Vec<FieldError>> {
        let Self {
            selection,
            change: _,
        } = self;
        Bounds::new().nested(selection).finish()
    }
}

impl BoundedInput for CsvExportRequest {
    fn check_bounds(&self) -> Result<(), Vec<FieldError>> {
        use crate::customer_view::{MAX_COLUMN_KEY_CHARS, MAX_VIEW_COLUMNS};
        let Self {
            selection,
            columns,
            path,
            append: _,
        } = self;
        let mut bounds =
            Bounds::new()
                .nested(selection)
                .exact("path", "file name", path, caps::PATH);
        if columns.len() > MAX_VIEW_COLUMNS {
            bounds = bounds.problem(FieldError::new(
                "columns",
                FieldErrorCode::TooLong,
                format!("An export has at most {MAX_VIEW_COLUMNS} columns."),
            ));
        }
        for column in columns {
            bounds = bounds.exact("columns", "column", column, MAX_COLUMN_KEY_CHARS);
        }
        bounds.finish()
    }
}

impl BoundedInput for CustomerViewInput {
    fn check_bounds(&self) -> Result<(), Vec<FieldError>> {
        use crate::customer_view::{
            MAX_COLUMN_KEY_CHARS, MAX_VIEW_COLUMNS, MAX_VIEW_NAME_CHARS, fields,
        };
        let Self {
            id: _,
            name,
            columns,
            query,
            is_default: _,
        } = self;
        let mut bounds = Bounds::new()
            .trimmed(fields::NAME, "View name", name, MAX_VIEW_NAME_CHARS)
            .nested(query);
        if columns.len() > MAX_VIEW_COLUMNS {
            bounds = bounds.problem(FieldError::new(
                fields::COLUMNS,
                FieldErrorCode::TooLong,
                format!("A view shows at most {MAX_VIEW_COLUMNS} columns."),
            ));
        }
        for column in columns.iter().take(MAX_VIEW_COLUMNS) {
            bounds = bounds.exact(fields::COLUMNS, "Column", column, MAX_COLUMN_KEY_CHARS);
        }
        bounds.finish()
    }
}

impl BoundedInput for GroupId {
    fn check_bounds(&self) -> Result<(), Vec<FieldError>> {
        Ok(())
    }
}

impl BoundedInput for GroupInput {
    fn check_bounds(&self) -> Result<(), Vec<FieldError>> {
        use crate::customer_group::{MAX_GROUP_DESCRIPTION_CHARS, MAX_GROUP_NAME_CHARS, fields};
        let Self { name, description } = self;
        Bounds::new()
            .normalized(fields::NAME, "name", name, MAX_GROUP_NAME_CHARS)
            .normalized(
                fields::DESCRIPTION,
                "description",
                description,
                MAX_GROUP_DESCRIPTION_CHARS,
            )
            .finish()
    }
}

impl BoundedInput for GroupCursor {
    fn check_bounds(&self) -> Result<(), Vec<FieldError>> {
        let Self { sort: _, key, id } = self;
        Bounds::new()
            .nested(id)
            .exact(customer::fields::AFTER, "list position", key, caps::SEARCH)
            .finish()
    }
}

impl BoundedInput for GroupListRequest {
    fn check_bounds(&self) -> Result<(), Vec<FieldError>> {
        let Self {
            query,
            after,
            limit: _,
        } = self;
        Bounds::new()
            .trimmed("search", "Search", &query.search, caps::SEARCH)
            .nested(after)
            .finish()
    }
}

impl BoundedInput for GroupMembersRequest {
    fn check_bounds(&self) -> Result<(), Vec<FieldError>> {
        let Self {
            id,
            after,
            limit: _,
        } = self;
        Bounds::new().nested(id).nested(after).finish()
    }
}

impl BoundedInput for CustomerPicks {
    fn check_bounds(&self) -> Result<(), Vec<FieldError>> {
        use crate::customer_group::{MAX_TICKED_PER_SAVE, fields};
        let Self { ticked, all_of } = self;
        let mut bounds = Bounds::new();
        if ticked.len() > MAX_TICKED_PER_SAVE {
            bounds = bounds.problem(FieldError::new(
                fields::CUSTOMERS,
                FieldErrorCode::TooLong,
                format!(
                    "Tick at most {MAX_TICKED_PER_SAVE} customers one by one; for more, use \"Select all results\" of a search."
                ),
            ));
        }
        if all_of.len() > 20 {
            bounds = bounds.problem(FieldError::new(
                fields::CUSTOMERS,
                FieldErrorCode::TooLong,
                "Select all results of at most 20 searches in one save.",
            ));
        }
        for selection in all_of.iter().take(20) {
            bounds = bounds.nested(selection);
        }
        bounds.finish()
    }
}

impl BoundedInput for NewGroupRequest {
    fn check_bounds(&self) -> Result<(), Vec<FieldError>> {
        let Self { input, customers } = self;
        Bounds::new().nested(input).nested(customers).finish()
    }
}

impl BoundedInput for GroupUpdate {
    fn check_bounds(&self) -> Result<(), Vec<FieldError>> {
        use crate::customer_group::{MAX_TICKED_PER_SAVE, fields};
        let Self {
            id,
            version: _,
            opened,
            input,
            add,
            remove,
            remove_all: _,
        } = self;
        let mut bounds = Bounds::new()
            .nested(id)
            .nested(opened)
            .nested(input)
            .nested(add);
        if remove.len() > MAX_TICKED_PER_SAVE {
            bounds = bounds.problem(FieldError::new(
                fields::CUSTOMERS,
                FieldErrorCode::TooLong,
                format!(
                    "Clear at most {MAX_TICKED_PER_SAVE} ticks one by one; to unassign everyone, use \"De-select all\"."
                ),
            ));
        }
        bounds.finish()
    }
}

impl BoundedInput for GroupBulkRequest {
    fn check_bounds(&self) -> Result<(), Vec<FieldError>> {
        let Self {
            group,
            selection,
            assign: _,
        } = self;
        Bounds::new().nested(group).nested(selection).finish()
    }
}

impl BoundedInput for ViewId {
    fn check_bounds(&self) -> Result<(), Vec<FieldError>> {
        Ok(())
    }
}

impl BoundedInput for CustomerListRequest {
    fn check_bounds(&self) -> Result<(), Vec<FieldError>> {
        let Self {
            query,
            after,
            limit: _,
        } = self;
        Bounds::new().nested(&query.filter).nested(after).finish()
    }
}

// Connection profiles.

impl BoundedInput for ProfileInput {
    fn check_bounds(&self) -> Result<(), Vec<FieldError>> {
        use profile::fields;
        let Self {
            original_name,
            name,
            postgres: _,
            sqlite_path,
            host,
            port,
            database,
            user,
            tls_mode: _,
            ca_file,
            password,
            save_password: _,
        } = self;
        Bounds::new()
            .exact(
                fields::ORIGINAL_NAME,
                "connection's previous name",
                original_name.as_deref().unwrap_or_default(),
                caps::PROFILE_NAME_LOOKUP,
            )
            .trimmed(fields::NAME, "connection name", name, caps::PROFILE_NAME)
            .trimmed(fields::SQLITE_PATH, "file path", sqlite_path, caps::PATH)
            .trimmed(fields::HOST, "host name", host, caps::HOST)
            .trimmed(fields::PORT, "port", port, caps::PORT)
            .trimmed(
                fields::DATABASE,
                "database name",
                database,
                caps::DB_IDENTIFIER,
            )
            .trimmed(fields::USER, "user name", user, caps::DB_IDENTIFIER)
            .trimmed(
                fields::CA_FILE,
                "CA certificate file path",
                ca_file,
                caps::PATH,
            )
            .exact(
                fields::PASSWORD,
                "database password",
                password.expose(),
                caps::DATABASE_PASSWORD,
            )
            .finish()
    }
}

impl BoundedInput for SwitchProfileInput {
    fn check_bounds(&self) -> Result<(), Vec<FieldError>> {
        let Self { name, password } = self;
        Bounds::new()
            .exact(
                profile::fields::NAME,
                "connection name",
                name,
                caps::PROFILE_NAME_LOOKUP,
            )
            .exact(
                profile::fields::PASSWORD,
                "database password",
                password.expose(),
                caps::DATABASE_PASSWORD,
            )
            .finish()
    }
}

impl BoundedInput for profile::SetUpDatabaseInput {
    fn check_bounds(&self) -> Result<(), Vec<FieldError>> {
        let Self {
            profile: name,
            owner_login,
            owner_password,
        } = self;
        Bounds::new()
            .exact(
                profile::fields::NAME,
                "connection name",
                name,
                caps::PROFILE_NAME_LOOKUP,
            )
            .exact(
                profile::set_up_fields::OWNER_LOGIN,
                "owner's login",
                owner_login,
                caps::DB_IDENTIFIER,
            )
            .exact(
                profile::set_up_fields::OWNER_PASSWORD,
                "owner's password",
                owner_password.expose(),
                caps::DATABASE_PASSWORD,
            )
            .finish()
    }
}

impl BoundedInput for staff::IdleTimeoutInput {
    fn check_bounds(&self) -> Result<(), Vec<FieldError>> {
        let Self { minutes } = self;
        Bounds::new()
            .exact(Self::FIELD, "idle time", minutes, caps::PORT)
            .finish()
    }
}

// The audit log.

impl BoundedInput for AuditFilter {
    fn check_bounds(&self) -> Result<(), Vec<FieldError>> {
        let Self {
            actor_id,
            entity_type: _,
            entity_id,
            from: _,
            to: _,
            before: _,
            limit: _,
        } = self;
        Bounds::new()
            .nested(actor_id)
            .exact(
                crate::audit::fields::ENTITY_ID,
                "record id",
                entity_id.as_deref().unwrap_or_default(),
                caps::ENTITY_ID,
            )
            .finish()
    }
}

impl BoundedInput for crate::email_settings::EmailSettingsInput {
    fn check_bounds(&self) -> Result<(), Vec<FieldError>> {
        use crate::email_settings::fields;
        let Self {
            host,
            port,
            security: _,
            login,
            password,
            sender_name,
            sender_address,
        } = self;
        Bounds::new()
            .trimmed(fields::HOST, "SMTP host", host, caps::HOST)
            .trimmed(fields::PORT, "port", port, caps::PORT)
            .trimmed(fields::LOGIN, "SMTP login", login, caps::EMAIL)
            .exact(
                fields::PASSWORD,
                "SMTP password",
                password.expose(),
                caps::PASSWORD,
            )
            .trimmed(
                fields::SENDER_NAME,
                "sender name",
                sender_name,
                caps::PERSON_NAME,
            )
            .normalized(
                fields::SENDER_ADDRESS,
                "sender address",
                sender_address,
                caps::EMAIL,
            )
            .finish()
    }
}

impl BoundedInput for crate::email_settings::SaveEmailSettingsInput {
    fn check_bounds(&self) -> Result<(), Vec<FieldError>> {
        let Self { settings } = self;
        Bounds::new().nested(settings).finish()
    }
}

impl BoundedInput for crate::email_settings::SendTestEmailInput {
    fn check_bounds(&self) -> Result<(), Vec<FieldError>> {
        let Self { recipient } = self;
        Bounds::new()
            .normalized(
                crate::email_settings::fields::TEST_RECIPIENT,
                "email address",
                recipient,
                caps::EMAIL,
            )
            .finish()
    }
}

impl BoundedInput for crate::site::SiteInput {
    fn check_bounds(&self) -> Result<(), Vec<FieldError>> {
        use crate::site::fields;
        let Self {
            original_code,
            code,
            name,
            storefront_url,
            default_currency,
            default_locale,
            assisted_buying: _,
        } = self;
        Bounds::new()
            .exact(
                fields::ORIGINAL_CODE,
                "site code",
                original_code.as_deref().unwrap_or_default(),
                caps::SITE_CODE,
            )
            .trimmed(fields::CODE, "site code", code, caps::SITE_CODE)
            .trimmed(fields::NAME, "site name", name, caps::SITE_NAME)
            .trimmed(fields::STOREFRONT_URL, "URL", storefront_url, caps::URL)
            .trimmed(
                fields::DEFAULT_CURRENCY,
                "currency",
                default_currency,
                caps::CURRENCY,
            )
            .trimmed(
                fields::DEFAULT_LOCALE,
                "locale",
                default_locale,
                caps::LOCALE,
            )
            .finish()
    }
}

impl BoundedInput for crate::store_preferences::CodeListChangeInput {
    fn check_bounds(&self) -> Result<(), Vec<FieldError>> {
        let Self {
            list: _,
            change: _,
            code,
        } = self;
        Bounds::new()
            .trimmed(
                crate::store_preferences::fields::CODE,
                "code",
                code,
                caps::LOCALE.max(caps::CURRENCY),
            )
            .finish()
    }
}

impl BoundedInput for crate::store_preferences::Preferences {
    fn check_bounds(&self) -> Result<(), Vec<FieldError>> {
        Ok(())
    }
}

impl BoundedInput for crate::store_preferences::CustomerAccess {
    fn check_bounds(&self) -> Result<(), Vec<FieldError>> {
        // At most each kind a few times over; the use case normalizes the list.
        if self.hidden.len() > 4 * crate::store_preferences::StorefrontContent::ALL.len() {
            return Err(vec![FieldError::new(
                "hidden",
                FieldErrorCode::TooLong,
                "The customer access list is longer than its kinds of content.",
            )]);
        }
        Ok(())
    }
}

impl BoundedInput for crate::email_template::TemplateKey {
    fn check_bounds(&self) -> Result<(), Vec<FieldError>> {
        let Self { kind: _, locale } = self;
        Bounds::new()
            .trimmed(
                crate::email_template::fields::LOCALE,
                "locale",
                locale,
                caps::LOCALE,
            )
            .finish()
    }
}

impl BoundedInput for crate::email_template::TemplateInput {
    fn check_bounds(&self) -> Result<(), Vec<FieldError>> {
        use crate::email_template::fields;
        let Self { key, text } = self;
        Bounds::new()
            .nested(key)
            .exact(fields::SUBJECT, "subject", &text.subject, caps::TEMPLATE)
            .exact(fields::TEXT, "text body", &text.body_text, caps::TEMPLATE)
            .exact(fields::HTML, "HTML body", &text.body_html, caps::TEMPLATE)
            .finish()
    }
}

impl BoundedInput for crate::outbox::MessageId {
    fn check_bounds(&self) -> Result<(), Vec<FieldError>> {
        Ok(())
    }
}

impl BoundedInput for crate::outbox::OutboxListRequest {
    fn check_bounds(&self) -> Result<(), Vec<FieldError>> {
        let Self {
            status: _,
            recipient,
            before: _,
            limit: _,
        } = self;
        Bounds::new()
            .trimmed(
                crate::outbox::fields::RECIPIENT,
                "recipient search",
                recipient,
                caps::EMAIL,
            )
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Sensitive;

    fn long(chars: usize) -> String {
        "x".repeat(chars)
    }

    /// (field, code) of each problem.
    fn problems(value: &impl BoundedInput) -> Vec<(String, FieldErrorCode)> {
        value
            .check_bounds()
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|problem| (problem.field, problem.code))
            .collect()
    }

    fn too_long_on(fields: &[&str]) -> Vec<(String, FieldErrorCode)> {
        fields
            .iter()
            .map(|field| ((*field).to_owned(), FieldErrorCode::TooLong))
            .collect()
    }

    #[test]
    fn a_cap_is_counted_in_characters_and_the_message_says_what_to_do() {
        let at_cap = SignInInput {
            email: "é".repeat(caps::EMAIL),
            password: Sensitive::new("ü".repeat(caps::PASSWORD)),
        };
        assert_eq!(at_cap.check_bounds(), Ok(()), "bytes are not characters");
        let over = SignInInput {
            email: "é".repeat(caps::EMAIL + 1),
            ..SignInInput::default()
        };
        let problems = over.check_bounds().expect_err("too long");
        assert_eq!(
            problems,
            [FieldError::new(
                "email",
                FieldErrorCode::TooLong,
                "Use at most 254 characters for the email address (this one has 255)."
            )]
        );
    }

    #[test]
    fn trimmed_fields_are_measured_trimmed_and_secrets_as_sent() {
        let padded = NewStaffInput {
            display_name: format!("  {}  ", long(caps::PERSON_NAME)),
            password: Sensitive::new(format!(" {} ", long(caps::PASSWORD - 1))),
            ..NewStaffInput::default()
        };
        assert_eq!(problems(&padded), too_long_on(&["password"]));
    }

    #[test]
    fn names_and_emails_are_measured_after_nfc_as_their_parsers_measure_them() {
        let decomposed = "e\u{301}".repeat(caps::PERSON_NAME);
        assert_eq!(decomposed.chars().count(), 2 * caps::PERSON_NAME);
        let input = CustomerInput {
            first_name: decomposed.clone(),
            last_name: decomposed,
            ..CustomerInput::default()
        };
        assert_eq!(problems(&input), []);
        let over = CustomerInput {
            first_name: "e\u{301}".repeat(caps::PERSON_NAME + 1),
            ..CustomerInput::default()
        };
        let error = over.check_bounds().expect_err("too long");
        assert_eq!(
            error[0].message,
            "Use at most 100 characters for the first name (this one has 101)."
        );
    }

    #[test]
    fn email_cap() {
        let input = CustomerInput {
            email: long(caps::EMAIL + 1),
            ..CustomerInput::default()
        };
        assert_eq!(problems(&input), too_long_on(&["email"]));
        let input = CustomerInput {
            email: long(caps::EMAIL),
            ..CustomerInput::default()
        };
        assert_eq!(problems(&input), []);
    }

    #[test]
    fn person_name_cap() {
        let at_cap = FirstAdminInput {
            display_name: long(caps::PERSON_NAME),
            ..FirstAdminInput::default()
        };
        assert_eq!(problems(&at_cap), []);
        let over = FirstAdminInput {
            display_name: long(caps::PERSON_NAME + 1),
            ..FirstAdminInput::default()
        };
        assert_eq!(problems(&over), too_long_on(&["display_name"]));
        let customer = CustomerInput {
            first_name: long(caps::PERSON_NAME + 1),
            last_name: long(caps::PERSON_NAME + 1),
            ..CustomerInput::default()
        };
        assert_eq!(
            problems(&customer),
            too_long_on(&["first_name", "last_name"])
        );
    }

    #[test]
    fn password_cap_holds_for_every_staff_password_field() {
        let over = || Sensitive::new(long(caps::PASSWORD + 1));
        assert_eq!(
            problems(&SignInInput {
                password: over(),
                ..SignInInput::default()
            }),
            too_long_on(&["password"])
        );
        assert_eq!(
            problems(&ChangePasswordInput {
                current_password: over(),
                new_password: over(),
            }),
            too_long_on(&["current_password", "new_password"])
        );
        let at_cap = ChangePasswordInput {
            current_password: Sensitive::new(long(caps::PASSWORD)),
            new_password: Sensitive::new(long(caps::PASSWORD)),
        };
        assert_eq!(problems(&at_cap), []);
    }

    #[test]
    fn a_megabyte_password_is_refused_before_anything_hashes_it() {
        let input = SignInInput {
            email: "ann@example.com".into(),
            password: Sensitive::new(long(1 << 20)),
        };
        let error = input.ensure_bounded().expect_err("refused");
        let DeskError::Validation { fields } = error else {
            panic!("a validation error, got {error:?}");
        };
        assert_eq!(fields.len(), 1);
        assert_eq!(fields[0].field, "password");
        assert_eq!(
            fields[0].message,
            format!(
                "Use at most {} characters for the password (this one has {}).",
                caps::PASSWORD,
                1 << 20
            )
        );
    }

    #[test]
    fn every_profile_field_has_its_cap() {
        let input = ProfileInput {
            original_name: Some(long(caps::PROFILE_NAME_LOOKUP + 1)),
            name: long(caps::PROFILE_NAME + 1),
            sqlite_path: long(caps::PATH + 1),
            host: long(caps::HOST + 1),
            port: long(caps::PORT + 1),
            database: long(caps::DB_IDENTIFIER + 1),
            user: long(caps::DB_IDENTIFIER + 1),
            ca_file: long(caps::PATH + 1),
            password: Sensitive::new(long(caps::DATABASE_PASSWORD + 1)),
            ..ProfileInput::default()
        };
        assert_eq!(
            problems(&input),
            too_long_on(&[
                "original_name",
                "name",
                "sqlite_path",
                "host",
                "port",
                "database",
                "user",
                "ca_file",
                "password",
            ])
        );
        let at_caps = ProfileInput {
            original_name: Some(long(caps::PROFILE_NAME_LOOKUP)),
            name: long(caps::PROFILE_NAME),
            sqlite_path: long(caps::PATH),
            host: long(caps::HOST),
            port: long(caps::PORT),
            database: long(caps::DB_IDENTIFIER),
            user: long(caps::DB_IDENTIFIER),
            ca_file: long(caps::PATH),
            password: Sensitive::new(long(caps::DATABASE_PASSWORD)),
            ..ProfileInput::default()
        };
        assert_eq!(problems(&at_caps), []);
        let switch = SwitchProfileInput {
            name: long(caps::PROFILE_NAME_LOOKUP + 1),
            password: Sensitive::new(long(caps::DATABASE_PASSWORD + 1)),
        };
        assert_eq!(problems(&switch), too_long_on(&["name", "password"]));
    }

    #[test]
    fn currency_cap() {
        let input = CustomerInput {
            preferred_currency: long(caps::CURRENCY + 1),
            ..CustomerInput::default()
        };
        assert_eq!(problems(&input), too_long_on(&["preferred_currency"]));
    }

    #[test]
    fn list_positions_and_audit_filters_are_capped() {
        let request = CustomerListRequest {
            after: Some(CustomerCursor {
                keys: vec![long(caps::SORT_KEY + 1), long(caps::SORT_KEY)],
                id: CustomerId::default(),
            }),
            limit: 50,
            ..CustomerListRequest::default()
        };
        assert_eq!(problems(&request), too_long_on(&["after"]));
        assert_eq!(problems(&CustomerListRequest::default()), []);
        let filter = AuditFilter {
            entity_id: Some(long(caps::ENTITY_ID + 1)),
            ..AuditFilter::default()
        };
        assert_eq!(problems(&filter), too_long_on(&["entity_id"]));
        let filter = AuditFilter {
            entity_id: Some(long(caps::ENTITY_ID)),
            ..AuditFilter::default()
        };
        assert_eq!(problems(&filter), []);
    }

    #[test]
    fn empty_forms_are_within_bounds() {
        // Required fields are the parsers' business; bounds only refuse length.
        assert_eq!(problems(&FirstAdminInput::default()), []);
        assert_eq!(problems(&NewStaffInput::default()), []);
        assert_eq!(problems(&ProfileInput::default()), []);
        assert_eq!(problems(&SwitchProfileInput::default()), []);
        assert_eq!(problems(&SetRolesInput::default()), []);
        assert_eq!(problems(&NewCustomerRequest::default()), []);
    }

    #[test]
    fn every_customer_field_is_capped() {
        let input = CustomerInput {
            customer_ref: long(caps::CODE + 1),
            company: long(customer::MAX_COMPANY_CHARS + 1),
            phone: long(caps::CODE + 1),
            ..CustomerInput::default()
        };
        assert_eq!(
            problems(&CustomerUpdate {
                details: input,
                ..CustomerUpdate::default()
            }),
            too_long_on(&["customer_ref", "phone", "company"])
        );
        let typed = NewCustomerRequest {
            password: PasswordSetupInput::Typed {
                password: Sensitive::new(long(caps::PASSWORD + 1)),
            },
            ..NewCustomerRequest::default()
        };
        assert_eq!(problems(&typed), too_long_on(&["password"]));
    }

    #[test]
    fn counting_stops_at_the_byte_length_when_it_is_within_the_cap() {
        assert_eq!(chars_over("abc", 3), None);
        assert_eq!(chars_over("ééé", 3), None, "6 bytes, 3 characters");
        assert_eq!(chars_over("éééé", 3), Some(4));
    }
}
