//! Length caps of what the company commands carry, checked before anything else
//! (as every command's input is: [`BoundedInput`]).

use crate::FieldError;
use crate::bounds::{BoundedInput, Bounds, caps};
use crate::company::CompanyId;
use crate::company_address::{
    CompanyAddressInput, CompanyAddressRef, CompanyAddressSave, fields as address_fields,
};
use crate::company_form::{CompanyInput, MAX_COMPANY_NAME_CHARS, MAX_WEBSITE_CHARS, fields};
use crate::company_invitation::{
    CheckInvitees, InvitationRef, InvitationsRequest, SendInvitations, fields as invitation_fields,
};
use crate::company_list::{CompanyCursor, CompanyListRequest, CompanyUpdate};
use crate::company_member::{
    AddMembers, MAX_MEMBERS_PER_ADD, MemberChange, MemberCursor, MemberRef, MemberUpdate,
    MembersRequest,
};
use crate::customer;
use crate::customer_address::MAX_LINE_CHARS;
use crate::invitation_list::MAX_INVITATION_LINES;
use crate::postal_code::MAX_POSTAL_CODE_CHARS;
use crate::tax_id::MAX_TAX_ID_CHARS;

impl BoundedInput for CompanyId {
    fn check_bounds(&self) -> Result<(), Vec<FieldError>> {
        Ok(())
    }
}

impl BoundedInput for CompanyAddressInput {
    /// As the company form's billing address (fields named `billing_…`).
    fn check_bounds(&self) -> Result<(), Vec<FieldError>> {
        address_bounds(self, address_fields::BILLING_PREFIX)
    }
}

/// The caps of an address whose form names its fields `prefix` + the field.
fn address_bounds(input: &CompanyAddressInput, prefix: &str) -> Result<(), Vec<FieldError>> {
    let CompanyAddressInput {
        line1,
        line2,
        postal_code,
        city,
        region,
        country,
    } = input;
    let name = |field: &str| format!("{prefix}{field}");
    Bounds::new()
        .normalized(
            &name(address_fields::LINE1),
            "address line",
            line1,
            MAX_LINE_CHARS,
        )
        .normalized(
            &name(address_fields::LINE2),
            "address line",
            line2,
            MAX_LINE_CHARS,
        )
        .trimmed(
            &name(address_fields::POSTAL_CODE),
            "postal code",
            postal_code,
            MAX_POSTAL_CODE_CHARS,
        )
        .normalized(&name(address_fields::CITY), "city", city, MAX_LINE_CHARS)
        .normalized(
            &name(address_fields::REGION),
            "region",
            region,
            MAX_LINE_CHARS,
        )
        .trimmed(&name(address_fields::COUNTRY), "country", country, 2)
        .finish()
}

impl BoundedInput for CompanyInput {
    fn check_bounds(&self) -> Result<(), Vec<FieldError>> {
        let Self {
            name,
            tax_id,
            group,
            sales_rep: _,
            website,
            active: _,
            billing,
        } = self;
        Bounds::new()
            .normalized(fields::NAME, "name", name, MAX_COMPANY_NAME_CHARS)
            .normalized(fields::TAX_ID, "tax ID", tax_id, MAX_TAX_ID_CHARS)
            .nested(group)
            .trimmed(fields::WEBSITE, "website", website, MAX_WEBSITE_CHARS)
            .nested(billing)
            .finish()
    }
}

impl BoundedInput for CompanyCursor {
    fn check_bounds(&self) -> Result<(), Vec<FieldError>> {
        let Self { sort: _, key, id } = self;
        Bounds::new()
            .nested(id)
            .exact(customer::fields::AFTER, "list position", key, caps::SEARCH)
            .finish()
    }
}

impl BoundedInput for CompanyListRequest {
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

impl BoundedInput for CompanyUpdate {
    fn check_bounds(&self) -> Result<(), Vec<FieldError>> {
        let Self {
            id,
            version: _,
            input,
        } = self;
        Bounds::new().nested(id).nested(input).finish()
    }
}

/// The most roles one request names.
const MAX_ROLES: usize = 100;

impl BoundedInput for MemberCursor {
    fn check_bounds(&self) -> Result<(), Vec<FieldError>> {
        let Self { keys, customer: _ } = self;
        let mut bounds = Bounds::new();
        for key in keys.iter().take(3) {
            bounds = bounds.exact(customer::fields::AFTER, "list position", key, caps::SEARCH);
        }
        bounds.finish()
    }
}

impl BoundedInput for MembersRequest {
    fn check_bounds(&self) -> Result<(), Vec<FieldError>> {
        let Self {
            company: _,
            after,
            limit: _,
        } = self;
        Bounds::new().nested(after).finish()
    }
}

impl BoundedInput for MemberRef {
    fn check_bounds(&self) -> Result<(), Vec<FieldError>> {
        Ok(())
    }
}

impl BoundedInput for AddMembers {
    fn check_bounds(&self) -> Result<(), Vec<FieldError>> {
        let Self {
            company: _,
            customers,
            roles,
        } = self;
        let mut bounds = Bounds::new();
        // Only keeps a request from carrying an unbounded list; the use case refuses
        // more than MAX_MEMBERS_PER_ADD customers in its own words.
        let most = 10 * MAX_MEMBERS_PER_ADD;
        if customers.len() > most || roles.len() > MAX_ROLES {
            bounds = bounds.problem(FieldError::new(
                crate::company_member::fields::CUSTOMERS,
                crate::FieldErrorCode::TooLong,
                format!(
                    "Add at most {MAX_MEMBERS_PER_ADD} members at once, with at most \
                     {MAX_ROLES} roles."
                ),
            ));
        }
        bounds.finish()
    }
}

impl BoundedInput for MemberUpdate {
    fn check_bounds(&self) -> Result<(), Vec<FieldError>> {
        let Self {
            company: _,
            customer: _,
            change,
        } = self;
        match change {
            MemberChange::Roles(roles) if roles.len() > MAX_ROLES => Err(vec![FieldError::new(
                crate::company_member::fields::ROLES,
                crate::FieldErrorCode::TooLong,
                format!("Give a member at most {MAX_ROLES} roles."),
            )]),
            _ => Ok(()),
        }
    }
}

impl BoundedInput for CompanyAddressSave {
    fn check_bounds(&self) -> Result<(), Vec<FieldError>> {
        let Self {
            company: _,
            id: _,
            kind: _,
            input,
            make_default: _,
        } = self;
        // The address book's form names its fields without a prefix.
        address_bounds(input, "")
    }
}

impl BoundedInput for CompanyAddressRef {
    fn check_bounds(&self) -> Result<(), Vec<FieldError>> {
        Ok(())
    }
}

impl BoundedInput for InvitationsRequest {
    fn check_bounds(&self) -> Result<(), Vec<FieldError>> {
        Ok(())
    }
}

impl BoundedInput for InvitationRef {
    fn check_bounds(&self) -> Result<(), Vec<FieldError>> {
        Ok(())
    }
}

/// An invitation list's caps: as many lines as a file may have, each no longer than
/// an address may be (the use case refuses more than a send holds in its own words).
fn invitee_bounds<'a>(
    emails: impl ExactSizeIterator<Item = &'a str>,
) -> Result<(), Vec<FieldError>> {
    let too_many = emails.len() > MAX_INVITATION_LINES;
    let mut bounds = Bounds::new();
    if too_many {
        bounds = bounds.problem(FieldError::new(
            invitation_fields::INVITEES,
            crate::FieldErrorCode::TooLong,
            format!("A list holds at most {MAX_INVITATION_LINES} addresses."),
        ));
    } else {
        for email in emails {
            bounds = bounds.trimmed(
                invitation_fields::INVITEES,
                "email address",
                email,
                caps::EMAIL,
            );
        }
    }
    bounds.finish()
}

impl BoundedInput for CheckInvitees {
    fn check_bounds(&self) -> Result<(), Vec<FieldError>> {
        invitee_bounds(self.invitees.iter().map(|invitee| invitee.email.as_str()))
    }
}

impl BoundedInput for SendInvitations {
    fn check_bounds(&self) -> Result<(), Vec<FieldError>> {
        invitee_bounds(self.invitees.iter().map(|invitee| invitee.email.as_str()))
    }
}

impl BoundedInput for crate::company_role::CompanyRoleId {
    fn check_bounds(&self) -> Result<(), Vec<FieldError>> {
        Ok(())
    }
}

impl BoundedInput for crate::company_role_form::CompanyRoleInput {
    fn check_bounds(&self) -> Result<(), Vec<FieldError>> {
        let Self {
            id: _,
            name,
            grants,
        } = self;
        let mut bounds = Bounds::new().normalized(
            crate::company_role_form::fields::NAME,
            "role name",
            name,
            crate::company_role_form::MAX_ROLE_NAME_CHARS,
        );
        // Each policy once is the parser's rule; this only bounds the request.
        if grants.len() > 2 * crate::company_role::Policy::ALL.len() {
            bounds = bounds.problem(FieldError::new(
                crate::company_role_form::fields::POLICIES,
                crate::FieldErrorCode::TooLong,
                "Grant each policy at most once.",
            ));
        }
        bounds.finish()
    }
}
