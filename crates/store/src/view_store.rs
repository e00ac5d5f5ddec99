use async_trait::async_trait;
use chrono::{DateTime, Utc};
use desk_domain::customer_view::{CustomerView, ViewId};
use desk_domain::staff::StaffId;

use crate::StoreError;

/// Saved views of the customer list, each staff member's own.
#[async_trait]
pub trait ViewStore: Send + Sync + std::fmt::Debug {
    /// `staff`'s views, by name.
    async fn views_of(&self, staff: StaffId) -> Result<Vec<CustomerView>, StoreError>;

    /// Saves `view` as one of `staff`'s (new, or over their view with its id); when
    /// it is the default, their other views stop being one, in the same transaction.
    /// A name they use for another view is [`StoreError::Duplicate`].
    async fn save_view(
        &self,
        staff: StaffId,
        view: &CustomerView,
        at: DateTime<Utc>,
    ) -> Result<CustomerView, StoreError>;

    /// Deletes `staff`'s view `id`; `false` when they have no such view.
    async fn delete_view(&self, staff: StaffId, id: ViewId) -> Result<bool, StoreError>;
}
