//! "Export to CSV" of a list selection, on both backends: every selected customer a
//! row with the columns asked for, chunk after chunk into the same file, "all but
//! these" respected, and an audit entry per customer exported.

use std::sync::Arc;

use chrono::Utc;
use desk_app::customers::{customer_history, erase_customer, export_customers_csv};
use desk_domain::DeskError;
use desk_domain::audit::AuditAction;
use desk_domain::customer::CustomerId;
use desk_domain::customer_bulk::{CsvExportRequest, CustomerSelection};
use desk_domain::customer_list::CustomerQuery;
use desk_store::Store;

use crate::customer_list::{PEOPLE, store_people};

const COLUMNS: [&str; 5] = ["last-name", "first-name", "email", "phone", "created"];

fn request(selection: CustomerSelection, path: &std::path::Path, append: bool) -> CsvExportRequest {
    CsvExportRequest {
        selection,
        columns: COLUMNS.iter().map(|key| (*key).to_owned()).collect(),
        path: path.display().to_string(),
        append,
    }
}

async fn csv_entries(store: &dyn Store, id: CustomerId) -> Vec<String> {
    customer_history(store, id, None)
        .await
        .expect("history")
        .items
        .into_iter()
        .filter(|entry| entry.action == AuditAction::CustomerExportedToCsv)
        .flat_map(|entry| entry.changes)
        .filter_map(|change| change.new)
        .collect()
}

pub async fn a_selection_is_exported_to_csv_chunk_after_chunk_with_an_entry_per_customer(
    store: Arc<dyn Store>,
) {
    let store = store.as_ref();
    let people = store_people(store).await;
    let by = desk_tests::fixtures::tester();
    let folder = tempfile::tempdir().expect("a folder");
    let path = folder.path().join("customers.csv");
    let path_text = path.display().to_string();

    // Zoë's personal data is erased: nothing of hers is left to export.
    erase_customer(store, &by, people[3].id, Utc::now())
        .await
        .expect("erases");

    // "Select all results", then untick ann Muller.
    let all_but_one = CustomerSelection::AllMatching {
        query: Box::new(CustomerQuery::default()),
        except: vec![people[1].id],
        after: None,
    };
    let first = export_customers_csv(store, &by, &request(all_but_one, &path, false), Utc::now())
        .await
        .expect("exports");
    assert_eq!(
        (first.looked_at, first.written, first.next.is_none()),
        (PEOPLE.len() as u32 - 1, PEOPLE.len() as u32 - 2, true)
    );
    let bytes = std::fs::read(&path).expect("the file");
    assert_eq!(first.bytes, bytes.len() as u64);
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "starts with a UTF-8 BOM"
    );
    let text = String::from_utf8(bytes[3..].to_vec()).expect("UTF-8");
    let lines: Vec<&str> = text.split_terminator("\r\n").collect();
    assert_eq!(lines[0], "Last name,First name,Email,Phone,Created");
    assert_eq!(
        lines.len(),
        PEOPLE.len() - 1,
        "a heading and a line per customer but the unticked and the erased one"
    );
    assert!(
        lines
            .iter()
            .any(|line| line
                .starts_with("Müller,Ann,ann.mueller@gmail.com,+41446681800,2026-01-01 ")),
        "{text}"
    );
    assert!(!text.contains("ann.muller@example.com"), "unticked: {text}");

    // Ticked customers, added to the same file without a second heading.
    let ticked = CustomerSelection::Ticked(vec![people[1].id, people[2].id, people[1].id]);
    let second = export_customers_csv(store, &by, &request(ticked, &path, true), Utc::now())
        .await
        .expect("adds to the file");
    assert_eq!(
        (second.looked_at, second.written),
        (2, 2),
        "ticked twice, written once"
    );
    let text =
        String::from_utf8(std::fs::read(&path).expect("the file")[3..].to_vec()).expect("UTF-8");
    let lines: Vec<&str> = text.split_terminator("\r\n").collect();
    assert_eq!(lines.len(), PEOPLE.len() + 1);
    assert!(lines[PEOPLE.len() - 1].starts_with("Muller,ann,ann.muller@example.com,,"));
    assert!(lines[PEOPLE.len()].starts_with("Ångström,Anders,anders@uu.se,+46812345678,"));
    assert_eq!(text.matches("Last name,").count(), 1, "one heading");

    // One entry per export a customer was in, naming the file.
    assert_eq!(
        csv_entries(store, people[0].id).await,
        vec![path_text.clone()]
    );
    assert_eq!(
        csv_entries(store, people[1].id).await,
        vec![path_text.clone()]
    );
    assert_eq!(csv_entries(store, people[2].id).await.len(), 2);
    assert!(
        csv_entries(store, people[3].id).await.is_empty(),
        "erased: not exported"
    );
}

pub async fn a_csv_export_refuses_unknown_columns_other_files_and_a_vanished_one(
    store: Arc<dyn Store>,
) {
    let store = store.as_ref();
    let people = store_people(store).await;
    let by = desk_tests::fixtures::tester();
    let folder = tempfile::tempdir().expect("a folder");
    let path = folder.path().join("gone.csv");
    let ticked = || CustomerSelection::Ticked(vec![people[0].id]);

    let mut unknown = request(ticked(), &path, false);
    unknown.columns.push("attr-retired".into());
    let refused = export_customers_csv(store, &by, &unknown, Utc::now()).await;
    assert!(
        matches!(&refused, Err(DeskError::Validation { fields }) if fields[0].field == "columns"),
        "{refused:?}"
    );
    assert!(!path.exists(), "nothing written");

    let refused =
        export_customers_csv(store, &by, &request(ticked(), &path, true), Utc::now()).await;
    assert!(
        matches!(&refused, Err(DeskError::Validation { fields }) if fields[0].field == "path"
            && fields[0].message.contains("start the export again")),
        "{refused:?}"
    );
    assert!(
        csv_entries(store, people[0].id).await.is_empty(),
        "no entry for an export that failed"
    );
}

contract!(
    a_selection_is_exported_to_csv_chunk_after_chunk_with_an_entry_per_customer,
    a_csv_export_refuses_unknown_columns_other_files_and_a_vanished_one,
);
