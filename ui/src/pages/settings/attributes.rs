//! Custom attributes for customers (seed 003's mixins): the list, and the form that
//! adds one or edits one (its code and kind stay as created).

use desk_domain::commands::{GetCustomerChoices, SaveCustomerAttribute};
use desk_domain::custom_attribute::{AttributeDefinition, AttributeInput, AttributeKind, fields};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api;
use crate::components::choice_field::{CheckField, SelectField};
use crate::components::form::{Form, FormBanner, SubmitButton};
use crate::components::table::{Column, Table};
use crate::components::text_field::TextField;

const COLUMNS: &[Column] = &[
    Column::sized("Code", "16%"),
    Column::new("Label"),
    Column::sized("Kind", "12%"),
    Column::sized("Required", "10%"),
    Column::new("Choices"),
    Column::sized("", "5rem"),
];

#[component]
pub fn AttributesPage() -> impl IntoView {
    let attributes = RwSignal::new(Vec::<AttributeDefinition>::new());
    let status = RwSignal::new(None::<String>);
    spawn_local(async move {
        if let Ok(choices) = api::call(&GetCustomerChoices {}).await {
            attributes.set(choices.attributes);
        }
    });
    let original_code = RwSignal::new(None::<String>);
    let code = RwSignal::new(String::new());
    let label = RwSignal::new(String::new());
    let other_labels = RwSignal::new(String::new());
    let kind = RwSignal::new(AttributeKind::Text.code().to_owned());
    let required = RwSignal::new(false);
    let choices = RwSignal::new(String::new());
    let clear = move || {
        original_code.set(None);
        code.set(String::new());
        label.set(String::new());
        other_labels.set(String::new());
        kind.set(AttributeKind::Text.code().to_owned());
        required.set(false);
        choices.set(String::new());
    };
    let edit = move |definition: AttributeDefinition| {
        status.set(None);
        original_code.set(Some(definition.code.clone()));
        code.set(definition.code.clone());
        label.set(definition.label.clone());
        other_labels.set(
            definition
                .other_labels
                .iter()
                .map(|(tag, text)| format!("{tag}: {text}"))
                .collect::<Vec<_>>()
                .join("\n"),
        );
        kind.set(definition.kind.code().to_owned());
        required.set(definition.required);
        choices.set(definition.choices.join("\n"));
    };
    let form = Form::new("attribute", move || {
        let input = AttributeInput {
            original_code: original_code.get_untracked(),
            code: code.get_untracked(),
            label: label.get_untracked(),
            other_labels: other_labels.get_untracked(),
            kind: kind.get_untracked(),
            required: required.get_untracked(),
            choices: choices.get_untracked(),
        };
        input.parse().map(|_| input)
    });
    let submit = form.submit(
        |input| SaveCustomerAttribute { input },
        move |saved: Vec<AttributeDefinition>| {
            let name = label.get_untracked();
            status.set(Some(match original_code.get_untracked() {
                Some(_) => format!("Custom attribute {name} saved."),
                None => format!("Custom attribute {name} added."),
            }));
            attributes.set(saved);
            clear();
        },
    );
    let kinds = Signal::derive(|| {
        AttributeKind::ALL
            .iter()
            .map(|kind| (kind.code().to_owned(), kind.label().to_owned()))
            .collect::<Vec<_>>()
    });
    let state = form.state();
    view! {
        <div class="settings-columns wide">
            <section aria-labelledby="attributes-heading">
                <div class="pane-header">
                    <h2 id="attributes-heading">"Custom attributes"</h2>
                    <p class="status" role="status" id="attributes-status">{move || status.get()}</p>
                </div>
                <p class="intro">"Fields of your own for customers: they appear in the customer form, on the customer's page and in its history."</p>
                <Table
                    id="attribute-list"
                    columns=COLUMNS
                    rows=attributes
                    key=|definition: &AttributeDefinition| format!("{definition:?}")
                    row=move |definition: AttributeDefinition| {
                        let row_id = format!("attribute-{}", definition.code);
                        let edit_id = format!("attribute-edit-{}", definition.code);
                        let editing = definition.clone();
                        view! {
                            <tr id=row_id>
                                <td>{definition.code.clone()}</td>
                                <td>{definition.label.clone()}</td>
                                <td>{definition.kind.label()}</td>
                                <td>{if definition.required { "yes" } else { "no" }}</td>
                                <td>{definition.choices.join(", ")}</td>
                                <td>
                                    <button type="button" class="secondary small" id=edit_id
                                        on:click=move |_| edit(editing.clone())>"Edit"</button>
                                </td>
                            </tr>
                        }
                    }
                />
            </section>
            <form class="settings-form" id="attribute-form" novalidate on:submit=submit>
                <h3>{move || match original_code.get() {
                    Some(code) => format!("Edit attribute {code}"),
                    None => "Add a custom attribute".to_owned(),
                }}</h3>
                <FormBanner form=form id="attribute-banner" />
                <TextField form=form name=fields::CODE label="Code" value=code
                    hint="a-z, digits and _, like loyalty_tier; fixed once created." />
                <TextField form=form name=fields::LABEL label="Label" value=label />
                <div class="field">
                    <label for="attribute-other_labels">"Labels in other locales (optional)"</label>
                    <textarea id="attribute-other_labels" rows="2" placeholder="de: Treuestufe"
                        prop:value=move || other_labels.get()
                        on:input=move |event| other_labels.set(event_target_value(&event))></textarea>
                    <p class="field-error" id="attribute-other_labels-error">{move || state.message(fields::OTHER_LABELS)}</p>
                </div>
                <SelectField form=form name=fields::KIND label="Kind" value=kind options=kinds />
                <Show when=move || kind.get() == AttributeKind::Choice.code()>
                    <div class="field">
                        <label for="attribute-choices">"Choices, one per line"</label>
                        <textarea id="attribute-choices" rows="4"
                            prop:value=move || choices.get()
                            on:input=move |event| choices.set(event_target_value(&event))></textarea>
                        <p class="field-error" id="attribute-choices-error">{move || state.message(fields::CHOICES)}</p>
                    </div>
                </Show>
                <CheckField form=form name="required" label="Every customer must have a value" value=required />
                <div class="actions">
                    <Show when=move || original_code.get().is_some()>
                        <button type="button" class="secondary" id="attribute-cancel" on:click=move |_| clear()>"Cancel"</button>
                    </Show>
                    <SubmitButton form=form id="attribute-save" label="Save attribute" busy_label="Saving…" />
                </div>
            </form>
        </div>
    }
}
