use leptos::prelude::*;

use crate::components::form::FormState;

/// A labelled input with its error message beside it. The message comes from the
/// form's messages by field name, whether the form's own check or the backend put it
/// there.
#[component]
pub fn TextField(
    /// The form it belongs to; the input's id is `{form}-{name}` and the message's
    /// id `{form}-{name}-error`.
    #[prop(into)]
    form: FormState,
    /// The field's name in `desk-domain` (e.g. `email`).
    name: &'static str,
    label: &'static str,
    value: RwSignal<String>,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(default = "off")] autocomplete: &'static str,
    #[prop(optional)] list: Option<&'static str>,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional)] node_ref: NodeRef<leptos::html::Input>,
) -> impl IntoView {
    let id = form.input_id(name);
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let message = move || form.message(name);
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
                        form.recheck(name);
                    }
                }
            />
            {hint.map(|hint| view! { <p class="hint" id=hint_id>{hint}</p> })}
            <p class="field-error" id=error_id aria-live="polite">{message}</p>
        </div>
    }
}
