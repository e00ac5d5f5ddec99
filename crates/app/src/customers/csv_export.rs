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
use tokio::io::AsyncWriteExt;

use super::erasure::file_problem;
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
    let path = Path::new(&request.path);
    if request.path.trim().is_empty() || path.is_dir() {
        return Err(file_problem("Choose a file to save the export in."));
    }
    let chunk = read_chunk(store, &request.selection).await?;
    let exported: Vec<&Customer> = chunk
        .customers
        .iter()
        .filter(|customer| customer.erased_at.is_none())
        .collect();
    let mut bytes = Vec::new();
    if !request.append {
        bytes.extend_from_slice(UTF8_BOM);
    }
    bytes.extend(csv_text(&exported, &columns, !request.append, &Local)?);

    let mut file = open(path, request.append).await?;
    let before = file
        .metadata()
        .await
        .map_err(|error| write_problem(path, &error))?
        .len();
    write(&mut file, &bytes)
        .await
        .map_err(|error| write_problem(path, &error))?;

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
        let _ = file.set_len(before).await;
        return Err(internal_error("recording a CSV export", &error));
    }
    Ok(CsvExportProgress {
        looked_at: chunk.looked_at(),
        written: u32::try_from(exported.len()).unwrap_or(u32::MAX),
        bytes: before + bytes.len() as u64,
        next: chunk.next,
    })
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

/// The CSV text of `customers` (after a heading line when `heading`), times in `zone`.
fn csv_text<Tz: TimeZone>(
    customers: &[&Customer],
    columns: &[CustomerColumn],
    heading: bool,
    zone: &Tz,
) -> Result<Vec<u8>, DeskError>
where
    Tz::Offset: std::fmt::Display,
{
    let failed = |error: csv::Error| internal_error("writing CSV", &error);
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    if heading {
        writer
            .write_record(columns.iter().map(|column| guarded(column.label())))
            .map_err(failed)?;
    }
    for customer in customers {
        let row = columns.iter().map(|column| match column.cell(customer) {
            Cell::Text(text) => guarded(&text),
            Cell::Day(at) | Cell::Moment(at) => at
                .with_timezone(zone)
                .format("%Y-%m-%d %H:%M:%S")
                .to_string(),
        });
        writer.write_record(row).map_err(failed)?;
    }
    writer
        .into_inner()
        .map_err(|error| internal_error("writing CSV", &error.into_error()))
}

/// `text`, made inert for spreadsheets: a cell starting with `=`, `+`, `-`, `@`, a
/// tab or a carriage return would be read as a formula (CSV injection), so it gets
/// a leading apostrophe, which spreadsheets show as text. Signed numbers and phone
/// numbers (`+41 44 668 18 00`, `-3.5`) are no formulas and stay as they are.
fn guarded(text: &str) -> String {
    let Some(first) = text.chars().next() else {
        return String::new();
    };
    let numeric = |rest: &str| {
        !rest.is_empty()
            && rest
                .chars()
                .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '.' | ','))
    };
    match first {
        '+' | '-' if numeric(&text[1..]) => text.to_owned(),
        '=' | '+' | '-' | '@' | '\t' | '\r' => format!("'{text}"),
        _ => text.to_owned(),
    }
}

async fn open(path: &Path, append: bool) -> Result<tokio::fs::File, DeskError> {
    let mut options = tokio::fs::OpenOptions::new();
    if append {
        // Later chunks add to the file the first one made; if it is gone, the
        // export cannot continue quietly into a new one.
        options.append(true);
    } else {
        options.write(true).create(true).truncate(true);
    }
    options.open(path).await.map_err(|error| {
        if append && error.kind() == std::io::ErrorKind::NotFound {
            file_problem(&format!(
                "The export file {} is gone; start the export again.",
                path.display()
            ))
        } else {
            write_problem(path, &error)
        }
    })
}

async fn write(file: &mut tokio::fs::File, bytes: &[u8]) -> std::io::Result<()> {
    file.write_all(bytes).await?;
    file.flush().await?;
    file.sync_data().await
}

fn write_problem(path: &Path, error: &std::io::Error) -> DeskError {
    file_problem(&format!(
        "The export could not be saved in {}: {error}. Choose another place.",
        path.display()
    ))
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
        ] {
            assert_eq!(guarded(typed), written, "{typed:?}");
        }
    }
}
