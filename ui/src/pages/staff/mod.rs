//! Staff management, for administrators: the accounts and the new-account form.

mod idle_time_form;
mod new_staff_form;
mod role_choices;
mod staff_rows;

use desk_domain::commands::ListStaff;
use desk_domain::staff::{CreatedStaff, StaffMember};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api;
use crate::components::table::Table;
use idle_time_form::IdleTimeForm;
use new_staff_form::NewStaffForm;
use staff_rows::{COLUMNS, RowOutcome, StaffRow, row_key};

/// Staff management, for administrators.
#[component]
pub fn StaffPage() -> impl IntoView {
    let staff = RwSignal::new(Vec::<StaffMember>::new());
    let status = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<String>);
    let one_time = RwSignal::new(None::<(String, String)>);
    // On a shared store, the new account's database login, shown with its password.
    let login = RwSignal::new(None::<(String, String)>);

    let reload = move || {
        spawn_local(async move {
            match api::call(&ListStaff {}).await {
                Ok(list) => staff.set(list),
                Err(failure) => error.set(Some(failure.summary())),
            }
        });
    };
    reload();

    let on_created = Callback::new(move |created: CreatedStaff| {
        error.set(None);
        status.set(Some(format!(
            "Account for {} created.",
            created.staff.display_name
        )));
        login.set(
            created
                .staff
                .database_login
                .clone()
                .map(|login| (created.staff.display_name.to_string(), login)),
        );
        one_time.set(created.initial_password.map(|password| {
            (
                created.staff.display_name.to_string(),
                password.expose().clone(),
            )
        }));
        reload();
    });
    let on_outcome = Callback::new(move |outcome: RowOutcome| {
        match outcome {
            RowOutcome::Done(message) => {
                error.set(None);
                one_time.set(None);
                status.set(Some(message));
            }
            RowOutcome::OneTimePassword { name, password } => {
                error.set(None);
                status.set(Some(format!("New one-time password for {name}.")));
                one_time.set(Some((name, password)));
            }
            RowOutcome::Failed(message) => error.set(Some(message)),
        }
        reload();
    });

    view! {
        <section class="list-pane" aria-labelledby="staff-heading">
            <div class="pane-header">
                <h2 id="staff-heading">"Staff"</h2>
                <p class="status" role="status" id="staff-status">{move || status.get()}</p>
            </div>
            <Show when=move || error.get().is_some()>
                <p class="banner error" role="alert" id="staff-error">{move || error.get()}</p>
            </Show>
            {move || login.get().map(|(name, login)| view! {
                <p class="banner info" role="status" id="new-staff-login">
                    <strong>{name}</strong> " signs in to this shared store with the database login "
                    <code id="database-login">{login}</code>
                    ": tell them, with their password, to use it in their connection."
                </p>
            })}
            {move || one_time.get().map(|(name, password)| view! {
                <div class="banner info one-time" role="status">
                    <p>"One-time password for " <strong>{name}</strong> ", shown only now. \
                        Give it to them in person or by phone; they should change it after signing in:"</p>
                    <code id="one-time-password">{password}</code>
                    <button type="button" class="secondary small" on:click=move |_| one_time.set(None)>"Done"</button>
                </div>
            })}
            <Table
                id="staff-list"
                columns=COLUMNS
                rows=staff
                key=row_key
                row=move |member| view! { <StaffRow member=member on_outcome=on_outcome /> }
            />
            <IdleTimeForm />
        </section>
        <aside class="form-pane" aria-labelledby="new-staff-heading">
            <NewStaffForm on_created=on_created />
        </aside>
    }
}
