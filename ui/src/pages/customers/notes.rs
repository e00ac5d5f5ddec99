//! The Notes section of a customer's page: add a note; notes newest first, with
//! their author and time, older ones on request.

use desk_domain::commands::{AddCustomerNote, GetCustomerNotes};
use desk_domain::customer::CustomerId;
use desk_domain::customer_note::{BODY, NewNote, Note, NoteId, parse_note};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api;
use crate::components::form::{Form, FormBanner, SubmitButton};
use crate::local_time::local_date_time;

#[component]
pub fn CustomerNotes(customer: CustomerId, may_edit: bool) -> impl IntoView {
    let notes = RwSignal::new(Vec::<Note>::new());
    let next = RwSignal::new(None::<NoteId>);
    let load = move |before: Option<NoteId>| {
        spawn_local(async move {
            if let Ok(page) = api::call(&GetCustomerNotes {
                id: customer,
                before,
            })
            .await
            {
                notes.update(|all| all.extend(page.items));
                next.set(page.next_before);
            }
        });
    };
    load(None);
    let body = RwSignal::new(String::new());
    let form = Form::new("note", move || {
        let text = body.get_untracked();
        parse_note(&text)
            .map(|_| NewNote {
                customer_id: customer,
                body: text,
            })
            .map_err(|problem| vec![problem])
    });
    let submit = form.submit(
        |note| AddCustomerNote { note },
        move |note: Note| {
            body.set(String::new());
            notes.update(|all| all.insert(0, note));
        },
    );
    view! {
        <section class="customer-section" id="customer-notes" aria-labelledby="customer-notes-heading">
            <h3 id="customer-notes-heading">"Notes"</h3>
            {may_edit.then(|| view! {
                <form class="note-form" id="note-form" novalidate on:submit=submit>
                    <FormBanner form=form id="note-banner" />
                    <div class="field">
                        <label for="note-body">"New note"</label>
                        <textarea id="note-body" name=BODY rows="3"
                            prop:value=move || body.get()
                            on:input=move |event| body.set(event_target_value(&event))></textarea>
                        <p class="field-error" id="note-body-error" aria-live="polite">
                            {move || form.state().message(BODY)}
                        </p>
                    </div>
                    <SubmitButton form=form id="note-add" label="Add note" busy_label="Saving…" />
                </form>
            })}
            <ul class="notes" id="customer-notes-list">
                {move || {
                    let all = notes.get();
                    if all.is_empty() {
                        view! { <li class="empty">"No notes yet."</li> }.into_any()
                    } else {
                        all.into_iter()
                            .map(|note| view! {
                                <li class="note">
                                    <p class="note-body">{note.body.clone()}</p>
                                    <p class="hint">{note.author_name.clone()}", "
                                        <time datetime=note.created_at.to_rfc3339()>{local_date_time(note.created_at)}</time>
                                    </p>
                                </li>
                            })
                            .collect_view()
                            .into_any()
                    }
                }}
            </ul>
            <Show when=move || next.get().is_some()>
                <button type="button" class="secondary" id="notes-older"
                    on:click=move |_| load(next.get_untracked())>"Show older notes"</button>
            </Show>
        </section>
    }
}
