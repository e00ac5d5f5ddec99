use async_trait::async_trait;
use chrono::{DateTime, Utc};
use desk_domain::PersonName;
use desk_domain::customer::CustomerId;
use desk_domain::customer_address::{Address, AddressDefault, AddressDetails, AddressId};
use desk_domain::customer_fields::{CountryCode, PhoneNumber, Salutation};
use desk_domain::customer_note::{Note, NoteId};
use desk_domain::staff::StaffId;

use super::{apply_effects, corrupt, stale_or_missing};
use crate::backend::{SqlStore, Statement};
use crate::error::classify;
use crate::{AddressStore, Backend, Effects, NewAddressRecord, StoreError};

const COLUMNS: &str = "id, customer_id, address_ref, salutation, first_name, last_name, company, \
    line1, line2, line3, city, postal_code, region, country, phone, comment, tags, \
    is_default_billing, is_default_shipping, version, created_at, updated_at";

/// The columns [`bind_details`] fills, in its order.
const DETAIL_COLUMNS: [&str; 14] = [
    "salutation",
    "first_name",
    "last_name",
    "company",
    "line1",
    "line2",
    "line3",
    "city",
    "postal_code",
    "region",
    "country",
    "phone",
    "comment",
    "tags",
];

/// Tags are stored as one text, each on its own line (a tag has no line break).
fn tags_text(tags: &[String]) -> String {
    tags.join("\n")
}

fn bind_details<'q, DB: Backend>(
    statement: Statement<'q, DB>,
    details: &AddressDetails,
) -> Statement<'q, DB> {
    statement
        .optional_text(details.salutation.map(|s| s.code().to_owned()))
        .text(details.first_name.as_str())
        .text(details.last_name.as_str())
        .optional_text(details.company.clone())
        .text(&details.line1)
        .optional_text(details.line2.clone())
        .optional_text(details.line3.clone())
        .text(&details.city)
        .optional_text(details.postal_code.clone())
        .optional_text(details.region.clone())
        .text(details.country.as_str())
        .optional_text(details.phone.as_ref().map(|p| p.as_str().to_owned()))
        .optional_text(details.comment.clone())
        .text(tags_text(&details.tags))
}

fn address_from_row<DB: Backend>(row: &DB::Row) -> Result<Address, StoreError> {
    let code = |column: &str| DB::optional_text(row, column);
    let tags = DB::text(row, "tags")?;
    Ok(Address {
        id: AddressId(DB::id(row, "id")?),
        customer_id: CustomerId(DB::id(row, "customer_id")?),
        address_ref: DB::text(row, "address_ref")?,
        details: AddressDetails {
            address_ref: None,
            salutation: code("salutation")?
                .map(|stored| {
                    Salutation::from_code(&stored).ok_or_else(|| corrupt("salutation", stored))
                })
                .transpose()?,
            first_name: PersonName::from_trusted(DB::text(row, "first_name")?),
            last_name: PersonName::from_trusted(DB::text(row, "last_name")?),
            company: code("company")?,
            line1: DB::text(row, "line1")?,
            line2: code("line2")?,
            line3: code("line3")?,
            city: DB::text(row, "city")?,
            postal_code: code("postal_code")?,
            region: code("region")?,
            country: CountryCode::from_trusted(DB::text(row, "country")?),
            phone: code("phone")?.map(PhoneNumber::from_trusted),
            comment: code("comment")?,
            tags: tags
                .lines()
                .filter(|tag| !tag.is_empty())
                .map(str::to_owned)
                .collect(),
        },
        is_default_billing: DB::boolean(row, "is_default_billing")?,
        is_default_shipping: DB::boolean(row, "is_default_shipping")?,
        version: DB::integer(row, "version")?,
        created_at: DB::time(row, "created_at")?,
        updated_at: DB::time(row, "updated_at")?,
    })
}

fn note_from_row<DB: Backend>(row: &DB::Row) -> Result<Note, StoreError> {
    Ok(Note {
        id: NoteId(DB::id(row, "id")?),
        customer_id: CustomerId(DB::id(row, "customer_id")?),
        body: DB::text(row, "body")?,
        author_name: DB::text(row, "author_name")?,
        created_at: DB::time(row, "created_at")?,
    })
}

/// The default column of kind `which`.
fn default_column(which: AddressDefault) -> &'static str {
    match which {
        AddressDefault::Billing => "is_default_billing",
        AddressDefault::Shipping => "is_default_shipping",
    }
}

#[async_trait]
impl<DB: Backend> AddressStore for SqlStore<DB> {
    async fn insert_address(
        &self,
        record: &NewAddressRecord<'_>,
        effects: &Effects,
    ) -> Result<Address, StoreError> {
        let mut tx = DB::begin_write(&self.pool).await?;
        let customer = Statement::<DB>::new("SELECT 1 AS found FROM customers WHERE id = $1")
            .id(record.customer_id.0)
            .fetch_optional(&mut tx)
            .await?;
        if customer.is_none() {
            return Err(StoreError::NotFound);
        }
        // The first address is both defaults until someone chooses otherwise.
        let first = Statement::<DB>::new(
            "SELECT 1 AS found FROM customer_addresses WHERE customer_id = $1 LIMIT 1",
        )
        .id(record.customer_id.0)
        .fetch_optional(&mut tx)
        .await?
        .is_none();
        let values: Vec<String> = (1..=DETAIL_COLUMNS.len())
            .map(|n| format!("${n}"))
            .collect();
        let sql = format!(
            "INSERT INTO customer_addresses ({}, id, customer_id, address_ref, address_ref_key, \
               is_default_billing, is_default_shipping, created_at, updated_at) \
             VALUES ({}, $15, $16, $17, $18, $19, $19, $20, $20) RETURNING {COLUMNS}",
            DETAIL_COLUMNS.join(", "),
            values.join(", "),
        );
        let row = bind_details(Statement::<DB>::new(&sql), record.details)
            .id(record.id.0)
            .id(record.customer_id.0)
            .text(record.address_ref)
            .text(record.address_ref.to_lowercase())
            .boolean(first)
            .time(record.at)
            .fetch_optional(&mut tx)
            .await
            .map_err(classify)?
            .ok_or(StoreError::NotFound)?;
        let address = address_from_row::<DB>(&row)?;
        apply_effects::<DB>(&mut tx, effects).await?;
        tx.commit().await?;
        Ok(address)
    }

    async fn update_address(
        &self,
        id: AddressId,
        expected_version: i64,
        details: &AddressDetails,
        at: DateTime<Utc>,
        effects: &Effects,
    ) -> Result<Address, StoreError> {
        let assignments: Vec<String> = DETAIL_COLUMNS
            .iter()
            .enumerate()
            .map(|(index, column)| format!("{column} = ${}", index + 1))
            .collect();
        let sql = format!(
            "UPDATE customer_addresses SET {}, updated_at = $15, version = version + 1 \
             WHERE id = $16 AND version = $17 RETURNING {COLUMNS}",
            assignments.join(", "),
        );
        let mut tx = DB::begin_write(&self.pool).await?;
        let updated = bind_details(Statement::<DB>::new(&sql), details)
            .time(at)
            .id(id.0)
            .integer(expected_version)
            .fetch_optional(&mut tx)
            .await
            .map_err(classify)?;
        let Some(row) = updated else {
            return Err(stale_or_missing::<DB>(&mut tx, "customer_addresses", id.0).await);
        };
        let address = address_from_row::<DB>(&row)?;
        apply_effects::<DB>(&mut tx, effects).await?;
        tx.commit().await?;
        Ok(address)
    }

    async fn delete_address(&self, id: AddressId, effects: &Effects) -> Result<(), StoreError> {
        let mut tx = DB::begin_write(&self.pool).await?;
        let sql = format!("SELECT {COLUMNS} FROM customer_addresses WHERE id = $1");
        let gone = Statement::<DB>::new(&sql)
            .id(id.0)
            .fetch_optional(&mut tx)
            .await?
            .as_ref()
            .map(address_from_row::<DB>)
            .transpose()?
            .ok_or(StoreError::NotFound)?;
        Statement::<DB>::new("DELETE FROM customer_addresses WHERE id = $1")
            .id(id.0)
            .execute(&mut tx)
            .await?;
        for (was_default, which) in [
            (gone.is_default_billing, AddressDefault::Billing),
            (gone.is_default_shipping, AddressDefault::Shipping),
        ] {
            if was_default {
                // The oldest remaining address takes over, so the default never lapses
                // while the customer has an address.
                let column = default_column(which);
                let sql = format!(
                    "UPDATE customer_addresses SET {column} = $1, version = version + 1 \
                     WHERE id = (SELECT id FROM customer_addresses WHERE customer_id = $2 \
                                 ORDER BY created_at, id LIMIT 1)"
                );
                Statement::<DB>::new(&sql)
                    .boolean(true)
                    .id(gone.customer_id.0)
                    .execute(&mut tx)
                    .await?;
            }
        }
        apply_effects::<DB>(&mut tx, effects).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn set_default_address(
        &self,
        id: AddressId,
        which: AddressDefault,
        effects: &Effects,
    ) -> Result<(), StoreError> {
        let column = default_column(which);
        let mut tx = DB::begin_write(&self.pool).await?;
        let owner =
            Statement::<DB>::new("SELECT customer_id FROM customer_addresses WHERE id = $1")
                .id(id.0)
                .fetch_optional(&mut tx)
                .await?
                .ok_or(StoreError::NotFound)?;
        let customer = DB::id(&owner, "customer_id")?;
        // Off first, then on: one default at a time, as the unique index demands.
        let off = format!(
            "UPDATE customer_addresses SET {column} = $1, version = version + 1 \
             WHERE customer_id = $2 AND {column} = $3 AND id <> $4"
        );
        Statement::<DB>::new(&off)
            .boolean(false)
            .id(customer)
            .boolean(true)
            .id(id.0)
            .execute(&mut tx)
            .await?;
        let on = format!(
            "UPDATE customer_addresses SET {column} = $1, version = version + 1 \
             WHERE id = $2 AND {column} = $3"
        );
        Statement::<DB>::new(&on)
            .boolean(true)
            .id(id.0)
            .boolean(false)
            .execute(&mut tx)
            .await?;
        apply_effects::<DB>(&mut tx, effects).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn address_by_id(&self, id: AddressId) -> Result<Option<Address>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM customer_addresses WHERE id = $1");
        let mut connection = self.pool.acquire().await?;
        Statement::<DB>::new(&sql)
            .id(id.0)
            .fetch_optional(&mut connection)
            .await?
            .as_ref()
            .map(address_from_row::<DB>)
            .transpose()
    }

    async fn addresses_of(&self, customer: CustomerId) -> Result<Vec<Address>, StoreError> {
        let sql = format!(
            "SELECT {COLUMNS} FROM customer_addresses WHERE customer_id = $1 \
             ORDER BY created_at, id"
        );
        let mut connection = self.pool.acquire().await?;
        Statement::<DB>::new(&sql)
            .id(customer.0)
            .fetch_all(&mut connection)
            .await?
            .iter()
            .map(address_from_row::<DB>)
            .collect()
    }

    async fn insert_note(
        &self,
        note: &Note,
        author: Option<StaffId>,
        effects: &Effects,
    ) -> Result<Note, StoreError> {
        let mut tx = DB::begin_write(&self.pool).await?;
        let row = Statement::<DB>::new(
            "INSERT INTO customer_notes (id, customer_id, body, author_id, author_name, \
               created_at) VALUES ($1, $2, $3, $4, $5, $6) \
             RETURNING id, customer_id, body, author_name, created_at",
        )
        .id(note.id.0)
        .id(note.customer_id.0)
        .text(&note.body)
        .optional_id(author.map(|staff| staff.0))
        .text(&note.author_name)
        .time(note.created_at)
        .fetch_optional(&mut tx)
        .await
        .map_err(classify)?
        .ok_or(StoreError::NotFound)?;
        let stored = note_from_row::<DB>(&row)?;
        apply_effects::<DB>(&mut tx, effects).await?;
        tx.commit().await?;
        Ok(stored)
    }

    async fn notes_of(
        &self,
        customer: CustomerId,
        before: Option<NoteId>,
        limit: u32,
    ) -> Result<Vec<Note>, StoreError> {
        let mut connection = self.pool.acquire().await?;
        // Note ids are UUIDv7: their order is the order they were written in.
        let rows = match before {
            None => {
                Statement::<DB>::new(
                    "SELECT id, customer_id, body, author_name, created_at FROM customer_notes \
                     WHERE customer_id = $1 ORDER BY id DESC LIMIT $2",
                )
                .id(customer.0)
                .integer(i64::from(limit))
                .fetch_all(&mut connection)
                .await?
            }
            Some(before) => {
                Statement::<DB>::new(
                    "SELECT id, customer_id, body, author_name, created_at FROM customer_notes \
                     WHERE customer_id = $1 AND id < $2 ORDER BY id DESC LIMIT $3",
                )
                .id(customer.0)
                .id(before.0)
                .integer(i64::from(limit))
                .fetch_all(&mut connection)
                .await?
            }
        };
        rows.iter().map(note_from_row::<DB>).collect()
    }
}
