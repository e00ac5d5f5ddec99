//! Reading the audit log: filters and newest-first paging, alike on both backends.

use std::sync::Arc;

use chrono::{DateTime, Duration, SubsecRound, Utc};
use desk_app::audit::{Attribution, entry, list_audit};
use desk_domain::audit::{AuditAction, AuditFilter, EntityType};
use desk_domain::staff::StaffId;
use desk_store::{Effects, Store};

fn person(n: u128) -> Attribution {
    Attribution {
        id: Some(StaffId(uuid::Uuid::from_u128(n))),
        email: format!("person{n}@example.com"),
    }
}

/// Ten entries a minute apart from `start`: alternately by person 1 and 2, about
/// customers (even) and staff (odd).
async fn ten_entries(store: &dyn Store, start: DateTime<Utc>) {
    for n in 0..10 {
        let (who, kind) = if n % 2 == 0 {
            (person(1), EntityType::Customer)
        } else {
            (person(2), EntityType::Staff)
        };
        let at = start + Duration::minutes(n);
        let audit = entry(
            &who,
            at,
            AuditAction::CustomerCreated,
            kind,
            format!("record-{n}"),
            Vec::new(),
        );
        store.record(&Effects::audit(audit)).await.expect("appends");
    }
}

pub async fn filters_combine_and_pages_run_newest_first(store: Arc<dyn Store>) {
    let start = Utc::now().trunc_subsecs(0) - Duration::hours(1);
    ten_entries(store.as_ref(), start).await;

    let by_person_one = AuditFilter {
        actor_id: person(1).id,
        limit: 50,
        ..AuditFilter::default()
    };
    let page = list_audit(store.as_ref(), &by_person_one)
        .await
        .expect("lists");
    let ids: Vec<_> = page.items.iter().map(|e| e.entity_id.as_str()).collect();
    assert_eq!(
        ids,
        ["record-8", "record-6", "record-4", "record-2", "record-0"]
    );

    let staff_in_window = AuditFilter {
        entity_type: Some(EntityType::Staff),
        from: Some(start + Duration::minutes(3)),
        to: Some(start + Duration::minutes(7)),
        limit: 50,
        ..AuditFilter::default()
    };
    let page = list_audit(store.as_ref(), &staff_in_window)
        .await
        .expect("lists");
    let ids: Vec<_> = page.items.iter().map(|e| e.entity_id.as_str()).collect();
    assert_eq!(
        ids,
        ["record-5", "record-3"],
        "from is inclusive, to exclusive"
    );

    let one_record = AuditFilter {
        entity_type: Some(EntityType::Customer),
        entity_id: Some("record-4".into()),
        limit: 50,
        ..AuditFilter::default()
    };
    let page = list_audit(store.as_ref(), &one_record)
        .await
        .expect("lists");
    assert_eq!(page.items.len(), 1);

    let mut seen = Vec::new();
    let mut filter = AuditFilter {
        limit: 4,
        ..AuditFilter::default()
    };
    loop {
        let page = list_audit(store.as_ref(), &filter).await.expect("lists");
        seen.extend(page.items.into_iter().map(|e| e.entity_id));
        match page.next_before {
            Some(before) => filter.before = Some(before),
            None => break,
        }
    }
    let expected: Vec<_> = (0..10).rev().map(|n| format!("record-{n}")).collect();
    assert_eq!(seen, expected);
}

contract!(filters_combine_and_pages_run_newest_first);
