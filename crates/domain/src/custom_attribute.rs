//! Custom attributes (seed 003's mixins): typed fields administrators define for
//! customers — text, number, date, boolean or choice, required or not, with a label
//! per locale. They appear in the customer form with their own checks, in the details
//! view, and in the history like every other field (`attr.<code>`).

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::bounds::chars_over;
use crate::characters::{check_visible, nfc};
use crate::{FieldError, FieldErrorCode};

/// Form field names of the attribute definition form.
pub mod fields {
    /// The code.
    pub const CODE: &str = "code";
    /// The label in the default locale.
    pub const LABEL: &str = "label";
    /// Labels in other locales, one `locale: label` per line.
    pub const OTHER_LABELS: &str = "other_labels";
    /// The kind.
    pub const KIND: &str = "kind";
    /// The choices of a choice attribute, one per line.
    pub const CHOICES: &str = "choices";
}

/// The prefix of a custom attribute's field name in the customer form.
pub const FIELD_PREFIX: &str = "attr.";

/// The customer form's field name of attribute `code`.
pub fn field_name(code: &str) -> String {
    format!("{FIELD_PREFIX}{code}")
}

/// The most attributes a store may define.
pub const MAX_ATTRIBUTES: usize = 50;
/// The longest text value.
pub const MAX_TEXT_CHARS: usize = 500;
/// The longest label or choice.
pub const MAX_LABEL_CHARS: usize = 100;

/// What an attribute holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AttributeKind {
    /// Free text.
    #[default]
    Text,
    /// A decimal number.
    Number,
    /// A calendar date.
    Date,
    /// Yes or no.
    Boolean,
    /// One of a fixed list.
    Choice,
}

impl AttributeKind {
    /// Every kind, in the order the form offers them.
    pub const ALL: [Self; 5] = [
        Self::Text,
        Self::Number,
        Self::Date,
        Self::Boolean,
        Self::Choice,
    ];

    /// The stable spelling.
    pub fn code(self) -> &'static str {
        match self {
            Self::Text => "text",
            Self::Number => "number",
            Self::Date => "date",
            Self::Boolean => "boolean",
            Self::Choice => "choice",
        }
    }

    /// The kind spelled `code`.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.code() == code)
    }

    /// How screens name it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Text => "Text",
            Self::Number => "Number",
            Self::Date => "Date",
            Self::Boolean => "Yes or no",
            Self::Choice => "Choice",
        }
    }
}

/// A defined attribute.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttributeDefinition {
    /// `[a-z][a-z0-9_]*`, at most 40; fixed once created (values are kept under it).
    pub code: String,
    /// The label in the store's default locale.
    pub label: String,
    /// Labels in other locales (locale tag, label).
    pub other_labels: Vec<(String, String)>,
    /// What it holds.
    pub kind: AttributeKind,
    /// Whether every customer must have a value.
    pub required: bool,
    /// The choices of a choice attribute, in order.
    pub choices: Vec<String>,
}

impl AttributeDefinition {
    /// The label for `locale` (its language's, else the default one).
    pub fn label_for(&self, locale: &str) -> &str {
        let language = locale.split('-').next().unwrap_or(locale);
        self.other_labels
            .iter()
            .find(|(tag, _)| tag == locale)
            .or_else(|| self.other_labels.iter().find(|(tag, _)| tag == language))
            .map_or(self.label.as_str(), |(_, label)| label.as_str())
    }

    /// Checks `raw`, this attribute's value as typed (empty is none), into its stored
    /// form: text trimmed and NFC; numbers canonical (`1.50` → `1.5`); dates
    /// `YYYY-MM-DD`; booleans `yes`/`no`; a choice exactly as defined.
    pub fn parse_value(&self, raw: &str) -> Result<Option<String>, FieldError> {
        let field = field_name(&self.code);
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            return if self.required {
                Err(FieldError::new(
                    &field,
                    FieldErrorCode::Required,
                    format!("Enter the {}.", self.label.to_lowercase()),
                ))
            } else {
                Ok(None)
            };
        }
        let invalid =
            |message: String| FieldError::new(&field, FieldErrorCode::InvalidChoice, message);
        match self.kind {
            AttributeKind::Text => {
                let text = nfc(trimmed);
                if let Some(chars) = chars_over(&text, MAX_TEXT_CHARS) {
                    return Err(FieldError::new(
                        &field,
                        FieldErrorCode::TooLong,
                        format!("Use at most {MAX_TEXT_CHARS} characters ({chars} here)."),
                    ));
                }
                check_visible(&field, &self.label, &text)?;
                Ok(Some(text))
            }
            AttributeKind::Number => {
                let normal = trimmed.replace(',', ".");
                match normal.parse::<f64>() {
                    Ok(number) if number.is_finite() && normal.len() <= 30 => {
                        Ok(Some(format!("{number}")))
                    }
                    _ => Err(invalid(format!(
                        "Enter a number for {}, like 42 or 3.5.",
                        self.label
                    ))),
                }
            }
            AttributeKind::Date => NaiveDate::parse_from_str(trimmed, "%Y-%m-%d")
                .map(|date| Some(date.format("%Y-%m-%d").to_string()))
                .map_err(|_| {
                    invalid(format!(
                        "Enter {} as year-month-day, like 2026-04-23.",
                        self.label
                    ))
                }),
            AttributeKind::Boolean => match trimmed.to_lowercase().as_str() {
                "yes" | "true" => Ok(Some("yes".to_owned())),
                "no" | "false" => Ok(Some("no".to_owned())),
                _ => Err(invalid(format!("Choose yes or no for {}.", self.label))),
            },
            AttributeKind::Choice => self
                .choices
                .iter()
                .find(|choice| choice.as_str() == trimmed)
                .map(|choice| Some(choice.clone()))
                .ok_or_else(|| {
                    invalid(format!(
                        "Choose one of {} for {}.",
                        self.choices.join(", "),
                        self.label
                    ))
                }),
        }
    }
}

/// Checks every attribute value of a customer form against `definitions`: unknown
/// codes are refused, each known one parsed, required ones demanded. Answers the
/// stored values (attributes without a value are left out).
pub fn parse_values(
    definitions: &[AttributeDefinition],
    raw: &BTreeMap<String, String>,
) -> Result<BTreeMap<String, String>, Vec<FieldError>> {
    let mut values = BTreeMap::new();
    let mut problems = Vec::new();
    for code in raw.keys() {
        if !definitions
            .iter()
            .any(|definition| &definition.code == code)
        {
            problems.push(FieldError::new(
                &field_name(code),
                FieldErrorCode::InvalidChoice,
                format!("There is no custom attribute \"{code}\" (any more): reload the form."),
            ));
        }
    }
    for definition in definitions {
        let typed = raw.get(&definition.code).map_or("", String::as_str);
        match definition.parse_value(typed) {
            Ok(Some(value)) => {
                values.insert(definition.code.clone(), value);
            }
            Ok(None) => {}
            Err(problem) => problems.push(problem),
        }
    }
    if problems.is_empty() {
        Ok(values)
    } else {
        Err(problems)
    }
}

/// The attribute definition form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttributeInput {
    /// The code, fixed once created (`None` when adding).
    pub original_code: Option<String>,
    /// As typed.
    pub code: String,
    /// As typed.
    pub label: String,
    /// `de: Treuestufe` lines.
    pub other_labels: String,
    /// An [`AttributeKind`] code.
    pub kind: String,
    /// Whether a value is required.
    pub required: bool,
    /// One choice per line.
    pub choices: String,
}

impl AttributeInput {
    /// Checks the form into a definition, every problem at once.
    pub fn parse(&self) -> Result<AttributeDefinition, Vec<FieldError>> {
        let mut problems = Vec::new();
        let code = self.code.trim().to_owned();
        let valid_code = !code.is_empty()
            && code.len() <= 40
            && code.starts_with(|c: char| c.is_ascii_lowercase())
            && code
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !valid_code {
            problems.push(FieldError::new(
                fields::CODE,
                FieldErrorCode::InvalidCharacters,
                "Use a-z, digits and _, starting with a letter, at most 40, like loyalty_tier.",
            ));
        }
        if let Some(original) = &self.original_code
            && original != &code
        {
            problems.push(FieldError::new(
                fields::CODE,
                FieldErrorCode::InvalidChoice,
                "An attribute's code stays as created: customers' values are kept under it.",
            ));
        }
        let label = nfc(self.label.trim());
        if label.is_empty() || chars_over(&label, MAX_LABEL_CHARS).is_some() {
            problems.push(FieldError::new(
                fields::LABEL,
                FieldErrorCode::Required,
                format!("Enter a label of at most {MAX_LABEL_CHARS} characters."),
            ));
        }
        let mut other_labels = Vec::new();
        for (index, line) in self.other_labels.split(['\r', '\n']).enumerate() {
            let line = line.trim();
            if line.is_empty() {
                continue;
            }
            match line.split_once(':') {
                Some((tag, text)) if !tag.trim().is_empty() && !text.trim().is_empty() => {
                    other_labels.push((tag.trim().replace('_', "-"), nfc(text.trim())));
                }
                _ => problems.push(FieldError::new(
                    fields::OTHER_LABELS,
                    FieldErrorCode::InvalidChoice,
                    format!(
                        "Line {}: write a locale, a colon and the label, like de: Treuestufe.",
                        index + 1
                    ),
                )),
            }
        }
        let kind = AttributeKind::from_code(self.kind.trim());
        if kind.is_none() {
            problems.push(FieldError::new(
                fields::KIND,
                FieldErrorCode::InvalidChoice,
                "Choose text, number, date, yes or no, or choice.",
            ));
        }
        let mut choices: Vec<String> = Vec::new();
        for choice in self
            .choices
            .split(['\r', '\n'])
            .map(str::trim)
            .filter(|c| !c.is_empty())
        {
            let choice = nfc(choice);
            if !choices.contains(&choice) {
                choices.push(choice);
            }
        }
        if kind == Some(AttributeKind::Choice) && choices.len() < 2 {
            problems.push(FieldError::new(
                fields::CHOICES,
                FieldErrorCode::Required,
                "A choice needs at least two options, one per line.",
            ));
        }
        match kind {
            Some(kind) if problems.is_empty() => Ok(AttributeDefinition {
                code,
                label,
                other_labels,
                kind,
                required: self.required,
                choices: if kind == AttributeKind::Choice {
                    choices
                } else {
                    Vec::new()
                },
            }),
            _ => Err(problems),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn definition(kind: AttributeKind, required: bool) -> AttributeDefinition {
        AttributeDefinition {
            code: "tier".into(),
            label: "Loyalty tier".into(),
            other_labels: vec![("de".into(), "Treuestufe".into())],
            kind,
            required,
            choices: vec!["Gold".into(), "Silver".into()],
        }
    }

    #[test]
    fn values_are_checked_by_kind_and_kept_in_one_form() {
        let cases = [
            (AttributeKind::Number, "1,50", Ok(Some("1.5".to_owned()))),
            (
                AttributeKind::Date,
                "2026-04-23",
                Ok(Some("2026-04-23".to_owned())),
            ),
            (AttributeKind::Boolean, "TRUE", Ok(Some("yes".to_owned()))),
            (AttributeKind::Choice, " Gold ", Ok(Some("Gold".to_owned()))),
            (AttributeKind::Text, "  VIP  ", Ok(Some("VIP".to_owned()))),
            (AttributeKind::Text, "", Ok(None)),
        ];
        for (kind, raw, expected) in cases {
            assert_eq!(
                definition(kind, false).parse_value(raw),
                expected,
                "{kind:?} {raw}"
            );
        }
        let wrong = definition(AttributeKind::Choice, false)
            .parse_value("Bronze")
            .expect_err("not a choice");
        assert_eq!(wrong.field, "attr.tier");
        assert_eq!(
            wrong.message,
            "Choose one of Gold, Silver for Loyalty tier."
        );
        assert!(
            definition(AttributeKind::Number, false)
                .parse_value("lots")
                .is_err()
        );
        assert!(
            definition(AttributeKind::Date, false)
                .parse_value("23.4.2026")
                .is_err()
        );
        let missing = definition(AttributeKind::Text, true)
            .parse_value(" ")
            .expect_err("required");
        assert_eq!(missing.message, "Enter the loyalty tier.");
    }

    #[test]
    fn labels_follow_the_locale() {
        let tier = definition(AttributeKind::Text, false);
        assert_eq!(tier.label_for("de-CH"), "Treuestufe");
        assert_eq!(tier.label_for("fr"), "Loyalty tier");
    }

    #[test]
    fn unknown_attributes_and_missing_required_ones_are_reported() {
        let definitions = vec![definition(AttributeKind::Text, true)];
        let mut raw = BTreeMap::new();
        raw.insert("gone".to_owned(), "x".to_owned());
        let problems = parse_values(&definitions, &raw).expect_err("invalid");
        let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(fields, ["attr.gone", "attr.tier"]);
    }

    #[test]
    fn a_definition_form_parses_with_its_rules() {
        let input = AttributeInput {
            code: "tier".into(),
            label: "Loyalty tier".into(),
            other_labels: "de: Treuestufe\nfr_CH: Niveau".into(),
            kind: "choice".into(),
            required: true,
            choices: "Gold\nSilver\nGold\n".into(),
            ..AttributeInput::default()
        };
        let parsed = input.parse().expect("valid");
        assert_eq!(parsed.choices, ["Gold", "Silver"]);
        assert_eq!(
            parsed.other_labels[1],
            ("fr-CH".to_owned(), "Niveau".to_owned())
        );
        let bad = AttributeInput {
            code: "Tier!".into(),
            kind: "choice".into(),
            choices: "Only".into(),
            ..AttributeInput::default()
        };
        let fields: Vec<String> = bad
            .parse()
            .expect_err("invalid")
            .into_iter()
            .map(|p| p.field)
            .collect();
        assert_eq!(fields, ["code", "label", "choices"]);
    }
}
