//! Email templates: pick a kind of message and a locale, edit its subject, text and
//! HTML with the variables listed beside them, and watch a live preview on sample
//! values (the HTML in a sandboxed frame that runs nothing). Saving a template that
//! does not render is refused with the line and the reason.

use desk_domain::commands::{
    GetTemplate, GetTemplatesOverview, PreviewTemplate, ResetTemplate, SaveTemplate,
};
use desk_domain::email_template::{
    TemplateEdit, TemplateInput, TemplateKey, TemplateKind, TemplatePreview, TemplateSource,
    TemplateText, TemplatesOverview, fields,
};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api;
use crate::components::form::{Form, FormBanner, SubmitButton};

/// The templates page.
#[component]
pub fn TemplatesPage() -> impl IntoView {
    let overview = RwSignal::new(TemplatesOverview::default());
    let kind = RwSignal::new(TemplateKind::Verification);
    let locale = RwSignal::new(String::new());
    let subject = RwSignal::new(String::new());
    let body_text = RwSignal::new(String::new());
    let body_html = RwSignal::new(String::new());
    let source = RwSignal::new(None::<TemplateSource>);
    let preview = RwSignal::new(None::<TemplatePreview>);
    let preview_problem = RwSignal::new(None::<String>);
    let status = RwSignal::new(None::<String>);
    // Answers to earlier previews are dropped: only the latest text's counts.
    let preview_round = RwSignal::new(0_u64);

    let text = move || TemplateText {
        subject: subject.get_untracked(),
        body_text: body_text.get_untracked(),
        body_html: body_html.get_untracked(),
    };
    let key = move || TemplateKey {
        kind: kind.get_untracked(),
        locale: locale.get_untracked(),
    };
    let run_preview = move |round: u64| {
        let input = TemplateInput {
            key: key(),
            text: text(),
        };
        spawn_local(async move {
            let answer = api::call(&PreviewTemplate { input }).await;
            if preview_round.is_disposed() || preview_round.get_untracked() != round {
                return;
            }
            match answer {
                Ok(rendered) => {
                    preview_problem.set(None);
                    preview.set(Some(rendered));
                }
                Err(error) => {
                    preview_problem.set(Some(error.messages()));
                }
            }
        });
    };
    let refresh_preview = move || {
        let round = preview_round.get_untracked() + 1;
        preview_round.set(round);
        // A short pause after typing, so a word typed is one preview, not one a key.
        set_timeout(
            move || {
                if preview_round.is_disposed() || preview_round.get_untracked() != round {
                    return;
                }
                run_preview(round);
            },
            std::time::Duration::from_millis(250),
        );
    };
    let show = move |edit: TemplateEdit| {
        subject.set(edit.text.subject);
        body_text.set(edit.text.body_text);
        body_html.set(edit.text.body_html);
        source.set(Some(edit.source));
        refresh_preview();
    };
    let open = move || {
        if locale.get_untracked().is_empty() {
            return;
        }
        status.set(None);
        let key = key();
        spawn_local(async move {
            match api::call(&GetTemplate { key }).await {
                Ok(edit) => show(edit),
                Err(error) => status.set(Some(error.summary())),
            }
        });
    };
    spawn_local(async move {
        if let Ok(found) = api::call(&GetTemplatesOverview {}).await {
            locale.set(found.locales.first().cloned().unwrap_or_default());
            overview.set(found);
            open();
        }
    });

    let form = Form::new("template", move || {
        Ok::<_, Vec<desk_domain::FieldError>>(TemplateInput {
            key: key(),
            text: text(),
        })
    });
    let state = form.state();
    let submit = form.submit(
        |input| SaveTemplate { input },
        move |edit: TemplateEdit| {
            status.set(Some(format!(
                "Template \"{}\" saved for {}.",
                edit.key.kind.label(),
                edit.key.locale
            )));
            show(edit);
            spawn_local(async move {
                if let Ok(found) = api::call(&GetTemplatesOverview {}).await {
                    overview.set(found);
                }
            });
        },
    );
    let reset = move |_| {
        let key = key();
        spawn_local(async move {
            match api::call(&ResetTemplate { key }).await {
                Ok(edit) => {
                    status.set(Some(
                        "The store's template was removed; the fallback applies.".into(),
                    ));
                    show(edit);
                }
                Err(error) => status.set(Some(error.summary())),
            }
        });
    };

    let kinds = TemplateKind::ALL
        .into_iter()
        .map(|choice| {
            let id = format!("template-kind-{}", choice.code());
            view! {
                <li>
                    <button type="button" id=id class="link template-kind"
                        aria-current=move || (kind.get() == choice).then_some("true")
                        on:click=move |_| { kind.set(choice); open(); }>
                        {choice.label()}
                    </button>
                </li>
            }
        })
        .collect_view();
    let locale_options = move || {
        overview.with(|overview| {
            overview
                .locales
                .iter()
                .map(|tag| {
                    let value = tag.clone();
                    let saved = overview
                        .saved
                        .iter()
                        .any(|key| key.kind == kind.get() && key.locale == *tag);
                    let label = if saved { format!("{tag} (own template)") } else { tag.clone() };
                    view! { <option value=tag.clone() selected=move || locale.get() == value>{label}</option> }
                })
                .collect_view()
        })
    };
    let source_line = move || {
        source.get().map(|source| match source {
            TemplateSource::Own => "This locale has its own template.".to_owned(),
            TemplateSource::Fallback(from) => {
                format!("No template of its own: the {from} template is used. Saving makes one for this locale.")
            }
            TemplateSource::BuiltIn => {
                "No template of its own: the built-in English text is used. Saving makes one for this locale.".to_owned()
            }
        })
    };
    let variables = move || {
        kind.get()
            .variables()
            .iter()
            .map(|variable| {
                let name = format!("{{{{ {} }}}}", variable.name);
                view! { <li><code>{name}</code>" – "{variable.description}</li> }
            })
            .collect_view()
    };
    let area = move |field: &'static str,
                     label: &'static str,
                     value: RwSignal<String>,
                     rows: u32| {
        let id = format!("template-{field}");
        let error_id = format!("{id}-error");
        let label_for = id.clone();
        view! {
            <div class="field" class:invalid=move || state.message(field).is_some()>
                <label for=label_for>{label}</label>
                <textarea id=id rows=rows spellcheck="false" aria-describedby=error_id.clone()
                    prop:value=move || value.get()
                    on:input=move |event| { value.set(event_target_value(&event)); refresh_preview(); }>
                </textarea>
                <p class="field-error" id=error_id aria-live="polite">{move || state.message(field)}</p>
            </div>
        }
    };

    view! {
        <div class="templates">
            <nav class="template-kinds" aria-label="Kinds of message">
                <h2>"Email templates"</h2>
                <ul>{kinds}</ul>
            </nav>
            <form class="settings-form template-editor" id="template-form" novalidate on:submit=submit>
                <div class="pane-header">
                    <h3 id="template-heading">{move || kind.get().label()}</h3>
                    <p class="status" role="status" id="template-status">{move || status.get()}</p>
                </div>
                <div class="field">
                    <label for="template-locale">"Locale"</label>
                    <select id="template-locale" on:change=move |event| {
                        locale.set(event_target_value(&event));
                        open();
                    }>{locale_options}</select>
                    <p class="hint" id="template-source">{source_line}</p>
                </div>
                <FormBanner form=form />
                <div class="field" class:invalid=move || state.message(fields::SUBJECT).is_some()>
                    <label for="template-subject">"Subject"</label>
                    <input id="template-subject" type="text" spellcheck="false"
                        prop:value=move || subject.get()
                        on:input=move |event| { subject.set(event_target_value(&event)); refresh_preview(); } />
                    <p class="field-error" id="template-subject-error" aria-live="polite">
                        {move || state.message(fields::SUBJECT)}
                    </p>
                </div>
                {area(fields::TEXT, "Text", body_text, 8)}
                {area(fields::HTML, "HTML", body_html, 8)}
                <details class="variables" open>
                    <summary>"Variables of this message"</summary>
                    <ul id="template-variables">{variables}</ul>
                </details>
                <div class="actions">
                    <Show when=move || source.get() == Some(TemplateSource::Own)>
                        <button type="button" class="secondary" id="template-reset" on:click=reset>
                            "Remove this locale's template"
                        </button>
                    </Show>
                    <SubmitButton form=form id="template-save" label="Save template" busy_label="Saving…" />
                </div>
            </form>
            <section class="settings-form template-preview" aria-labelledby="preview-heading">
                <h3 id="preview-heading">"Preview with sample values"</h3>
                <Show when=move || preview_problem.get().is_some()>
                    <p class="banner error" role="alert" id="preview-problem">{move || preview_problem.get()}</p>
                </Show>
                {move || preview.get().map(|rendered| view! {
                    <p class="preview-subject"><strong>"Subject: "</strong><span id="preview-subject">{rendered.subject}</span></p>
                    <pre class="preview-text" id="preview-text">{rendered.body_text}</pre>
                    // The HTML runs nothing: an empty sandbox forbids scripts, forms and
                    // navigation.
                    <iframe class="preview-html" id="preview-html" title="HTML preview" sandbox="" srcdoc=rendered.body_html></iframe>
                })}
            </section>
        </div>
    }
}
