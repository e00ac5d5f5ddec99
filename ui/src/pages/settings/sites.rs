//! Sites: the storefronts this store sells through. The list, and a form that adds a
//! site or edits the chosen one (its code stays: storefronts are configured with it).

use desk_domain::commands::{GetCurrenciesAndLocales, ListSites, SaveSite};
use desk_domain::site::{Site, SiteInput, fields};
use desk_domain::store_preferences::CurrenciesAndLocales;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api;
use crate::components::form::{Form, FormBanner, SubmitButton};
use crate::components::table::{Column, Table};
use crate::components::text_field::TextField;

const COLUMNS: &[Column] = &[
    Column::sized("Code", "12%"),
    Column::new("Name"),
    Column::new("Storefront URL"),
    Column::sized("Currency", "9%"),
    Column::sized("Locale", "9%"),
    Column::sized("Assisted buying", "12%"),
    Column::sized("", "5rem"),
];

/// The site form's fields.
#[derive(Debug, Clone, Copy)]
struct SiteFields {
    original_code: RwSignal<Option<String>>,
    code: RwSignal<String>,
    name: RwSignal<String>,
    storefront_url: RwSignal<String>,
    default_currency: RwSignal<String>,
    default_locale: RwSignal<String>,
    assisted_buying: RwSignal<bool>,
}

impl SiteFields {
    fn new() -> Self {
        Self {
            original_code: RwSignal::new(None),
            code: RwSignal::new(String::new()),
            name: RwSignal::new(String::new()),
            storefront_url: RwSignal::new(String::new()),
            default_currency: RwSignal::new(String::new()),
            default_locale: RwSignal::new(String::new()),
            assisted_buying: RwSignal::new(false),
        }
    }

    fn fill(&self, input: SiteInput) {
        self.original_code.set(input.original_code);
        self.code.set(input.code);
        self.name.set(input.name);
        self.storefront_url.set(input.storefront_url);
        self.default_currency.set(input.default_currency);
        self.default_locale.set(input.default_locale);
        self.assisted_buying.set(input.assisted_buying);
    }

    /// An empty form, starting from the store's default currency and locale.
    fn clear(&self, lists: &CurrenciesAndLocales) {
        let default = |codes: &[desk_domain::store_preferences::EnabledCode]| {
            codes
                .iter()
                .find(|code| code.is_default)
                .map(|code| code.code.clone())
                .unwrap_or_default()
        };
        self.fill(SiteInput {
            default_currency: default(&lists.currencies),
            default_locale: default(&lists.locales),
            ..SiteInput::default()
        });
    }

    fn input(&self) -> SiteInput {
        SiteInput {
            original_code: self.original_code.get_untracked(),
            code: self.code.get_untracked(),
            name: self.name.get_untracked(),
            storefront_url: self.storefront_url.get_untracked(),
            default_currency: self.default_currency.get_untracked(),
            default_locale: self.default_locale.get_untracked(),
            assisted_buying: self.assisted_buying.get_untracked(),
        }
    }
}

/// The sites page.
#[component]
pub fn SitesPage() -> impl IntoView {
    let sites = RwSignal::new(Vec::<Site>::new());
    let lists = RwSignal::new(CurrenciesAndLocales::default());
    let status = RwSignal::new(None::<String>);
    let load_error = RwSignal::new(None::<String>);
    let f = SiteFields::new();
    spawn_local(async move {
        match api::call(&ListSites {}).await {
            Ok(found) => sites.set(found),
            Err(error) => load_error.set(Some(error.summary())),
        }
        match api::call(&GetCurrenciesAndLocales {}).await {
            Ok(found) => {
                f.clear(&found);
                lists.set(found);
            }
            Err(error) => load_error.set(Some(error.summary())),
        }
    });

    let form = Form::new("site", move || {
        let input = f.input();
        input.parse().map(|_| input)
    })
    .on_failure(move || status.set(None));
    let submit = form.submit(
        |input| SaveSite { input },
        move |saved: Vec<Site>| {
            let code = f
                .input()
                .original_code
                .unwrap_or_else(|| f.code.get_untracked());
            let name = saved
                .iter()
                .find(|site| site.code == code.trim())
                .map_or(code.clone(), |site| site.name.clone());
            status.set(Some(if f.original_code.get_untracked().is_some() {
                format!("Site {name} saved.")
            } else {
                format!("Site {name} added.")
            }));
            sites.set(saved);
            f.clear(&lists.get_untracked());
        },
    );
    let edit = move |site: Site| {
        status.set(None);
        f.fill(SiteInput::from(&site));
    };
    let options = move |pick: fn(&CurrenciesAndLocales) -> Vec<(String, String)>,
                        chosen: RwSignal<String>| {
        lists.with(|lists| {
            pick(lists)
                .into_iter()
                .map(|(code, label)| {
                    let value = code.clone();
                    view! { <option value=code selected=move || chosen.get() == value>{label}</option> }
                })
                .collect_view()
        })
    };
    let currency_choices = |lists: &CurrenciesAndLocales| {
        lists
            .currencies
            .iter()
            .map(|currency| {
                (
                    currency.code.clone(),
                    format!("{} – {}", currency.code, currency.name),
                )
            })
            .collect()
    };
    let locale_choices = |lists: &CurrenciesAndLocales| {
        lists
            .locales
            .iter()
            .map(|locale| (locale.code.clone(), locale.code.clone()))
            .collect()
    };
    let state = form.state();

    view! {
        <div class="settings-columns wide">
            <section aria-labelledby="sites-heading">
                <div class="pane-header">
                    <h2 id="sites-heading">"Sites"</h2>
                    <p class="status" role="status" id="sites-status">{move || status.get()}</p>
                </div>
                <p class="intro">"The storefronts this store sells through. Links in emails are built from a site's storefront URL."</p>
                <Show when=move || load_error.get().is_some()>
                    <p class="banner error" role="alert">{move || load_error.get()}</p>
                </Show>
                <Table
                    id="site-list"
                    columns=COLUMNS
                    rows=sites
                    key=|site: &Site| format!("{site:?}")
                    row=move |site: Site| {
                        let row_id = format!("site-{}", site.code);
                        let edit_id = format!("site-edit-{}", site.code);
                        let label = format!("Edit {}", site.name);
                        let editing = site.clone();
                        view! {
                            <tr id=row_id>
                                <td>{site.code.clone()}</td>
                                <td>{site.name.clone()}</td>
                                <td>{site.storefront_url.clone().unwrap_or_else(|| "not set".into())}</td>
                                <td>{site.default_currency.to_string()}</td>
                                <td>{site.default_locale.to_string()}</td>
                                <td>{if site.assisted_buying { "on" } else { "off" }}</td>
                                <td>
                                    <button type="button" class="secondary small" id=edit_id aria-label=label
                                        on:click=move |_| edit(editing.clone())>"Edit"</button>
                                </td>
                            </tr>
                        }
                    }
                />
            </section>
            <form class="settings-form" id="site-form" novalidate on:submit=submit>
                <h3>{move || match f.original_code.get() {
                    Some(code) => format!("Edit site {code}"),
                    None => "Add a site".to_owned(),
                }}</h3>
                <FormBanner form=form />
                <Show when=move || f.original_code.get().is_none()>
                    <TextField form=form name=fields::CODE label="Code" value=f.code
                        hint="Lower-case letters, digits and hyphens, such as de-shop. It cannot change later." />
                </Show>
                <TextField form=form name=fields::NAME label="Name" value=f.name />
                <TextField form=form name=fields::STOREFRONT_URL label="Storefront URL (optional)" value=f.storefront_url
                    input_type="url" hint="https://…; http://localhost only for testing." />
                <div class="field">
                    <label for="site-default_currency">"Default currency"</label>
                    <select id="site-default_currency" aria-describedby="site-default_currency-error"
                        on:change=move |event| f.default_currency.set(event_target_value(&event))>
                        {move || options(currency_choices, f.default_currency)}
                    </select>
                    <p class="field-error" id="site-default_currency-error" aria-live="polite">
                        {move || state.message(fields::DEFAULT_CURRENCY)}
                    </p>
                </div>
                <div class="field">
                    <label for="site-default_locale">"Default locale"</label>
                    <select id="site-default_locale" aria-describedby="site-default_locale-error"
                        on:change=move |event| f.default_locale.set(event_target_value(&event))>
                        {move || options(locale_choices, f.default_locale)}
                    </select>
                    <p class="field-error" id="site-default_locale-error" aria-live="polite">
                        {move || state.message(fields::DEFAULT_LOCALE)}
                    </p>
                </div>
                <label class="check" for="site-assisted_buying">
                    <input type="checkbox" id="site-assisted_buying"
                        prop:checked=move || f.assisted_buying.get()
                        on:change=move |event| f.assisted_buying.set(event_target_checked(&event)) />
                    "Assisted buying: support agents may shop on a customer's behalf"
                </label>
                <div class="actions">
                    <Show when=move || f.original_code.get().is_some()>
                        <button type="button" class="secondary" id="site-cancel"
                            on:click=move |_| f.clear(&lists.get_untracked())>"Cancel"</button>
                    </Show>
                    <SubmitButton form=form id="site-save" label="Save site" busy_label="Saving…" />
                </div>
            </form>
        </div>
    }
}
