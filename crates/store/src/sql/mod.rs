//! Each area's SQL and row mapping, written once over [`crate::Backend`] and used by
//! both `SqliteStore` and `PostgresStore`.

mod addresses;
mod attributes;
mod audit;
pub(crate) mod audit_sets;
mod companies;
pub use companies::company_search_line;
mod company_addresses;
mod company_invitations;
mod company_members;
mod company_roles;
mod customer_list;
mod customer_views;
mod customers;
mod groups;
mod link_tokens;
mod orders;
mod outbox;
mod settings;
mod staff;
mod store_lists;
mod templates;

use crate::{Backend, Effects, StoreError};

/// Commits `effects` on `connection`, inside the caller's transaction.
pub(crate) async fn apply_effects<DB: Backend>(
    connection: &mut DB::Connection,
    effects: &Effects,
) -> Result<(), StoreError> {
    audit::insert_entries::<DB>(connection, &effects.audit).await?;
    for link in &effects.links {
        link_tokens::insert::<DB>(connection, link).await?;
    }
    for message in &effects.outbox {
        outbox::queue::<DB>(connection, message).await?;
    }
    Ok(())
}

/// Why a versioned `UPDATE … WHERE id = $n AND version = $m` matched nothing: the row
/// `id` of `table` moved on to another version, or is not there.
pub(crate) async fn stale_or_missing<DB: Backend>(
    connection: &mut DB::Connection,
    table: &str,
    id: uuid::Uuid,
) -> StoreError {
    let sql = format!("SELECT 1 AS found FROM {table} WHERE id = $1");
    match crate::backend::Statement::<DB>::new(&sql)
        .id(id)
        .fetch_optional(connection)
        .await
    {
        Ok(Some(_)) => StoreError::VersionChanged,
        Ok(None) => StoreError::NotFound,
        Err(error) => StoreError::Database(error),
    }
}

/// A stored value that does not read back as the domain value it should be.
pub(crate) fn corrupt(column: &str, detail: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(format!("{column}: {detail}"))
}
