//! What every form shares: the messages beside its fields, a banner, a "saving" state,
//! and one submit that checks the fields with `desk-domain`'s parser before it sends
//! anything. The backend checks again; its field messages land beside the same fields.

use std::rc::Rc;

use desk_domain::{DeskError, FieldError, Rpc};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use crate::api;

/// The state a form's widgets share ([`TextField`](super::text_field::TextField),
/// [`FormBanner`], [`SubmitButton`]); `Copy`, so every closure can hold it.
#[derive(Debug, Clone, Copy)]
pub struct FormState {
    /// Prefix of the inputs' ids: `{id}-{field name}`.
    id: &'static str,
    errors: RwSignal<Vec<FieldError>>,
    banner: RwSignal<Option<String>>,
    saving: RwSignal<bool>,
    last_error: RwSignal<Option<DeskError>>,
    recheck: Callback<&'static str>,
}

impl FormState {
    /// The id of the input for the field `name` (its message is `{that}-error`).
    pub fn input_id(&self, name: &str) -> String {
        format!("{}-{name}", self.id)
    }

    /// The message beside the field `name`, if it has one (tracked).
    pub fn message(&self, name: &str) -> Option<String> {
        self.errors.with(|errors| {
            errors
                .iter()
                .find(|error| error.field == name)
                .map(|error| error.message.clone())
        })
    }

    /// Re-checks the field `name` alone while the person corrects it: its message goes
    /// as soon as the value is right, and other fields keep theirs (including messages
    /// only the backend can give, such as "already in use").
    pub fn recheck(&self, name: &'static str) {
        self.recheck.run(name);
    }

    /// Whether the form is waiting for the backend (tracked).
    pub fn is_saving(&self) -> bool {
        self.saving.get()
    }

    /// Shows `problems` beside their fields and moves the focus to the first one.
    pub fn show_problems(&self, problems: Vec<FieldError>) {
        focus_first_invalid(self.id, &problems);
        self.errors.set(problems);
    }

    /// Shows a refused command: field messages beside their fields, anything else in
    /// the banner, including a field message for a field this form does not show (so
    /// no message from the backend is ever lost).
    pub fn show_error(&self, error: &DeskError) {
        let (beside, elsewhere): (Vec<FieldError>, Vec<FieldError>) =
            error.field_errors().iter().cloned().partition(|problem| {
                document()
                    .get_element_by_id(&self.input_id(&problem.field))
                    .is_some()
            });
        if beside.is_empty() && elsewhere.is_empty() {
            self.banner.set(Some(error.summary()));
        } else if !elsewhere.is_empty() {
            let messages: Vec<String> = elsewhere
                .into_iter()
                .map(|problem| problem.message)
                .collect();
            self.banner.set(Some(messages.join(" ")));
        }
        self.show_problems(beside);
    }
}

/// A form whose fields are checked into a `T` (usually the command's input) by
/// `desk-domain`'s parser, then sent as a command.
pub struct Form<T: 'static> {
    state: FormState,
    check: Callback<(), Result<T, Vec<FieldError>>>,
    failed: Option<Callback<()>>,
}

impl<T: 'static> Clone for Form<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: 'static> Copy for Form<T> {}

impl<T: 'static> From<Form<T>> for FormState {
    fn from(form: Form<T>) -> Self {
        form.state
    }
}

impl<T: 'static> Form<T> {
    /// A form whose inputs' ids start with `id`, checked by `check` (which reads the
    /// fields and runs the domain parser) before every submit and while fields with a
    /// message are edited.
    pub fn new(
        id: &'static str,
        check: impl Fn() -> Result<T, Vec<FieldError>> + Send + Sync + 'static,
    ) -> Self {
        let errors = RwSignal::new(Vec::<FieldError>::new());
        let check = Callback::new(move |()| check());
        let recheck = Callback::new(move |field: &'static str| {
            let fresh = check.run(()).err().unwrap_or_default();
            errors.update(|shown| {
                shown.retain(|old| old.field != field);
                shown.extend(fresh.into_iter().filter(|new| new.field == field));
            });
        });
        Self {
            state: FormState {
                id,
                errors,
                banner: RwSignal::new(None),
                saving: RwSignal::new(false),
                last_error: RwSignal::new(None),
                recheck,
            },
            check,
            failed: None,
        }
    }

    /// Also runs `failed` whenever a submit does not succeed (a problem in the form or
    /// a refusal by the backend), e.g. to clear a password field.
    pub fn on_failure(mut self, failed: impl Fn() + Send + Sync + 'static) -> Self {
        self.failed = Some(Callback::new(move |()| failed()));
        self
    }

    /// The backend's last refusal of a submit, kept until the next submit (tracked):
    /// for answers that carry more than messages, such as an edit conflict.
    pub fn last_error(&self) -> Option<DeskError> {
        self.state.last_error.get()
    }

    /// The state the form's widgets share.
    pub fn state(&self) -> FormState {
        self.state
    }

    /// The form's submit handler: checks the fields, and when they are right sends
    /// `command(checked)` and hands its answer to `done`.
    pub fn submit<C: Rpc>(
        self,
        command: impl Fn(T) -> C + 'static,
        done: impl Fn(C::Output) + 'static,
    ) -> impl Fn(SubmitEvent) + 'static {
        let done = Rc::new(done);
        move |event: SubmitEvent| {
            event.prevent_default();
            let done = Rc::clone(&done);
            self.run(&command, move |output| done(output));
        }
    }

    /// What [`Self::submit`] does, for a second button of the same form (e.g. "Test
    /// connection" beside "Save").
    pub fn run<C: Rpc>(self, command: impl FnOnce(T) -> C, done: impl FnOnce(C::Output) + 'static) {
        let state = self.state;
        if state.saving.get_untracked() {
            return;
        }
        state.banner.set(None);
        state.last_error.set(None);
        let checked = match self.check.run(()) {
            Ok(checked) => checked,
            Err(problems) => {
                state.show_problems(problems);
                self.fail();
                return;
            }
        };
        state.errors.set(Vec::new());
        state.saving.set(true);
        let command = command(checked);
        spawn_local(async move {
            let answer = api::call(&command).await;
            if state.saving.is_disposed() {
                // The person left the screen while waiting: nobody is there to tell,
                // and the screen's own callbacks are gone with it.
                return;
            }
            state.saving.set(false);
            match answer {
                Ok(output) => done(output),
                Err(error) => {
                    state.show_error(&error);
                    state.last_error.set(Some(error));
                    self.fail();
                }
            }
        });
    }

    fn fail(&self) {
        if let Some(failed) = self.failed {
            failed.run(());
        }
    }
}

/// The form's banner for problems that are not about one field.
#[component]
pub fn FormBanner(
    #[prop(into)] form: FormState,
    /// The banner's id, for tests and `aria-describedby`.
    #[prop(optional)]
    id: Option<&'static str>,
) -> impl IntoView {
    view! {
        <Show when=move || form.banner.with(Option::is_some)>
            <p class="banner error" role="alert" id=id>{move || form.banner.get()}</p>
        </Show>
    }
}

/// The form's submit button, disabled (and relabelled) while the form is saving.
#[component]
pub fn SubmitButton(
    #[prop(into)] form: FormState,
    id: &'static str,
    label: &'static str,
    /// Shown while saving; `label` when not given.
    #[prop(optional)]
    busy_label: Option<&'static str>,
) -> impl IntoView {
    view! {
        <button type="submit" class="primary" id=id disabled=move || form.is_saving()>
            {move || if form.is_saving() { busy_label.unwrap_or(label) } else { label }}
        </button>
    }
}

/// Moves the keyboard focus to the first field (in `problems`' order, which is form
/// order) that has a message, so the person can fix it straight away.
pub fn focus_first_invalid(form: &str, problems: &[FieldError]) {
    let Some(first) = problems.first() else {
        return;
    };
    let id = format!("{form}-{}", first.field);
    if let Some(element) = document().get_element_by_id(&id)
        && let Ok(input) = element.dyn_into::<web_sys::HtmlElement>()
    {
        let _ = input.focus();
    }
}
