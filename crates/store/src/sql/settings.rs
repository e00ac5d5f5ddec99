use async_trait::async_trait;
use desk_domain::Email;
use desk_domain::email_settings::{EmailSettings, SmtpSecurity};
use desk_domain::email_template::{TemplateKey, TemplateText};
use desk_domain::site::Site;
use desk_domain::store_preferences::{CodeChange, CodeList, CustomerAccess, Preferences};

use super::{apply_effects, corrupt};
use crate::backend::{SqlStore, Statement};
use crate::{Backend, CodeUsers, Effects, SettingsStore, StoreError};

#[async_trait]
impl<DB: Backend> SettingsStore for SqlStore<DB> {
    async fn email_settings(&self) -> Result<Option<EmailSettings>, StoreError> {
        let mut connection = self.pool.acquire().await?;
        let row = Statement::<DB>::new(
            "SELECT smtp_host, CAST(smtp_port AS BIGINT) AS smtp_port, smtp_security, \
               smtp_login, sender_name, sender_address \
             FROM store_settings WHERE smtp_host IS NOT NULL",
        )
        .fetch_optional(&mut connection)
        .await?;
        let Some(row) = row else {
            return Ok(None);
        };
        let port = DB::integer(&row, "smtp_port")?;
        let security = DB::text(&row, "smtp_security")?;
        Ok(Some(EmailSettings {
            host: DB::text(&row, "smtp_host")?,
            port: u16::try_from(port).map_err(|_| corrupt("smtp_port", port))?,
            security: SmtpSecurity::from_code(&security)
                .ok_or_else(|| corrupt("smtp_security", &security))?,
            login: DB::optional_text(&row, "smtp_login")?,
            sender_name: DB::text(&row, "sender_name")?,
            sender_address: Email::from_trusted(DB::text(&row, "sender_address")?),
        }))
    }

    async fn set_email_settings(
        &self,
        settings: Option<&EmailSettings>,
        effects: &Effects,
    ) -> Result<(), StoreError> {
        let mut tx = DB::begin_write(&self.pool).await?;
        let statement = match settings {
            Some(settings) => Statement::<DB>::new(
                "UPDATE store_settings SET smtp_host = $1, smtp_port = $2, smtp_security = $3, \
                   smtp_login = $4, sender_name = $5, sender_address = $6",
            )
            .text(&settings.host)
            .integer(i64::from(settings.port))
            .text(settings.security.code())
            .optional_text(settings.login.clone())
            .text(&settings.sender_name)
            .text(settings.sender_address.as_str()),
            None => Statement::<DB>::new(
                "UPDATE store_settings SET smtp_host = NULL, smtp_port = NULL, \
                   smtp_security = NULL, smtp_login = NULL, sender_name = NULL, \
                   sender_address = NULL",
            ),
        };
        statement.execute(&mut tx).await?;
        apply_effects::<DB>(&mut tx, effects).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn sites(&self) -> Result<Vec<Site>, StoreError> {
        self.select_sites().await
    }

    async fn insert_site(&self, site: &Site, effects: &Effects) -> Result<(), StoreError> {
        self.write_site(site, effects, true).await
    }

    async fn update_site(&self, site: &Site, effects: &Effects) -> Result<(), StoreError> {
        self.write_site(site, effects, false).await
    }

    async fn code_list(&self, list: CodeList) -> Result<Vec<(String, bool)>, StoreError> {
        self.select_code_list(list).await
    }

    async fn change_code(
        &self,
        list: CodeList,
        change: CodeChange,
        code: &str,
        effects: &Effects,
    ) -> Result<(), StoreError> {
        self.write_code(list, change, code, effects).await
    }

    async fn code_users(&self, list: CodeList, code: &str) -> Result<CodeUsers, StoreError> {
        self.select_code_users(list, code).await
    }

    async fn preferences(&self) -> Result<Preferences, StoreError> {
        self.select_preferences().await
    }

    async fn set_preferences(
        &self,
        preferences: Preferences,
        effects: &Effects,
    ) -> Result<(), StoreError> {
        self.write_preferences(preferences, effects).await
    }

    async fn customer_access(&self) -> Result<CustomerAccess, StoreError> {
        self.select_customer_access().await
    }

    async fn set_customer_access(
        &self,
        access: &CustomerAccess,
        effects: &Effects,
    ) -> Result<(), StoreError> {
        self.write_customer_access(access, effects).await
    }

    async fn email_template(&self, key: &TemplateKey) -> Result<Option<TemplateText>, StoreError> {
        self.select_template(key).await
    }

    async fn saved_templates(&self) -> Result<Vec<TemplateKey>, StoreError> {
        self.select_saved_templates().await
    }

    async fn set_email_template(
        &self,
        key: &TemplateKey,
        text: Option<&TemplateText>,
        effects: &Effects,
    ) -> Result<(), StoreError> {
        self.write_template(key, text, effects).await
    }
}
