//! Customer groups on both backends: adding with ticked customers and whole
//! searches in one save, unique names ignoring case, edits that merge with another
//! person's at the same time, "De-select all", the list's sorts and search, bulk
//! assignment from the customer list, and erasure and deletion leaving no stale
//! assignment behind.

use std::collections::BTreeSet;
use std::sync::Arc;

use chrono::Utc;
use desk_app::audit::list_audit;
use desk_app::customers::{count_customers, customer_history, erase_customer};
use desk_app::groups::{
    bulk_assign_group, create_group, customer_groups, delete_group, get_group, group_members,
    groups_of_customers, list_groups, update_group,
};
use desk_app::policy::Scope;
use desk_domain::DeskError;
use desk_domain::audit::{AuditAction, AuditFilter, EntityType};
use desk_domain::customer::CustomerId;
use desk_domain::customer_bulk::CustomerSelection;
use desk_domain::customer_group::{
    CustomerPicks, GroupInput, GroupListRequest, GroupMembersRequest, GroupQuery, GroupSort,
    GroupUpdate, NewGroupRequest, SavedGroup, fields,
};
use desk_domain::customer_list::{CustomerFilter, CustomerQuery, SortDirection};
use desk_domain::staff::StaffId;
use desk_store::Store;

use crate::customer_list::store_people;

fn input(name: &str, description: &str) -> GroupInput {
    GroupInput {
        name: name.into(),
        description: description.into(),
    }
}

fn gmail() -> CustomerQuery {
    CustomerQuery {
        filter: CustomerFilter {
            search: "gmail".into(),
            ..CustomerFilter::default()
        },
        ..CustomerQuery::default()
    }
}

async fn add(store: &dyn Store, name: &str, ticked: Vec<CustomerId>) -> SavedGroup {
    create_group(
        store,
        &desk_tests::fixtures::tester(),
        &NewGroupRequest {
            input: input(name, ""),
            customers: CustomerPicks {
                ticked,
                all_of: Vec::new(),
            },
        },
        Utc::now(),
    )
    .await
    .unwrap_or_else(|error| panic!("adds {name}: {error:?}"))
}

async fn member_ids(store: &dyn Store, saved: &SavedGroup) -> BTreeSet<CustomerId> {
    group_members(
        store,
        Scope::Everything,
        &GroupMembersRequest {
            id: saved.group.id,
            after: None,
            limit: 200,
        },
    )
    .await
    .expect("lists members")
    .items
    .iter()
    .map(|customer| customer.id)
    .collect()
}

fn edit(saved: &SavedGroup) -> GroupUpdate {
    GroupUpdate {
        id: saved.group.id,
        version: saved.group.version,
        opened: saved.group.input(),
        input: saved.group.input(),
        ..GroupUpdate::default()
    }
}

pub async fn a_group_is_added_with_ticked_customers_and_a_whole_search_in_one_save(
    store: Arc<dyn Store>,
) {
    let store = store.as_ref();
    let people = store_people(store).await;
    let by = desk_tests::fixtures::tester();
    // Ticked Bob Baker and Ann Müller, plus every gmail customer but Zoë.
    let saved = create_group(
        store,
        &by,
        &NewGroupRequest {
            input: input("  Wholesale  ", "Resellers in Europe"),
            customers: CustomerPicks {
                ticked: vec![people[6].id, people[0].id],
                all_of: vec![CustomerSelection::AllMatching {
                    query: Box::new(gmail()),
                    except: vec![people[3].id],
                    after: None,
                }],
            },
        },
        Utc::now(),
    )
    .await
    .expect("adds the group");
    assert_eq!(saved.group.name, "Wholesale");
    // Bob, Ann Müller (also a gmail customer: counted once), Émile, Ann Lee, Milla.
    let expected: BTreeSet<CustomerId> = [0, 5, 6, 7, 12].iter().map(|n| people[*n].id).collect();
    assert_eq!(saved.added, 5);
    assert_eq!(saved.group.member_count, 5);
    assert_eq!(member_ids(store, &saved).await, expected);
    let count = count_customers(
        store,
        &CustomerQuery {
            filter: CustomerFilter {
                group: Some(saved.group.id),
                ..CustomerFilter::default()
            },
            ..CustomerQuery::default()
        },
    )
    .await
    .expect("counts");
    assert_eq!(count, 5, "the customer list filters by the group");
    let groups = customer_groups(store, people[6].id).await.expect("groups");
    assert_eq!(groups.len(), 1);
    assert_eq!(groups[0].name, "Wholesale");
    // A page's worth at once, for the list's column: in the order asked, none for ann.
    let of_page = groups_of_customers(store, &[people[1].id, people[6].id])
        .await
        .expect("groups of a page");
    assert_eq!(of_page[0].id, people[1].id);
    assert!(of_page[0].groups.is_empty());
    assert_eq!(of_page[1].groups[0].name, "Wholesale");
    let history = customer_history(store, people[6].id, None)
        .await
        .expect("history");
    let newest = &history.items[0];
    assert_eq!(newest.action, AuditAction::AddedToGroup);
    assert_eq!(newest.changes[0].new.as_deref(), Some("Wholesale"));
    // One entry per customer added, written by one statement: each with an id of its
    // own, time-ordered (version 7), ascending in the order of the customers' ids.
    let log = list_audit(
        store,
        &AuditFilter {
            entity_type: Some(EntityType::Customer),
            limit: 200,
            ..AuditFilter::default()
        },
    )
    .await
    .expect("the log");
    let mut added: Vec<_> = log
        .items
        .iter()
        .filter(|entry| entry.action == AuditAction::AddedToGroup)
        .collect();
    added.sort_by_key(|entry| entry.id);
    assert_eq!(added.len(), 5);
    assert!(added.iter().all(|entry| entry.id.get_version_num() == 7));
    let about: Vec<&str> = added.iter().map(|entry| entry.entity_id.as_str()).collect();
    let mut in_customer_order = about.clone();
    in_customer_order.sort_unstable();
    in_customer_order.dedup();
    assert_eq!(
        about, in_customer_order,
        "ids ascend with the customers, none twice"
    );

    // The same name in other case is taken.
    let refused = create_group(
        store,
        &by,
        &NewGroupRequest {
            input: input("WHOLESALE", ""),
            customers: CustomerPicks::default(),
        },
        Utc::now(),
    )
    .await;
    assert!(
        matches!(&refused, Err(DeskError::Validation { fields: problems })
            if problems[0].field == fields::NAME && problems[0].message.contains("exists already")),
        "{refused:?}"
    );
    assert!(
        get_group(store, Scope::AssignedTo(StaffId::default()), saved.group.id)
            .await
            .is_err(),
        "a sales rep sees no group that is not one of their companies'"
    );
}

pub async fn two_people_editing_one_group_at_once_both_keep_their_assignments(
    store: Arc<dyn Store>,
) {
    let people = store_people(store.as_ref()).await;
    let saved = add(store.as_ref(), "VIP", vec![people[0].id]).await;
    let by = desk_tests::fixtures::tester();
    let mut first = edit(&saved);
    first.add.ticked = vec![people[1].id, people[2].id];
    let mut second = edit(&saved);
    second.add.ticked = vec![people[3].id];
    second.remove = vec![people[0].id];
    let (a, b) = tokio::join!(
        update_group(store.as_ref(), &by, &first, Utc::now()),
        update_group(store.as_ref(), &by, &second, Utc::now()),
    );
    a.expect("the first save");
    b.expect("the second save");
    let group = get_group(store.as_ref(), Scope::Everything, saved.group.id)
        .await
        .expect("reads");
    let expected: BTreeSet<CustomerId> = [1, 2, 3].iter().map(|n| people[*n].id).collect();
    assert_eq!(
        member_ids(
            store.as_ref(),
            &SavedGroup {
                group: group.clone(),
                added: 0,
                removed: 0
            }
        )
        .await,
        expected
    );
    assert_eq!(group.member_count, 3, "the count follows both saves");
    assert_eq!(group.version, saved.group.version + 2);

    // Renaming on a form opened before someone else renamed the group is refused,
    // with the name stored now to choose from; nothing of that save is kept.
    let mut first_rename = edit(&SavedGroup {
        group: group.clone(),
        added: 0,
        removed: 0,
    });
    first_rename.input.name = "VIP gold".into();
    update_group(store.as_ref(), &by, &first_rename, Utc::now())
        .await
        .expect("renames");
    // A save from the old form that only assigns someone keeps the new name.
    let mut members_only = edit(&saved);
    members_only.add.ticked = vec![people[4].id];
    let kept = update_group(store.as_ref(), &by, &members_only, Utc::now())
        .await
        .expect("assigns without a conflict");
    assert_eq!(
        kept.group.name, "VIP gold",
        "someone else's rename is not undone"
    );
    assert_eq!(kept.group.member_count, 4);
    let mut late_rename = edit(&saved);
    late_rename.input.name = "VIP customers".into();
    late_rename.add.ticked = vec![people[5].id];
    let refused = update_group(store.as_ref(), &by, &late_rename, Utc::now()).await;
    assert!(
        matches!(&refused, Err(DeskError::EditConflict { fields: stored, .. })
            if stored.len() == 1 && stored[0].field == fields::NAME && stored[0].stored == "VIP gold"),
        "{refused:?}"
    );
    let group = get_group(store.as_ref(), Scope::Everything, saved.group.id)
        .await
        .expect("reads");
    assert_eq!(group.member_count, 4, "the refused save assigned no one");
}

pub async fn de_select_all_unassigns_those_the_form_showed_and_no_one_added_since(
    store: Arc<dyn Store>,
) {
    let people = store_people(store.as_ref()).await;
    let store = store.as_ref();
    let by = desk_tests::fixtures::tester();
    let opened = add(
        store,
        "Newsletter",
        vec![people[0].id, people[1].id, people[2].id],
    )
    .await;
    // Someone adds Liam while the form is open.
    let mut other = edit(&opened);
    other.add.ticked = vec![people[4].id];
    update_group(store, &by, &other, Utc::now())
        .await
        .expect("adds Liam");
    let mut deselect = edit(&opened);
    deselect.remove_all = true;
    let saved = update_group(store, &by, &deselect, Utc::now())
        .await
        .expect("de-selects all");
    assert_eq!((saved.added, saved.removed), (0, 3));
    assert_eq!(saved.group.member_count, 1);
    assert_eq!(
        member_ids(store, &saved).await,
        BTreeSet::from([people[4].id]),
        "Liam, added after the form opened, stays"
    );
    let history = customer_history(store, people[1].id, None)
        .await
        .expect("history");
    assert_eq!(history.items[0].action, AuditAction::RemovedFromGroup);
}

pub async fn the_groups_list_sorts_searches_and_pages(store: Arc<dyn Store>) {
    let people = store_people(store.as_ref()).await;
    let store = store.as_ref();
    for (name, members) in [
        ("Zürich partners", 1),
        ("Ärzte", 3),
        ("Bakers", 0),
        ("wholesale", 2),
        ("Agencies", 4),
    ] {
        add(
            store,
            name,
            people[..members].iter().map(|p| p.id).collect(),
        )
        .await;
    }
    let page_through = |query: GroupQuery| async move {
        let mut request = GroupListRequest {
            query,
            after: None,
            limit: 2,
        };
        let mut names = Vec::new();
        loop {
            let page = list_groups(store, Scope::Everything, &request)
                .await
                .expect("lists");
            names.extend(page.items.into_iter().map(|group| group.name));
            match page.next {
                Some(next) => request.after = Some(next),
                None => break names,
            }
        }
    };
    assert_eq!(
        page_through(GroupQuery::default()).await,
        [
            "Agencies",
            "Ärzte",
            "Bakers",
            "wholesale",
            "Zürich partners"
        ],
        "by name as a person reads it: Ä with the A's, case aside"
    );
    assert_eq!(
        page_through(GroupQuery {
            sort: GroupSort::Customers,
            direction: SortDirection::Descending,
            ..GroupQuery::default()
        })
        .await,
        [
            "Agencies",
            "Ärzte",
            "wholesale",
            "Zürich partners",
            "Bakers"
        ]
    );
    assert_eq!(
        page_through(GroupQuery {
            search: "zuri".into(),
            ..GroupQuery::default()
        })
        .await,
        ["Zürich partners"],
        "search ignores accents and case"
    );
    let none = list_groups(
        store,
        Scope::AssignedTo(StaffId::default()),
        &GroupListRequest::default(),
    )
    .await
    .expect("lists");
    assert!(
        none.items.is_empty(),
        "a sales rep without companies sees no group"
    );
}

pub async fn a_list_selection_is_assigned_and_removed_in_bulk(store: Arc<dyn Store>) {
    let people = store_people(store.as_ref()).await;
    let store = store.as_ref();
    let by = desk_tests::fixtures::tester();
    let saved = add(store, "Gmail users", vec![people[6].id]).await;
    let selection = || CustomerSelection::AllMatching {
        query: Box::new(gmail()),
        except: Vec::new(),
        after: None,
    };
    let progress = bulk_assign_group(
        store,
        &by,
        &desk_domain::customer_group::GroupBulkRequest {
            group: saved.group.id,
            selection: selection(),
            assign: true,
        },
        Utc::now(),
    )
    .await
    .expect("assigns");
    assert_eq!((progress.looked_at, progress.changed), (5, 5));
    let group = get_group(store, Scope::Everything, saved.group.id)
        .await
        .expect("reads");
    assert_eq!(group.member_count, 6);
    let progress = bulk_assign_group(
        store,
        &by,
        &desk_domain::customer_group::GroupBulkRequest {
            group: saved.group.id,
            selection: CustomerSelection::Ticked(vec![people[6].id, people[0].id, people[1].id]),
            assign: false,
        },
        Utc::now(),
    )
    .await
    .expect("removes");
    assert_eq!(progress.changed, 2, "ann Muller was not in it");
    let group = get_group(store, Scope::Everything, saved.group.id)
        .await
        .expect("reads");
    assert_eq!(group.member_count, 4);
}

pub async fn erasure_and_deletion_leave_no_assignment_behind(store: Arc<dyn Store>) {
    let people = store_people(store.as_ref()).await;
    let store = store.as_ref();
    let by = desk_tests::fixtures::tester();
    let saved = add(store, "Leaving", vec![people[0].id, people[1].id]).await;
    // Erased at once: on SQLite the entries of the save may still be recorded as a
    // set, and must be redacted like every other entry about the customer.
    erase_customer(store, &by, people[0].id, Utc::now())
        .await
        .expect("erases");
    let erased_history = customer_history(store, people[0].id, None)
        .await
        .expect("history");
    let assigned = erased_history
        .items
        .iter()
        .find(|entry| entry.action == AuditAction::AddedToGroup)
        .expect("the assignment stays on record");
    assert!(
        assigned
            .changes
            .iter()
            .all(|change| change.new.as_deref() != Some("Leaving")),
        "which group an erased customer was in is redacted: {:?}",
        assigned.changes
    );
    let group = get_group(store, Scope::Everything, saved.group.id)
        .await
        .expect("reads");
    assert_eq!(group.member_count, 1);
    assert!(
        customer_groups(store, people[0].id)
            .await
            .expect("groups")
            .is_empty()
    );
    delete_group(store, &by, saved.group.id, Utc::now())
        .await
        .expect("deletes");
    assert!(
        customer_groups(store, people[1].id)
            .await
            .expect("groups")
            .is_empty()
    );
    let history = customer_history(store, people[1].id, None)
        .await
        .expect("history");
    assert_eq!(history.items[0].action, AuditAction::RemovedFromGroup);
    assert!(matches!(
        get_group(store, Scope::Everything, saved.group.id).await,
        Err(DeskError::NotFound { .. })
    ));
}

contract!(
    a_group_is_added_with_ticked_customers_and_a_whole_search_in_one_save,
    two_people_editing_one_group_at_once_both_keep_their_assignments,
    de_select_all_unassigns_those_the_form_showed_and_no_one_added_since,
    the_groups_list_sorts_searches_and_pages,
    a_list_selection_is_assigned_and_removed_in_bulk,
    erasure_and_deletion_leave_no_assignment_behind,
);
