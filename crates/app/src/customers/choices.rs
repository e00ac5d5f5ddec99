use desk_domain::DeskError;
use desk_domain::customer::{CustomerChoices, SiteChoice, region_of};
use desk_domain::store_preferences::CodeList;
use desk_store::{Store, StoreError};

use crate::internal_error;

/// What the customer form offers, read from the store: its enabled currencies and
/// locales (each default first), its sites, and the activation defaults.
pub async fn customer_choices(store: &dyn Store) -> Result<CustomerChoices, DeskError> {
    let read = |error: StoreError| internal_error("reading the customer form's choices", &error);
    let default_first = |mut codes: Vec<(String, bool)>| {
        codes.sort_by_key(|(code, is_default)| (!is_default, code.clone()));
        codes.into_iter().map(|(code, _)| code).collect()
    };
    let currencies = default_first(store.code_list(CodeList::Currencies).await.map_err(read)?);
    let locales = default_first(store.code_list(CodeList::Locales).await.map_err(read)?);
    let sites = store
        .sites()
        .await
        .map_err(read)?
        .into_iter()
        .map(|site| SiteChoice {
            country: region_of(site.default_locale.as_str()),
            has_storefront: site.storefront_url.is_some(),
            code: site.code,
            name: site.name,
        })
        .collect();
    let preferences = store.preferences().await.map_err(read)?;
    let attributes = store.customer_attributes().await.map_err(read)?;
    Ok(CustomerChoices {
        currencies,
        locales,
        sites,
        active_on_creation: preferences.customer_active_on_creation,
        on_hold_on_creation: preferences.customer_on_hold_on_creation,
        attributes,
    })
}
