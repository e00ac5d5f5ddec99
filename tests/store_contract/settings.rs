//! The store's settings on both backends: a new store's defaults (EUR, en, a site
//! "default" without a URL, active customers, everything hidden from visitors), sites
//! with unique codes, currency and locale lists with one default and removals refused
//! while something uses them, preferences and customer access.

use std::sync::Arc;

use desk_domain::CurrencyCode;
use desk_domain::locale_tag::LocaleTag;
use desk_domain::site::Site;
use desk_domain::store_preferences::{
    CodeChange, CodeList, CustomerAccess, Preferences, StorefrontContent,
};
use desk_store::{Store, StoreError, UniqueField};
use desk_tests::fixtures::{audit_by_test, insert_customer};

fn site(code: &str, currency: &str, locale: &str) -> Site {
    Site {
        code: code.into(),
        name: format!("Shop {code}"),
        storefront_url: Some(format!("https://{code}.example.com")),
        default_currency: CurrencyCode::from_trusted(currency.into()),
        default_locale: LocaleTag::from_trusted(locale.into()),
        assisted_buying: true,
    }
}

pub async fn a_new_store_starts_with_sensible_defaults(store: Arc<dyn Store>) {
    let sites = store.sites().await.expect("sites");
    assert_eq!(sites.len(), 1);
    assert_eq!(sites[0].code, "default");
    assert_eq!(sites[0].storefront_url, None);
    assert_eq!(sites[0].default_currency.to_string(), "EUR");
    assert_eq!(sites[0].default_locale.as_str(), "en");
    assert!(!sites[0].assisted_buying);
    assert_eq!(
        store
            .code_list(CodeList::Currencies)
            .await
            .expect("currencies"),
        [("EUR".to_owned(), true)]
    );
    assert_eq!(
        store.code_list(CodeList::Locales).await.expect("locales"),
        [("en".to_owned(), true)]
    );
    assert_eq!(
        store.preferences().await.expect("preferences"),
        Preferences::default()
    );
    assert_eq!(
        store.customer_access().await.expect("access"),
        CustomerAccess::default()
    );
    assert_eq!(store.email_settings().await.expect("email"), None);
}

pub async fn sites_are_added_and_changed_and_their_codes_are_unique(store: Arc<dyn Store>) {
    store
        .change_code(
            CodeList::Locales,
            CodeChange::Enable,
            "de-DE",
            &audit_by_test(),
        )
        .await
        .expect("de-DE");
    let german = site("de-shop", "EUR", "de-DE");
    store
        .insert_site(&german, &audit_by_test())
        .await
        .expect("added");
    let again = store.insert_site(&german, &audit_by_test()).await;
    assert!(
        matches!(again, Err(StoreError::Duplicate(UniqueField::SiteCode))),
        "{again:?}"
    );
    let renamed = Site {
        name: "German shop".into(),
        storefront_url: None,
        assisted_buying: false,
        ..german.clone()
    };
    store
        .update_site(&renamed, &audit_by_test())
        .await
        .expect("changed");
    let sites = store.sites().await.expect("sites");
    assert_eq!(
        sites.iter().map(|s| s.code.as_str()).collect::<Vec<_>>(),
        ["de-shop", "default"]
    );
    assert_eq!(sites[0], renamed);
    let missing = store
        .update_site(&site("nowhere", "EUR", "en"), &audit_by_test())
        .await;
    assert!(matches!(missing, Err(StoreError::NotFound)), "{missing:?}");
    // A site's currency must be enabled: the database refuses one that is not.
    let unknown = store
        .insert_site(&site("us-shop", "USD", "en"), &audit_by_test())
        .await;
    assert!(unknown.is_err(), "USD is not enabled");
}

pub async fn lists_keep_one_default_and_refuse_removing_what_a_site_uses(store: Arc<dyn Store>) {
    store
        .change_code(
            CodeList::Currencies,
            CodeChange::Enable,
            "USD",
            &audit_by_test(),
        )
        .await
        .expect("USD");
    store
        .change_code(
            CodeList::Currencies,
            CodeChange::Enable,
            "USD",
            &audit_by_test(),
        )
        .await
        .expect("again: no-op");
    store
        .change_code(
            CodeList::Currencies,
            CodeChange::MakeDefault,
            "USD",
            &audit_by_test(),
        )
        .await
        .expect("USD default");
    assert_eq!(
        store.code_list(CodeList::Currencies).await.expect("list"),
        [("EUR".to_owned(), false), ("USD".to_owned(), true)]
    );
    let unknown = store
        .change_code(
            CodeList::Currencies,
            CodeChange::MakeDefault,
            "CHF",
            &audit_by_test(),
        )
        .await;
    assert!(matches!(unknown, Err(StoreError::NotFound)), "{unknown:?}");

    // EUR is the default site's currency: who uses it is named, and the database
    // refuses the removal anyway.
    insert_customer(store.as_ref(), "ann@example.com", "Ann", "Lee").await;
    let users = store
        .code_users(CodeList::Currencies, "EUR")
        .await
        .expect("users");
    assert_eq!(users.sites, ["Default"]);
    assert_eq!(users.customers, 1);
    assert_eq!(users.some_customers, ["Ann Lee"]);
    let refused = store
        .change_code(
            CodeList::Currencies,
            CodeChange::Disable,
            "EUR",
            &audit_by_test(),
        )
        .await;
    assert!(matches!(refused, Err(StoreError::InUse)), "{refused:?}");

    store
        .change_code(
            CodeList::Currencies,
            CodeChange::Enable,
            "CHF",
            &audit_by_test(),
        )
        .await
        .expect("CHF");
    assert!(
        store
            .code_users(CodeList::Currencies, "CHF")
            .await
            .expect("users")
            .is_empty()
    );
    store
        .change_code(
            CodeList::Currencies,
            CodeChange::Disable,
            "CHF",
            &audit_by_test(),
        )
        .await
        .expect("removed");
    let gone = store
        .change_code(
            CodeList::Currencies,
            CodeChange::Disable,
            "CHF",
            &audit_by_test(),
        )
        .await;
    assert!(matches!(gone, Err(StoreError::NotFound)), "{gone:?}");

    store
        .change_code(
            CodeList::Locales,
            CodeChange::Enable,
            "fr-CH",
            &audit_by_test(),
        )
        .await
        .expect("fr-CH");
    store
        .change_code(
            CodeList::Locales,
            CodeChange::MakeDefault,
            "fr-CH",
            &audit_by_test(),
        )
        .await
        .expect("default");
    assert_eq!(
        store.code_list(CodeList::Locales).await.expect("locales"),
        [("en".to_owned(), false), ("fr-CH".to_owned(), true)]
    );
    let site_locale = store
        .code_users(CodeList::Locales, "en")
        .await
        .expect("users");
    assert_eq!(site_locale.sites, ["Default"]);
}

pub async fn preferences_and_customer_access_are_kept_with_their_audit_entry(
    store: Arc<dyn Store>,
) {
    let preferences = Preferences {
        customer_active_on_creation: false,
        customer_on_hold_on_creation: true,
    };
    store
        .set_preferences(preferences, &audit_by_test())
        .await
        .expect("saved");
    assert_eq!(store.preferences().await.expect("read"), preferences);
    let access = CustomerAccess {
        hidden: vec![
            (StorefrontContent::Price, false),
            (StorefrontContent::Wishlist, false),
        ],
    };
    store
        .set_customer_access(&access, &audit_by_test())
        .await
        .expect("saved");
    let read = store.customer_access().await.expect("read");
    assert!(!read.is_hidden(StorefrontContent::Price));
    assert!(!read.is_hidden(StorefrontContent::Wishlist));
    assert!(read.is_hidden(StorefrontContent::AddToCart));
    assert_eq!(read.hidden.len(), 5);
}

pub async fn templates_fall_back_from_locale_to_language_to_default_to_built_in(
    store: Arc<dyn Store>,
) {
    use desk_app::email::templates::render_message;
    use desk_domain::email_template::{TemplateKey, TemplateKind, TemplateText};

    for tag in ["de", "de-CH", "fr"] {
        store
            .change_code(CodeList::Locales, CodeChange::Enable, tag, &audit_by_test())
            .await
            .expect("locale");
    }
    let values = [
        ("customer_name", "Ann Lee".to_owned()),
        ("site_name", "Shop".to_owned()),
        ("sign_in_link", "https://shop.example.com".to_owned()),
    ];
    let subject = |locale: &'static str| {
        let store = store.clone();
        let values = values.clone();
        async move {
            render_message(store.as_ref(), TemplateKind::AccountActive, locale, &values)
                .await
                .expect("renders")
                .subject
        }
    };
    // Nothing saved: the built-in English text.
    assert_eq!(subject("de-CH").await, "Your account at Shop is now active");
    let save = |locale: &str, subject: &str| {
        let key = TemplateKey {
            kind: TemplateKind::AccountActive,
            locale: locale.into(),
        };
        let text = TemplateText {
            subject: subject.into(),
            body_text: "{{ customer_name }}".into(),
            body_html: "<p>{{ customer_name }}</p>".into(),
        };
        let store = store.clone();
        async move {
            store
                .set_email_template(&key, Some(&text), &audit_by_test())
                .await
                .expect("saved")
        }
    };
    save("en", "Active ({{ site_name }})").await;
    save("de", "Aktiv ({{ site_name }})").await;
    assert_eq!(
        subject("de-CH").await,
        "Aktiv (Shop)",
        "the language's template"
    );
    assert_eq!(
        subject("fr").await,
        "Active (Shop)",
        "the default locale's template"
    );
    save("de-CH", "Aktiviert ({{ site_name }})").await;
    assert_eq!(
        subject("de-CH").await,
        "Aktiviert (Shop)",
        "its own template"
    );
    let saved = store.saved_templates().await.expect("listed");
    assert_eq!(saved.len(), 3);
    store
        .set_email_template(
            &TemplateKey {
                kind: TemplateKind::AccountActive,
                locale: "de-CH".into(),
            },
            None,
            &audit_by_test(),
        )
        .await
        .expect("removed");
    assert_eq!(
        subject("de-CH").await,
        "Aktiv (Shop)",
        "back to the fallback"
    );
}

contract!(
    templates_fall_back_from_locale_to_language_to_default_to_built_in,
    a_new_store_starts_with_sensible_defaults,
    sites_are_added_and_changed_and_their_codes_are_unique,
    lists_keep_one_default_and_refuse_removing_what_a_site_uses,
    preferences_and_customer_access_are_kept_with_their_audit_entry,
);
