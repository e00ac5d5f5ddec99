//! The tables of the Customers step (every customer to pick from; the group's
//! assigned customers): a tick box, then name, email and customer ID.

use desk_domain::customer::Customer;
use leptos::prelude::*;

/// The head; `ticked` names the tick box column for screen readers.
pub fn head(ticked: &'static str) -> impl IntoView {
    view! {
        <colgroup>
            <col style:width="2.5rem" /><col /><col /><col /><col style:width="9rem" />
        </colgroup>
        <thead>
            <tr>
                <th scope="col" class="select"><span class="visually-hidden">{ticked}</span></th>
                <th scope="col">"Last name"</th>
                <th scope="col">"First name"</th>
                <th scope="col">"Email"</th>
                <th scope="col">"Customer ID"</th>
            </tr>
        </thead>
    }
}

/// One row: the tick box (`label` for screen readers, `checked` and `disabled` as
/// they are now, `on_tick` with the new state) and the customer's fields.
pub fn cells<L, C, D, T>(
    customer: &Customer,
    label: L,
    checked: C,
    disabled: D,
    on_tick: T,
) -> impl IntoView + use<L, C, D, T>
where
    L: Fn() -> String + Send + Sync + 'static,
    C: Fn() -> bool + Send + Sync + 'static,
    D: Fn() -> bool + Send + Sync + 'static,
    T: Fn(bool) + 'static,
{
    view! {
        <td class="select">
            <input
                type="checkbox"
                aria-label=label
                prop:checked=checked
                prop:disabled=disabled
                on:change=move |event| on_tick(event_target_checked(&event))
            />
        </td>
        <td class="last-name">{customer.last_name.to_string()}</td>
        <td class="first-name">{customer.first_name.to_string()}</td>
        <td class="email">{customer.email.to_string()}</td>
        <td class="customer-ref">{customer.customer_ref.clone()}</td>
    }
}
