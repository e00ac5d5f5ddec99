use desk_domain::Sensitive;
use desk_domain::profile::{PasswordState, ProfileSummary, ProfilesView, SwitchProfileInput};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use crate::api;
use crate::components::profiles::profile_form::{ProfileFields, ProfileForm};
use crate::session::SessionContext;

fn slug(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect()
}

/// The connection profiles: which store this window uses, and the others it knows.
#[component]
pub fn ProfilesPage() -> impl IntoView {
    let context = SessionContext::get();
    let view_state = RwSignal::new(None::<ProfilesView>);
    let status = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<String>);
    let fields_state = ProfileFields::new();
    let asking = RwSignal::new(None::<String>);
    let typed_password = RwSignal::new(String::new());

    let reload = move || {
        spawn_local(async move {
            match api::profiles::list_profiles().await {
                Ok(view) => view_state.set(Some(view)),
                Err(failure) => error.set(Some(failure.summary())),
            }
        });
    };
    reload();

    let switch = move |name: String, password: String| {
        error.set(None);
        status.set(Some(format!("Connecting to {name}…")));
        spawn_local(async move {
            let input = SwitchProfileInput {
                name: name.clone(),
                password: Sensitive::new(password),
            };
            match api::profiles::switch_profile(&input).await {
                Ok(state) => context.follow(state),
                Err(failure) => {
                    status.set(None);
                    let message = failure
                        .field_errors()
                        .first()
                        .map(|problem| problem.message.clone())
                        .unwrap_or_else(|| failure.summary());
                    error.set(Some(message));
                    asking.set(Some(name));
                    // Straight to the password field, so the person can just type.
                    request_animation_frame(|| {
                        if let Some(input) = document().get_element_by_id("switch-password")
                            && let Ok(input) = input.dyn_into::<web_sys::HtmlElement>()
                        {
                            let _ = input.focus();
                        }
                    });
                }
            }
        });
    };
    let remove = move |name: String| {
        spawn_local(async move {
            match api::profiles::remove_profile(&name).await {
                Ok(view) => {
                    status.set(Some(format!("\"{name}\" removed.")));
                    view_state.set(Some(view));
                }
                Err(failure) => error.set(Some(
                    failure
                        .field_errors()
                        .first()
                        .map(|p| p.message.clone())
                        .unwrap_or_else(|| failure.summary()),
                )),
            }
        });
    };
    let on_saved = Callback::new(move |view: ProfilesView| {
        error.set(None);
        status.set(Some(if view.keyring_problem.is_some() {
            "Connection saved. Its password was not saved (no keyring); you will be asked for it."
                .into()
        } else {
            "Connection saved.".into()
        }));
        view_state.set(Some(view));
    });

    let row = move |summary: ProfileSummary| {
        let name = summary.profile.name.clone();
        let row_id = format!("profile-row-{}", slug(&name));
        let password = match summary.password {
            PasswordState::NotNeeded => "—",
            PasswordState::Saved => "Saved in keyring",
            PasswordState::NotSaved => "Asked when connecting",
        };
        let profile = summary.profile.clone();
        let (switch_name, remove_name) = (name.clone(), name.clone());
        view! {
            <tr id=row_id>
                <td class="name">{name.clone()}</td>
                <td class="target">{summary.profile.target.to_string()}</td>
                <td>{password}</td>
                <td>{if summary.active { "Open" } else { "" }}</td>
                <td class="row-actions">
                    {(!summary.active).then(|| view! {
                        <button type="button" class="primary small switch" on:click=move |_| switch(switch_name.clone(), String::new())>"Switch"</button>
                    })}
                    <button type="button" class="secondary small edit" on:click=move |_| fields_state.edit(&profile)>"Edit"</button>
                    {(!summary.active).then(|| view! {
                        <button type="button" class="danger small remove" on:click=move |_| remove(remove_name.clone())>"Remove"</button>
                    })}
                </td>
            </tr>
        }
    };

    view! {
        <header class="app-header">
            <h1 class="app-title">"Customer Desk"</h1>
            <button type="button" class="secondary" id="profiles-back" on:click=move |_| context.leave_profiles()>"Back"</button>
        </header>
        <main class="app-main">
            <section class="list-pane" aria-labelledby="profiles-heading">
                <div class="pane-header">
                    <h2 id="profiles-heading">"Connections"</h2>
                    <p class="status" role="status" id="profiles-status">{move || status.get()}</p>
                </div>
                {move || view_state.get().and_then(|view| view.keyring_problem).map(|problem| view! {
                    <p class="banner info" id="keyring-problem">
                        "No keyring is available on this computer, so passwords cannot be saved; you will be asked for them when connecting. ("
                        {problem} ")"
                    </p>
                })}
                <Show when=move || error.get().is_some()>
                    <p class="banner error" role="alert" id="profiles-error">{move || error.get()}</p>
                </Show>
                {move || asking.get().map(|name| {
                    let label = format!("Password for \"{name}\"");
                    view! {
                        <form class="banner info ask-password" id="ask-password" on:submit=move |event: leptos::ev::SubmitEvent| {
                            event.prevent_default();
                            switch(name.clone(), typed_password.get_untracked());
                            typed_password.set(String::new());
                        }>
                            <label for="switch-password">{label}</label>
                            <input type="password" id="switch-password" autocomplete="off"
                                prop:value=move || typed_password.get()
                                on:input=move |event| typed_password.set(event_target_value(&event)) />
                            <button type="submit" class="primary small" id="switch-connect">"Connect"</button>
                            <button type="button" class="secondary small" on:click=move |_| asking.set(None)>"Cancel"</button>
                        </form>
                    }
                })}
                <p class="hint">"Switching signs you out: each store has its own staff accounts."</p>
                <table class="data-table" id="profile-list">
                    <thead><tr>
                        <th scope="col">"Name"</th><th scope="col">"Store"</th><th scope="col">"Password"</th>
                        <th scope="col">"Status"</th><th scope="col">"Actions"</th>
                    </tr></thead>
                    <tbody>
                        {move || view_state.get().map(|view| view.profiles.into_iter().map(row).collect_view())}
                    </tbody>
                </table>
            </section>
            <aside class="form-pane">
                <ProfileForm fields_state=fields_state on_saved=on_saved />
            </aside>
        </main>
    }
}
