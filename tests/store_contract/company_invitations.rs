//! Invitations on both backends: who cannot be invited (members, invited already),
//! sending with a link and an email each, resending (the old link stops working),
//! revoking, expiry, and accepting with the link, which links an existing customer
//! or registers a new one as a member with the invited role.

use std::sync::Arc;

use chrono::{Duration, Utc};
use desk_app::companies::{
    Inviter, Registration, accept_invitation, add_company_members, check_invitees,
    company_invitations, resend_invitation, revoke_invitation, send_invitations,
};
use desk_app::policy::Scope;
use desk_domain::audit::{AuditAction, AuditFilter};
use desk_domain::company::CompanyId;
use desk_domain::company_invitation::{
    AcceptRefusal, CheckInvitees, CompanyInvitation, InvitationRef, InvitationStatus,
    InvitationsRequest, InviteeConflict, InviteeLine, InviteeRequest, SendInvitations,
};
use desk_domain::company_member::AddMembers;
use desk_domain::staff::Role;
use desk_store::{OutboxQuery, Store};
use desk_tests::fixtures::{insert_customer, insert_named_staff_member, tester, with_storefront};

use crate::company_members::{company, member_names, role};

fn inviter() -> Inviter {
    Inviter {
        by: tester(),
        name: "Sam Sales".into(),
        scope: Scope::Everything,
    }
}

async fn invitations(store: &dyn Store, company: CompanyId, days: i64) -> Vec<CompanyInvitation> {
    company_invitations(
        store,
        Scope::Everything,
        &InvitationsRequest {
            company,
            before: None,
            limit: 50,
        },
        Utc::now() + Duration::days(days),
        true,
    )
    .await
    .expect("invitations")
    .items
}

fn of<'a>(list: &'a [CompanyInvitation], email: &str) -> &'a CompanyInvitation {
    list.iter()
        .find(|invitation| invitation.email.eq_ignore_ascii_case(email))
        .unwrap_or_else(|| panic!("an invitation to {email}"))
}

fn token(invitation: &CompanyInvitation) -> String {
    let link = invitation
        .link
        .as_deref()
        .expect("a pending invitation's link");
    assert!(link.starts_with("https://shop.example.com/links/invitation?token="));
    link.rsplit_once("token=").expect("a token").1.to_owned()
}

fn line(line: usize, email: &str, role: &desk_domain::company_role::CompanyRole) -> InviteeRequest {
    InviteeRequest {
        line,
        email: email.into(),
        role: role.id,
    }
}

fn named(first: &str, last: &str) -> Registration {
    Registration {
        first_name: first.into(),
        last_name: last.into(),
    }
}

pub async fn invitations_are_sent_resent_revoked_and_accepted_by_link(store: Arc<dyn Store>) {
    let store = store.as_ref();
    with_storefront(store).await;
    let rep =
        insert_named_staff_member(store, "rep@example.com", "Anna Berg", &[Role::SalesRep]).await;
    let acme = company(store, "Acme GmbH", rep).await;
    let ada = insert_customer(store, "ada@example.com", "Ada", "Lovelace").await;
    let bob = insert_customer(store, "bob@example.com", "Bob", "Baker").await;
    let (member, buyer, admin) = (
        role(store, "Member").await,
        role(store, "Buyer").await,
        role(store, "Company admin").await,
    );
    add_company_members(
        store,
        &tester(),
        &AddMembers {
            company: acme,
            customers: vec![ada.id],
            roles: vec![member.id],
        },
        Utc::now(),
    )
    .await
    .expect("Ada joins");

    // The dialog's preview: a member is named with her line; others pass.
    let refused = check_invitees(
        store,
        Scope::Everything,
        &CheckInvitees {
            company: acme,
            invitees: vec![
                InviteeLine {
                    line: 1,
                    email: "ADA@example.com".into(),
                },
                InviteeLine {
                    line: 2,
                    email: "carl@example.com".into(),
                },
            ],
        },
        Utc::now(),
    )
    .await
    .expect("checks");
    assert_eq!(refused.len(), 1, "{refused:?}");
    assert_eq!(refused[0].line, 1);
    assert_eq!(
        refused[0].conflict,
        InviteeConflict::AlreadyMember {
            name: "Ada Lovelace".into()
        }
    );

    let sent = send_invitations(
        store,
        &inviter(),
        &SendInvitations {
            company: acme,
            invitees: vec![
                line(1, "ada@example.com", &member),
                line(2, "carl@example.com", &buyer),
                line(3, "dora@example.com", &member),
                line(4, "Bob@Example.com", &admin),
            ],
        },
        Utc::now(),
    )
    .await
    .expect("sends");
    assert_eq!(sent.sent, 3);
    assert_eq!(sent.refused.len(), 1);
    assert_eq!(sent.refused[0].line, 1, "Ada stays listed: {sent:?}");

    // Each invitee has an email with their own link, queued through the outbox.
    let list = invitations(store, acme, 0).await;
    assert_eq!(list.len(), 3);
    let outbox = store
        .list_outbox(&OutboxQuery {
            limit: 50,
            ..OutboxQuery::default()
        })
        .await
        .expect("the outbox");
    for invitation in &list {
        assert_eq!(invitation.status, InvitationStatus::Pending);
        assert_eq!(invitation.invited_by, "Sam Sales");
        let link = invitation.link.clone().expect("a link");
        let email = outbox
            .iter()
            .find(|entry| entry.message.recipient == invitation.email)
            .unwrap_or_else(|| panic!("an email to {}", invitation.email));
        assert_eq!(email.message.template, "invitation");
        assert!(
            email.message.body_text.contains(&link),
            "the email holds the link"
        );
        assert!(email.message.body_text.contains("Acme GmbH"));
    }
    assert_eq!(of(&list, "carl@example.com").role_name, "Buyer");

    // Invited already: refused on the next list, whatever the case.
    let again = send_invitations(
        store,
        &inviter(),
        &SendInvitations {
            company: acme,
            invitees: vec![line(7, "CARL@example.com", &member)],
        },
        Utc::now(),
    )
    .await
    .expect("answers");
    assert_eq!(again.sent, 0);
    assert_eq!(
        again.refused[0].conflict,
        InviteeConflict::AlreadyInvited { expired: false }
    );
    assert_eq!(again.refused[0].line, 7);

    // Resending gives a new link; the old one stops working.
    let dora = of(&list, "dora@example.com").clone();
    let old_token = token(&dora);
    resend_invitation(
        store,
        &inviter(),
        InvitationRef {
            company: acme,
            invitation: dora.id,
        },
        Utc::now(),
    )
    .await
    .expect("resends");
    let new_token = token(of(&invitations(store, acme, 0).await, "dora@example.com"));
    assert_ne!(old_token, new_token);
    assert_eq!(
        accept_invitation(store, &old_token, &named("Dora", "Diaz"), Utc::now())
            .await
            .expect("answers"),
        Err(AcceptRefusal::Replaced)
    );

    // Revoking: the link stops working and the list says so.
    let carl = of(&list, "carl@example.com").clone();
    revoke_invitation(
        store,
        &tester(),
        Scope::Everything,
        InvitationRef {
            company: acme,
            invitation: carl.id,
        },
        Utc::now(),
    )
    .await
    .expect("revokes");
    assert_eq!(
        accept_invitation(store, &token(&carl), &named("Carl", "Cruz"), Utc::now())
            .await
            .expect("answers"),
        Err(AcceptRefusal::Revoked)
    );
    let carl_now = of(&invitations(store, acme, 0).await, "carl@example.com").clone();
    assert_eq!(carl_now.status, InvitationStatus::Revoked);
    assert_eq!(carl_now.link, None);
    assert!(
        resend_invitation(
            store,
            &inviter(),
            InvitationRef {
                company: acme,
                invitation: carl.id,
            },
            Utc::now(),
        )
        .await
        .is_err(),
        "a revoked invitation is not resent"
    );

    // An existing customer is linked with the invited role; the link works once.
    let bob_token = token(of(&list, "bob@example.com"));
    let accepted = accept_invitation(store, &bob_token, &Registration::default(), Utc::now())
        .await
        .expect("answers")
        .expect("accepted");
    assert_eq!(accepted.customer, bob.id);
    assert!(!accepted.created);
    assert_eq!(
        accept_invitation(store, &bob_token, &Registration::default(), Utc::now())
            .await
            .expect("answers"),
        Err(AcceptRefusal::Used)
    );
    assert_eq!(
        store.member_roles(acme, bob.id).await.expect("Bob's roles"),
        vec![admin.id]
    );

    // A new person needs names, then is registered, verified, and a member.
    assert_eq!(
        accept_invitation(store, &new_token, &named("", "Diaz"), Utc::now())
            .await
            .expect("answers"),
        Err(AcceptRefusal::NameRequired)
    );
    let dora_joined = accept_invitation(store, &new_token, &named("Dora", "Diaz"), Utc::now())
        .await
        .expect("answers")
        .expect("accepted");
    assert!(dora_joined.created);
    let dora_record = store
        .customer_by_id(dora_joined.customer)
        .await
        .expect("reads")
        .expect("Dora exists");
    assert_eq!(dora_record.email.as_str(), "dora@example.com");
    assert!(
        dora_record.verified_at.is_some(),
        "the link verified her address"
    );
    assert_eq!(
        member_names(store, Scope::Everything, acme).await,
        vec!["Bob Baker", "Dora Diaz", "Ada Lovelace"]
    );
    let after = invitations(store, acme, 0).await;
    assert_eq!(
        of(&after, "dora@example.com").status,
        InvitationStatus::Accepted
    );
    assert_eq!(
        of(&after, "dora@example.com").accepted_by.as_deref(),
        Some("Dora Diaz")
    );

    // Unknown and wrong-purpose tokens are told apart.
    assert_eq!(
        accept_invitation(store, "no-such-token", &named("A", "B"), Utc::now())
            .await
            .expect("answers"),
        Err(AcceptRefusal::Unknown)
    );

    // Every step is in the company's history, in words.
    let entries = store
        .list_audit(
            &AuditFilter {
                entity_id: Some(acme.to_string()),
                ..AuditFilter::default()
            },
            100,
        )
        .await
        .expect("the log");
    for action in [
        AuditAction::InvitationsSent,
        AuditAction::InvitationResent,
        AuditAction::InvitationRevoked,
        AuditAction::InvitationAccepted,
    ] {
        assert!(
            entries
                .iter()
                .any(|entry| entry.action == action && entry.entity_id == acme.to_string()),
            "an entry {action:?}"
        );
    }
}

pub async fn an_invitation_expires_and_a_resend_renews_it(store: Arc<dyn Store>) {
    let store = store.as_ref();
    with_storefront(store).await;
    let rep =
        insert_named_staff_member(store, "rep@example.com", "Anna Berg", &[Role::SalesRep]).await;
    let acme = company(store, "Acme GmbH", rep).await;
    let member = role(store, "Member").await;
    send_invitations(
        store,
        &inviter(),
        &SendInvitations {
            company: acme,
            invitees: vec![line(1, "eve@example.com", &member)],
        },
        Utc::now(),
    )
    .await
    .expect("sends");
    let later = invitations(store, acme, 15).await;
    let eve = of(&later, "eve@example.com").clone();
    assert_eq!(eve.status, InvitationStatus::Expired);
    assert_eq!(eve.link, None, "an expired link is not offered to copy");
    let token = token(of(&invitations(store, acme, 0).await, "eve@example.com"));
    assert_eq!(
        accept_invitation(
            store,
            &token,
            &named("Eve", "Ek"),
            Utc::now() + Duration::days(15)
        )
        .await
        .expect("answers"),
        Err(AcceptRefusal::Expired)
    );
    // Still invited: a new list names the expired invitation, to resend it.
    let refused = check_invitees(
        store,
        Scope::Everything,
        &CheckInvitees {
            company: acme,
            invitees: vec![InviteeLine {
                line: 1,
                email: "eve@example.com".into(),
            }],
        },
        Utc::now() + Duration::days(15),
    )
    .await
    .expect("checks");
    assert_eq!(
        refused[0].conflict,
        InviteeConflict::AlreadyInvited { expired: true }
    );
    resend_invitation(
        store,
        &inviter(),
        InvitationRef {
            company: acme,
            invitation: eve.id,
        },
        Utc::now() + Duration::days(15),
    )
    .await
    .expect("resends");
    let renewed = invitations(store, acme, 15).await;
    assert_eq!(
        of(&renewed, "eve@example.com").status,
        InvitationStatus::Pending
    );
    // A sales rep reads their own company's invitations; another company's are
    // "not found".
    let other_rep =
        insert_named_staff_member(store, "ben@example.com", "Ben Cole", &[Role::SalesRep]).await;
    let answer = company_invitations(
        store,
        Scope::AssignedTo(other_rep),
        &InvitationsRequest {
            company: acme,
            before: None,
            limit: 10,
        },
        Utc::now(),
        false,
    )
    .await;
    assert!(
        matches!(answer, Err(desk_domain::DeskError::NotFound { .. })),
        "{answer:?}"
    );
}

pub async fn erasing_a_customer_reaches_their_invitations(store: Arc<dyn Store>) {
    let store = store.as_ref();
    with_storefront(store).await;
    let rep =
        insert_named_staff_member(store, "rep@example.com", "Anna Berg", &[Role::SalesRep]).await;
    let acme = company(store, "Acme GmbH", rep).await;
    let member = role(store, "Member").await;
    let bob = insert_customer(store, "bob@example.com", "Bob", "Baker").await;
    send_invitations(
        store,
        &inviter(),
        &SendInvitations {
            company: acme,
            invitees: vec![line(1, "Bob@Example.com", &member)],
        },
        Utc::now(),
    )
    .await
    .expect("sends");
    let token = token(of(&invitations(store, acme, 0).await, "bob@example.com"));
    desk_app::customers::erase_customer(store, &tester(), bob.id, Utc::now())
        .await
        .expect("erases Bob");
    let after = invitations(store, acme, 0).await;
    assert_eq!(after.len(), 1);
    assert!(!after[0].email.contains("bob"), "{:?}", after[0].email);
    assert_eq!(after[0].status, InvitationStatus::Revoked);
    assert_eq!(after[0].link, None);
    assert_eq!(
        accept_invitation(store, &token, &named("Bob", "Baker"), Utc::now())
            .await
            .expect("answers"),
        Err(AcceptRefusal::Revoked)
    );
    let outbox = store
        .list_outbox(&OutboxQuery {
            limit: 10,
            ..OutboxQuery::default()
        })
        .await
        .expect("the outbox");
    let email = outbox
        .iter()
        .find(|entry| entry.message.template == "invitation")
        .expect("the invitation email");
    assert_eq!(email.message.recipient, "erased@erased.invalid");
    assert!(!email.message.body_text.contains("bob"));
}

contract!(
    invitations_are_sent_resent_revoked_and_accepted_by_link,
    an_invitation_expires_and_a_resend_renews_it,
    erasing_a_customer_reaches_their_invitations,
);
