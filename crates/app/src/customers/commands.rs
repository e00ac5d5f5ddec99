//! Customer commands: thin adapters over the use cases.

use async_trait::async_trait;
use desk_domain::DeskError;
use desk_domain::audit::AuditPage;
use desk_domain::commands::{
    AddCustomerNote, BulkChangeCustomers, CountCustomers, CreateCustomer, DeleteAddress,
    DeleteCustomerView, EraseCustomer, ExportCustomer, ExportCustomersCsv, GetCustomer,
    GetCustomerAddresses, GetCustomerChoices, GetCustomerHistory, GetCustomerNotes,
    GetCustomerViews, ListCustomers, LoadDemoCustomers, MarkCustomerVerified, SaveAddress,
    SaveCustomerView, SendCustomerEmail, SetDefaultAddress, UpdateCustomer,
};
use desk_domain::customer::{
    CreatedCustomer, Customer, CustomerChoices, CustomerPage, SavedCustomer,
};
use desk_domain::customer_address::Address;
use desk_domain::customer_bulk::{BulkProgress, CsvExportProgress};
use desk_domain::customer_export::ExportedFile;
use desk_domain::customer_note::{Note, NotePage};
use desk_domain::customer_view::CustomerView;

use crate::command::{Command, Context, Staff};

#[async_trait]
impl Command for GetCustomerChoices {
    type Caller = Staff;

    async fn run(self, cx: &Context<'_>, _: Staff) -> Result<CustomerChoices, DeskError> {
        super::customer_choices(&*cx.desk.store()?).await
    }
}

#[async_trait]
impl Command for CreateCustomer {
    type Caller = Staff;

    async fn run(self, cx: &Context<'_>, caller: Staff) -> Result<CreatedCustomer, DeskError> {
        let by = caller.actor.attribution();
        let store = cx.desk.store()?;
        super::create_customer(&*store, cx.desk.passwords(), &by, &self.input, cx.now).await
    }
}

#[async_trait]
impl Command for UpdateCustomer {
    type Caller = Staff;

    async fn run(self, cx: &Context<'_>, caller: Staff) -> Result<SavedCustomer, DeskError> {
        let by = caller.actor.attribution();
        super::update_customer(&*cx.desk.store()?, &by, &self.update, cx.now).await
    }
}

#[async_trait]
impl Command for MarkCustomerVerified {
    type Caller = Staff;

    async fn run(self, cx: &Context<'_>, caller: Staff) -> Result<Customer, DeskError> {
        let by = caller.actor.attribution();
        super::mark_customer_verified(&*cx.desk.store()?, &by, self.id, cx.now).await
    }
}

#[async_trait]
impl Command for ListCustomers {
    type Caller = Staff;

    async fn run(self, cx: &Context<'_>, _: Staff) -> Result<CustomerPage, DeskError> {
        super::list_customers(&*cx.desk.store()?, &self.request).await
    }
}

#[async_trait]
impl Command for CountCustomers {
    type Caller = Staff;

    async fn run(self, cx: &Context<'_>, _: Staff) -> Result<u64, DeskError> {
        super::count_customers(&*cx.desk.store()?, &self.query).await
    }
}

#[async_trait]
impl Command for BulkChangeCustomers {
    type Caller = Staff;

    async fn run(self, cx: &Context<'_>, caller: Staff) -> Result<BulkProgress, DeskError> {
        let by = caller.actor.attribution();
        super::bulk_change_customers(&*cx.desk.store()?, &by, &self.request, cx.now).await
    }
}

#[async_trait]
impl Command for ExportCustomersCsv {
    type Caller = Staff;

    async fn run(self, cx: &Context<'_>, caller: Staff) -> Result<CsvExportProgress, DeskError> {
        let by = caller.actor.attribution();
        super::export_customers_csv(&*cx.desk.store()?, &by, &self.request, cx.now).await
    }
}

#[async_trait]
impl Command for LoadDemoCustomers {
    type Caller = Staff;

    async fn run(self, cx: &Context<'_>, caller: Staff) -> Result<u64, DeskError> {
        let by = caller.actor.attribution();
        super::load_demo_customers(&*cx.desk.store()?, &by, cx.now).await
    }
}

#[async_trait]
impl Command for GetCustomerViews {
    type Caller = Staff;

    async fn run(self, cx: &Context<'_>, caller: Staff) -> Result<Vec<CustomerView>, DeskError> {
        super::customer_views(&*cx.desk.store()?, caller.actor.staff.id).await
    }
}

#[async_trait]
impl Command for SaveCustomerView {
    type Caller = Staff;

    async fn run(self, cx: &Context<'_>, caller: Staff) -> Result<CustomerView, DeskError> {
        super::save_customer_view(
            &*cx.desk.store()?,
            caller.actor.staff.id,
            &self.input,
            cx.now,
        )
        .await
    }
}

#[async_trait]
impl Command for DeleteCustomerView {
    type Caller = Staff;

    async fn run(self, cx: &Context<'_>, caller: Staff) -> Result<(), DeskError> {
        super::delete_customer_view(&*cx.desk.store()?, caller.actor.staff.id, self.id).await
    }
}

#[async_trait]
impl Command for GetCustomer {
    type Caller = Staff;

    async fn run(self, cx: &Context<'_>, _: Staff) -> Result<Customer, DeskError> {
        super::get_customer(&*cx.desk.store()?, self.id).await
    }
}

#[async_trait]
impl Command for GetCustomerAddresses {
    type Caller = Staff;

    async fn run(self, cx: &Context<'_>, _: Staff) -> Result<Vec<Address>, DeskError> {
        super::customer_addresses(&*cx.desk.store()?, self.id).await
    }
}

#[async_trait]
impl Command for SaveAddress {
    type Caller = Staff;

    async fn run(self, cx: &Context<'_>, caller: Staff) -> Result<Vec<Address>, DeskError> {
        let by = caller.actor.attribution();
        super::save_address(&*cx.desk.store()?, &by, &self.save, cx.now).await
    }
}

#[async_trait]
impl Command for DeleteAddress {
    type Caller = Staff;

    async fn run(self, cx: &Context<'_>, caller: Staff) -> Result<Vec<Address>, DeskError> {
        let by = caller.actor.attribution();
        super::delete_address(&*cx.desk.store()?, &by, self.id, cx.now).await
    }
}

#[async_trait]
impl Command for SetDefaultAddress {
    type Caller = Staff;

    async fn run(self, cx: &Context<'_>, caller: Staff) -> Result<Vec<Address>, DeskError> {
        let by = caller.actor.attribution();
        super::set_default_address(&*cx.desk.store()?, &by, self.id, self.which, cx.now).await
    }
}

#[async_trait]
impl Command for GetCustomerNotes {
    type Caller = Staff;

    async fn run(self, cx: &Context<'_>, _: Staff) -> Result<NotePage, DeskError> {
        super::customer_notes(&*cx.desk.store()?, self.id, self.before).await
    }
}

#[async_trait]
impl Command for AddCustomerNote {
    type Caller = Staff;

    async fn run(self, cx: &Context<'_>, caller: Staff) -> Result<Note, DeskError> {
        let by = caller.actor.attribution();
        let author = caller.actor.staff.clone();
        super::add_note(&*cx.desk.store()?, &author, &by, &self.note, cx.now).await
    }
}

#[async_trait]
impl Command for GetCustomerHistory {
    type Caller = Staff;

    async fn run(self, cx: &Context<'_>, _: Staff) -> Result<AuditPage, DeskError> {
        super::customer_history(&*cx.desk.store()?, self.id, self.before).await
    }
}

#[async_trait]
impl Command for EraseCustomer {
    type Caller = Staff;

    async fn run(self, cx: &Context<'_>, caller: Staff) -> Result<Customer, DeskError> {
        let by = caller.actor.attribution();
        super::erase_customer(&*cx.desk.store()?, &by, self.id, cx.now).await
    }
}

#[async_trait]
impl Command for ExportCustomer {
    type Caller = Staff;

    async fn run(self, cx: &Context<'_>, caller: Staff) -> Result<ExportedFile, DeskError> {
        let by = caller.actor.attribution();
        super::export_customer(&*cx.desk.store()?, &by, &self.request, cx.now).await
    }
}

#[async_trait]
impl Command for SendCustomerEmail {
    type Caller = Staff;

    async fn run(
        self,
        cx: &Context<'_>,
        caller: Staff,
    ) -> Result<desk_domain::customer::PlannedEmail, DeskError> {
        let by = caller.actor.attribution();
        super::send_customer_email(&*cx.desk.store()?, &by, &self.request, cx.now).await
    }
}
