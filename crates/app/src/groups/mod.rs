//! Customer groups (seed 002): the list, a group with its customers, adding and
//! editing in one transaction each (the group's fields and the customers assigned or
//! unassigned, each customer with an entry of their own), and assigning a selection
//! of the customer list. Sales reps see the groups of their own companies, which
//! arrive with companies (issue 12); until then, none.

mod bulk;
mod commands;
mod list;
mod save;

pub use bulk::bulk_assign_group;
pub use list::{customer_groups, get_group, group_members, groups_of_customers, list_groups};
pub use save::{create_group, delete_group, update_group};
