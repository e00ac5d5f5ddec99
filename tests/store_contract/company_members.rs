//! A company's members on both backends (seed 004): adding existing customers with
//! roles, the most permissive merge of several roles, the contact person rule (a
//! member; removed only after another is set), deactivating and removing, and a
//! sales rep reading only their own companies' members.

use std::sync::Arc;

use chrono::Utc;
use desk_app::companies::{
    add_company_members, company_members, company_roles, get_company, member_policies,
    update_company_member,
};
use desk_app::policy::Scope;
use desk_domain::DeskError;
use desk_domain::company::CompanyId;
use desk_domain::company_member::{
    AddMembers, MemberChange, MemberRef, MemberUpdate, MembersRequest, fields,
};
use desk_domain::company_role::{CompanyRole, Policy, Reach};
use desk_domain::customer::CustomerId;
use desk_domain::staff::{Role, StaffId};
use desk_store::Store;
use desk_tests::fixtures::{insert_customer, insert_named_staff_member, tester};

pub(crate) async fn company(store: &dyn Store, name: &str, rep: StaffId) -> CompanyId {
    desk_tests::fixtures::create_company_in_own_group(store, name, rep).await
}

pub(crate) async fn role(store: &dyn Store, name: &str) -> CompanyRole {
    company_roles(store)
        .await
        .expect("roles")
        .into_iter()
        .find(|role| role.name == name)
        .unwrap_or_else(|| panic!("a role named {name}"))
}

async fn change(
    store: &dyn Store,
    company: CompanyId,
    customer: CustomerId,
    change: MemberChange,
) -> Result<(), DeskError> {
    update_company_member(
        store,
        &tester(),
        &MemberUpdate {
            company,
            customer,
            change,
        },
        Utc::now(),
    )
    .await
}

pub(crate) async fn member_names(
    store: &dyn Store,
    scope: Scope,
    company: CompanyId,
) -> Vec<String> {
    company_members(
        store,
        scope,
        &MembersRequest {
            company,
            after: None,
            limit: 50,
        },
    )
    .await
    .expect("members")
    .items
    .iter()
    .map(|member| member.name())
    .collect()
}

pub async fn members_get_roles_whose_most_permissive_merge_is_shown_with_its_sources(
    store: Arc<dyn Store>,
) {
    let store = store.as_ref();
    let rep =
        insert_named_staff_member(store, "rep@example.com", "Anna Berg", &[Role::SalesRep]).await;
    let acme = company(store, "Acme GmbH", rep).await;
    let ada = insert_customer(store, "ada@example.com", "Ada", "Lovelace").await;
    let bob = insert_customer(store, "bob@example.com", "Bob", "Baker").await;
    let member = role(store, "Member").await;
    let buyer = role(store, "Buyer").await;
    let admin = role(store, "Company admin").await;

    let added = add_company_members(
        store,
        &tester(),
        &AddMembers {
            company: acme,
            customers: vec![ada.id, bob.id, ada.id],
            roles: vec![member.id, buyer.id],
        },
        Utc::now(),
    )
    .await
    .expect("adds");
    assert_eq!((added.added, added.already), (2, 0));
    let again = add_company_members(
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
    .expect("adds none");
    assert_eq!(
        (again.added, again.already),
        (0, 1),
        "a member stays as they were"
    );

    let page = company_members(
        store,
        Scope::Everything,
        &MembersRequest {
            company: acme,
            after: None,
            limit: 1,
        },
    )
    .await
    .expect("members");
    assert_eq!(page.items[0].name(), "Bob Baker", "by last name");
    let roles: Vec<&str> = page.items[0]
        .roles
        .iter()
        .map(|r| r.name.as_str())
        .collect();
    assert_eq!(roles, ["Buyer", "Member"]);
    let second = company_members(
        store,
        Scope::Everything,
        &MembersRequest {
            company: acme,
            after: page.next.clone(),
            limit: 1,
        },
    )
    .await
    .expect("the next page");
    assert_eq!(second.items[0].name(), "Ada Lovelace");

    // Member and Buyer: orders their own; with Company admin too, the company's.
    let policies = member_policies(
        store,
        Scope::Everything,
        MemberRef {
            company: acme,
            customer: ada.id,
        },
    )
    .await
    .expect("policies");
    let view_orders = policies
        .effective
        .iter()
        .find(|p| p.policy == Policy::ViewOrders)
        .expect("granted");
    assert_eq!(view_orders.reach, Reach::Own);
    assert_eq!(view_orders.from, ["Buyer", "Member"]);
    change(
        store,
        acme,
        ada.id,
        MemberChange::Roles(vec![buyer.id, admin.id]),
    )
    .await
    .expect("changes roles");
    let policies = member_policies(
        store,
        Scope::Everything,
        MemberRef {
            company: acme,
            customer: ada.id,
        },
    )
    .await
    .expect("policies");
    let view_orders = policies
        .effective
        .iter()
        .find(|p| p.policy == Policy::ViewOrders)
        .expect("granted");
    assert_eq!(
        view_orders.reach,
        Reach::Company,
        "the most permissive wins"
    );
    assert_eq!(view_orders.from, ["Company admin"]);
    assert!(
        policies
            .effective
            .iter()
            .any(|p| p.policy == Policy::ApproveOrders)
    );

    let refused = change(store, acme, ada.id, MemberChange::Roles(Vec::new()))
        .await
        .expect_err("no roles");
    let DeskError::Validation { fields: problems } = refused else {
        panic!("a field problem, not {refused:?}");
    };
    assert_eq!(problems[0].field, fields::ROLES);
}

pub async fn the_contact_person_is_a_member_and_leaves_only_after_another_is_set(
    store: Arc<dyn Store>,
) {
    let store = store.as_ref();
    let rep =
        insert_named_staff_member(store, "rep@example.com", "Anna Berg", &[Role::SalesRep]).await;
    let acme = company(store, "Acme GmbH", rep).await;
    let ada = insert_customer(store, "ada@example.com", "Ada", "Lovelace").await;
    let bob = insert_customer(store, "bob@example.com", "Bob", "Baker").await;
    let stranger = insert_customer(store, "cy@example.com", "Cy", "Stranger").await;
    let member = role(store, "Member").await;
    add_company_members(
        store,
        &tester(),
        &AddMembers {
            company: acme,
            customers: vec![ada.id, bob.id],
            roles: vec![member.id],
        },
        Utc::now(),
    )
    .await
    .expect("adds");

    let refused = change(store, acme, stranger.id, MemberChange::MakeContact)
        .await
        .expect_err("not a member");
    assert!(
        matches!(refused, DeskError::NotFound { .. }),
        "someone else is not a member: {refused:?}"
    );
    change(store, acme, ada.id, MemberChange::MakeContact)
        .await
        .expect("Ada is a member");
    let profile = get_company(store, Scope::Everything, acme)
        .await
        .expect("reads");
    assert_eq!(
        profile.contact.as_ref().map(|c| c.name.as_str()),
        Some("Ada Lovelace")
    );

    let refused = change(store, acme, ada.id, MemberChange::Remove)
        .await
        .expect_err("the contact person stays");
    let DeskError::Conflict { fields: problems } = refused else {
        panic!("a conflict, not {refused:?}");
    };
    assert!(
        problems[0]
            .message
            .contains("Make another member the contact person first"),
        "{}",
        problems[0].message
    );
    assert_eq!(
        member_names(store, Scope::Everything, acme).await,
        ["Bob Baker", "Ada Lovelace"]
    );

    change(store, acme, bob.id, MemberChange::MakeContact)
        .await
        .expect("Bob takes over");
    change(store, acme, ada.id, MemberChange::Active(false))
        .await
        .expect("deactivates");
    change(store, acme, ada.id, MemberChange::Remove)
        .await
        .expect("Ada leaves now");
    assert_eq!(
        member_names(store, Scope::Everything, acme).await,
        ["Bob Baker"]
    );
}

pub async fn a_sales_rep_reads_only_their_own_companies_members(store: Arc<dyn Store>) {
    let store = store.as_ref();
    let anna =
        insert_named_staff_member(store, "anna@example.com", "Anna Berg", &[Role::SalesRep]).await;
    let ben =
        insert_named_staff_member(store, "ben@example.com", "Ben Cole", &[Role::SalesRep]).await;
    let acme = company(store, "Acme GmbH", anna).await;
    let brix = company(store, "Brix AG", ben).await;
    let ada = insert_customer(store, "ada@example.com", "Ada", "Lovelace").await;
    let member = role(store, "Member").await;
    for company in [acme, brix] {
        add_company_members(
            store,
            &tester(),
            &AddMembers {
                company,
                customers: vec![ada.id],
                roles: vec![member.id],
            },
            Utc::now(),
        )
        .await
        .expect("adds");
    }
    assert_eq!(
        member_names(store, Scope::AssignedTo(anna), acme).await,
        ["Ada Lovelace"]
    );
    let answer = company_members(
        store,
        Scope::AssignedTo(anna),
        &MembersRequest {
            company: brix,
            after: None,
            limit: 50,
        },
    )
    .await;
    assert!(
        matches!(answer, Err(DeskError::NotFound { .. })),
        "Ben's company's members are not found for Anna: {answer:?}"
    );
}

contract!(
    members_get_roles_whose_most_permissive_merge_is_shown_with_its_sources,
    the_contact_person_is_a_member_and_leaves_only_after_another_is_set,
    a_sales_rep_reads_only_their_own_companies_members,
);
