//! Sites, the currency and locale lists, preferences and customer access.

use desk_domain::site::Site;
use desk_domain::store_preferences::{
    CodeChange, CodeList, CustomerAccess, Preferences, StorefrontContent,
};
use desk_domain::{CurrencyCode, locale_tag::LocaleTag};

use super::{apply_effects, corrupt};
use crate::backend::{SqlStore, Statement};
use crate::error::classify;
use crate::{Backend, CodeUsers, Effects, StoreError};

/// Table and key column of a list; constants, never input.
fn table(list: CodeList) -> (&'static str, &'static str) {
    match list {
        CodeList::Currencies => ("currencies", "code"),
        CodeList::Locales => ("locales", "tag"),
    }
}

fn site_from_row<DB: Backend>(row: &DB::Row) -> Result<Site, StoreError> {
    Ok(Site {
        code: DB::text(row, "code")?,
        name: DB::text(row, "name")?,
        storefront_url: DB::optional_text(row, "storefront_url")?,
        default_currency: CurrencyCode::from_trusted(DB::text(row, "default_currency")?),
        default_locale: LocaleTag::from_trusted(DB::text(row, "default_locale")?),
        assisted_buying: DB::boolean(row, "assisted_buying")?,
    })
}

impl<DB: Backend> SqlStore<DB> {
    pub(super) async fn select_sites(&self) -> Result<Vec<Site>, StoreError> {
        let mut connection = self.pool.acquire().await?;
        let rows = Statement::<DB>::new(
            "SELECT code, name, storefront_url, default_currency, default_locale, \
               assisted_buying FROM sites ORDER BY code",
        )
        .fetch_all(&mut connection)
        .await?;
        rows.iter().map(site_from_row::<DB>).collect()
    }

    pub(super) async fn write_site(
        &self,
        site: &Site,
        effects: &Effects,
        insert: bool,
    ) -> Result<(), StoreError> {
        let sql = if insert {
            "INSERT INTO sites (name, storefront_url, default_currency, default_locale, \
               assisted_buying, code) VALUES ($1, $2, $3, $4, $5, $6)"
        } else {
            "UPDATE sites SET name = $1, storefront_url = $2, default_currency = $3, \
               default_locale = $4, assisted_buying = $5 WHERE code = $6"
        };
        let mut tx = DB::begin_write(&self.pool).await?;
        let written = Statement::<DB>::new(sql)
            .text(&site.name)
            .optional_text(site.storefront_url.clone())
            .text(site.default_currency.to_string())
            .text(site.default_locale.as_str())
            .boolean(site.assisted_buying)
            .text(&site.code)
            .execute(&mut tx)
            .await
            .map_err(classify)?;
        if written == 0 {
            return Err(StoreError::NotFound);
        }
        apply_effects::<DB>(&mut tx, effects).await?;
        tx.commit().await?;
        Ok(())
    }

    pub(super) async fn select_code_list(
        &self,
        list: CodeList,
    ) -> Result<Vec<(String, bool)>, StoreError> {
        let (table, key) = table(list);
        let sql = format!("SELECT {key} AS code, is_default FROM {table} ORDER BY {key}");
        let mut connection = self.pool.acquire().await?;
        let rows = Statement::<DB>::new(&sql)
            .fetch_all(&mut connection)
            .await?;
        rows.iter()
            .map(|row| Ok((DB::text(row, "code")?, DB::boolean(row, "is_default")?)))
            .collect()
    }

    pub(super) async fn write_code(
        &self,
        list: CodeList,
        change: CodeChange,
        code: &str,
        effects: &Effects,
    ) -> Result<(), StoreError> {
        let (table, key) = table(list);
        let mut tx = DB::begin_write(&self.pool).await?;
        match change {
            CodeChange::Enable => {
                let sql = format!(
                    "INSERT INTO {table} ({key}, is_default) VALUES ($1, $2) \
                     ON CONFLICT ({key}) DO NOTHING"
                );
                Statement::<DB>::new(&sql)
                    .text(code)
                    .boolean(false)
                    .execute(&mut tx)
                    .await?;
            }
            CodeChange::Disable => {
                let sql = format!("DELETE FROM {table} WHERE {key} = $1");
                let removed = Statement::<DB>::new(&sql)
                    .text(code)
                    .execute(&mut tx)
                    .await
                    .map_err(classify)?;
                if removed == 0 {
                    return Err(StoreError::NotFound);
                }
            }
            CodeChange::MakeDefault => {
                let exists = format!("SELECT {key} FROM {table} WHERE {key} = $1");
                if Statement::<DB>::new(&exists)
                    .text(code)
                    .fetch_optional(&mut tx)
                    .await?
                    .is_none()
                {
                    return Err(StoreError::NotFound);
                }
                // Two statements: the one-default index holds after each.
                let clear = format!("UPDATE {table} SET is_default = $1 WHERE is_default = $2");
                Statement::<DB>::new(&clear)
                    .boolean(false)
                    .boolean(true)
                    .execute(&mut tx)
                    .await?;
                let set = format!("UPDATE {table} SET is_default = $1 WHERE {key} = $2");
                Statement::<DB>::new(&set)
                    .boolean(true)
                    .text(code)
                    .execute(&mut tx)
                    .await?;
            }
        }
        apply_effects::<DB>(&mut tx, effects).await?;
        tx.commit().await?;
        Ok(())
    }

    pub(super) async fn select_code_users(
        &self,
        list: CodeList,
        code: &str,
    ) -> Result<CodeUsers, StoreError> {
        let mut connection = self.pool.acquire().await?;
        let site_column = match list {
            CodeList::Currencies => "default_currency",
            CodeList::Locales => "default_locale",
        };
        let sql = format!("SELECT name FROM sites WHERE {site_column} = $1 ORDER BY name");
        let sites = Statement::<DB>::new(&sql)
            .text(code)
            .fetch_all(&mut connection)
            .await?
            .iter()
            .map(|row| DB::text(row, "name"))
            .collect::<Result<Vec<_>, _>>()?;
        // Customers keep a preferred currency; locales of customers come with the
        // customer fields of the next issue.
        let (customers, some_customers) = match list {
            CodeList::Currencies => {
                let count = Statement::<DB>::new(
                    "SELECT CAST(COUNT(*) AS BIGINT) AS n FROM customers \
                     WHERE preferred_currency = $1",
                )
                .text(code)
                .fetch_optional(&mut connection)
                .await?
                .map(|row| DB::integer(&row, "n"))
                .transpose()?
                .unwrap_or(0);
                let names = Statement::<DB>::new(
                    "SELECT first_name, last_name FROM customers WHERE preferred_currency = $1 \
                     ORDER BY last_name_key, first_name_key, id LIMIT 3",
                )
                .text(code)
                .fetch_all(&mut connection)
                .await?
                .iter()
                .map(|row| {
                    Ok(format!(
                        "{} {}",
                        DB::text(row, "first_name")?,
                        DB::text(row, "last_name")?
                    ))
                })
                .collect::<Result<Vec<_>, StoreError>>()?;
                (
                    u64::try_from(count).map_err(|_| corrupt("customer count", count))?,
                    names,
                )
            }
            CodeList::Locales => (0, Vec::new()),
        };
        Ok(CodeUsers {
            sites,
            customers,
            some_customers,
        })
    }

    pub(super) async fn select_preferences(&self) -> Result<Preferences, StoreError> {
        let mut connection = self.pool.acquire().await?;
        let row = Statement::<DB>::new(
            "SELECT customer_active_on_creation, customer_on_hold_on_creation \
             FROM store_settings",
        )
        .fetch_optional(&mut connection)
        .await?
        .ok_or_else(|| corrupt("store_settings", "no row"))?;
        Ok(Preferences {
            customer_active_on_creation: DB::boolean(&row, "customer_active_on_creation")?,
            customer_on_hold_on_creation: DB::boolean(&row, "customer_on_hold_on_creation")?,
        })
    }

    pub(super) async fn write_preferences(
        &self,
        preferences: Preferences,
        effects: &Effects,
    ) -> Result<(), StoreError> {
        let mut tx = DB::begin_write(&self.pool).await?;
        Statement::<DB>::new(
            "UPDATE store_settings SET customer_active_on_creation = $1, \
               customer_on_hold_on_creation = $2",
        )
        .boolean(preferences.customer_active_on_creation)
        .boolean(preferences.customer_on_hold_on_creation)
        .execute(&mut tx)
        .await?;
        apply_effects::<DB>(&mut tx, effects).await?;
        tx.commit().await?;
        Ok(())
    }

    pub(super) async fn select_customer_access(&self) -> Result<CustomerAccess, StoreError> {
        let mut connection = self.pool.acquire().await?;
        let rows = Statement::<DB>::new("SELECT content, hidden FROM customer_access")
            .fetch_all(&mut connection)
            .await?;
        let mut hidden = Vec::new();
        for row in &rows {
            let content = DB::text(row, "content")?;
            let kind = StorefrontContent::from_code(&content)
                .ok_or_else(|| corrupt("customer_access.content", &content))?;
            hidden.push((kind, DB::boolean(row, "hidden")?));
        }
        Ok(CustomerAccess { hidden }.normalized())
    }

    pub(super) async fn write_customer_access(
        &self,
        access: &CustomerAccess,
        effects: &Effects,
    ) -> Result<(), StoreError> {
        let mut tx = DB::begin_write(&self.pool).await?;
        for (kind, hidden) in access.normalized().hidden {
            Statement::<DB>::new(
                "INSERT INTO customer_access (content, hidden) VALUES ($1, $2) \
                 ON CONFLICT (content) DO UPDATE SET hidden = excluded.hidden",
            )
            .text(kind.code())
            .boolean(hidden)
            .execute(&mut tx)
            .await?;
        }
        apply_effects::<DB>(&mut tx, effects).await?;
        tx.commit().await?;
        Ok(())
    }
}
