use desk_domain::FieldError;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// A labelled input with its error message beside it. The message comes from the shared
/// `errors` list by field name, whether the UI's own check or the backend put it there.
#[component]
pub fn TextField(
    /// The field's name in `desk-domain` (e.g. `email`); the input's id is
    /// `{form}-{name}` and the message's id `{form}-{name}-error`.
    form: &'static str,
    name: &'static str,
    label: &'static str,
    value: RwSignal<String>,
    errors: RwSignal<Vec<FieldError>>,
    /// Re-checks this field alone (called with its name) while typing once a message
    /// is showing, so the message goes away as soon as the value is right.
    recheck: Callback<&'static str>,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(default = "off")] autocomplete: &'static str,
    #[prop(optional)] list: Option<&'static str>,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional)] node_ref: NodeRef<leptos::html::Input>,
) -> impl IntoView {
    let id = format!("{form}-{name}");
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let message = move || {
        errors.with(|errors| {
            errors
                .iter()
                .find(|error| error.field == name)
                .map(|error| error.message.clone())
        })
    };
    let described_by = if hint.is_some() {
        format!("{hint_id} {error_id}")
    } else {
        error_id.clone()
    };
    view! {
        <div class="field" class:invalid=move || message().is_some()>
            <label for=id.clone()>{label}</label>
            <input
                id=id
                name=name
                type=input_type
                autocomplete=autocomplete
                list=list
                node_ref=node_ref
                prop:value=move || value.get()
                aria-invalid=move || if message().is_some() { "true" } else { "false" }
                aria-describedby=described_by
                on:input=move |event| {
                    value.set(event_target_value(&event));
                    if message().is_some() {
                        recheck.run(name);
                    }
                }
            />
            {hint.map(|hint| view! { <p class="hint" id=hint_id>{hint}</p> })}
            <p class="field-error" id=error_id aria-live="polite">{message}</p>
        </div>
    }
}

/// Moves the keyboard focus to the first field (in `problems`' order, which is form
/// order) that has a message, so the person can fix it straight away.
pub fn focus_first_invalid(form: &str, problems: &[FieldError]) {
    let Some(first) = problems.first() else {
        return;
    };
    let id = format!("{form}-{}", first.field);
    if let Some(element) = leptos::prelude::document().get_element_by_id(&id)
        && let Ok(input) = element.dyn_into::<web_sys::HtmlElement>()
    {
        let _ = input.focus();
    }
}

/// A re-check callback for [`TextField`]: runs the form's whole `check` and replaces
/// only the message of the field being edited, so other fields keep theirs (including
/// messages only the backend can give, such as "already in use").
pub fn recheck_field(
    errors: RwSignal<Vec<FieldError>>,
    check: impl Fn() -> Vec<FieldError> + Send + Sync + 'static,
) -> Callback<&'static str> {
    Callback::new(move |field: &'static str| {
        let fresh = check();
        errors.update(|shown| {
            shown.retain(|old| old.field != field);
            shown.extend(fresh.into_iter().filter(|new| new.field == field));
        });
    })
}

/// Shows a refused command: field messages beside their fields (focusing the first),
/// anything else in the form's banner.
pub fn show_failure(
    form: &str,
    error: &desk_domain::DeskError,
    errors: RwSignal<Vec<FieldError>>,
    banner: RwSignal<Option<String>>,
) {
    let problems = error.field_errors().to_vec();
    if problems.is_empty() {
        banner.set(Some(error.summary()));
    } else {
        focus_first_invalid(form, &problems);
    }
    errors.set(problems);
}
