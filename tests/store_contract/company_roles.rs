//! Company roles administrators define, on both backends: added after the built-in
//! ones, a name unique ignoring case, edited (grants replaced, changes audited in
//! words), merged most-permissively with a member's other roles, kept while a member
//! holds it, and the built-in roles left as shipped.

use std::sync::Arc;

use chrono::Utc;
use desk_app::companies::{
    add_company_members, company_roles, delete_company_role, member_policies, save_company_role,
    update_company_member,
};
use desk_app::policy::Scope;
use desk_domain::DeskError;
use desk_domain::audit::{AuditAction, AuditFilter};
use desk_domain::company_member::{AddMembers, MemberChange, MemberRef, MemberUpdate};
use desk_domain::company_role::{CompanyRole, Grant, Policy, Reach};
use desk_domain::company_role_form::{CompanyRoleInput, fields};
use desk_domain::staff::Role;
use desk_store::Store;
use desk_tests::fixtures::{insert_customer, insert_named_staff_member, tester};

use crate::company_members::{company, role};

fn grant(policy: Policy, reach: Reach) -> Grant {
    Grant { policy, reach }
}

fn refused_on(answer: &Result<Vec<CompanyRole>, DeskError>, field: &str) -> String {
    match answer {
        Err(DeskError::Conflict { fields }) if fields[0].field == field => {
            fields[0].message.clone()
        }
        other => panic!("expected a refusal on {field}: {other:?}"),
    }
}

pub async fn administrators_define_roles_that_merge_with_the_built_in_ones(store: Arc<dyn Store>) {
    let store = store.as_ref();
    let saved = save_company_role(
        store,
        &tester(),
        &CompanyRoleInput {
            id: None,
            name: " Approver ".into(),
            grants: vec![
                grant(Policy::ApproveOrders, Reach::Company),
                grant(Policy::ViewOrders, Reach::Company),
            ],
        },
        Utc::now(),
    )
    .await
    .expect("added");
    let names: Vec<&str> = saved.iter().map(|role| role.name.as_str()).collect();
    assert_eq!(
        names,
        ["Buyer", "Company admin", "Member", "Approver"],
        "built-in first, then the administrators' own"
    );
    let approver = saved.last().expect("the new role").clone();
    assert_eq!(approver.built_in, None);

    // The name is unique ignoring case.
    let twice = save_company_role(
        store,
        &tester(),
        &CompanyRoleInput {
            id: None,
            name: "APPROVER".into(),
            grants: vec![grant(Policy::ViewPrices, Reach::Company)],
        },
        Utc::now(),
    )
    .await;
    assert!(refused_on(&twice, fields::NAME).contains("exists already"));

    // Edited: renamed, a policy dropped; the log says so in words.
    let saved = save_company_role(
        store,
        &tester(),
        &CompanyRoleInput {
            id: Some(approver.id),
            name: "Order approver".into(),
            grants: vec![grant(Policy::ApproveOrders, Reach::Company)],
        },
        Utc::now(),
    )
    .await
    .expect("saved");
    let edited = saved
        .iter()
        .find(|role| role.id == approver.id)
        .expect("still there");
    assert_eq!(edited.name, "Order approver");
    assert_eq!(
        edited.grants,
        [grant(Policy::ApproveOrders, Reach::Company)]
    );
    let entries = store
        .list_audit(
            &AuditFilter {
                entity_id: Some(approver.id.to_string()),
                ..AuditFilter::default()
            },
            10,
        )
        .await
        .expect("the log");
    let changed = entries
        .iter()
        .find(|entry| entry.action == AuditAction::CompanyRoleChanged)
        .expect("an entry");
    assert!(
        changed
            .changes
            .iter()
            .any(|change| change.old.as_deref() == Some("View orders: the whole company's")),
        "{changed:?}"
    );

    // The built-in roles stay as shipped.
    let member = role(store, "Member").await;
    let built_in = save_company_role(
        store,
        &tester(),
        &CompanyRoleInput {
            id: Some(member.id),
            name: "Member".into(),
            grants: vec![grant(Policy::PlaceOrders, Reach::Company)],
        },
        Utc::now(),
    )
    .await;
    assert!(refused_on(&built_in, fields::NAME).contains("built in"));
    assert!(
        delete_company_role(store, &tester(), member.id, Utc::now())
            .await
            .is_err()
    );

    // A member with Buyer and the new role gets the widest of each, with sources.
    let rep =
        insert_named_staff_member(store, "rep@example.com", "Anna Berg", &[Role::SalesRep]).await;
    let acme = company(store, "Acme GmbH", rep).await;
    let ada = insert_customer(store, "ada@example.com", "Ada", "Lovelace").await;
    let buyer = role(store, "Buyer").await;
    add_company_members(
        store,
        &tester(),
        &AddMembers {
            company: acme,
            customers: vec![ada.id],
            roles: vec![buyer.id, approver.id],
        },
        Utc::now(),
    )
    .await
    .expect("Ada joins");
    let policies = member_policies(
        store,
        Scope::Everything,
        MemberRef {
            company: acme,
            customer: ada.id,
        },
    )
    .await
    .expect("her policies");
    let approve = policies
        .effective
        .iter()
        .find(|effective| effective.policy == Policy::ApproveOrders)
        .expect("may approve");
    assert_eq!(approve.reach, Reach::Company);
    assert_eq!(approve.from, ["Order approver"]);

    // Held by a member: not removed, and the refusal says by how many.
    let held = delete_company_role(store, &tester(), approver.id, Utc::now()).await;
    assert!(refused_on(&held, fields::NAME).contains("1 member holds it"));
    update_company_member(
        store,
        &tester(),
        &MemberUpdate {
            company: acme,
            customer: ada.id,
            change: MemberChange::Roles(vec![buyer.id]),
        },
        Utc::now(),
    )
    .await
    .expect("the role taken from her");
    let left = delete_company_role(store, &tester(), approver.id, Utc::now())
        .await
        .expect("removed");
    assert!(left.iter().all(|role| role.id != approver.id));
    assert_eq!(company_roles(store).await.expect("roles").len(), 3);
}

contract!(administrators_define_roles_that_merge_with_the_built_in_ones);
