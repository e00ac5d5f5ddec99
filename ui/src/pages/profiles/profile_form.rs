use desk_domain::Sensitive;
use desk_domain::commands::{SaveProfile, TestProfile};
use desk_domain::profile::{
    ConnectionCheck, Profile, ProfileInput, ProfileTarget, ProfilesView, TlsMode, fields,
};
use leptos::prelude::*;

use crate::components::form::{Form, FormBanner};
use crate::components::text_field::TextField;

const FORM: &str = "profile";

/// The form's fields as signals, so "Edit" can fill them from a saved profile.
#[derive(Debug, Clone, Copy)]
pub struct ProfileFields {
    original_name: RwSignal<Option<String>>,
    name: RwSignal<String>,
    postgres: RwSignal<bool>,
    sqlite_path: RwSignal<String>,
    host: RwSignal<String>,
    port: RwSignal<String>,
    database: RwSignal<String>,
    user: RwSignal<String>,
    tls_mode: RwSignal<TlsMode>,
    ca_file: RwSignal<String>,
    password: RwSignal<String>,
    save_password: RwSignal<bool>,
}

impl ProfileFields {
    /// An empty form for a new Postgres profile.
    pub fn new() -> Self {
        let defaults = ProfileInput::default();
        Self {
            original_name: RwSignal::new(None),
            name: RwSignal::new(String::new()),
            postgres: RwSignal::new(true),
            sqlite_path: RwSignal::new(String::new()),
            host: RwSignal::new(String::new()),
            port: RwSignal::new(defaults.port),
            database: RwSignal::new(String::new()),
            user: RwSignal::new(String::new()),
            tls_mode: RwSignal::new(defaults.tls_mode),
            ca_file: RwSignal::new(String::new()),
            password: RwSignal::new(String::new()),
            save_password: RwSignal::new(true),
        }
    }

    /// Fills the form from `profile`, to edit it.
    pub fn edit(&self, profile: &Profile) {
        self.original_name.set(Some(profile.name.clone()));
        self.name.set(profile.name.clone());
        self.password.set(String::new());
        match &profile.target {
            ProfileTarget::Sqlite { path } => {
                self.postgres.set(false);
                self.sqlite_path.set(path.clone().unwrap_or_default());
            }
            ProfileTarget::Postgres {
                host,
                port,
                database,
                user,
                tls_mode,
                ca_file,
            } => {
                self.postgres.set(true);
                self.host.set(host.clone());
                self.port.set(port.to_string());
                self.database.set(database.clone());
                self.user.set(user.clone());
                self.tls_mode.set(*tls_mode);
                self.ca_file.set(ca_file.clone().unwrap_or_default());
            }
        }
    }

    fn input(&self) -> ProfileInput {
        ProfileInput {
            original_name: self.original_name.get_untracked(),
            name: self.name.get_untracked(),
            postgres: self.postgres.get_untracked(),
            sqlite_path: self.sqlite_path.get_untracked(),
            host: self.host.get_untracked(),
            port: self.port.get_untracked(),
            database: self.database.get_untracked(),
            user: self.user.get_untracked(),
            tls_mode: self.tls_mode.get_untracked(),
            ca_file: self.ca_file.get_untracked(),
            password: Sensitive::new(self.password.get_untracked()),
            save_password: self.save_password.get_untracked(),
        }
    }

    fn reset(&self) {
        let fresh = Self::new();
        self.original_name.set(None);
        self.name.set(String::new());
        self.password.set(String::new());
        self.sqlite_path.set(String::new());
        self.host.set(String::new());
        self.port.set(fresh.port.get_untracked());
        self.database.set(String::new());
        self.user.set(String::new());
        self.ca_file.set(String::new());
    }
}

/// Adds or edits a profile, with a connection test before saving.
#[component]
pub fn ProfileForm(fields_state: ProfileFields, on_saved: Callback<ProfilesView>) -> impl IntoView {
    let f = fields_state;
    let check = RwSignal::new(None::<ConnectionCheck>);
    // The parser the backend runs too; both buttons send the checked input.
    let form = Form::new(FORM, move || {
        let input = f.input();
        input.parse().map(|_| input)
    });
    let state = form.state();
    let test = move |_| {
        check.set(None);
        form.run(
            |input| TestProfile { input },
            move |result| check.set(Some(result)),
        );
    };
    let submit = form.submit(
        |input| SaveProfile { input },
        move |view| {
            f.reset();
            check.set(None);
            on_saved.run(view);
        },
    );
    let tls_options = move || {
        TlsMode::ALL
            .into_iter()
            .map(|mode| view! { <option value=mode.code() selected=move || f.tls_mode.get() == mode>{mode.code()}</option> })
            .collect_view()
    };

    view! {
        <form class="profile-form" id="profile-form" novalidate on:submit=submit>
            <h2 id="profile-form-heading">
                {move || if f.original_name.get().is_some() { "Edit connection" } else { "New connection" }}
            </h2>
            <FormBanner form=form />
            <TextField form=form name=fields::NAME label="Name" value=f.name />
            <fieldset class="field">
                <legend>"Store"</legend>
                <label class="check" for="profile-kind-postgres">
                    <input type="radio" name="profile-kind" id="profile-kind-postgres"
                        prop:checked=move || f.postgres.get() on:change=move |_| f.postgres.set(true) />
                    "Postgres server"
                </label>
                <label class="check" for="profile-kind-sqlite">
                    <input type="radio" name="profile-kind" id="profile-kind-sqlite"
                        prop:checked=move || !f.postgres.get() on:change=move |_| f.postgres.set(false) />
                    "SQLite file on this computer"
                </label>
            </fieldset>
            <Show when=move || !f.postgres.get()>
                <TextField form=form name=fields::SQLITE_PATH label="File (optional)" value=f.sqlite_path
                    hint="Leave empty for the default file in the app's data folder." />
            </Show>
            <Show when=move || f.postgres.get()>
                <TextField form=form name=fields::HOST label="Host" value=f.host />
                <TextField form=form name=fields::PORT label="Port" value=f.port />
                <TextField form=form name=fields::DATABASE label="Database" value=f.database />
                <TextField form=form name=fields::USER label="User" value=f.user />
                <div class="field">
                    <label for="profile-tls_mode">"TLS"</label>
                    <select id="profile-tls_mode"
                        aria-describedby="profile-tls_mode-hint profile-tls_mode-error"
                        aria-invalid=move || state.message(fields::TLS_MODE).is_some().to_string()
                        on:change=move |event| {
                        if let Some(mode) = TlsMode::from_code(&event_target_value(&event)) {
                            f.tls_mode.set(mode);
                            state.recheck(fields::CA_FILE);
                        }
                    }>
                        {tls_options}
                    </select>
                    <p class="hint" id="profile-tls_mode-hint">"verify-full checks the server's certificate and name. disable and prefer are for a server on this computer only."</p>
                    // A failed connection test can be about TLS; its message belongs here.
                    <p class="field-error" id="profile-tls_mode-error" aria-live="polite">
                        {move || state.message(fields::TLS_MODE)}
                    </p>
                </div>
                <TextField form=form name=fields::CA_FILE label="CA certificate file" value=f.ca_file
                    hint="Optional: a private CA to trust besides this computer's own authorities." />
                <TextField form=form name=fields::PASSWORD label="Password" input_type="password" autocomplete="off" value=f.password
                    hint="Leave empty to keep a saved password." />
                <label class="check" for="profile-save-password">
                    <input type="checkbox" id="profile-save-password"
                        prop:checked=move || f.save_password.get()
                        on:change=move |event| f.save_password.set(event_target_checked(&event)) />
                    "Save the password in this computer's keyring"
                </label>
            </Show>
            {move || check.get().map(|check| view! {
                <p class="banner info" id="profile-test-result" role="status">
                    {check.message}
                </p>
            })}
            <div class="actions">
                <button type="button" class="secondary" id="profile-test" disabled=move || state.is_saving() on:click=test>"Test connection"</button>
                <button type="submit" class="primary" id="profile-save" disabled=move || state.is_saving()>"Save"</button>
            </div>
        </form>
    }
}
