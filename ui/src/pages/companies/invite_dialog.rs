//! "Invite members" (seed 004): addresses typed one by one, or a text or CSV file of
//! them dropped onto the dialog or chosen through a file dialog; each invitee gets a
//! role (one role can be applied to all). The file is read here with the same parser
//! the backend trusts; lines that are no address, duplicates, members and people
//! invited already are listed with their file and line and why, and stay listed for
//! correction while the valid ones are sent.

use std::collections::{HashMap, HashSet};

use desk_domain::Email;
use desk_domain::commands::{CheckCompanyInvitees, SendCompanyInvitations};
use desk_domain::company::CompanyId;
use desk_domain::company_invitation::{
    CheckInvitees, InviteeLine, InviteeRefusal, InviteeRequest, SendInvitations,
};
use desk_domain::company_role::{CompanyRole, CompanyRoleId};
use desk_domain::invitation_list::{Rejection, parse_invitation_list};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use crate::api;

/// How many invitees the dialog lists; a longer list is summed up (each gets the
/// role for all, which can still be applied).
const SHOWN_ROWS: usize = 100;
/// How many rejected lines the dialog lists.
const SHOWN_REJECTS: usize = 500;

/// Someone to invite.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Row {
    /// Their number in the dialog, sent as the line so refusals can be matched.
    line: usize,
    /// Where they came from: "typed", "emails.csv line 3".
    origin: String,
    email: String,
    role: CompanyRoleId,
}

/// A line that cannot be invited as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Reject {
    id: usize,
    origin: String,
    text: String,
    reason: String,
    /// Whether correcting the text can make it an invitee (not for repeats, members
    /// and people invited already).
    fixable: bool,
}

#[component]
pub fn InviteDialog(
    company: CompanyId,
    roles: RwSignal<Vec<CompanyRole>>,
    on_close: Callback<()>,
    on_sent: Callback<String>,
) -> impl IntoView {
    let rows = RwSignal::new(Vec::<Row>::new());
    let rejects = RwSignal::new(Vec::<Reject>::new());
    let counter = StoredValue::new(0usize);
    let next = move || {
        counter.update_value(|n| *n += 1);
        counter.get_value()
    };
    let all_role = RwSignal::new(None::<CompanyRoleId>);
    let typed = RwSignal::new(String::new());
    let typed_error = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(None::<String>);
    let dragging = RwSignal::new(false);
    // Member until the person chooses.
    Effect::new(move |_| {
        roles.with(|roles| {
            if all_role.get_untracked().is_none()
                && let Some(member) = roles
                    .iter()
                    .find(|role| role.built_in.as_deref() == Some("member"))
            {
                all_role.set(Some(member.id));
            }
        });
    });

    // Moves the addresses the store refuses from the list to the rejects.
    let move_refused = move |refused: Vec<InviteeRefusal>| {
        if refused.is_empty() {
            return;
        }
        let reasons: HashMap<usize, String> = refused
            .iter()
            .map(|refusal| (refusal.line, refusal.conflict.message()))
            .collect();
        let mut moved = Vec::new();
        rows.update(|rows| {
            rows.retain(|row| match reasons.get(&row.line) {
                Some(reason) => {
                    moved.push(Reject {
                        id: row.line,
                        origin: row.origin.clone(),
                        text: row.email.clone(),
                        reason: reason.clone(),
                        fixable: false,
                    });
                    false
                }
                None => true,
            });
        });
        rejects.update(|rejects| rejects.extend(moved));
    };

    // Lists `found` (origin, address) after those listed already, naming repeats as
    // rejects, then asks the store which of the new ones cannot be invited.
    let add_listed = move |found: Vec<(String, String)>, mut refused_here: Vec<Reject>| {
        let role = all_role.get_untracked().unwrap_or_default();
        let mut added = Vec::new();
        rows.update(|rows| {
            let mut first: HashMap<String, String> = rows
                .iter()
                .map(|row| (row.email.to_lowercase(), row.origin.clone()))
                .collect();
            for (origin, email) in found {
                if let Some(earlier) = first.get(&email.to_lowercase()) {
                    refused_here.push(Reject {
                        id: next(),
                        origin,
                        text: email,
                        reason: format!("Already listed ({earlier})."),
                        fixable: false,
                    });
                    continue;
                }
                first.insert(email.to_lowercase(), origin.clone());
                let row = Row {
                    line: next(),
                    origin,
                    email,
                    role,
                };
                added.push(InviteeLine {
                    line: row.line,
                    email: row.email.clone(),
                });
                rows.push(row);
            }
        });
        rejects.update(|rejects| rejects.extend(refused_here));
        if added.is_empty() {
            return;
        }
        spawn_local(async move {
            busy.set(Some(format!(
                "Checking {}…",
                count(added.len(), "address", "addresses")
            )));
            let answer = api::call(&CheckCompanyInvitees {
                request: CheckInvitees {
                    company,
                    invitees: added,
                },
            })
            .await;
            busy.set(None);
            match answer {
                Ok(refused) => move_refused(refused),
                Err(failure) => error.set(Some(failure.messages())),
            }
        });
    };

    let add_typed = move |text: String, origin: String| -> Result<(), String> {
        let email = Email::parse("invite-email", &text).map_err(|problem| problem.message)?;
        if rows.with_untracked(|rows| {
            rows.iter()
                .any(|row| row.email.eq_ignore_ascii_case(email.as_str()))
        }) {
            return Err(format!("{} is listed already.", email.as_str()));
        }
        add_listed(vec![(origin, email.as_str().to_owned())], Vec::new());
        Ok(())
    };
    let submit_typed = move || match add_typed(typed.get_untracked(), "typed".to_owned()) {
        Ok(()) => {
            typed_error.set(None);
            typed.set(String::new());
        }
        Err(message) => typed_error.set(Some(message)),
    };

    let read_file = move |file: web_sys::File| {
        let name = file.name();
        spawn_local(async move {
            busy.set(Some(format!("Reading {name}…")));
            let text = wasm_bindgen_futures::JsFuture::from(file.text()).await;
            busy.set(None);
            let Some(text) = text.ok().and_then(|text| text.as_string()) else {
                error.set(Some(format!(
                    "{name} could not be read; is it a text or CSV file?"
                )));
                return;
            };
            match parse_invitation_list(&text) {
                Err(too_many) => error.set(Some(format!("{name}: {too_many}"))),
                Ok(list) => {
                    let refused = list
                        .rejected
                        .into_iter()
                        .map(|line| Reject {
                            id: next(),
                            origin: format!("{name} line {}", line.line),
                            fixable: !matches!(line.reason, Rejection::Duplicate { .. }),
                            text: line.text,
                            reason: line.reason.message(),
                        })
                        .collect();
                    let found = list
                        .invitees
                        .into_iter()
                        .map(|invitee| {
                            (
                                format!("{name} line {}", invitee.line),
                                invitee.email.as_str().to_owned(),
                            )
                        })
                        .collect();
                    add_listed(found, refused);
                }
            }
        });
    };
    let read_files = move |files: Option<web_sys::FileList>| {
        if let Some(files) = files {
            for index in 0..files.length() {
                if let Some(file) = files.get(index) {
                    read_file(file);
                }
            }
        }
    };

    let send = move || {
        let list = rows.get_untracked();
        if list.is_empty() {
            error.set(Some(
                "Add at least one email address to invite: type one, or drop a file.".into(),
            ));
            return;
        }
        spawn_local(async move {
            error.set(None);
            busy.set(Some(format!(
                "Sending {}…",
                count(list.len(), "invitation", "invitations")
            )));
            let answer = api::call(&SendCompanyInvitations {
                request: SendInvitations {
                    company,
                    invitees: list
                        .iter()
                        .map(|row| InviteeRequest {
                            line: row.line,
                            email: row.email.clone(),
                            role: row.role,
                        })
                        .collect(),
                },
            })
            .await;
            busy.set(None);
            match answer {
                Ok(sent) => {
                    // The sent ones leave the list; those the store refused become
                    // rejects; anyone added while it was sending stays.
                    let refused: HashSet<usize> =
                        sent.refused.iter().map(|refusal| refusal.line).collect();
                    let sent_lines: HashSet<usize> = list
                        .iter()
                        .map(|row| row.line)
                        .filter(|line| !refused.contains(line))
                        .collect();
                    rows.update(|rows| rows.retain(|row| !sent_lines.contains(&row.line)));
                    move_refused(sent.refused);
                    on_sent.run(format!(
                        "{} sent.",
                        count(sent.sent, "invitation", "invitations")
                    ));
                    if rejects.with_untracked(Vec::is_empty) {
                        on_close.run(());
                    }
                }
                Err(failure) => error.set(Some(failure.messages())),
            }
        });
    };

    let role_options = move |selected: Option<CompanyRoleId>| {
        roles
            .get()
            .into_iter()
            .map(|role| {
                let id = role.id;
                view! {
                    <option value=id.to_string() selected=selected == Some(id)>{role.name.clone()}</option>
                }
            })
            .collect_view()
    };
    let parse_role = |value: String| value.parse::<uuid::Uuid>().ok().map(CompanyRoleId);
    let listed = move || {
        rows.get()
            .into_iter()
            .take(SHOWN_ROWS)
            .map(|row| {
                let line = row.line;
                let label = format!("Role of {}", row.email);
                view! {
                    <tr id=format!("invitee-{line}")>
                        <td>{row.origin.clone()}</td>
                        <td class="invitee-email">{row.email.clone()}</td>
                        <td>
                            <select
                                aria-label=label
                                class="invitee-role"
                                on:change=move |event| {
                                    if let Some(role) = parse_role(event_target_value(&event)) {
                                        rows.update(|rows| {
                                            if let Some(row) = rows.iter_mut().find(|row| row.line == line) {
                                                row.role = role;
                                            }
                                        });
                                    }
                                }
                            >
                                {role_options(Some(row.role))}
                            </select>
                        </td>
                        <td>
                            <button type="button" class="link" on:click=move |_| rows.update(|rows| rows.retain(|row| row.line != line))>
                                "Remove"
                            </button>
                        </td>
                    </tr>
                }
            })
            .collect_view()
    };
    let rejected = move || {
        rejects
            .get()
            .into_iter()
            .take(SHOWN_REJECTS)
            .map(|reject| {
                let id = reject.id;
                let fix = RwSignal::new(reject.text.clone());
                let fix_error = RwSignal::new(None::<String>);
                let origin = StoredValue::new(reject.origin.clone());
                let retry = move || match add_typed(fix.get_untracked(), format!("{}, corrected", origin.get_value())) {
                    Ok(()) => rejects.update(|rejects| rejects.retain(|reject| reject.id != id)),
                    Err(message) => fix_error.set(Some(message)),
                };
                view! {
                    <li class="reject">
                        <strong>{reject.origin.clone()}</strong>
                        {format!(": {} ", if reject.text.trim().is_empty() { "(empty)" } else { reject.text.as_str() })}
                        <span class="reason">{reject.reason.clone()}</span>
                        {reject.fixable.then(|| view! {
                            <span class="fix">
                                <input
                                    type="text"
                                    aria-label=format!("Correct {}", reject.origin)
                                    prop:value=move || fix.get()
                                    on:input=move |event| fix.set(event_target_value(&event))
                                    on:keydown=move |event: web_sys::KeyboardEvent| {
                                        if event.key() == "Enter" {
                                            event.prevent_default();
                                            retry();
                                        }
                                    }
                                />
                                <button type="button" class="link" on:click=move |_| retry()>"Add"</button>
                                {move || fix_error.get().map(|message| view! { <span class="error">{message}</span> })}
                            </span>
                        })}
                    </li>
                }
            })
            .collect_view()
    };

    view! {
        <div class="dialog-backdrop">
            <section
                class="dialog"
                role="dialog"
                aria-modal="true"
                aria-labelledby="invite-heading"
                id="invite-dialog"
                on:keydown=move |event: web_sys::KeyboardEvent| {
                    if event.key() == "Escape" {
                        on_close.run(());
                    }
                }
            >
                <h3 id="invite-heading">"Invite members"</h3>
                <div
                    class="drop-zone"
                    id="invite-drop"
                    class:dragging=move || dragging.get()
                    on:dragover=move |event: web_sys::DragEvent| {
                        event.prevent_default();
                        dragging.set(true);
                    }
                    on:dragleave=move |_| dragging.set(false)
                    on:drop=move |event: web_sys::DragEvent| {
                        event.prevent_default();
                        dragging.set(false);
                        read_files(event.data_transfer().and_then(|data| data.files()));
                    }
                >
                    <p>"Drop a text or CSV file of email addresses here, or "
                        <label for="invite-file" class="link">"choose a file"</label>
                        "."
                    </p>
                    <input
                        type="file"
                        id="invite-file"
                        class="visually-hidden"
                        accept=".txt,.csv,text/plain,text/csv"
                        multiple=true
                        on:change=move |event| {
                            let input: web_sys::HtmlInputElement = event.target().and_then(|target| target.dyn_into().ok()).expect("a file input");
                            read_files(input.files());
                            input.set_value("");
                        }
                    />
                </div>
                <div class="field">
                    <label for="invite-email">"Or type an email address"</label>
                    <div class="inline">
                        <input
                            id="invite-email"
                            type="email"
                            autocomplete="off"
                            prop:value=move || typed.get()
                            aria-invalid=move || typed_error.with(Option::is_some).then_some("true")
                            aria-describedby="invite-email-error"
                            on:input=move |event| typed.set(event_target_value(&event))
                            on:keydown=move |event: web_sys::KeyboardEvent| {
                                if event.key() == "Enter" {
                                    event.prevent_default();
                                    submit_typed();
                                }
                            }
                        />
                        <button type="button" class="secondary" id="invite-add" on:click=move |_| submit_typed()>"Add"</button>
                    </div>
                    <p class="field-error" id="invite-email-error">{move || typed_error.get()}</p>
                </div>
                <div class="inline">
                    <label for="invite-all-role">"Role for everyone"</label>
                    <select
                        id="invite-all-role"
                        on:change=move |event| all_role.set(parse_role(event_target_value(&event)))
                    >
                        {move || role_options(all_role.get())}
                    </select>
                    <button
                        type="button"
                        class="secondary"
                        id="invite-apply-all"
                        on:click=move |_| {
                            if let Some(role) = all_role.get_untracked() {
                                rows.update(|rows| rows.iter_mut().for_each(|row| row.role = role));
                            }
                        }
                    >
                        "Apply to all"
                    </button>
                </div>
                <p class="status" role="status" id="invite-busy">{move || busy.get()}</p>
                {move || error.get().map(|message| view! { <p class="banner error" role="alert" id="invite-error">{message}</p> })}
                <h4 id="invitees-heading">{move || format!("To invite ({})", rows.with(Vec::len))}</h4>
                <table class="table" id="invitees" aria-labelledby="invitees-heading">
                    <thead><tr><th>"From"</th><th>"Email"</th><th>"Role"</th><th></th></tr></thead>
                    <tbody>{listed}</tbody>
                </table>
                {move || {
                    let total = rows.with(Vec::len);
                    (total > SHOWN_ROWS).then(|| view! {
                        <p class="hint" id="invitees-more">
                            {format!("…and {} more, each with the role they were listed with.", total - SHOWN_ROWS)}
                        </p>
                    })
                }}
                {move || (!rejects.with(Vec::is_empty)).then(|| view! {
                    <h4 id="rejects-heading">{move || format!("Not invited ({}): correct a line and add it, or leave it", rejects.with(Vec::len))}</h4>
                    <ul class="rejects" id="invite-rejects" aria-labelledby="rejects-heading">{rejected}</ul>
                })}
                <div class="form-actions">
                    <button type="button" class="secondary" id="invite-cancel" on:click=move |_| on_close.run(())>"Close"</button>
                    <button
                        type="button"
                        class="primary"
                        id="invite-send"
                        disabled=move || busy.with(Option::is_some)
                        on:click=move |_| send()
                    >
                        {move || match rows.with(Vec::len) {
                            0 => "Send".to_owned(),
                            n => format!("Send {}", count(n, "invitation", "invitations")),
                        }}
                    </button>
                </div>
            </section>
        </div>
    }
}

/// "1 invitation", "3 invitations", with thousands separated.
fn count(n: usize, one: &str, many: &str) -> String {
    let digits = n.to_string();
    let mut grouped = String::new();
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    format!("{grouped} {}", if n == 1 { one } else { many })
}
