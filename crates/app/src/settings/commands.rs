//! Settings commands: thin adapters over the use cases.

use async_trait::async_trait;
use desk_domain::DeskError;
use desk_domain::commands::{
    ChangeCodeList, GetCurrenciesAndLocales, GetCustomerAccess, GetPreferences, ListSites,
    SaveCustomerAccess, SaveCustomerAttribute, SavePreferences, SaveSite,
};
use desk_domain::site::Site;
use desk_domain::store_preferences::{CurrenciesAndLocales, CustomerAccess, Preferences};

use crate::command::{Command, Context, Staff};

#[async_trait]
impl Command for ListSites {
    type Caller = Staff;

    async fn run(self, cx: &Context<'_>, _: Staff) -> Result<Vec<Site>, DeskError> {
        super::list_sites(cx.desk).await
    }
}

#[async_trait]
impl Command for SaveSite {
    type Caller = Staff;

    async fn run(self, cx: &Context<'_>, caller: Staff) -> Result<Vec<Site>, DeskError> {
        super::save_site(cx.desk, &caller.actor, &self.input, cx.now).await
    }
}

#[async_trait]
impl Command for GetCurrenciesAndLocales {
    type Caller = Staff;

    async fn run(self, cx: &Context<'_>, _: Staff) -> Result<CurrenciesAndLocales, DeskError> {
        super::currencies_and_locales(cx.desk).await
    }
}

#[async_trait]
impl Command for ChangeCodeList {
    type Caller = Staff;

    async fn run(self, cx: &Context<'_>, caller: Staff) -> Result<CurrenciesAndLocales, DeskError> {
        super::change_code_list(cx.desk, &caller.actor, &self.input, cx.now).await
    }
}

#[async_trait]
impl Command for GetPreferences {
    type Caller = Staff;

    async fn run(self, cx: &Context<'_>, _: Staff) -> Result<Preferences, DeskError> {
        super::preferences(cx.desk).await
    }
}

#[async_trait]
impl Command for SavePreferences {
    type Caller = Staff;

    async fn run(self, cx: &Context<'_>, caller: Staff) -> Result<Preferences, DeskError> {
        super::save_preferences(cx.desk, &caller.actor, &self.input, cx.now).await
    }
}

#[async_trait]
impl Command for GetCustomerAccess {
    type Caller = Staff;

    async fn run(self, cx: &Context<'_>, _: Staff) -> Result<CustomerAccess, DeskError> {
        super::customer_access(cx.desk).await
    }
}

#[async_trait]
impl Command for SaveCustomerAccess {
    type Caller = Staff;

    async fn run(self, cx: &Context<'_>, caller: Staff) -> Result<CustomerAccess, DeskError> {
        super::save_customer_access(cx.desk, &caller.actor, &self.input, cx.now).await
    }
}

#[async_trait]
impl Command for SaveCustomerAttribute {
    type Caller = Staff;

    async fn run(
        self,
        cx: &Context<'_>,
        caller: Staff,
    ) -> Result<Vec<desk_domain::custom_attribute::AttributeDefinition>, DeskError> {
        super::save_customer_attribute(cx.desk, &caller.actor, &self.input, cx.now).await
    }
}
