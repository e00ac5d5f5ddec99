use desk_domain::Sensitive;
use desk_domain::commands::{CreateCustomer, GetCustomerChoices};
use desk_domain::customer::{
    CreatedCustomer, Customer, CustomerChoices, CustomerDetails, NewCustomerRequest,
    PasswordSetupInput, PlannedEmail, emails_on_create, fields, plan_emails,
};
use desk_domain::{FieldError, NewPassword};
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::fields::{CustomerFields, CustomerFieldset, local_today};
use crate::api;
use crate::components::form::{Form, FormBanner, SubmitButton};
use crate::components::text_field::TextField;

/// The password step's choices, as the radio buttons name them.
const LATER: &str = "later";
const SEND_LINK: &str = "send_link";
const TYPED: &str = "typed";
const GENERATE: &str = "generate";

/// "Add customer", seed 003's steps on one page (details, restrictions, password,
/// activation) with seed 001's fields. Checks every field with `desk-domain` before
/// sending, shows which emails the save will send, and shows a generated initial
/// password once, after saving.
#[component]
pub fn AddCustomerForm(on_added: Callback<Customer>) -> impl IntoView {
    let choices = RwSignal::new(CustomerChoices::default());
    let values = CustomerFields::new(&CustomerChoices::default().new_customer_input());
    let password_choice = RwSignal::new(LATER.to_owned());
    let typed_password = RwSignal::new(String::new());
    let created = RwSignal::new(None::<CreatedCustomer>);
    spawn_local(async move {
        if let Ok(loaded) = api::call(&GetCustomerChoices {}).await {
            values.fill(&loaded.new_customer_input());
            choices.set(loaded);
        }
    });

    let password_setup = move || match password_choice.get_untracked().as_str() {
        SEND_LINK => PasswordSetupInput::SendLink,
        TYPED => PasswordSetupInput::Typed {
            password: Sensitive::new(typed_password.get_untracked()),
        },
        GENERATE => PasswordSetupInput::Generate,
        _ => PasswordSetupInput::Later,
    };
    let form = Form::new("customer", move || {
        let details = values.input();
        let password = password_setup();
        let mut problems: Vec<FieldError> =
            CustomerDetails::parse(&details, &choices.get_untracked(), local_today())
                .err()
                .unwrap_or_default();
        if let PasswordSetupInput::Typed { password } = &password
            && let Err(problem) = NewPassword::parse(fields::PASSWORD, password, &details.email)
        {
            problems.push(problem);
        }
        if problems.is_empty() {
            Ok(NewCustomerRequest { details, password })
        } else {
            Err(problems)
        }
    });
    let submit = form.submit(
        |input| CreateCustomer { input },
        move |saved: CreatedCustomer| {
            values.fill(&choices.get_untracked().new_customer_input());
            password_choice.set(LATER.to_owned());
            typed_password.set(String::new());
            on_added.run(saved.customer.clone());
            created.set(Some(saved));
        },
    );
    // Which emails saving sends, as the form stands (tracked, so it follows the form).
    let planned = move || {
        // Read the signals the plan depends on, so it updates as they change.
        password_choice.track();
        values.active.track();
        values.on_hold.track();
        values.preferred_site.track();
        values.restriction.track();
        let details = values.input();
        let choices = choices.get();
        plan_emails(
            emails_on_create(&password_setup(), details.active, details.on_hold),
            choices.email_site(&details),
        )
    };
    let radio = move |value: &'static str, label: &'static str| {
        view! {
            <label class="check" for=format!("customer-password-{value}")>
                <input type="radio" name="password-choice" id=format!("customer-password-{value}")
                    prop:checked=move || password_choice.get() == value
                    on:change=move |_| password_choice.set(value.to_owned()) />
                {label}
            </label>
        }
    };

    view! {
        <form class="customer-form" id="add-customer" novalidate on:submit=submit>
            <h2 id="add-customer-heading">"Add customer"</h2>
            <FormBanner form=form id="add-customer-banner" />
            {move || created.get().map(|saved| view! { <CreatedNotice saved=saved /> })}
            <CustomerFieldset form=form values=values choices=choices editable_ref=true />
            <fieldset>
                <legend>"Password"</legend>
                {radio(LATER, "None now: the customer can ask for a link in the shop")}
                {radio(SEND_LINK, "Send a link to set a password")}
                {radio(TYPED, "Type an initial password")}
                {radio(GENERATE, "Generate an initial password (shown once)")}
                <Show when=move || password_choice.get() == TYPED>
                    <TextField form=form name=fields::PASSWORD label="Initial password"
                        input_type="password" autocomplete="new-password" value=typed_password
                        hint="At least 12 characters; it goes to the customer by email." />
                </Show>
            </fieldset>
            <section class="planned-emails" aria-labelledby="customer-emails-heading">
                <h3 id="customer-emails-heading">"Saving sends"</h3>
                <ul id="customer-emails">{move || email_items(planned())}</ul>
            </section>
            <div class="actions">
                <SubmitButton form=form id="add-customer-submit" label="Add customer" busy_label="Saving…" />
            </div>
        </form>
    }
}

/// The planned emails as list items: queued, or held back and why.
pub fn email_items(planned: Vec<PlannedEmail>) -> impl IntoView {
    if planned.is_empty() {
        return view! { <li class="none">"No email."</li> }.into_any();
    }
    planned
        .into_iter()
        .map(|email| {
            let label = email.kind.label();
            match email.not_sent {
                None => view! { <li class="queued">{label}</li> }.into_any(),
                Some(why) => view! { <li class="held">{format!("{label}: {why}")}</li> }.into_any(),
            }
        })
        .collect_view()
        .into_any()
}

/// What the last save did: who was added, the emails, and a generated password once.
#[component]
fn CreatedNotice(saved: CreatedCustomer) -> impl IntoView {
    let customer = &saved.customer;
    let summary = format!(
        "Customer {} added as {} (customer number {}).",
        customer.full_name(),
        customer.customer_ref,
        customer.customer_number
    );
    view! {
        <div class="banner success" role="status" id="add-customer-done">
            <p>{summary}</p>
            {saved.generated_password.map(|password| view! {
                <p>"Initial password, shown this once: "
                    <code id="add-customer-generated-password">{password.expose().clone()}</code></p>
            })}
            <ul id="add-customer-emails">{email_items(saved.emails)}</ul>
        </div>
    }
}
