//! System preferences (what new customers start as) and customer access (what
//! storefront visitors who are not signed in may not see).

use desk_domain::Rpc;
use desk_domain::commands::{
    GetCustomerAccess, GetPreferences, SaveCustomerAccess, SavePreferences,
};
use desk_domain::store_preferences::{CustomerAccess, Preferences, StorefrontContent};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api;

/// What both pages share: one save at a time, its outcome in words.
#[derive(Debug, Clone, Copy)]
struct Pane {
    busy: RwSignal<bool>,
    status: RwSignal<Option<String>>,
    problem: RwSignal<Option<String>>,
}

impl Pane {
    fn new() -> Self {
        Self {
            busy: RwSignal::new(false),
            status: RwSignal::new(None),
            problem: RwSignal::new(None),
        }
    }

    /// Reads what `command` answers into the form with `show`.
    fn load<C: Rpc + 'static>(self, command: C, show: impl Fn(C::Output) + 'static) {
        spawn_local(async move {
            match api::call(&command).await {
                Ok(found) => show(found),
                Err(error) => self.problem.set(Some(error.messages())),
            }
        });
    }

    /// Sends `command` unless a save is under way; shows what was saved and `saved`.
    fn save<C: Rpc + 'static>(
        self,
        command: C,
        saved: &'static str,
        show: impl Fn(C::Output) + 'static,
    ) {
        if self.busy.get_untracked() {
            return;
        }
        self.busy.set(true);
        spawn_local(async move {
            let answer = api::call(&command).await;
            if self.busy.is_disposed() {
                return;
            }
            self.busy.set(false);
            match answer {
                Ok(stored) => {
                    show(stored);
                    self.problem.set(None);
                    self.status.set(Some(saved.to_owned()));
                }
                Err(error) => self.problem.set(Some(error.messages())),
            }
        });
    }
}

/// What new customers start as (seed 003's `customerActiveOnCreation` and
/// `customerOnHoldOnCreation`).
#[component]
pub fn PreferencesPage() -> impl IntoView {
    let active = RwSignal::new(true);
    let on_hold = RwSignal::new(false);
    let pane = Pane::new();
    let Pane {
        busy,
        status,
        problem,
    } = pane;
    let show = move |preferences: Preferences| {
        active.set(preferences.customer_active_on_creation);
        on_hold.set(preferences.customer_on_hold_on_creation);
    };
    pane.load(GetPreferences {}, show);
    let save = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let input = Preferences {
            customer_active_on_creation: active.get_untracked(),
            customer_on_hold_on_creation: on_hold.get_untracked(),
        };
        pane.save(SavePreferences { input }, "System preferences saved.", show);
    };
    view! {
        <form class="settings-form" id="preferences-form" novalidate on:submit=save>
            <h2>"System preferences"</h2>
            <p class="intro">"What a customer starts as when staff create one; the customer form shows these and can change them per customer."</p>
            <p class="status" role="status" id="preferences-status">{move || status.get()}</p>
            <Show when=move || problem.get().is_some()>
                <p class="banner error" role="alert">{move || problem.get()}</p>
            </Show>
            <label class="check" for="preferences-active">
                <input type="checkbox" id="preferences-active" prop:checked=move || active.get()
                    on:change=move |event| active.set(event_target_checked(&event)) />
                <span>"New customers are active" <code>"customerActiveOnCreation"</code></span>
            </label>
            <label class="check" for="preferences-on-hold">
                <input type="checkbox" id="preferences-on-hold" prop:checked=move || on_hold.get()
                    on:change=move |event| on_hold.set(event_target_checked(&event)) />
                <span>"New customers are on hold" <code>"customerOnHoldOnCreation"</code></span>
            </label>
            <p class="hint">"Active and not on hold: the customer can sign in at once and gets their password email. Otherwise they are told their account is being prepared, and get an \"account is now active\" email when it is."</p>
            <div class="actions">
                <button type="submit" class="primary" id="preferences-save" disabled=move || busy.get()>"Save"</button>
            </div>
        </form>
    }
}

/// Customer access (seed 000): a tick box per kind of storefront content.
#[component]
pub fn CustomerAccessPage() -> impl IntoView {
    let hidden: Vec<(StorefrontContent, RwSignal<bool>)> = StorefrontContent::ALL
        .into_iter()
        .map(|kind| (kind, RwSignal::new(true)))
        .collect();
    let pane = Pane::new();
    let Pane {
        busy,
        status,
        problem,
    } = pane;
    let boxes = StoredValue::new(hidden.clone());
    let show = move |access: CustomerAccess| {
        boxes.with_value(|boxes| {
            for (kind, signal) in boxes {
                signal.set(access.is_hidden(*kind));
            }
        });
    };
    pane.load(GetCustomerAccess {}, show);
    let save = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let input = CustomerAccess {
            hidden: boxes.with_value(|boxes| {
                boxes
                    .iter()
                    .map(|(kind, signal)| (*kind, signal.get_untracked()))
                    .collect()
            }),
        };
        pane.save(SaveCustomerAccess { input }, "Customer access saved.", show);
    };
    let rows = hidden
        .into_iter()
        .map(|(kind, signal)| {
            let id = format!("access-{}", kind.code());
            let label_for = id.clone();
            view! {
                <label class="check" for=label_for>
                    <input type="checkbox" id=id prop:checked=move || signal.get()
                        on:change=move |event| signal.set(event_target_checked(&event)) />
                    {kind.label()}
                </label>
            }
        })
        .collect_view();
    view! {
        <form class="settings-form" id="customer-access-form" novalidate on:submit=save>
            <h2>"Customer access"</h2>
            <p class="intro">"Tick what storefront visitors who are not signed in may not see. Storefronts read this from the store."</p>
            <p class="status" role="status" id="customer-access-status">{move || status.get()}</p>
            <Show when=move || problem.get().is_some()>
                <p class="banner error" role="alert">{move || problem.get()}</p>
            </Show>
            <fieldset class="field">
                <legend>"Hidden from visitors who are not signed in"</legend>
                {rows}
            </fieldset>
            <div class="actions">
                <button type="submit" class="primary" id="customer-access-save" disabled=move || busy.get()>"Save"</button>
            </div>
        </form>
    }
}
