use async_trait::async_trait;
use desk_domain::email_settings::EmailSettings;
use desk_domain::email_template::{TemplateKey, TemplateText};
use desk_domain::site::Site;
use desk_domain::store_preferences::{CodeChange, CodeList, CustomerAccess, Preferences};

use crate::{Effects, StoreError};

/// Who uses a currency or locale, so disabling it can be refused with names.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CodeUsers {
    /// Sites with it as their default, by name.
    pub sites: Vec<String>,
    /// How many customers have it.
    pub customers: u64,
    /// A few of those customers, by name ("Ann Lee").
    pub some_customers: Vec<String>,
}

impl CodeUsers {
    /// Whether nothing uses it.
    pub fn is_empty(&self) -> bool {
        self.sites.is_empty() && self.customers == 0
    }
}

/// Settings that belong to the store, not to a desktop: every desktop on a shared
/// store reads the same ones, and storefronts read some of them.
#[async_trait]
pub trait SettingsStore: Send + Sync + std::fmt::Debug {
    /// The SMTP server and sender, if an administrator has set them.
    async fn email_settings(&self) -> Result<Option<EmailSettings>, StoreError>;

    /// Replaces the email settings (`None` clears them: nothing is delivered then),
    /// committing `effects` with the change.
    async fn set_email_settings(
        &self,
        settings: Option<&EmailSettings>,
        effects: &Effects,
    ) -> Result<(), StoreError>;

    /// Every site, by code.
    async fn sites(&self) -> Result<Vec<Site>, StoreError>;

    /// Adds `site`; `Duplicate(SiteCode)` when its code is taken.
    async fn insert_site(&self, site: &Site, effects: &Effects) -> Result<(), StoreError>;

    /// Replaces the site with `site.code`; `NotFound` when there is none.
    async fn update_site(&self, site: &Site, effects: &Effects) -> Result<(), StoreError>;

    /// The enabled codes of `list` with whether each is the default, by code.
    async fn code_list(&self, list: CodeList) -> Result<Vec<(String, bool)>, StoreError>;

    /// Enables `code` (nothing happens when it is enabled already), disables it, or
    /// makes it the default of `list`. Disabling or making default a code that is not
    /// enabled is `NotFound`; disabling one a site uses is `InUse` (the sites' foreign
    /// keys). The caller checks first that it is not the default and nothing uses it.
    async fn change_code(
        &self,
        list: CodeList,
        change: CodeChange,
        code: &str,
        effects: &Effects,
    ) -> Result<(), StoreError>;

    /// Who uses `code`.
    async fn code_users(&self, list: CodeList, code: &str) -> Result<CodeUsers, StoreError>;

    /// What new customers start as.
    async fn preferences(&self) -> Result<Preferences, StoreError>;

    /// Replaces the preferences.
    async fn set_preferences(
        &self,
        preferences: Preferences,
        effects: &Effects,
    ) -> Result<(), StoreError>;

    /// What visitors who are not signed in may not see.
    async fn customer_access(&self) -> Result<CustomerAccess, StoreError>;

    /// Replaces the customer access (every kind is written).
    async fn set_customer_access(
        &self,
        access: &CustomerAccess,
        effects: &Effects,
    ) -> Result<(), StoreError>;

    /// The template saved for exactly `key`, if any.
    async fn email_template(&self, key: &TemplateKey) -> Result<Option<TemplateText>, StoreError>;

    /// Which templates are saved.
    async fn saved_templates(&self) -> Result<Vec<TemplateKey>, StoreError>;

    /// Saves the template of `key`, or removes it (back to the fallback) with `None`.
    async fn set_email_template(
        &self,
        key: &TemplateKey,
        text: Option<&TemplateText>,
        effects: &Effects,
    ) -> Result<(), StoreError>;
}
