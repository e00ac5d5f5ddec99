//! Company commands: thin adapters over the use cases.

use async_trait::async_trait;
use desk_domain::DeskError;
use desk_domain::commands::{
    AddCompanyMembers, CreateCompany, DeleteCompanyAddress, GetCompany, GetCompanyAddresses,
    GetCompanyChoices, GetCompanyMembers, GetCompanyOrders, GetCompanyRoles, GetCustomerOrders,
    GetMemberPolicies, ListCompanies, SaveCompanyAddress, SetDefaultCompanyAddress, UpdateCompany,
    UpdateCompanyMember,
};
use desk_domain::company_address::CompanyAddress;
use desk_domain::company_list::{Company, CompanyChoices, CompanyPage};
use desk_domain::company_member::{MemberPage, MemberPolicies, MembersAdded};
use desk_domain::company_role::CompanyRole;
use desk_domain::order::OrderSummary;

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

#[async_trait]
impl Command for GetCompanyMembers {
    type Caller = Staff;

    async fn run(self, cx: &Context<'_>, caller: Staff) -> Result<MemberPage, DeskError> {
        super::company_members(&*cx.desk.store()?, caller.scope, &self.request).await
    }
}

#[async_trait]
impl Command for GetCompanyRoles {
    type Caller = Staff;

    async fn run(self, cx: &Context<'_>, _: Staff) -> Result<Vec<CompanyRole>, DeskError> {
        super::company_roles(&*cx.desk.store()?).await
    }
}

#[async_trait]
impl Command for GetMemberPolicies {
    type Caller = Staff;

    async fn run(self, cx: &Context<'_>, caller: Staff) -> Result<MemberPolicies, DeskError> {
        super::member_policies(&*cx.desk.store()?, caller.scope, self.member).await
    }
}

#[async_trait]
impl Command for AddCompanyMembers {
    type Caller = Staff;

    async fn run(self, cx: &Context<'_>, caller: Staff) -> Result<MembersAdded, DeskError> {
        let by = caller.actor.attribution();
        super::add_company_members(&*cx.desk.store()?, &by, &self.request, cx.now).await
    }
}

#[async_trait]
impl Command for UpdateCompanyMember {
    type Caller = Staff;

    async fn run(self, cx: &Context<'_>, caller: Staff) -> Result<(), DeskError> {
        let by = caller.actor.attribution();
        super::update_company_member(&*cx.desk.store()?, &by, &self.update, cx.now).await
    }
}

#[async_trait]
impl Command for GetCompanyAddresses {
    type Caller = Staff;

    async fn run(self, cx: &Context<'_>, caller: Staff) -> Result<Vec<CompanyAddress>, DeskError> {
        super::company_addresses(&*cx.desk.store()?, caller.scope, self.id).await
    }
}

#[async_trait]
impl Command for SaveCompanyAddress {
    type Caller = Staff;

    async fn run(self, cx: &Context<'_>, caller: Staff) -> Result<(), DeskError> {
        let by = caller.actor.attribution();
        super::save_company_address(&*cx.desk.store()?, &by, &self.save, cx.now).await
    }
}

#[async_trait]
impl Command for DeleteCompanyAddress {
    type Caller = Staff;

    async fn run(self, cx: &Context<'_>, caller: Staff) -> Result<(), DeskError> {
        let by = caller.actor.attribution();
        super::delete_company_address(&*cx.desk.store()?, &by, self.address, cx.now).await
    }
}

#[async_trait]
impl Command for SetDefaultCompanyAddress {
    type Caller = Staff;

    async fn run(self, cx: &Context<'_>, caller: Staff) -> Result<(), DeskError> {
        let by = caller.actor.attribution();
        super::set_default_company_address(&*cx.desk.store()?, &by, self.address, cx.now).await
    }
}

#[async_trait]
impl Command for GetCompanyOrders {
    type Caller = Staff;

    async fn run(self, cx: &Context<'_>, caller: Staff) -> Result<OrderSummary, DeskError> {
        super::company_orders(&*cx.desk.store()?, caller.scope, self.id).await
    }
}

#[async_trait]
impl Command for GetCustomerOrders {
    type Caller = Staff;

    async fn run(self, cx: &Context<'_>, _: Staff) -> Result<OrderSummary, DeskError> {
        super::customer_orders(&*cx.desk.store()?, self.id).await
    }
}

#[async_trait]
impl Command for desk_domain::commands::SaveCompanyRole {
    type Caller = Staff;

    async fn run(self, cx: &Context<'_>, caller: Staff) -> Result<Vec<CompanyRole>, DeskError> {
        let by = caller.actor.attribution();
        super::save_company_role(&*cx.desk.store()?, &by, &self.input, cx.now).await
    }
}

#[async_trait]
impl Command for desk_domain::commands::DeleteCompanyRole {
    type Caller = Staff;

    async fn run(self, cx: &Context<'_>, caller: Staff) -> Result<Vec<CompanyRole>, DeskError> {
        let by = caller.actor.attribution();
        super::delete_company_role(&*cx.desk.store()?, &by, self.id, cx.now).await
    }
}
