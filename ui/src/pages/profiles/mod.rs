//! The connection profiles: which store this window uses, and the others it knows.
//! Signed in, they are the shell's `/connections` route; before sign-in, a screen of
//! their own with a way back.

mod profile_form;
mod profile_rows;

use desk_domain::Sensitive;
use desk_domain::commands::{ListProfiles, RemoveProfile, SetUpDatabase, SwitchProfile};
use desk_domain::profile::{
    Profile, ProfileTarget, ProfilesView, SetUpDatabaseInput, SwitchProfileInput,
};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use crate::api;
use crate::components::app_header::AppHeader;
use crate::components::table::Table;
use crate::session::SessionContext;
use profile_form::{ProfileFields, ProfileForm};
use profile_rows::{COLUMNS, ProfileRow, row_key};

/// The connections before sign-in: the app header with a way back to set-up or
/// sign-in, then the profiles.
#[component]
pub fn SignedOutProfilesPage() -> impl IntoView {
    let context = SessionContext::get();
    view! {
        <AppHeader>
            <button type="button" class="secondary" id="profiles-back" on:click=move |_| context.leave_profiles()>"Back"</button>
        </AppHeader>
        <main class="app-main">
            <ProfilesPage />
        </main>
    }
}

/// The profiles list with its actions, and the form that adds or edits one.
#[component]
pub fn ProfilesPage() -> impl IntoView {
    let context = SessionContext::get();
    let view_state = RwSignal::new(None::<ProfilesView>);
    let status = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<String>);
    let fields_state = ProfileFields::new();
    let asking = RwSignal::new(None::<String>);
    let typed_password = RwSignal::new(String::new());

    spawn_local(async move {
        match api::call(&ListProfiles {}).await {
            Ok(view) => view_state.set(Some(view)),
            Err(failure) => error.set(Some(failure.summary())),
        }
    });

    let switch = Callback::new(move |(name, password): (String, String)| {
        error.set(None);
        status.set(Some(format!("Connecting to {name}…")));
        spawn_local(async move {
            let input = SwitchProfileInput {
                name: name.clone(),
                password: Sensitive::new(password),
            };
            match api::call(&SwitchProfile { input }).await {
                Ok(state) => context.follow(state),
                Err(failure) => {
                    status.set(None);
                    error.set(Some(failure.messages()));
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
    });
    let remove = Callback::new(move |name: String| {
        spawn_local(async move {
            match api::call(&RemoveProfile { name: name.clone() }).await {
                Ok(view) => {
                    status.set(Some(format!("\"{name}\" removed.")));
                    view_state.set(Some(view));
                }
                Err(failure) => error.set(Some(failure.messages())),
            }
        });
    });
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
    let rows = Signal::derive(move || {
        view_state.with(|view| {
            view.as_ref()
                .map(|view| view.profiles.clone())
                .unwrap_or_default()
        })
    });
    let on_switch = Callback::new(move |name: String| switch.run((name, String::new())));
    // "Set up / upgrade this database": the owner's login, asked for this once.
    let setting_up = RwSignal::new(None::<String>);
    let owner_login = RwSignal::new(String::new());
    let owner_password = RwSignal::new(String::new());
    let on_set_up = Callback::new(move |profile: Profile| {
        if let ProfileTarget::Postgres { user, .. } = &profile.target {
            owner_login.set(user.clone());
        }
        owner_password.set(String::new());
        error.set(None);
        setting_up.set(Some(profile.name));
    });
    let set_up = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let Some(profile) = setting_up.get_untracked() else {
            return;
        };
        let input = SetUpDatabaseInput {
            profile: profile.clone(),
            owner_login: owner_login.get_untracked(),
            owner_password: Sensitive::new(owner_password.get_untracked()),
        };
        owner_password.set(String::new());
        status.set(Some(format!("Setting up \"{profile}\"…")));
        error.set(None);
        spawn_local(async move {
            match api::call(&SetUpDatabase { input }).await {
                Ok(check) => {
                    setting_up.set(None);
                    status.set(Some(check.message));
                }
                Err(failure) => {
                    status.set(None);
                    error.set(Some(failure.messages()));
                }
            }
        });
    };
    let on_edit = Callback::new(move |profile: Profile| fields_state.edit(&profile));

    view! {
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
                        switch.run((name.clone(), typed_password.get_untracked()));
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
            {move || setting_up.get().map(|name| view! {
                <form class="banner info set-up-database" id="set-up-database" on:submit=set_up>
                    <p>"Set up or upgrade the database of " <strong>{name}</strong>
                        " with the login that owns it. It is used for this once and not saved."</p>
                    <label for="owner-login">"Owner's login"</label>
                    <input type="text" id="owner-login" autocomplete="off"
                        prop:value=move || owner_login.get()
                        on:input=move |event| owner_login.set(event_target_value(&event)) />
                    <label for="owner-password">"Owner's password"</label>
                    <input type="password" id="owner-password" autocomplete="off"
                        prop:value=move || owner_password.get()
                        on:input=move |event| owner_password.set(event_target_value(&event)) />
                    <button type="submit" class="primary small" id="set-up-submit">"Set up / upgrade"</button>
                    <button type="button" class="secondary small" on:click=move |_| setting_up.set(None)>"Cancel"</button>
                </form>
            })}
            <p class="hint">"Switching signs you out: each store has its own staff accounts."</p>
            <Table
                id="profile-list"
                columns=COLUMNS
                rows=rows
                key=row_key
                row=move |summary| view! {
                    <ProfileRow summary=summary on_switch=on_switch on_edit=on_edit on_remove=remove on_set_up=on_set_up />
                }
            />
        </section>
        <aside class="form-pane">
            <ProfileForm fields_state=fields_state on_saved=on_saved />
        </aside>
    }
}
