//! Rendering a template with minijinja: the subject and text as written, the HTML with
//! every value HTML-escaped. An unknown variable is an error (not an empty string), and
//! a template gets a fixed amount of work, so a loop cannot hang delivery.

use std::collections::BTreeMap;

use desk_domain::FieldError;
use desk_domain::FieldErrorCode;
use desk_domain::email_template::{TemplateKind, TemplateText, fields};
use minijinja::{AutoEscape, Environment, UndefinedBehavior, Value};

use crate::email::compose::Rendered;

/// Instructions a template may run: far beyond any real email, far below a hang.
const FUEL: u64 = 50_000;

/// The most one rendered part may hold: far beyond any email, far below a burden for
/// the outbox and the preview (fuel bounds the work; `"x" * n` needs this bound too).
const MAX_RENDERED_BYTES: usize = 512 * 1024;

/// The name the HTML part is rendered under (the escape rule is chosen by name).
const HTML: &str = "html";

fn environment() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_auto_escape_callback(|name| {
        if name == HTML {
            AutoEscape::Html
        } else {
            AutoEscape::None
        }
    });
    env.set_fuel(Some(FUEL));
    env
}

/// Renders `text` with `values`; each part that does not render is refused beside its
/// field with the line and the reason.
pub fn render(
    kind: TemplateKind,
    text: &TemplateText,
    values: &[(&str, String)],
) -> Result<Rendered, Vec<FieldError>> {
    let env = environment();
    let context: BTreeMap<String, Value> = values
        .iter()
        .map(|(name, value)| ((*name).to_owned(), Value::from(value.clone())))
        .collect();
    let context = Value::from(context);
    let part = |field: &str, name: &str, source: &str| {
        let rendered = env
            .render_named_str(name, source, context.clone())
            .map_err(|error| problem(kind, field, &error))?;
        if rendered.len() > MAX_RENDERED_BYTES {
            return Err(FieldError::new(
                field,
                FieldErrorCode::InvalidTemplate,
                format!(
                    "This renders to {} KB, more than an email should hold ({} KB at most).",
                    rendered.len() / 1024,
                    MAX_RENDERED_BYTES / 1024
                ),
            ));
        }
        Ok(rendered)
    };
    let subject = part(fields::SUBJECT, "subject", &text.subject);
    let body_text = part(fields::TEXT, "text", &text.body_text);
    let body_html = part(fields::HTML, HTML, &text.body_html);
    match (subject, body_text, body_html) {
        (Ok(subject), Ok(text), Ok(html)) => Ok(Rendered {
            // A subject is one line, whatever the template's line breaks.
            subject: subject.split_whitespace().collect::<Vec<_>>().join(" "),
            text,
            html,
        }),
        (subject, text, html) => Err([subject.err(), text.err(), html.err()]
            .into_iter()
            .flatten()
            .collect()),
    }
}

/// Renders `text` with the sample values of `kind`, as the preview does.
pub fn render_sample(kind: TemplateKind, text: &TemplateText) -> Result<Rendered, Vec<FieldError>> {
    let samples: Vec<(&str, String)> = kind
        .variables()
        .iter()
        .map(|variable| (variable.name, variable.sample.to_owned()))
        .collect();
    render(kind, text, &samples)
}

fn problem(kind: TemplateKind, field: &str, error: &minijinja::Error) -> FieldError {
    let reason = match error.kind() {
        minijinja::ErrorKind::UndefinedError => {
            let names: Vec<String> = kind
                .variables()
                .iter()
                .map(|variable| variable.name.to_owned())
                .collect();
            format!(
                "a variable this message does not have; it has {}",
                names.join(", ")
            )
        }
        minijinja::ErrorKind::OutOfFuel => "the template does too much work (a loop?)".into(),
        other => match error.detail() {
            Some(detail) => format!("{other}: {detail}"),
            None => other.to_string(),
        },
    };
    let message = match error.line() {
        Some(line) => format!("Line {line}: {reason}."),
        None => format!("This does not render: {reason}."),
    };
    FieldError::new(field, FieldErrorCode::InvalidTemplate, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(subject: &str, body_text: &str, body_html: &str) -> TemplateText {
        TemplateText {
            subject: subject.into(),
            body_text: body_text.into(),
            body_html: body_html.into(),
        }
    }

    #[test]
    fn values_are_escaped_in_html_only() {
        let rendered = render(
            TemplateKind::AccountActive,
            &text(
                "Welcome, {{ customer_name }}",
                "Hello {{ customer_name }}",
                "<p>Hello {{ customer_name }}</p>",
            ),
            &[("customer_name", "<b>Ann</b> & Co".into())],
        )
        .expect("renders");
        assert_eq!(rendered.subject, "Welcome, <b>Ann</b> & Co");
        assert_eq!(rendered.text, "Hello <b>Ann</b> & Co");
        assert_eq!(
            rendered.html,
            "<p>Hello &lt;b&gt;Ann&lt;&#x2f;b&gt; &amp; Co</p>"
        );
    }

    #[test]
    fn an_unknown_variable_is_refused_with_its_line_and_the_variables_there_are() {
        let problems = render_sample(
            TemplateKind::AccountActive,
            &text("Hi", "Hello\n{{ customer_nme }}", "<p>ok</p>"),
        )
        .expect_err("refused");
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].field, fields::TEXT);
        assert!(
            problems[0].message.starts_with("Line 2:"),
            "{}",
            problems[0].message
        );
        assert!(problems[0].message.contains("customer_name, site_name"));
    }

    #[test]
    fn a_syntax_error_is_refused_with_its_line() {
        let problems = render_sample(
            TemplateKind::Test,
            &text("Hi", "ok", "<p>\n\n{% if staff_name %}unclosed"),
        )
        .expect_err("refused");
        assert_eq!(problems[0].field, fields::HTML);
        assert!(
            problems[0].message.starts_with("Line 3:"),
            "{}",
            problems[0].message
        );
    }

    #[test]
    fn a_runaway_loop_runs_out_of_fuel() {
        let problems = render_sample(
            TemplateKind::Test,
            &text("{% for i in range(100000) %}{{ i }}{% endfor %}", "", ""),
        )
        .expect_err("refused");
        assert!(
            problems[0].message.contains("too much work"),
            "{}",
            problems[0].message
        );
    }

    #[test]
    fn a_huge_rendering_is_refused() {
        let problems = render_sample(TemplateKind::Test, &text("Hi", "{{ 'x' * 600000 }}", ""))
            .expect_err("refused");
        assert_eq!(problems[0].field, fields::TEXT);
        assert!(
            problems[0].message.contains("more than an email"),
            "{}",
            problems[0].message
        );
    }

    #[test]
    fn a_subject_stays_on_one_line() {
        let rendered =
            render_sample(TemplateKind::Test, &text("A\n  test\n", "", "")).expect("renders");
        assert_eq!(rendered.subject, "A test");
    }
}
