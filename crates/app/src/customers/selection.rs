//! Reading one chunk of a bulk selection: the ticked customers, or the next page of
//! "all results" without those the person unticked.

use std::collections::{HashMap, HashSet};

use desk_domain::DeskError;
use desk_domain::customer::Customer;
use desk_domain::customer_bulk::CustomerSelection;
use desk_domain::customer_list::CustomerCursor;
use desk_store::Store;

use crate::internal_error;

/// Customers per chunk of an "all matching" selection.
const CHUNK: u32 = 500;

/// One chunk of a selection.
pub(crate) struct Chunk {
    /// Its customers, each once, in list order (ticked ones in the order given).
    pub customers: Vec<Customer>,
    /// Where the next chunk of an "all matching" selection starts.
    pub next: Option<CustomerCursor>,
}

impl Chunk {
    /// How many customers it holds, for progress.
    pub fn looked_at(&self) -> u32 {
        u32::try_from(self.customers.len()).unwrap_or(u32::MAX)
    }
}

/// The customers of this chunk of `selection` (its size was bounded on the way in).
pub(crate) async fn read_chunk(
    store: &dyn Store,
    selection: &CustomerSelection,
) -> Result<Chunk, DeskError> {
    let read = |error| internal_error("reading the selected customers", &error);
    let (mut customers, next) = match selection {
        CustomerSelection::Ticked(ids) => {
            let mut customers = store.customers_by_ids(ids).await.map_err(read)?;
            let mut order = HashMap::new();
            for (position, id) in ids.iter().enumerate() {
                order.entry(*id).or_insert(position);
            }
            customers.sort_by_key(|customer| order.get(&customer.id).copied());
            (customers, None)
        }
        CustomerSelection::AllMatching {
            query,
            except,
            after,
        } => {
            let page = store
                .list_customers(query, after.as_ref(), CHUNK)
                .await
                .map_err(read)?;
            let mut customers = page.items;
            customers.retain(|customer| !except.contains(&customer.id));
            (customers, page.next)
        }
    };
    // A customer ticked twice is handled (and recorded) once.
    let mut seen = HashSet::new();
    customers.retain(|customer| seen.insert(customer.id));
    Ok(Chunk { customers, next })
}
