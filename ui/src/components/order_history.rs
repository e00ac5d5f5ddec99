//! An order history (read-only): how many orders, the totals per currency (without
//! cancelled ones), and the latest orders. Shown on a company's summary and on a
//! customer's page.

use desk_domain::order::OrderSummary;
use leptos::prelude::*;

use crate::local_time::local_date_time;

/// `summary`, or "…" while it loads; `id` prefixes the elements' ids.
#[component]
pub fn OrderHistory(
    id: &'static str,
    summary: RwSignal<Option<Result<OrderSummary, String>>>,
    /// Whether the table names the customer who placed each order (a company's).
    with_customer: bool,
) -> impl IntoView {
    move || match summary.get() {
        None => view! { <p>"…"</p> }.into_any(),
        Some(Err(message)) => {
            view! { <p class="banner error" role="alert" id=format!("{id}-error")>{message}</p> }
                .into_any()
        }
        Some(Ok(found)) if found.count == 0 => {
            view! { <p class="empty" id=format!("{id}-empty")>"No orders yet."</p> }.into_any()
        }
        Some(Ok(found)) => {
            let totals = found
                .totals
                .iter()
                .map(|total| total.display())
                .collect::<Vec<_>>()
                .join(" · ");
            let orders = if found.count == 1 {
                "1 order".to_owned()
            } else {
                format!("{} orders", found.count)
            };
            let rows = found
                .latest
                .iter()
                .map(|order| {
                    view! {
                        <tr>
                            <td class="order-number">{order.order_number.clone()}</td>
                            <td class="placed">{local_date_time(order.placed_at)}</td>
                            {with_customer.then(|| view! { <td class="customer">{order.customer_name.clone()}</td> })}
                            <td class="status">{order.status.label()}</td>
                            <td class="total numeric">{order.total.display()}</td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <p id=format!("{id}-totals")>
                    {format!("{orders}; total {totals} (cancelled orders not counted).")}
                </p>
                <table class="data-table" id=format!("{id}-latest")>
                    <thead>
                        <tr>
                            <th scope="col">"Order"</th>
                            <th scope="col">"Placed"</th>
                            {with_customer.then(|| view! { <th scope="col">"Customer"</th> })}
                            <th scope="col">"Status"</th>
                            <th scope="col" class="numeric">"Total"</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            }
            .into_any()
        }
    }
}
