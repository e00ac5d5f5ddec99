//! The outbox, for administrators and support agents: every message the store sends,
//! newest first, by status and recipient; one message in full (its HTML in a frame
//! that runs nothing); a failed one sent again, a queued one cancelled.

use desk_domain::commands::{CancelMessage, GetOutboxMessage, ListOutbox, ResendMessage};
use desk_domain::outbox::{
    MessageId, MessageStatus, OutboxItem, OutboxListRequest, OutboxMessageView,
};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api;
use crate::components::table::{Column, TableHead};
use crate::local_time::local_date_time;

const PAGE: u32 = 50;

const COLUMNS: &[Column] = &[
    Column::sized("Queued", "17%"),
    Column::new("To"),
    Column::new("Subject"),
    Column::sized("Status", "10%"),
    Column::sized("Attempts", "8%"),
];

/// The outbox page.
#[component]
pub fn OutboxPage() -> impl IntoView {
    let items = RwSignal::new(Vec::<OutboxItem>::new());
    let next = RwSignal::new(None::<MessageId>);
    let status_filter = RwSignal::new(None::<MessageStatus>);
    let recipient = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let chosen = RwSignal::new(None::<OutboxMessageView>);
    let notice = RwSignal::new(None::<String>);
    // Answers to an earlier filter are dropped.
    let round = RwSignal::new(0_u64);

    let load = move |before: Option<MessageId>| {
        let this = if before.is_none() {
            let this = round.get_untracked() + 1;
            round.set(this);
            this
        } else {
            round.get_untracked()
        };
        let request = OutboxListRequest {
            status: status_filter.get_untracked(),
            recipient: recipient.get_untracked(),
            before,
            limit: PAGE,
        };
        spawn_local(async move {
            let answer = api::call(&ListOutbox { request }).await;
            if round.is_disposed() || round.get_untracked() != this {
                return;
            }
            match answer {
                Ok(page) => {
                    error.set(None);
                    if before.is_none() {
                        items.set(page.items);
                    } else {
                        items.update(|shown| shown.extend(page.items));
                    }
                    next.set(page.next_before);
                }
                Err(failure) => error.set(Some(failure.summary())),
            }
        });
    };
    load(None);

    let open = move |id: MessageId| {
        notice.set(None);
        spawn_local(async move {
            match api::call(&GetOutboxMessage { id }).await {
                Ok(view) => chosen.set(Some(view)),
                Err(failure) => error.set(Some(failure.summary())),
            }
        });
    };
    let act = move |id: MessageId, resend: bool| {
        spawn_local(async move {
            let answer = if resend {
                api::call(&ResendMessage { id }).await
            } else {
                api::call(&CancelMessage { id }).await
            };
            match answer {
                Ok(updated) => {
                    notice.set(Some(if resend {
                        format!("The message to {} is queued again.", updated.recipient)
                    } else {
                        format!("The message to {} is cancelled.", updated.recipient)
                    }));
                    items.update(|shown| {
                        if let Some(row) = shown.iter_mut().find(|row| row.id == updated.id) {
                            *row = updated.clone();
                        }
                    });
                    chosen.update(|view| {
                        if let Some(view) = view.as_mut() {
                            view.item = updated;
                        }
                    });
                }
                Err(failure) => {
                    notice.set(Some(failure.messages()));
                }
            }
        });
    };

    let status_options = MessageStatus::ALL
        .into_iter()
        .map(|status| view! { <option value=status.code()>{status.label()}</option> })
        .collect_view();
    let rows = move || {
        items
            .get()
            .into_iter()
            .map(|row| {
                let id = row.id;
                let row_id = format!("message-{}", id.0);
                let selected = move || {
                    chosen.with(|view| view.as_ref().is_some_and(|view| view.item.id == id))
                };
                let status_class = format!("status-{}", row.status.code());
                view! {
                    <tr id=row_id class="clickable" class:selected=selected tabindex="0"
                        on:click=move |_| open(id)
                        on:keydown=move |event| if event.key() == "Enter" { open(id) }>
                        <td>{local_date_time(row.created_at)}</td>
                        <td>{row.recipient.clone()}</td>
                        <td>{row.subject.clone()}</td>
                        <td class=status_class>{row.status.label()}</td>
                        <td>{row.attempts}</td>
                    </tr>
                }
            })
            .collect_view()
    };

    view! {
        <section class="list-pane" aria-labelledby="outbox-heading">
            <div class="pane-header">
                <h2 id="outbox-heading">"Outbox"</h2>
                <button type="button" class="secondary small" id="outbox-refresh" on:click=move |_| load(None)>"Refresh"</button>
            </div>
            <form class="filters" role="search" on:submit=move |event: leptos::ev::SubmitEvent| {
                event.prevent_default();
                load(None);
            }>
                <label for="outbox-status">"Status"</label>
                <select id="outbox-status" on:change=move |event| {
                    status_filter.set(MessageStatus::from_code(&event_target_value(&event)));
                    load(None);
                }>
                    <option value="">"All"</option>
                    {status_options}
                </select>
                <label for="outbox-recipient">"Recipient"</label>
                <input id="outbox-recipient" type="search" placeholder="name@example.com"
                    prop:value=move || recipient.get()
                    on:input=move |event| { recipient.set(event_target_value(&event)); load(None); } />
            </form>
            <Show when=move || error.get().is_some()>
                <p class="banner error" role="alert" id="outbox-error">{move || error.get()}</p>
            </Show>
            <table class="data-table" id="outbox-list">
                <TableHead columns=COLUMNS />
                <tbody>{rows}</tbody>
            </table>
            <Show when=move || items.with(Vec::is_empty)>
                <p class="empty" id="outbox-empty">"No messages match."</p>
            </Show>
            <Show when=move || next.get().is_some()>
                <button type="button" class="secondary" id="outbox-more" on:click=move |_| load(next.get_untracked())>
                    "Show older messages"
                </button>
            </Show>
        </section>
        <aside class="form-pane" aria-labelledby="message-heading">
            {move || match chosen.get() {
                None => view! {
                    <h2 id="message-heading">"Message"</h2>
                    <p class="hint">"Choose a message to see it in full."</p>
                }.into_any(),
                Some(view) => {
                    let id = view.item.id;
                    let status = view.item.status;
                    view! {
                        <h2 id="message-heading">{view.item.subject.clone()}</h2>
                        <p class="status" role="status" id="message-notice">{move || notice.get()}</p>
                        <dl class="details" id="message-details">
                            <dt>"To"</dt><dd>{view.item.recipient.clone()}</dd>
                            <dt>"Status"</dt><dd id="message-status">{status.label()}</dd>
                            <dt>"Attempts"</dt><dd>{view.item.attempts}</dd>
                            {view.item.last_error.clone().map(|reason| view! {
                                <dt>"Last error"</dt><dd id="message-error">{reason}</dd>
                            })}
                            <dt>"Queued"</dt><dd>{local_date_time(view.item.created_at)}</dd>
                            {view.item.sent_at.map(|at| view! { <dt>"Sent"</dt><dd>{local_date_time(at)}</dd> })}
                            <dt>"Message"</dt><dd>{view.item.kind.map_or("Unknown kind", |kind| kind.label())}" ("{view.item.locale.clone()}")"</dd>
                            {view.related.clone().map(|related| view! { <dt>"About"</dt><dd>{related}</dd> })}
                            <dt>"Message-ID"</dt><dd><code>{view.message_id.clone()}</code></dd>
                        </dl>
                        <div class="actions">
                            {(status == MessageStatus::Failed).then(|| view! {
                                <button type="button" class="primary" id="message-resend" on:click=move |_| act(id, true)>"Send again"</button>
                            })}
                            {(status == MessageStatus::Queued).then(|| view! {
                                <button type="button" class="secondary" id="message-cancel" on:click=move |_| act(id, false)>"Cancel message"</button>
                            })}
                        </div>
                        <h3>"Text"</h3>
                        <pre class="preview-text" id="message-text">{view.body_text.clone()}</pre>
                        <h3>"HTML"</h3>
                        // Shown as the recipient's mail program would, in a frame that
                        // runs no script, submits no form and opens nothing.
                        <iframe class="preview-html" id="message-html" title="HTML body" sandbox="" srcdoc=view.body_html.clone()></iframe>
                    }.into_any()
                }
            }}
        </aside>
    }
}
