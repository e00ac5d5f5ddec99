//! Email settings: the SMTP server every message of this store goes out through, who
//! messages are from, and a test email that reports what the server answered.

use desk_domain::Sensitive;
use desk_domain::commands::{GetEmailSettings, SaveEmailSettings, SendTestEmail};
use desk_domain::email_settings::{
    EmailSettingsInput, EmailSettingsView, SaveEmailSettingsInput, SendTestEmailInput,
    SmtpSecurity, fields,
};
use desk_domain::{Email, FieldError};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api;
use crate::components::form::{Form, FormBanner, SubmitButton};
use crate::components::text_field::TextField;

/// The form's fields as signals.
#[derive(Debug, Clone, Copy)]
struct EmailFields {
    host: RwSignal<String>,
    port: RwSignal<String>,
    security: RwSignal<SmtpSecurity>,
    login: RwSignal<String>,
    password: RwSignal<String>,
    sender_name: RwSignal<String>,
    sender_address: RwSignal<String>,
}

impl EmailFields {
    fn new() -> Self {
        let defaults = EmailSettingsInput::default();
        Self {
            host: RwSignal::new(defaults.host),
            port: RwSignal::new(defaults.port),
            security: RwSignal::new(defaults.security),
            login: RwSignal::new(defaults.login),
            password: RwSignal::new(String::new()),
            sender_name: RwSignal::new(defaults.sender_name),
            sender_address: RwSignal::new(defaults.sender_address),
        }
    }

    fn fill(&self, view: &EmailSettingsView) {
        if let Some(settings) = &view.settings {
            let input = EmailSettingsInput::from(settings);
            self.host.set(input.host);
            self.port.set(input.port);
            self.security.set(input.security);
            self.login.set(input.login);
            self.sender_name.set(input.sender_name);
            self.sender_address.set(input.sender_address);
        }
        self.password.set(String::new());
    }

    fn input(&self) -> EmailSettingsInput {
        EmailSettingsInput {
            host: self.host.get_untracked(),
            port: self.port.get_untracked(),
            security: self.security.get_untracked(),
            login: self.login.get_untracked(),
            password: Sensitive::new(self.password.get_untracked()),
            sender_name: self.sender_name.get_untracked(),
            sender_address: self.sender_address.get_untracked(),
        }
    }
}

/// The email settings page.
#[component]
pub fn EmailSettingsPage() -> impl IntoView {
    let f = EmailFields::new();
    let loaded = RwSignal::new(None::<EmailSettingsView>);
    let load_error = RwSignal::new(None::<String>);
    let status = RwSignal::new(None::<String>);
    spawn_local(async move {
        match api::call(&GetEmailSettings {}).await {
            Ok(view) => {
                f.fill(&view);
                loaded.set(Some(view));
            }
            Err(error) => load_error.set(Some(error.summary())),
        }
    });

    let form = Form::new("email", move || {
        let input = f.input();
        input
            .parse()
            .map(|_| SaveEmailSettingsInput { settings: input })
    })
    .on_failure(move || status.set(None));
    let state = form.state();
    let submit = form.submit(
        |input| SaveEmailSettings { input },
        move |view: EmailSettingsView| {
            let through = view
                .settings
                .as_ref()
                .map(|settings| {
                    format!(
                        " Messages go out through {}:{}.",
                        settings.host, settings.port
                    )
                })
                .unwrap_or_default();
            status.set(Some(format!("Email settings saved.{through}")));
            f.fill(&view);
            loaded.set(Some(view));
        },
    );
    let security_options = move || {
        SmtpSecurity::ALL
            .into_iter()
            .map(|choice| {
                view! {
                    <option value=choice.code() selected=move || f.security.get() == choice>
                        {choice.label()}
                    </option>
                }
            })
            .collect_view()
    };
    let password_hint = move || {
        loaded.with(|view| match view {
            Some(view) if view.password_saved => {
                "Saved in this computer's keyring for this server and login. Leave empty to keep it."
            }
            Some(view) if view.keyring_problem.is_some() => {
                "This computer has no working keyring, so a password cannot be kept here."
            }
            _ => "Kept in this computer's keyring, never in the store. Leave the login empty for a server without one.",
        })
    };

    view! {
        <div class="settings-columns">
            <form class="settings-form" id="email-settings-form" novalidate on:submit=submit>
                <h2>"Email"</h2>
                <p class="intro">
                    "Every message of this store (verification links, passwords, invitations) \
                     goes out through this server, from the outbox, with retries when it is down."
                </p>
                <Show when=move || load_error.get().is_some()>
                    <p class="banner error" role="alert">{move || load_error.get()}</p>
                </Show>
                <p class="status" role="status" id="email-settings-status">{move || status.get()}</p>
                <FormBanner form=form />
                <TextField form=form name=fields::HOST label="SMTP host" value=f.host
                    hint="For example smtp.example.com." />
                <div class="field">
                    <label for="email-smtp_security">"Security"</label>
                    <select id="email-smtp_security"
                        aria-describedby="email-smtp_security-error"
                        aria-invalid=move || state.message(fields::SECURITY).is_some().to_string()
                        on:change=move |event| {
                            if let Some(choice) = SmtpSecurity::from_code(&event_target_value(&event)) {
                                // Move the port along while it is still a usual one.
                                let usual = SmtpSecurity::ALL
                                    .iter()
                                    .any(|other| other.usual_port().to_string() == f.port.get_untracked());
                                if usual {
                                    f.port.set(choice.usual_port().to_string());
                                }
                                f.security.set(choice);
                                state.recheck(fields::SECURITY);
                            }
                        }>
                        {security_options}
                    </select>
                    <p class="field-error" id="email-smtp_security-error" aria-live="polite">
                        {move || state.message(fields::SECURITY)}
                    </p>
                </div>
                <TextField form=form name=fields::PORT label="Port" value=f.port />
                <TextField form=form name=fields::LOGIN label="Login (optional)" value=f.login autocomplete="off" />
                <div class="field" class:invalid=move || state.message(fields::PASSWORD).is_some()>
                    <label for="email-smtp_password">"Password"</label>
                    <input id="email-smtp_password" name=fields::PASSWORD type="password" autocomplete="off"
                        prop:value=move || f.password.get()
                        aria-describedby="email-smtp_password-hint email-smtp_password-error"
                        aria-invalid=move || state.message(fields::PASSWORD).is_some().to_string()
                        on:input=move |event| f.password.set(event_target_value(&event)) />
                    <p class="hint" id="email-smtp_password-hint">{password_hint}</p>
                    <p class="field-error" id="email-smtp_password-error" aria-live="polite">
                        {move || state.message(fields::PASSWORD)}
                    </p>
                </div>
                <TextField form=form name=fields::SENDER_NAME label="Sender name" value=f.sender_name
                    hint="The name customers see messages from, such as your shop's." />
                <TextField form=form name=fields::SENDER_ADDRESS label="Sender address" value=f.sender_address
                    input_type="email" />
                <div class="actions">
                    <SubmitButton form=form id="email-settings-save" label="Save" busy_label="Saving…" />
                </div>
            </form>
            <TestEmailForm configured=Signal::derive(move || loaded.with(|view| view.as_ref().is_some_and(|view| view.settings.is_some()))) />
        </div>
    }
}

/// "Send test email": what the server answered, in words.
#[component]
fn TestEmailForm(configured: Signal<bool>) -> impl IntoView {
    let recipient = RwSignal::new(String::new());
    let result = RwSignal::new(None::<String>);
    let form = Form::new("test-email", move || {
        let input = SendTestEmailInput {
            recipient: recipient.get_untracked(),
        };
        Email::parse(fields::TEST_RECIPIENT, &input.recipient)
            .map(|_| input)
            .map_err(|problem: FieldError| vec![problem])
    })
    .on_failure(move || result.set(None));
    let submit = form.submit(
        |input| SendTestEmail { input },
        move |sent| result.set(Some(sent.message)),
    );
    view! {
        <form class="settings-form" id="test-email-form" novalidate on:submit=submit>
            <h3>"Send a test email"</h3>
            <Show
                when=move || configured.get()
                fallback=|| view! { <p class="hint">"Save the settings first."</p> }
            >
                <p class="hint">"Sent through the outbox now; the answer of the server shows here."</p>
            </Show>
            <FormBanner form=form id="test-email-problem" />
            {move || result.get().map(|message| view! {
                <p class="banner info" role="status" id="test-email-result">{message}</p>
            })}
            <TextField form=form name=fields::TEST_RECIPIENT label="Send to" value=recipient input_type="email" />
            <div class="actions">
                <SubmitButton form=form id="test-email-send" label="Send test email" busy_label="Sending…" />
            </div>
        </form>
    }
}
