//! The templates use cases: what is in effect for a kind and locale (with the fallback
//! it came from), saving a template only when it renders, previewing on sample values,
//! and rendering a message to queue.

use chrono::{DateTime, Utc};
use desk_domain::audit::{AuditAction, EntityType, FieldChange};
use desk_domain::email_template::{
    TemplateEdit, TemplateInput, TemplateKey, TemplateKind, TemplatePreview, TemplateSource,
    TemplateText, TemplatesOverview, fields,
};
use desk_domain::locale_tag::LocaleTag;
use desk_domain::store_preferences::CodeList;
use desk_domain::{DeskError, FieldError, FieldErrorCode};
use desk_store::{Effects, Store};

use super::built_in::built_in;
use super::render::{render, render_sample};
use crate::audit::entry;
use crate::desk::{Actor, Desk};
use crate::email::compose::Rendered;
use crate::internal_error;

/// The enabled locales, the default first.
async fn locales(store: &dyn Store) -> Result<Vec<String>, DeskError> {
    let mut locales = store
        .code_list(CodeList::Locales)
        .await
        .map_err(|error| internal_error("reading the locales", &error))?;
    locales.sort_by_key(|(_, is_default)| !is_default);
    Ok(locales.into_iter().map(|(tag, _)| tag).collect())
}

/// The store's default locale (`en` on a store that somehow has none).
pub async fn default_locale(store: &dyn Store) -> Result<String, DeskError> {
    Ok(locales(store)
        .await?
        .into_iter()
        .next()
        .unwrap_or_else(|| "en".to_owned()))
}

/// What is in effect for `kind` in `locale`: its own template, else its language's
/// ("de" for "de-CH"), else the store's default locale's, else the built-in one.
async fn in_effect(
    store: &dyn Store,
    kind: TemplateKind,
    locale: &str,
) -> Result<(TemplateText, TemplateSource), DeskError> {
    let default = default_locale(store).await?;
    in_effect_with_default(store, kind, locale, &default).await
}

/// [`in_effect`] with the store's default locale already read.
async fn in_effect_with_default(
    store: &dyn Store,
    kind: TemplateKind,
    locale: &str,
    default: &str,
) -> Result<(TemplateText, TemplateSource), DeskError> {
    let mut candidates = vec![locale.to_owned()];
    let language = LocaleTag::from_trusted(locale.to_owned())
        .language()
        .to_owned();
    if language != locale {
        candidates.push(language);
    }
    if !candidates.iter().any(|candidate| candidate == default) {
        candidates.push(default.to_owned());
    }
    for candidate in candidates {
        let key = TemplateKey {
            kind,
            locale: candidate.clone(),
        };
        let saved = store
            .email_template(&key)
            .await
            .map_err(|error| internal_error("reading a template", &error))?;
        if let Some(text) = saved {
            let source = if candidate == locale {
                TemplateSource::Own
            } else {
                TemplateSource::Fallback(candidate)
            };
            return Ok((text, source));
        }
    }
    Ok((built_in(kind), TemplateSource::BuiltIn))
}

/// The template in effect for `kind` in `locale`, read once to render many messages,
/// and whether it is the built-in one (a saved one that does not render falls back
/// to it, as [`render_message_with_default`] does).
pub async fn template_in_effect(
    store: &dyn Store,
    kind: TemplateKind,
    locale: &str,
    default_locale: &str,
) -> Result<(TemplateText, bool), DeskError> {
    let (text, source) = in_effect_with_default(store, kind, locale, default_locale).await?;
    Ok((text, source == TemplateSource::BuiltIn))
}

/// The templates screen: the store's locales and which templates are saved.
pub async fn templates_overview(desk: &Desk) -> Result<TemplatesOverview, DeskError> {
    let store = desk.store()?;
    Ok(TemplatesOverview {
        locales: locales(store.as_ref()).await?,
        saved: store
            .saved_templates()
            .await
            .map_err(|error| internal_error("reading the templates", &error))?,
    })
}

async fn checked_locale(store: &dyn Store, key: &TemplateKey) -> Result<String, DeskError> {
    let refused = |problem: FieldError| DeskError::Validation {
        fields: vec![problem],
    };
    let tag = LocaleTag::parse(fields::LOCALE, &key.locale).map_err(refused)?;
    if !locales(store)
        .await?
        .iter()
        .any(|known| known == tag.as_str())
    {
        return Err(refused(FieldError::new(
            fields::LOCALE,
            FieldErrorCode::InvalidChoice,
            format!("{tag} is not one of the store's locales: enable it first."),
        )));
    }
    Ok(tag.to_string())
}

/// The template of `key` as the editor opens it.
pub async fn template_for_edit(desk: &Desk, key: &TemplateKey) -> Result<TemplateEdit, DeskError> {
    let store = desk.store()?;
    let locale = checked_locale(store.as_ref(), key).await?;
    let (text, source) = in_effect(store.as_ref(), key.kind, &locale).await?;
    Ok(TemplateEdit {
        key: TemplateKey {
            kind: key.kind,
            locale,
        },
        text,
        source,
    })
}

/// Renders `input` on its kind's sample values; refused with the line and reason of
/// each part that does not render.
pub fn preview_template(input: &TemplateInput) -> Result<TemplatePreview, DeskError> {
    let rendered = render_sample(input.key.kind, &input.text)
        .map_err(|fields| DeskError::Validation { fields })?;
    Ok(TemplatePreview {
        subject: rendered.subject,
        body_text: rendered.text,
        body_html: rendered.html,
    })
}

fn part_changes(before: &TemplateText, after: &TemplateText) -> Vec<FieldChange> {
    [
        (fields::SUBJECT, &before.subject, &after.subject),
        (fields::TEXT, &before.body_text, &after.body_text),
        (fields::HTML, &before.body_html, &after.body_html),
    ]
    .into_iter()
    .filter(|(_, old, new)| old != new)
    .map(|(field, old, new)| FieldChange::changed(field, old.as_str(), new.as_str()))
    .collect()
}

/// Saves a template for its kind and locale, if it renders.
pub async fn save_template(
    desk: &Desk,
    by: &Actor,
    input: &TemplateInput,
    now: DateTime<Utc>,
) -> Result<TemplateEdit, DeskError> {
    if input.text.subject.trim().is_empty() {
        return Err(DeskError::Validation {
            fields: vec![FieldError::new(
                fields::SUBJECT,
                FieldErrorCode::Required,
                "Enter a subject.",
            )],
        });
    }
    preview_template(input)?;
    let store = desk.store()?;
    let locale = checked_locale(store.as_ref(), &input.key).await?;
    let key = TemplateKey {
        kind: input.key.kind,
        locale,
    };
    let (before, _) = in_effect(store.as_ref(), key.kind, &key.locale).await?;
    let audit = Effects::audit(entry(
        &by.attribution(),
        now,
        AuditAction::TemplateChanged,
        EntityType::Settings,
        format!("template {} ({})", key.kind.label(), key.locale),
        part_changes(&before, &input.text),
    ));
    store
        .set_email_template(&key, Some(&input.text), &audit)
        .await
        .map_err(|error| internal_error("saving the template", &error))?;
    template_for_edit(desk, &key).await
}

/// Removes the store's template for `key`: the fallback applies again.
pub async fn reset_template(
    desk: &Desk,
    by: &Actor,
    key: &TemplateKey,
    now: DateTime<Utc>,
) -> Result<TemplateEdit, DeskError> {
    let store = desk.store()?;
    let locale = checked_locale(store.as_ref(), key).await?;
    let key = TemplateKey {
        kind: key.kind,
        locale,
    };
    let audit = Effects::audit(entry(
        &by.attribution(),
        now,
        AuditAction::TemplateReset,
        EntityType::Settings,
        format!("template {} ({})", key.kind.label(), key.locale),
        Vec::new(),
    ));
    store
        .set_email_template(&key, None, &audit)
        .await
        .map_err(|error| internal_error("resetting the template", &error))?;
    template_for_edit(desk, &key).await
}

/// Renders the message `kind` for a recipient whose locale is `locale`, with `values`,
/// from the template in effect. A saved template that no longer renders (it was valid
/// when saved) falls back to the built-in one rather than losing the message.
pub async fn render_message(
    store: &dyn Store,
    kind: TemplateKind,
    locale: &str,
    values: &[(&str, String)],
) -> Result<Rendered, DeskError> {
    let default = default_locale(store).await?;
    render_message_with_default(store, kind, locale, &default, values).await
}

/// [`render_message`] with the store's default locale already read (by a caller
/// sending many messages at once).
pub async fn render_message_with_default(
    store: &dyn Store,
    kind: TemplateKind,
    locale: &str,
    default_locale: &str,
    values: &[(&str, String)],
) -> Result<Rendered, DeskError> {
    let (text, source) = in_effect_with_default(store, kind, locale, default_locale).await?;
    match render(kind, &text, values) {
        Ok(rendered) => Ok(rendered),
        Err(problems) if source != TemplateSource::BuiltIn => {
            tracing::warn!(?kind, locale, ?problems, "a saved template did not render");
            render(kind, &built_in(kind), values)
                .map_err(|_| internal_error("rendering a built-in template", &kind.code()))
        }
        Err(_) => Err(internal_error(
            "rendering a built-in template",
            &kind.code(),
        )),
    }
}
