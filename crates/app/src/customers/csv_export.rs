//! "Export to CSV" of a list selection: a chunk per request, each adding its
//! customers as rows (the columns the list shows) to the file the person chose, and
//! an audit entry per customer exported. A chunk is in the file exactly when its
//! entries are in the log: if recording fails, the file is cut back.

use std::path::Path;

use chrono::{DateTime, Local, SubsecRound, TimeZone, Utc};
use desk_domain::audit::{AuditAction, EntityType, FieldChange};
use desk_domain::customer::Customer;
use desk_domain::customer_bulk::{CsvExportProgress, CsvExportRequest};
use desk_domain::customer_columns::{Cell, CustomerColumn};
use desk_domain::{DeskError, FieldError, FieldErrorCode};
use desk_store::{Effects, Store};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use super::erasure::{chosen_file, file_problem, write_problem};
use super::selection::read_chunk;
use crate::audit::{Attribution, entry};
use crate::internal_error;

/// Spreadsheet programs take a UTF-8 file for their own legacy code page unless it
/// starts with the byte order mark; with it, Müller and 佐藤 open as typed.
const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Writes the next chunk of `request.selection` to `request.path`.
pub async fn export_customers_csv(
    store: &dyn Store,
    by: &Attribution,
    request: &CsvExportRequest,
    now: DateTime<Utc>,
) -> Result<CsvExportProgress, DeskError> {
    let columns = columns_of(store, &request.columns).await?;
    let path = chosen_file(&request.path)?;
    if !path
        .extension()
        .is_some_and(|extension| extension.eq_ignore_ascii_case("csv"))
    {
        return Err(file_problem(
            "Save the export as a .csv file, like customers.csv.",
        ));
    }
    let heading = heading_of(&columns)?;
    let mut chunk = read_chunk(store, &request.selection).await?;
    if columns.contains(&CustomerColumn::Groups) {
        let ids: Vec<_> = chunk.customers.iter().map(|customer| customer.id).collect();
        let groups = store
            .groups_of_each(&ids)
            .await
            .map_err(|error| internal_error("reading customers' groups", &error))?;
        for customer in &mut chunk.customers {
            customer.groups = groups
                .iter()
                .filter(|(id, _)| *id == customer.id)
                .map(|(_, group)| group.name.clone())
                .collect();
        }
    }
    let exported: Vec<&Customer> = chunk
        .customers
        .iter()
        .filter(|customer| customer.erased_at.is_none())
        .collect();
    let mut bytes = Vec::new();
    if !request.append {
        bytes.extend_from_slice(&heading);
    }
    bytes.extend(csv_rows(&exported, &columns, &Local)?);

    let mut file = open(&path, request.append, &heading).await?;
    let before = file
        .metadata()
        .await
        .map_err(|error| write_problem(&path, &error))?
        .len();
    if let Err(error) = write(&mut file, &bytes).await {
        cut_back(&mut file, &path, before).await;
        return Err(write_problem(&path, &error));
    }

    let at = now.trunc_subsecs(6);
    let audit = exported
        .iter()
        .map(|customer| {
            entry(
                by,
                at,
                AuditAction::CustomerExportedToCsv,
                EntityType::Customer,
                customer.id.to_string(),
                vec![FieldChange::added("file", path.display().to_string())],
            )
        })
        .collect();
    let effects = Effects {
        audit,
        ..Effects::default()
    };
    if let Err(error) = store.record(&effects).await {
        // Rows nobody recorded as exported must not stay in the file.
        cut_back(&mut file, &path, before).await;
        return Err(internal_error("recording a CSV export", &error));
    }
    Ok(CsvExportProgress {
        looked_at: chunk.looked_at(),
        written: u32::try_from(exported.len()).unwrap_or(u32::MAX),
        bytes: before + bytes.len() as u64,
        next: chunk.next,
    })
}

/// Takes back what a failed chunk wrote, so the file holds exactly the rows the log
/// records as exported.
async fn cut_back(file: &mut tokio::fs::File, path: &Path, length: u64) {
    if let Err(error) = file.set_len(length).await {
        tracing::error!(
            path = %path.display(),
            %error,
            "a failed CSV chunk could not be taken back out of the file"
        );
    }
}

/// The columns named by `keys`, in order; a key the store no longer offers (an
/// attribute removed meanwhile) is refused rather than exported empty.
async fn columns_of(store: &dyn Store, keys: &[String]) -> Result<Vec<CustomerColumn>, DeskError> {
    let problem = |message: String| DeskError::Validation {
        fields: vec![FieldError::new(
            "columns",
            FieldErrorCode::InvalidChoice,
            message,
        )],
    };
    if keys.is_empty() {
        return Err(problem("Show at least one column to export.".to_owned()));
    }
    let attributes = store
        .customer_attributes()
        .await
        .map_err(|error| internal_error("reading the custom attributes", &error))?;
    keys.iter()
        .map(|key| {
            CustomerColumn::from_key(key, &attributes).ok_or_else(|| {
                problem(format!(
                    "The column \"{key}\" no longer exists; choose the columns again."
                ))
            })
        })
        .collect()
}

/// The start of every export with `columns`: the byte order mark and the heading
/// line. Later chunks only add to a file that starts so (one of our exports), never
/// to another file.
fn heading_of(columns: &[CustomerColumn]) -> Result<Vec<u8>, DeskError> {
    let mut heading = UTF8_BOM.to_vec();
    heading.extend(csv_lines(std::iter::once(
        columns
            .iter()
            .map(|column| guarded(column.label()))
            .collect::<Vec<_>>(),
    ))?);
    Ok(heading)
}

/// The CSV lines of `customers`, times in `zone` with their offset (unambiguous
/// across a daylight-saving change).
fn csv_rows<Tz: TimeZone>(
    customers: &[&Customer],
    columns: &[CustomerColumn],
    zone: &Tz,
) -> Result<Vec<u8>, DeskError>
where
    Tz::Offset: std::fmt::Display,
{
    csv_lines(customers.iter().map(|customer| {
        columns
            .iter()
            .map(|column| match column.cell(customer) {
                Cell::Text(text) => guarded(&text),
                Cell::Day(at) | Cell::Moment(at) => at
                    .with_timezone(zone)
                    .format("%Y-%m-%d %H:%M:%S %:z")
                    .to_string(),
            })
            .collect::<Vec<_>>()
    }))
}

fn csv_lines(records: impl Iterator<Item = Vec<String>>) -> Result<Vec<u8>, DeskError> {
    let failed = |error: csv::Error| internal_error("writing CSV", &error);
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    for record in records {
        writer.write_record(&record).map_err(failed)?;
    }
    writer
        .into_inner()
        .map_err(|error| internal_error("writing CSV", &error.into_error()))
}

/// `text`, made inert for spreadsheets (CSV injection): a cell, or a part of it after
/// a `;` or a tab (the separators some spreadsheets split on), starting with `=`,
/// `+`, `-`, `@`, a tab or a carriage return would be read as a formula, so such a
/// part gets a leading apostrophe. Signed numbers and phone numbers
/// (`+41 44 668 18 00`, `-3.5`) are no formulas and stay as they are.
fn guarded(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut part_start = true;
    for (index, c) in text.char_indices() {
        if part_start && starts_formula(&text[index..]) {
            out.push('\'');
        }
        out.push(c);
        part_start = matches!(c, ';' | '\t');
    }
    out
}

/// Whether `text` would start a formula.
fn starts_formula(text: &str) -> bool {
    let numeric = |rest: &str| {
        !rest.is_empty()
            && rest
                .chars()
                .take_while(|c| !matches!(c, ';' | '\t'))
                .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '.' | ','))
    };
    match text.chars().next() {
        Some('+' | '-') => !numeric(&text[1..]),
        Some('=' | '@' | '\t' | '\r') => true,
        _ => false,
    }
}

async fn open(path: &Path, append: bool, heading: &[u8]) -> Result<tokio::fs::File, DeskError> {
    if !append {
        return tokio::fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .open(path)
            .await
            .map_err(|error| write_problem(path, &error));
    }
    // Later chunks add to the file the first one made; if it is gone or is not that
    // export any more, the export stops rather than writing somewhere else.
    let start_again = || {
        file_problem(&format!(
            "The export file {} is gone or was changed; start the export again.",
            path.display()
        ))
    };
    let mut file = tokio::fs::OpenOptions::new()
        .read(true)
        .append(true)
        .open(path)
        .await
        .map_err(|error| {
            if error.kind() == std::io::ErrorKind::NotFound {
                start_again()
            } else {
                write_problem(path, &error)
            }
        })?;
    let mut start = vec![0; heading.len()];
    match file.read_exact(&mut start).await {
        Ok(_) if start == heading => Ok(file),
        _ => Err(start_again()),
    }
}

async fn write(file: &mut tokio::fs::File, bytes: &[u8]) -> std::io::Result<()> {
    file.write_all(bytes).await?;
    file.flush().await?;
    file.sync_data().await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_made_inert_and_numbers_are_left_alone() {
        for (typed, written) in [
            ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
            ("-2+3+cmd", "'-2+3+cmd"),
            ("\tx", "'\tx"),
            ("+41446681800", "+41446681800"),
            ("-3.5", "-3.5"),
            ("Müller", "Müller"),
            ("", ""),
            ("+", "'+"),
            ("Acme;=cmd|' /C calc'!A0", "Acme;'=cmd|' /C calc'!A0"),
            ("a\t@SUM(A1)", "a\t'@SUM(A1)"),
            ("+41 44;-3", "+41 44;-3"),
            ("O'Brien - Sons", "O'Brien - Sons"),
        ] {
            assert_eq!(guarded(typed), written, "{typed:?}");
        }
    }

    #[test]
    fn rows_hold_the_columns_asked_for_with_times_in_the_given_zone() {
        use chrono::{FixedOffset, TimeZone};
        use desk_domain::customer::{CustomerChoices, CustomerDetails, CustomerId, CustomerInput};
        let details = CustomerDetails::parse(
            &CustomerInput {
                email: "ann.lee@example.com".into(),
                first_name: "Ann".into(),
                last_name: "Lee, Jr.".into(),
                company: "=1+1".into(),
                preferred_currency: "EUR".into(),
                ..CustomerInput::default()
            },
            &CustomerChoices {
                currencies: vec!["EUR".into()],
                locales: vec!["en".into()],
                ..CustomerChoices::default()
            },
            Utc::now().date_naive(),
        )
        .expect("a valid customer");
        let created = Utc
            .with_ymd_and_hms(2026, 3, 29, 0, 30, 0)
            .single()
            .expect("a time");
        let customer = Customer {
            id: CustomerId::default(),
            customer_ref: "C-1".into(),
            customer_number: "1234567897".into(),
            email: details.email,
            salutation: details.salutation,
            first_name: details.first_name,
            last_name: details.last_name,
            gender: details.gender,
            date_of_birth: details.date_of_birth,
            phone: details.phone,
            company: details.company,
            locale: details.locale,
            preferred_currency: details.preferred_currency,
            preferred_site: details.preferred_site,
            restriction: details.restriction,
            active: details.active,
            on_hold: details.on_hold,
            verified_at: None,
            registered_at: None,
            last_login_at: None,
            created_at: created,
            updated_at: created,
            version: 1,
            erased_at: None,
            attributes: details.attributes,
            groups: Vec::new(),
        };
        let columns = [
            CustomerColumn::LastName,
            CustomerColumn::Company,
            CustomerColumn::Created,
            CustomerColumn::LastLogin,
        ];
        let zurich_summer = FixedOffset::east_opt(2 * 3600).expect("an offset");
        let text = csv_rows(&[&customer], &columns, &zurich_summer).expect("writes");
        assert_eq!(
            String::from_utf8(text).expect("UTF-8"),
            "\"Lee, Jr.\",'=1+1,2026-03-29 02:30:00 +02:00,\r\n"
        );
        let heading = heading_of(&columns).expect("writes");
        assert_eq!(
            heading,
            b"\xEF\xBB\xBFLast name,Company,Created,Last login\r\n".to_vec()
        );
    }
}
