//! Currencies and locales: what the store uses, one default each. Disabling one that
//! a site or customer uses is refused, and the message names them.

use desk_domain::all_currency_codes;
use desk_domain::commands::{ChangeCodeList, GetCurrenciesAndLocales};
use desk_domain::store_preferences::{
    CodeChange, CodeList, CodeListChangeInput, CurrenciesAndLocales, EnabledCode,
};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api;

/// The currencies and locales page.
#[component]
pub fn CurrenciesAndLocalesPage() -> impl IntoView {
    let lists = RwSignal::new(CurrenciesAndLocales::default());
    let load_error = RwSignal::new(None::<String>);
    spawn_local(async move {
        match api::call(&GetCurrenciesAndLocales {}).await {
            Ok(found) => lists.set(found),
            Err(error) => load_error.set(Some(error.summary())),
        }
    });
    view! {
        <div class="settings-columns even">
            <Show when=move || load_error.get().is_some()>
                <p class="banner error" role="alert">{move || load_error.get()}</p>
            </Show>
            <CodeListPanel list=CodeList::Currencies lists=lists />
            <CodeListPanel list=CodeList::Locales lists=lists />
        </div>
    }
}

/// One list: its codes with their actions, and a field to enable another.
#[component]
fn CodeListPanel(list: CodeList, lists: RwSignal<CurrenciesAndLocales>) -> impl IntoView {
    let (id, title, label, hint, placeholder) = match list {
        CodeList::Currencies => (
            "currencies",
            "Currencies",
            "Currency code",
            "ISO 4217, such as USD or CHF.",
            "USD",
        ),
        CodeList::Locales => (
            "locales",
            "Locales",
            "Language tag",
            "BCP 47, such as de, de-CH or pt-BR.",
            "de-CH",
        ),
    };
    let typed = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let status = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let change = move |change: CodeChange, code: String| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        problem.set(None);
        spawn_local(async move {
            let input = CodeListChangeInput {
                list,
                change,
                code: code.clone(),
            };
            let answer = api::call(&ChangeCodeList { input }).await;
            if busy.is_disposed() {
                return;
            }
            busy.set(false);
            match answer {
                Ok(found) => {
                    lists.set(found);
                    typed.set(String::new());
                    let code = code.trim().to_owned();
                    status.set(Some(match change {
                        CodeChange::Enable => format!("{code} enabled."),
                        CodeChange::Disable => format!("{code} disabled."),
                        CodeChange::MakeDefault => format!("{code} is now the default."),
                    }));
                }
                Err(error) => {
                    status.set(None);
                    problem.set(Some(error.messages()));
                }
            }
        });
    };
    let rows = move || {
        let codes: Vec<EnabledCode> = lists.with(|lists| match list {
            CodeList::Currencies => lists.currencies.clone(),
            CodeList::Locales => lists.locales.clone(),
        });
        codes
            .into_iter()
            .map(|entry| {
                let code = entry.code.clone();
                let (make_default, disable) = (code.clone(), code.clone());
                let row_id = format!("{id}-{code}");
                view! {
                    <li id=row_id class="code-row">
                        <span class="code">{entry.code.clone()}</span>
                        <span class="code-name">{entry.name.clone()}</span>
                        {if entry.is_default {
                            view! { <span class="badge">"Default"</span> }.into_any()
                        } else {
                            view! {
                                <span class="code-actions">
                                    <button type="button" class="secondary small make-default"
                                        disabled=move || busy.get()
                                        on:click=move |_| change(CodeChange::MakeDefault, make_default.clone())>
                                        "Make default"
                                    </button>
                                    <button type="button" class="secondary small disable"
                                        disabled=move || busy.get()
                                        on:click=move |_| change(CodeChange::Disable, disable.clone())>
                                        "Disable"
                                    </button>
                                </span>
                            }
                            .into_any()
                        }}
                    </li>
                }
            })
            .collect_view()
    };
    let input_id = format!("{id}-code");
    let list_id = format!("{id}-list");
    let error_id = format!("{id}-problem");
    let status_id = format!("{id}-status");
    let enable_id = format!("{id}-enable");
    let datalist = (list == CodeList::Currencies).then(|| {
        view! {
            <datalist id="all-currency-codes">
                {all_currency_codes()
                    .into_iter()
                    .map(|(code, name)| view! { <option value=code>{name}</option> })
                    .collect_view()}
            </datalist>
        }
    });
    view! {
        <section class="settings-form" aria-labelledby=format!("{id}-heading")>
            <h2 id=format!("{id}-heading")>{title}</h2>
            <p class="status" role="status" id=status_id>{move || status.get()}</p>
            <ul class="code-list" id=list_id>{rows}</ul>
            <form novalidate on:submit=move |event: leptos::ev::SubmitEvent| {
                event.prevent_default();
                change(CodeChange::Enable, typed.get_untracked());
            }>
                <div class="field" class:invalid=move || problem.get().is_some()>
                    <label for=input_id.clone()>{label}</label>
                    <input id=input_id type="text" placeholder=placeholder autocomplete="off"
                        list=(list == CodeList::Currencies).then_some("all-currency-codes")
                        prop:value=move || typed.get()
                        on:input=move |event| typed.set(event_target_value(&event)) />
                    <p class="hint">{hint}</p>
                    <p class="field-error" id=error_id role="alert">{move || problem.get()}</p>
                </div>
                {datalist}
                <div class="actions">
                    <button type="submit" class="primary" id=enable_id disabled=move || busy.get()>"Enable"</button>
                </div>
            </form>
        </section>
    }
}
