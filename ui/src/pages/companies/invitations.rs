//! The Invitations tab of a company's profile (seed 004): every invitation with its
//! role, status (pending, accepted, expired, revoked), when it was sent and when its
//! link stops working; copy a pending invitation's registration link, resend one (a
//! new link, the old one stops working) or revoke it; "Invite members" opens the
//! dialog.

use desk_domain::commands::{
    GetCompanyInvitations, GetCompanyRoles, ResendCompanyInvitation, RevokeCompanyInvitation,
};
use desk_domain::company::CompanyId;
use desk_domain::company_invitation::{
    CompanyInvitation, InvitationId, InvitationRef, InvitationStatus, InvitationsRequest,
};
use desk_domain::company_role::CompanyRole;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::invite_dialog::InviteDialog;
use crate::api;
use crate::local_time::local_date_time;

/// How many invitations a page shows.
const PAGE: u32 = 100;

#[component]
pub fn InvitationsTab(company: CompanyId, may_manage: bool) -> impl IntoView {
    let invitations = RwSignal::new(Vec::<CompanyInvitation>::new());
    let more = RwSignal::new(false);
    let roles = RwSignal::new(Vec::<CompanyRole>::new());
    let status = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<String>);
    let inviting = RwSignal::new(false);
    // A link the clipboard refused, shown to copy by hand.
    let manual_copy = RwSignal::new(None::<(String, String)>);
    // While a resend or revoke is on its way, the row actions wait (a second click
    // would send a second email).
    let busy = RwSignal::new(false);
    let load = move |before: Option<InvitationId>| {
        spawn_local(async move {
            let append = before.is_some();
            match api::call(&GetCompanyInvitations {
                request: InvitationsRequest {
                    company,
                    before,
                    limit: PAGE,
                },
            })
            .await
            {
                Ok(page) => {
                    invitations.update(|shown| {
                        if !append {
                            shown.clear();
                        }
                        shown.extend(page.items);
                    });
                    more.set(page.more);
                }
                Err(failure) => error.set(Some(failure.messages())),
            }
        });
    };
    load(None);
    spawn_local(async move {
        if let Ok(loaded) = api::call(&GetCompanyRoles {}).await {
            roles.set(loaded);
        }
    });
    let resend = move |invitation: CompanyInvitation| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        spawn_local(async move {
            error.set(None);
            match api::call(&ResendCompanyInvitation {
                invitation: InvitationRef {
                    company,
                    invitation: invitation.id,
                },
            })
            .await
            {
                Ok(()) => {
                    status.set(Some(format!(
                        "Invitation to {} sent again with a new link; the old link no longer works.",
                        invitation.email
                    )));
                    load(None);
                }
                Err(failure) => error.set(Some(failure.messages())),
            }
            busy.set(false);
        });
    };
    let revoke = move |invitation: CompanyInvitation| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        spawn_local(async move {
            error.set(None);
            match api::call(&RevokeCompanyInvitation {
                invitation: InvitationRef {
                    company,
                    invitation: invitation.id,
                },
            })
            .await
            {
                Ok(()) => {
                    status.set(Some(format!(
                        "Invitation to {} revoked; its link no longer works.",
                        invitation.email
                    )));
                    load(None);
                }
                Err(failure) => error.set(Some(failure.messages())),
            }
            busy.set(false);
        });
    };
    let copy = move |email: String, link: String| {
        spawn_local(async move {
            let copied = match web_sys::window().map(|window| window.navigator().clipboard()) {
                Some(clipboard) => {
                    wasm_bindgen_futures::JsFuture::from(clipboard.write_text(&link))
                        .await
                        .is_ok()
                }
                None => false,
            };
            if copied {
                manual_copy.set(None);
                status.set(Some(format!(
                    "Registration link of {email} copied to the clipboard."
                )));
            } else {
                manual_copy.set(Some((email, link)));
            }
        });
    };
    let rows = move || {
        invitations
            .get()
            .into_iter()
            .map(|invitation| {
                let key = invitation.id.to_string();
                let state = invitation.status;
                let (i1, i2) = (invitation.clone(), invitation.clone());
                let link = invitation.link.clone();
                let email = invitation.email.clone();
                let actions = may_manage.then(|| {
                    view! {
                        {link.map(|link| {
                            let email = email.clone();
                            view! {
                                <button type="button" class="link copy-link" data-link=link.clone()
                                    on:click=move |_| copy(email.clone(), link.clone())>"Copy link"</button>
                                " "
                            }
                        })}
                        {state.can_resend().then(|| view! {
                            <button type="button" class="link resend" disabled=move || busy.get() on:click=move |_| resend(i1.clone())>"Resend"</button>
                            " "
                        })}
                        {state.can_revoke().then(|| view! {
                            <button type="button" class="link revoke" disabled=move || busy.get() on:click=move |_| revoke(i2.clone())>"Revoke"</button>
                        })}
                    }
                });
                let state_text = match (&invitation.accepted_by, state) {
                    (Some(name), InvitationStatus::Accepted) => format!("Accepted by {name}"),
                    _ => state.label().to_owned(),
                };
                view! {
                    <tr id=format!("invitation-{key}") data-email=invitation.email.clone()>
                        <td>{invitation.email.clone()}</td>
                        <td>{invitation.role_name.clone()}</td>
                        <td class=format!("invitation-status {}", state.label().to_lowercase())>{state_text}</td>
                        <td>{local_date_time(invitation.sent_at)}</td>
                        <td>{local_date_time(invitation.expires_at)}</td>
                        <td>{invitation.invited_by.clone()}</td>
                        <td class="actions">{actions}</td>
                    </tr>
                }
            })
            .collect_view()
    };

    view! {
        <div id="company-invitations">
            <div class="pane-header">
                <h3>"Invitations"</h3>
                {may_manage.then(|| view! {
                    <button type="button" class="primary" id="invite-members" on:click=move |_| inviting.set(true)>"Invite members"</button>
                })}
            </div>
            <p class="status" role="status" id="invitations-status">{move || status.get()}</p>
            {move || error.get().map(|message| view! { <p class="banner error" role="alert" id="invitations-error">{message}</p> })}
            {move || manual_copy.get().map(|(email, link)| view! {
                <div class="banner info" id="invitation-link-manual">
                    <label for="invitation-link-text">{format!("The clipboard is not available here: copy the registration link of {email} with Ctrl+C.")}</label>
                    <input id="invitation-link-text" type="text" readonly=true prop:value=link />
                </div>
            })}
            {move || if invitations.with(Vec::is_empty) {
                view! { <p class="empty" id="invitations-empty">"No invitations yet."</p> }.into_any()
            } else {
                view! {
                    <table class="table" id="invitations-table">
                        <thead>
                            <tr>
                                <th>"Email"</th><th>"Role"</th><th>"Status"</th><th>"Sent"</th>
                                <th>"Link works until"</th><th>"Invited by"</th><th></th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                }.into_any()
            }}
            {move || more.get().then(|| view! {
                <button type="button" class="secondary" id="invitations-more"
                    on:click=move |_| load(invitations.with_untracked(|shown| shown.last().map(|last| last.id)))>
                    "Show older invitations"
                </button>
            })}
            {move || inviting.get().then(|| view! {
                <InviteDialog
                    company=company
                    roles=roles
                    on_close=Callback::new(move |()| inviting.set(false))
                    on_sent=Callback::new(move |message: String| {
                        status.set(Some(message));
                        load(None);
                    })
                />
            })}
        </div>
    }
}
