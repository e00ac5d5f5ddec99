//! Company commands: thin adapters over the use cases.

use async_trait::async_trait;
use desk_domain::DeskError;
use desk_domain::commands::{
    CreateCompany, GetCompany, GetCompanyChoices, ListCompanies, UpdateCompany,
};
use desk_domain::company_list::{Company, CompanyChoices, CompanyPage};

use crate::command::{Command, Context, Staff};

#[async_trait]
impl Command for ListCompanies {
    type Caller = Staff;

    async fn run(self, cx: &Context<'_>, caller: Staff) -> Result<CompanyPage, DeskError> {
        super::list_companies(&*cx.desk.store()?, caller.scope, &self.request).await
    }
}

#[async_trait]
impl Command for GetCompany {
    type Caller = Staff;

    async fn run(self, cx: &Context<'_>, caller: Staff) -> Result<Company, DeskError> {
        super::get_company(&*cx.desk.store()?, caller.scope, self.id).await
    }
}

#[async_trait]
impl Command for GetCompanyChoices {
    type Caller = Staff;

    async fn run(self, cx: &Context<'_>, caller: Staff) -> Result<CompanyChoices, DeskError> {
        super::company_choices(&*cx.desk.store()?, caller.scope).await
    }
}

#[async_trait]
impl Command for CreateCompany {
    type Caller = Staff;

    async fn run(self, cx: &Context<'_>, caller: Staff) -> Result<Company, DeskError> {
        let by = caller.actor.attribution();
        super::create_company(&*cx.desk.store()?, &by, &self.input, cx.now).await
    }
}

#[async_trait]
impl Command for UpdateCompany {
    type Caller = Staff;

    async fn run(self, cx: &Context<'_>, caller: Staff) -> Result<Company, DeskError> {
        let by = caller.actor.attribution();
        super::update_company(&*cx.desk.store()?, &by, &self.update, cx.now).await
    }
}
