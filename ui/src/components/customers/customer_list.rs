use leptos::prelude::*;

use crate::pages::customers::LoadedCustomers;

/// The customers loaded so far, sorted by last name then first name, with a button
/// for the next page when there is one.
#[component]
pub fn CustomerList(
    loaded: ReadSignal<LoadedCustomers>,
    loading: ReadSignal<bool>,
    load_more: Callback<()>,
) -> impl IntoView {
    let is_empty = move || loaded.with(|loaded| loaded.rows.is_empty());
    view! {
        <Show
            when=move || !is_empty()
            fallback=move || {
                view! {
                    <p class="empty" id="customer-list-empty">
                        {move || {
                            if loading.get() {
                                "Loading customers…"
                            } else {
                                "No customers yet."
                            }
                        }}
                    </p>
                }
            }
        >
            <table class="customer-table" id="customer-list">
                <thead>
                    <tr>
                        <th scope="col">"Last name"</th>
                        <th scope="col">"First name"</th>
                        <th scope="col">"Email"</th>
                        <th scope="col">"Currency"</th>
                    </tr>
                </thead>
                <tbody>
                    <For
                        each=move || loaded.get().rows
                        key=|customer| customer.id
                        children=|customer| {
                            view! {
                                <tr data-customer-id=customer.id.to_string()>
                                    <td class="last-name">{customer.last_name.to_string()}</td>
                                    <td class="first-name">{customer.first_name.to_string()}</td>
                                    <td class="email">{customer.email.to_string()}</td>
                                    <td class="currency">{customer.preferred_currency.to_string()}</td>
                                </tr>
                            }
                        }
                    />
                </tbody>
            </table>
            <Show when=move || loaded.with(|loaded| loaded.next.is_some())>
                <button
                    type="button"
                    class="secondary"
                    id="customer-list-more"
                    disabled=move || loading.get()
                    on:click=move |_| load_more.run(())
                >
                    {move || if loading.get() { "Loading…" } else { "Load more" }}
                </button>
            </Show>
        </Show>
    }
}
