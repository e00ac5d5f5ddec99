//! Each area's SQL and row mapping, written once over [`crate::Backend`] and used by
//! both `SqliteStore` and `PostgresStore`.

mod addresses;
mod attributes;
mod audit;
mod customers;
mod link_tokens;
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
    for entry in &effects.audit {
        audit::insert_entry::<DB>(connection, entry).await?;
    }
    for link in &effects.links {
        link_tokens::insert::<DB>(connection, link).await?;
    }
    for message in &effects.outbox {
        outbox::queue::<DB>(connection, message).await?;
    }
    Ok(())
}

/// A stored value that does not read back as the domain value it should be.
pub(crate) fn corrupt(column: &str, detail: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(format!("{column}: {detail}"))
}
