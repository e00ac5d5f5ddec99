//! The people to invite to a company (seed 004), as typed one per line or as a
//! dropped text or CSV file: who can be invited, and which lines cannot, with their
//! line numbers and why, so nothing is lost and the rejects can be corrected.
//!
//! The same parser runs in the dialog (the preview) and in the backend (the check
//! that counts). Whether someone is already a member or already invited is the
//! store's to say; this says what the text alone can.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::Email;

/// The most lines one list may have; a longer file is refused as a whole, with this
/// number in the message.
pub const MAX_INVITATION_LINES: usize = 50_000;

/// Someone the list names, at the line that named them first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Invitee {
    /// The line (from 1) in the text.
    pub line: usize,
    /// Their address, checked.
    pub email: Email,
}

/// Why a line cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Rejection {
    /// Its one value is not an email address.
    NotAnEmail,
    /// None of its several values is an email address.
    NoEmail,
    /// The address is on an earlier line already (ignoring case).
    Duplicate {
        /// That line.
        first_line: usize,
    },
}

impl Rejection {
    /// What to tell the person, beside the line.
    pub fn message(&self) -> String {
        match self {
            Self::NotAnEmail => "Not an email address like name@example.com.".to_owned(),
            Self::NoEmail => "None of its values is an email address.".to_owned(),
            Self::Duplicate { first_line } => format!("Already on line {first_line}."),
        }
    }
}

/// A line that cannot be used, as it was written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RejectedLine {
    /// The line (from 1) in the text.
    pub line: usize,
    /// Its text, without the line end.
    pub text: String,
    /// Why.
    pub reason: Rejection,
}

/// What a list came to: the invitees in list order, and the rejected lines.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationList {
    /// Each address once, in the order the list first names it.
    pub invitees: Vec<Invitee>,
    /// The lines that cannot be used, in list order. Blank lines are neither.
    pub rejected: Vec<RejectedLine>,
}

/// The list is longer than [`MAX_INVITATION_LINES`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("The list has {lines} lines; at most {MAX_INVITATION_LINES} can be invited at once.")]
pub struct TooManyLines {
    /// How many it has.
    pub lines: usize,
}

/// Reads `text`: one address per line, or CSV with a column of addresses (comma,
/// semicolon or tab separated, fields possibly quoted, a heading such as "Email"
/// allowed), with or without a byte order mark and with any line ends.
pub fn parse_invitation_list(text: &str) -> Result<InvitationList, TooManyLines> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines: Vec<&str> = text.lines().collect();
    if lines.len() > MAX_INVITATION_LINES {
        return Err(TooManyLines { lines: lines.len() });
    }
    let separator = separator_of(&lines);
    let mut list = InvitationList::default();
    let mut first_seen: HashMap<String, usize> = HashMap::new();
    // The column a heading names ("Email", "E-mail", …), when the first line is one.
    let mut email_column: Option<usize> = None;
    for (index, line) in lines.iter().enumerate() {
        let number = index + 1;
        let values = split(line, separator);
        if values.iter().all(|value| value.trim().is_empty()) {
            continue;
        }
        // Only the first non-blank line can be a heading.
        if list.invitees.is_empty()
            && list.rejected.is_empty()
            && email_column.is_none()
            && let Some(column) = heading_column(&values)
        {
            email_column = Some(column);
            continue;
        }
        let found = match email_column {
            Some(column) => values
                .get(column)
                .and_then(|value| Email::parse("email", value).ok()),
            None => values
                .iter()
                .find_map(|value| Email::parse("email", value).ok()),
        };
        let Some(email) = found else {
            let several = values
                .iter()
                .filter(|value| !value.trim().is_empty())
                .count()
                > 1;
            list.rejected.push(RejectedLine {
                line: number,
                text: (*line).to_owned(),
                reason: if several && email_column.is_none() {
                    Rejection::NoEmail
                } else {
                    Rejection::NotAnEmail
                },
            });
            continue;
        };
        match first_seen.get(&email.unique_key()) {
            Some(first_line) => list.rejected.push(RejectedLine {
                line: number,
                text: (*line).to_owned(),
                reason: Rejection::Duplicate {
                    first_line: *first_line,
                },
            }),
            None => {
                first_seen.insert(email.unique_key(), number);
                list.invitees.push(Invitee {
                    line: number,
                    email,
                });
            }
        }
    }
    Ok(list)
}

/// The separator of a CSV file: the first of tab, semicolon and comma that the first
/// non-blank line holds outside quotes; none for a plain list.
fn separator_of(lines: &[&str]) -> Option<char> {
    let first = lines.iter().find(|line| !line.trim().is_empty())?;
    let mut quoted = false;
    let mut seen = Vec::new();
    for c in first.chars() {
        match c {
            '"' => quoted = !quoted,
            '\t' | ';' | ',' if !quoted => seen.push(c),
            _ => {}
        }
    }
    ['\t', ';', ','].into_iter().find(|c| seen.contains(c))
}

/// The values of one line: split on `separator` outside double quotes, quotes
/// removed (a doubled quote inside a quoted value is one quote).
fn split(line: &str, separator: Option<char>) -> Vec<String> {
    let Some(separator) = separator else {
        return vec![unquote(line.trim())];
    };
    let mut values = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                current.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            c if c == separator && !quoted => values.push(std::mem::take(&mut current)),
            c => current.push(c),
        }
    }
    values.push(current);
    values
}

/// A lone value without the double quotes around it.
fn unquote(value: &str) -> String {
    value
        .strip_prefix('"')
        .and_then(|inner| inner.strip_suffix('"'))
        .map_or_else(|| value.to_owned(), |inner| inner.replace("\"\"", "\""))
}

/// The column of a heading line's email heading, when the line is a heading: no value
/// is an address and one is "email", "e-mail", "email address" or "mail" (any case).
fn heading_column(values: &[String]) -> Option<usize> {
    if values
        .iter()
        .any(|value| Email::parse("email", value).is_ok())
    {
        return None;
    }
    values.iter().position(|value| {
        let name = value.trim().to_lowercase().replace(['-', '_'], "");
        matches!(name.as_str(), "email" | "emailaddress" | "mail" | "emails")
    })
}

#[cfg(test)]
mod tests;
