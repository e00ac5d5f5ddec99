//! Customer groups and the companies that use them, on both backends: a group a
//! company uses is not deleted (the refusal names the companies), and a sales rep
//! sees the groups of their own companies and no other.

use std::sync::Arc;

use chrono::Utc;
use desk_app::groups::{create_group, delete_group, get_group, group_members, list_groups};
use desk_app::policy::Scope;
use desk_domain::DeskError;
use desk_domain::customer_group::{
    CustomerPicks, GroupId, GroupInput, GroupListRequest, GroupMembersRequest, NewGroupRequest,
    fields,
};
use desk_domain::staff::Role;
use desk_store::Store;
use desk_tests::fixtures::{insert_company, insert_staff_member, tester};

async fn add_group(store: &dyn Store, name: &str) -> GroupId {
    create_group(
        store,
        &tester(),
        &NewGroupRequest {
            input: GroupInput {
                name: name.into(),
                description: String::new(),
            },
            customers: CustomerPicks::default(),
        },
        Utc::now(),
    )
    .await
    .unwrap_or_else(|error| panic!("adds {name}: {error:?}"))
    .group
    .id
}

async fn names_seen(store: &dyn Store, scope: Scope) -> Vec<String> {
    let request = GroupListRequest {
        limit: 50,
        ..GroupListRequest::default()
    };
    list_groups(store, scope, &request)
        .await
        .expect("lists groups")
        .items
        .into_iter()
        .map(|group| group.name)
        .collect()
}

pub async fn a_group_that_companies_use_is_not_deleted_and_the_refusal_names_them(
    store: Arc<dyn Store>,
) {
    let store = store.as_ref();
    let rep = insert_staff_member(store, "rep@example.com", &[Role::SalesRep]).await;
    let wholesale = add_group(store, "Wholesale").await;
    let unused = add_group(store, "Unused").await;
    insert_company(store, "Brix AG", wholesale, rep).await;
    insert_company(store, "Acme GmbH", wholesale, rep).await;

    let refusal = delete_group(store, &tester(), wholesale, Utc::now())
        .await
        .expect_err("a group two companies use stays");
    let DeskError::Conflict { fields: problems } = refusal else {
        panic!("a conflict, not {refusal:?}");
    };
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].field, fields::COMPANIES);
    assert!(
        problems[0]
            .message
            .contains("used by Acme GmbH and Brix AG, so it was not deleted"),
        "names the companies by name: {}",
        problems[0].message
    );
    get_group(store, Scope::Everything, wholesale)
        .await
        .expect("the group is still there");

    delete_group(store, &tester(), unused, Utc::now())
        .await
        .expect("a group no company uses is deleted");
    assert_eq!(names_seen(store, Scope::Everything).await, ["Wholesale"]);
}

pub async fn a_sales_rep_sees_the_groups_of_their_own_companies_and_no_other(
    store: Arc<dyn Store>,
) {
    let store = store.as_ref();
    let anna = insert_staff_member(store, "anna@example.com", &[Role::SalesRep]).await;
    let ben = insert_staff_member(store, "ben@example.com", &[Role::SalesRep]).await;
    let retail = add_group(store, "Retail").await;
    let wholesale = add_group(store, "Wholesale").await;
    let unused = add_group(store, "Unused").await;
    insert_company(store, "Acme GmbH", wholesale, anna).await;
    insert_company(store, "Brix AG", wholesale, anna).await;
    insert_company(store, "Cora SA", retail, ben).await;

    assert_eq!(
        names_seen(store, Scope::AssignedTo(anna)).await,
        ["Wholesale"],
        "one group, once, though two of Anna's companies use it"
    );
    assert_eq!(names_seen(store, Scope::AssignedTo(ben)).await, ["Retail"]);
    assert_eq!(
        names_seen(store, Scope::Everything).await,
        ["Retail", "Unused", "Wholesale"]
    );

    get_group(store, Scope::AssignedTo(anna), wholesale)
        .await
        .expect("Anna opens her companies' group");
    for other in [retail, unused] {
        let answer = get_group(store, Scope::AssignedTo(anna), other).await;
        assert!(
            matches!(answer, Err(DeskError::NotFound { .. })),
            "another group is not found, not forbidden (its existence does not leak): \
             {answer:?}"
        );
    }
    let members = group_members(
        store,
        Scope::AssignedTo(anna),
        &GroupMembersRequest {
            id: wholesale,
            after: None,
            limit: 50,
        },
    )
    .await;
    assert!(
        matches!(members, Err(DeskError::Unauthorized { .. })),
        "the customers in a group are not a sales rep's: {members:?}"
    );
}

contract!(
    a_group_that_companies_use_is_not_deleted_and_the_refusal_names_them,
    a_sales_rep_sees_the_groups_of_their_own_companies_and_no_other,
);
