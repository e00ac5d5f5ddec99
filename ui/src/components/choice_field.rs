//! A drop-down and a tick box that share a form's messages, like [`TextField`]
//! (super::text_field::TextField) does.

use leptos::prelude::*;

use super::form::FormState;

/// A labelled `<select>` over `options` (value, label), with an empty first choice
/// named `empty` when the field is optional.
#[component]
pub fn SelectField(
    #[prop(into)] form: FormState,
    name: &'static str,
    label: &'static str,
    value: RwSignal<String>,
    #[prop(into)] options: Signal<Vec<(String, String)>>,
    #[prop(optional)] empty: Option<&'static str>,
) -> impl IntoView {
    let id = form.input_id(name);
    let error_id = format!("{id}-error");
    let message = move || form.message(name);
    view! {
        <div class="field" class:invalid=move || message().is_some()>
            <label for=id.clone()>{label}</label>
            <select
                id=id
                name=name
                aria-invalid=move || if message().is_some() { "true" } else { "false" }
                aria-describedby=error_id.clone()
                prop:value=move || value.get()
                on:change=move |event| {
                    value.set(event_target_value(&event));
                    if message().is_some() {
                        form.recheck(name);
                    }
                }
            >
                {empty.map(|text| view! { <option value="">{text}</option> })}
                {move || {
                    let chosen = value.get();
                    options
                        .get()
                        .into_iter()
                        .map(|(code, text)| {
                            let selected = code == chosen;
                            view! { <option value=code selected=selected>{text}</option> }
                        })
                        .collect_view()
                }}
            </select>
            <p class="field-error" id=error_id aria-live="polite">{message}</p>
        </div>
    }
}

/// A labelled tick box.
#[component]
pub fn CheckField(
    #[prop(into)] form: FormState,
    name: &'static str,
    label: &'static str,
    value: RwSignal<bool>,
) -> impl IntoView {
    let id = form.input_id(name);
    let label_for = id.clone();
    view! {
        <label class="check" for=label_for>
            <input
                type="checkbox"
                id=id
                name=name
                prop:checked=move || value.get()
                on:change=move |event| value.set(event_target_checked(&event))
            />
            {label}
        </label>
    }
}
