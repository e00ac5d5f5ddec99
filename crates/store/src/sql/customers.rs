use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use desk_domain::customer::{Customer, CustomerDetails, CustomerId};
use desk_domain::customer_bulk::BulkChange;
use desk_domain::customer_fields::{Gender, PhoneNumber, Salutation};
use desk_domain::customer_list::{CustomerCursor, CustomerPage, CustomerQuery};
use desk_domain::locale_tag::LocaleTag;
use desk_domain::search_text::SearchableCustomer;
use desk_domain::sort_key::{SORT_KEYS_VERSION, collation_key};
use desk_domain::{CurrencyCode, Email, PersonName};

use super::{apply_effects, corrupt, stale_or_missing};
use crate::backend::{SqlStore, Statement};
use crate::error::classify;
use crate::{Backend, CustomerStore, Effects, FlagChange, NewCustomerRecord, StoreError};

pub(crate) const COLUMNS: &str = "id, customer_ref, customer_number, email, salutation, first_name, \
    last_name, gender, CAST(date_of_birth AS text) AS date_of_birth, phone, company, locale, \
    preferred_currency, preferred_site, restriction, active, on_hold, verified_at, \
    registered_at, last_login_at, created_at, updated_at, version, erased_at, \
    CAST(custom_attributes AS TEXT) AS custom_attributes";
/// What an erased customer is called.
pub const ERASED_FIRST_NAME: &str = "Erased";
/// What an erased customer is called.
pub const ERASED_LAST_NAME: &str = "customer";

/// The audit fields an erasure keeps (nothing personal in them); every other value in
/// an erased customer's entries becomes [`REDACTED`]. The same list is in Postgres'
/// `desk_erase_customer`.
const KEPT_IN_AUDIT: &str = "'customer_ref', 'customer_number', 'preferred_currency', \
    'preferred_site', 'restriction', 'active', 'on_hold', 'verified', 'password', 'operation', \
    'Default billing address', 'Default shipping address'";

/// What a redacted audit value reads.
pub const REDACTED: &str = "[erased]";

/// Erasure on a store without a server-side function (SQLite), step by step in the
/// caller's transaction; `false` when there is no such customer or they were erased.
async fn erase_step_by_step<DB: Backend>(
    tx: &mut DB::Connection,
    id: CustomerId,
    first_key: &str,
    last_key: &str,
    at: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let anonymised = Statement::<DB>::new(
        "UPDATE customers SET email = 'erased-' || id || '@erased.invalid', \
           email_key = 'erased-' || id || '@erased.invalid', first_name = 'Erased', \
           first_name_key = $2, last_name = 'customer', last_name_key = $3, salutation = NULL, \
           gender = NULL, date_of_birth = NULL, phone = NULL, phone_digits = NULL, \
           company = NULL, company_key = NULL, locale = NULL, custom_attributes = '{}', \
           search_text = 'erased customer|erased-' || id || '@erased.invalid' || '|' \
             || lower(customer_ref) || '|' || customer_number, \
           active = false, erased_at = $4, \
           updated_at = $4, version = version + 1 \
         WHERE id = $1 AND erased_at IS NULL",
    )
    .id(id.0)
    .text(first_key)
    .text(last_key)
    .time(at)
    .execute(tx)
    .await?;
    if anonymised == 0 {
        return Ok(false);
    }
    let redact = format!(
        "UPDATE audit_log SET changes = (\
           SELECT json_group_array(json(CASE \
             WHEN json_extract(c.value, '$.field') IN ({KEPT_IN_AUDIT}) THEN c.value \
             ELSE json_object('field', json_extract(c.value, '$.field'), \
               'old', CASE WHEN json_extract(c.value, '$.old') IS NULL THEN NULL ELSE '{REDACTED}' END, \
               'new', CASE WHEN json_extract(c.value, '$.new') IS NULL THEN NULL ELSE '{REDACTED}' END) \
           END)) FROM json_each(audit_log.changes) c) \
         WHERE entity_type = 'customer' AND entity_id = $1"
    );
    let steps: [&str; 8] = [
        "INSERT INTO audit_erasures (entity_id) VALUES ($1)",
        "DELETE FROM customer_addresses WHERE customer_id = $1",
        "DELETE FROM customer_notes WHERE customer_id = $1",
        "DELETE FROM customer_passwords WHERE customer_id = $1",
        DB::VOID_CUSTOMER_LINKS,
        "UPDATE outbox SET recipient = 'erased@erased.invalid', subject = '[erased]', \
           body_text = '[erased]', body_html = '[erased]', redacted_text = NULL, \
           redacted_html = NULL, \
           status = CASE WHEN status IN ('queued', 'failed') THEN 'cancelled' ELSE status END \
         WHERE related_type = 'customer' AND related_id = $1",
        &redact,
        "DELETE FROM audit_erasures WHERE entity_id = $1",
    ];
    for step in steps {
        Statement::<DB>::new(step).id(id.0).execute(tx).await?;
    }
    Ok(true)
}

pub(crate) fn customer_from_row<DB: Backend>(row: &DB::Row) -> Result<Customer, StoreError> {
    let code = |column: &str| DB::optional_text(row, column);
    Ok(Customer {
        id: CustomerId(DB::id(row, "id")?),
        customer_ref: DB::text(row, "customer_ref")?,
        customer_number: DB::text(row, "customer_number")?,
        email: Email::from_trusted(DB::text(row, "email")?),
        salutation: code("salutation")?
            .map(|stored| {
                Salutation::from_code(&stored).ok_or_else(|| corrupt("salutation", stored))
            })
            .transpose()?,
        first_name: PersonName::from_trusted(DB::text(row, "first_name")?),
        last_name: PersonName::from_trusted(DB::text(row, "last_name")?),
        gender: code("gender")?
            .map(|stored| Gender::from_code(&stored).ok_or_else(|| corrupt("gender", stored)))
            .transpose()?,
        date_of_birth: code("date_of_birth")?
            .map(|stored| {
                NaiveDate::parse_from_str(&stored, "%Y-%m-%d")
                    .map_err(|error| corrupt("date_of_birth", error))
            })
            .transpose()?,
        phone: code("phone")?.map(PhoneNumber::from_trusted),
        company: code("company")?,
        locale: code("locale")?.map(LocaleTag::from_trusted),
        preferred_currency: CurrencyCode::from_trusted(DB::text(row, "preferred_currency")?),
        preferred_site: code("preferred_site")?,
        restriction: code("restriction")?,
        active: DB::boolean(row, "active")?,
        on_hold: DB::boolean(row, "on_hold")?,
        verified_at: DB::optional_time(row, "verified_at")?,
        registered_at: DB::optional_time(row, "registered_at")?,
        last_login_at: DB::optional_time(row, "last_login_at")?,
        created_at: DB::time(row, "created_at")?,
        updated_at: DB::time(row, "updated_at")?,
        version: DB::integer(row, "version")?,
        erased_at: DB::optional_time(row, "erased_at")?,
        attributes: serde_json::from_str(&DB::text(row, "custom_attributes")?)
            .map_err(|error| corrupt("custom_attributes", error))?,
        groups: Vec::new(),
    })
}

/// Binds the detail columns in the order of [`DETAIL_COLUMNS`], from `$first` on.
fn bind_details<'q, DB: Backend>(
    statement: Statement<'q, DB>,
    details: &CustomerDetails,
) -> Statement<'q, DB> {
    statement
        .text(details.email.as_str())
        .text(details.email.unique_key())
        .optional_text(details.salutation.map(|s| s.code().to_owned()))
        .text(details.first_name.as_str())
        .text(collation_key(details.first_name.as_str()))
        .text(details.last_name.as_str())
        .text(collation_key(details.last_name.as_str()))
        .optional_text(details.gender.map(|g| g.code().to_owned()))
        .optional_text(
            details
                .date_of_birth
                .map(|date| date.format("%Y-%m-%d").to_string()),
        )
        .optional_text(details.phone.as_ref().map(|p| p.as_str().to_owned()))
        .optional_text(details.phone.as_ref().map(PhoneNumber::digits))
        .optional_text(details.company.clone())
        .optional_text(details.company.as_deref().map(collation_key))
        .optional_text(details.locale.as_ref().map(|l| l.as_str().to_owned()))
        .text(details.preferred_currency.as_str())
        .optional_text(details.preferred_site.clone())
        .optional_text(details.restriction.clone())
        .boolean(details.active)
        .boolean(details.on_hold)
        .integer(SORT_KEYS_VERSION)
        // A map of strings always serializes.
        .text(serde_json::to_string(&details.attributes).unwrap_or_else(|_| "{}".to_owned()))
        .text(searchable(details).text())
}

/// What a customer with `details` is found by, but for the IDs, which the SQL adds
/// (see [`SEARCH_TEXT_IDS`]).
fn searchable(details: &CustomerDetails) -> SearchableCustomer<'_> {
    SearchableCustomer {
        first_name: details.first_name.as_str(),
        last_name: details.last_name.as_str(),
        email: details.email.as_str(),
        company: details.company.as_deref(),
        phone: details.phone.as_ref(),
    }
}

/// `$first, $first+1, …` for `count` values.
pub(crate) fn placeholders(first: usize, count: usize) -> String {
    (first..first + count)
        .map(|n| format!("${n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The end of `search_text`: the customer ID and number, taken from the row, so an
/// update that does not read them first still writes the whole line. Postgres'
/// erasure trigger builds the same line.
pub(crate) const SEARCH_TEXT_IDS: &str = "'|' || lower(customer_ref) || '|' || customer_number";

/// The columns [`bind_details`] fills, in its order.
const DETAIL_COLUMNS: [&str; 22] = [
    "email",
    "email_key",
    "salutation",
    "first_name",
    "first_name_key",
    "last_name",
    "last_name_key",
    "gender",
    "date_of_birth",
    "phone",
    "phone_digits",
    "company",
    "company_key",
    "locale",
    "preferred_currency",
    "preferred_site",
    "restriction",
    "active",
    "on_hold",
    "sort_keys_version",
    "custom_attributes",
    "search_text",
];

/// `$n` for detail column `column` bound at parameter `n`, in an UPDATE of the row.
fn parameter<DB: Backend>(column: &str, n: usize) -> String {
    match column {
        "date_of_birth" => DB::date_parameter(n),
        "custom_attributes" => DB::json_parameter(n),
        "search_text" => format!("${n} || {SEARCH_TEXT_IDS}"),
        _ => format!("${n}"),
    }
}

/// The parameters after the detail columns: `$FIRST_AFTER_DETAILS` and on.
const FIRST_AFTER_DETAILS: usize = DETAIL_COLUMNS.len() + 1;

#[async_trait]
impl<DB: Backend> CustomerStore for SqlStore<DB> {
    async fn insert_customer(
        &self,
        record: &NewCustomerRecord<'_>,
        effects: &Effects,
    ) -> Result<Customer, StoreError> {
        let mut tx = DB::begin_write(&self.pool).await?;
        let inserted = insert_customer_row::<DB>(&mut tx, record).await?;
        apply_effects::<DB>(&mut tx, effects).await?;
        tx.commit().await?;
        Ok(inserted)
    }

    async fn update_customer(
        &self,
        id: CustomerId,
        expected_version: i64,
        details: &CustomerDetails,
        at: DateTime<Utc>,
        effects: &Effects,
    ) -> Result<Customer, StoreError> {
        let assignments: Vec<String> = DETAIL_COLUMNS
            .iter()
            .enumerate()
            .map(|(index, column)| format!("{column} = {}", parameter::<DB>(column, index + 1)))
            .collect();
        // The version in the WHERE clause makes the check and the write one step: of
        // two writers that read the same version, only the first one's update matches.
        // A new email address is not verified yet: the status goes with the address.
        let [at_parameter, id_parameter, version] =
            std::array::from_fn(|offset| FIRST_AFTER_DETAILS + offset);
        let sql = format!(
            "UPDATE customers SET {}, updated_at = ${at_parameter}, version = version + 1, \
               verified_at = CASE WHEN email_key = $2 THEN verified_at ELSE NULL END \
             WHERE id = ${id_parameter} AND version = ${version} AND erased_at IS NULL \
             RETURNING {COLUMNS}",
            assignments.join(", "),
        );
        let mut tx = DB::begin_write(&self.pool).await?;
        let old_email_key = Statement::<DB>::new("SELECT email_key FROM customers WHERE id = $1")
            .id(id.0)
            .fetch_optional(&mut tx)
            .await?
            .map(|row| DB::text(&row, "email_key"))
            .transpose()?;
        let updated = bind_details(Statement::<DB>::new(&sql), details)
            .time(at)
            .id(id.0)
            .integer(expected_version)
            .fetch_optional(&mut tx)
            .await
            .map_err(classify)?;
        let Some(row) = updated else {
            return Err(stale_or_missing::<DB>(&mut tx, "customers", id.0).await);
        };
        let customer = customer_from_row::<DB>(&row)?;
        if old_email_key.as_deref() != Some(details.email.unique_key().as_str()) {
            // Links sent to the old address must not open the account any more.
            Statement::<DB>::new(DB::VOID_CUSTOMER_LINKS)
                .id(id.0)
                .execute(&mut tx)
                .await?;
        }
        apply_effects::<DB>(&mut tx, effects).await?;
        tx.commit().await?;
        Ok(customer)
    }

    async fn mark_customer_verified(
        &self,
        id: CustomerId,
        at: DateTime<Utc>,
        effects: &Effects,
    ) -> Result<Option<Customer>, StoreError> {
        let mut tx = DB::begin_write(&self.pool).await?;
        let changed = Statement::<DB>::new(
            "UPDATE customers SET verified_at = $1, updated_at = $1, version = version + 1 \
             WHERE id = $2 AND verified_at IS NULL AND erased_at IS NULL",
        )
        .time(at)
        .id(id.0)
        .execute(&mut tx)
        .await?;
        let sql = format!("SELECT {COLUMNS} FROM customers WHERE id = $1");
        let found = Statement::<DB>::new(&sql)
            .id(id.0)
            .fetch_optional(&mut tx)
            .await?;
        let Some(row) = found else {
            return Ok(None);
        };
        let customer = customer_from_row::<DB>(&row)?;
        if changed > 0 {
            apply_effects::<DB>(&mut tx, effects).await?;
        }
        tx.commit().await?;
        Ok(Some(customer))
    }

    async fn erase_customer(
        &self,
        id: CustomerId,
        at: DateTime<Utc>,
        effects: &Effects,
    ) -> Result<Option<Customer>, StoreError> {
        let mut tx = DB::begin_write(&self.pool).await?;
        // Entries about this customer still recorded as sets go into the log first,
        // so that the erasure redacts them like the rest.
        super::audit_sets::write_out_all_in::<DB>(&mut tx).await?;
        let first_key = collation_key(ERASED_FIRST_NAME);
        let last_key = collation_key(ERASED_LAST_NAME);
        let erased = match DB::ERASE_CUSTOMER {
            Some(function) => {
                let row = Statement::<DB>::new(function)
                    .id(id.0)
                    .text(first_key)
                    .text(last_key)
                    .time(at)
                    .fetch_optional(&mut tx)
                    .await?;
                row.map(|row| DB::boolean(&row, "erased"))
                    .transpose()?
                    .unwrap_or(false)
            }
            None => erase_step_by_step::<DB>(&mut tx, id, &first_key, &last_key, at).await?,
        };
        if !erased {
            return Ok(None);
        }
        // Which groups someone was in is theirs too: the assignments go, and the
        // groups' counts follow.
        Statement::<DB>::new(
            "UPDATE customer_groups SET member_count = member_count - 1 WHERE id IN \
               (SELECT group_id FROM customer_group_members WHERE customer_id = $1)",
        )
        .id(id.0)
        .execute(&mut tx)
        .await?;
        Statement::<DB>::new("DELETE FROM customer_group_members WHERE customer_id = $1")
            .id(id.0)
            .execute(&mut tx)
            .await?;
        let sql = format!("SELECT {COLUMNS} FROM customers WHERE id = $1");
        let row = Statement::<DB>::new(&sql)
            .id(id.0)
            .fetch_optional(&mut tx)
            .await?
            .ok_or(StoreError::NotFound)?;
        let customer = customer_from_row::<DB>(&row)?;
        apply_effects::<DB>(&mut tx, effects).await?;
        tx.commit().await?;
        Ok(Some(customer))
    }

    async fn list_customers(
        &self,
        query: &CustomerQuery,
        after: Option<&CustomerCursor>,
        page_size: u32,
    ) -> Result<CustomerPage, StoreError> {
        self.customer_page(query, after, page_size).await
    }

    async fn count_customers(&self, query: &CustomerQuery) -> Result<u64, StoreError> {
        self.count_matching(query).await
    }

    async fn customers_by_ids(&self, ids: &[CustomerId]) -> Result<Vec<Customer>, StoreError> {
        let mut found = Vec::with_capacity(ids.len());
        let mut connection = self.pool.acquire().await?;
        for chunk in ids.chunks(500) {
            let sql = format!(
                "SELECT {COLUMNS} FROM customers WHERE id IN ({})",
                placeholders(1, chunk.len())
            );
            let rows = chunk
                .iter()
                .fold(Statement::<DB>::new(&sql), |statement, id| {
                    statement.id(id.0)
                })
                .fetch_all(&mut connection)
                .await?;
            for row in &rows {
                found.push(customer_from_row::<DB>(row)?);
            }
        }
        Ok(found)
    }

    async fn set_customer_flag(
        &self,
        changes: &[FlagChange],
        change: BulkChange,
        at: DateTime<Utc>,
    ) -> Result<Vec<CustomerId>, StoreError> {
        let (column, value) = match change {
            BulkChange::Active(value) => ("active", value),
            BulkChange::OnHold(value) => ("on_hold", value),
        };
        let mut tx = DB::begin_write(&self.pool).await?;
        let mut changed = Vec::with_capacity(changes.len());
        for chunk in changes.chunks(500) {
            // (id, version) pairs as a VALUES list: both backends name its columns
            // column1, column2.
            let pairs: Vec<String> = (0..chunk.len())
                .map(|index| format!("(${}, ${})", 3 + 2 * index, 4 + 2 * index))
                .collect();
            let sql = format!(
                "UPDATE customers SET {column} = $1, updated_at = $2, version = customers.version + 1 \
                 FROM (VALUES {}) AS v \
                 WHERE customers.id = v.column1 AND customers.version = v.column2 \
                   AND customers.erased_at IS NULL RETURNING customers.id",
                pairs.join(", ")
            );
            let rows = chunk
                .iter()
                .fold(
                    Statement::<DB>::new(&sql).boolean(value).time(at),
                    |statement, one| statement.id(one.id.0).integer(one.version),
                )
                .fetch_all(&mut tx)
                .await?;
            for row in &rows {
                changed.push(CustomerId(DB::id(row, "id")?));
            }
        }
        let done: std::collections::HashSet<CustomerId> = changed.iter().copied().collect();
        let effects = changes
            .iter()
            .filter(|one| done.contains(&one.id))
            .fold(Effects::default(), |effects, one| {
                effects.and(one.effects.clone())
            });
        apply_effects::<DB>(&mut tx, &effects).await?;
        tx.commit().await?;
        Ok(changed)
    }

    async fn customer_by_id(&self, id: CustomerId) -> Result<Option<Customer>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM customers WHERE id = $1");
        let mut connection = self.pool.acquire().await?;
        Statement::<DB>::new(&sql)
            .id(id.0)
            .fetch_optional(&mut connection)
            .await?
            .as_ref()
            .map(customer_from_row::<DB>)
            .transpose()
    }
}

/// The `store_upkeep` task that recomputes derived columns (sort keys, search line).
const SORT_KEYS_TASK: &str = "customer_sort_keys";

impl<DB: Backend> SqlStore<DB> {
    /// Recomputes the sort keys and search line of customers whose values an older
    /// computation made (see `desk_domain::sort_key`), a batch per transaction. Run
    /// right after migrations, by the session that applied them; a store that
    /// records the current version as done is not looked through at all, so opening
    /// a store of a million customers costs one lookup.
    pub(crate) async fn refresh_customer_sort_keys(&self) -> Result<u64, StoreError> {
        let mut connection = self.pool.acquire().await?;
        let done = Statement::<DB>::new(
            "SELECT CAST(version AS BIGINT) AS version FROM store_upkeep WHERE task = $1",
        )
        .text(SORT_KEYS_TASK)
        .fetch_optional(&mut connection)
        .await?
        .map(|row| DB::integer(&row, "version"))
        .transpose()?;
        drop(connection);
        if done == Some(SORT_KEYS_VERSION) {
            // Customers a storefront registered (an accepted invitation) have no keys
            // yet; an index finds them (none: one lookup) without reading every one.
            return self.refresh_stale_sort_keys().await;
        }
        let mut redone = 0;
        // By id, so each batch starts where the last ended instead of scanning the
        // rows already redone again.
        let mut after = uuid::Uuid::nil();
        while let Some((batch, last)) = self.refresh_sort_key_batch(after, 5_000).await? {
            redone += batch;
            after = last;
        }
        let mut tx = DB::begin_write(&self.pool).await?;
        Statement::<DB>::new(
            "INSERT INTO store_upkeep (task, version) VALUES ($1, $2) \
             ON CONFLICT (task) DO UPDATE SET version = excluded.version",
        )
        .text(SORT_KEYS_TASK)
        .integer(SORT_KEYS_VERSION)
        .execute(&mut tx)
        .await?;
        tx.commit().await?;
        Ok(redone)
    }

    /// Redoes the customers without keys (`sort_keys_version` 0), through their
    /// partial index, a batch per transaction.
    async fn refresh_stale_sort_keys(&self) -> Result<u64, StoreError> {
        let mut redone = 0;
        loop {
            let mut connection = self.pool.acquire().await?;
            let first = Statement::<DB>::new(
                "SELECT id FROM customers WHERE sort_keys_version = 0 ORDER BY id LIMIT 1",
            )
            .fetch_optional(&mut connection)
            .await?
            .map(|row| DB::id(&row, "id"))
            .transpose()?;
            drop(connection);
            let Some(first) = first else {
                return Ok(redone);
            };
            // The batch reads from just before the first stale id.
            let before = uuid::Uuid::from_u128(first.as_u128().saturating_sub(1));
            match self.refresh_sort_key_batch(before, 500).await? {
                Some((0, _)) | None => return Ok(redone),
                Some((batch, _)) => redone += batch,
            }
        }
    }

    /// Redoes the stale rows among the `limit` customers after id `after`: how many
    /// were redone and the last id looked at, or `None` past the last customer.
    async fn refresh_sort_key_batch(
        &self,
        after: uuid::Uuid,
        limit: u32,
    ) -> Result<Option<(u64, uuid::Uuid)>, StoreError> {
        let mut tx = DB::begin_write(&self.pool).await?;
        let rows = Statement::<DB>::new(
            "SELECT id, first_name, last_name, email, company, phone, \
               CAST(sort_keys_version AS BIGINT) AS sort_keys_version \
             FROM customers WHERE id > $1 ORDER BY id LIMIT $2",
        )
        .id(after)
        .integer(i64::from(limit))
        .fetch_all(&mut tx)
        .await?;
        let Some(last) = rows.last() else {
            return Ok(None);
        };
        let last = DB::id(last, "id")?;
        let mut redone = 0;
        let update = format!(
            "UPDATE customers SET first_name_key = $1, last_name_key = $2, \
               company_key = $3, search_text = $4 || {SEARCH_TEXT_IDS}, sort_keys_version = $5 \
             WHERE id = $6"
        );
        for row in &rows {
            if DB::integer(row, "sort_keys_version")? >= SORT_KEYS_VERSION {
                continue;
            }
            let (first_name, last_name) =
                (DB::text(row, "first_name")?, DB::text(row, "last_name")?);
            let (email, company) = (DB::text(row, "email")?, DB::optional_text(row, "company")?);
            let phone = DB::optional_text(row, "phone")?.map(PhoneNumber::from_trusted);
            let search = SearchableCustomer {
                first_name: &first_name,
                last_name: &last_name,
                email: &email,
                company: company.as_deref(),
                phone: phone.as_ref(),
            }
            .text();
            // Derived columns only: the record's version and time stay, as nothing a
            // person sees changed.
            Statement::<DB>::new(&update)
                .text(collation_key(&first_name))
                .text(collation_key(&last_name))
                .optional_text(company.as_deref().map(collation_key))
                .text(search)
                .integer(SORT_KEYS_VERSION)
                .id(DB::id(row, "id")?)
                .execute(&mut tx)
                .await?;
            redone += 1;
        }
        tx.commit().await?;
        Ok(Some((redone, last)))
    }
}

/// Inserts the customer `record` (and its initial password's hash) inside the
/// caller's transaction: a taken email, customer ID or number is
/// [`StoreError::Duplicate`] naming the field.
pub(super) async fn insert_customer_row<DB: Backend>(
    tx: &mut DB::Connection,
    record: &NewCustomerRecord<'_>,
) -> Result<Customer, StoreError> {
    // The details, then id, ref, ref key, number, created/updated at.
    let [id, reference, reference_key, number, at] =
        std::array::from_fn(|offset| FIRST_AFTER_DETAILS + offset);
    let values: Vec<String> = DETAIL_COLUMNS
        .iter()
        .enumerate()
        .map(|(index, column)| match *column {
            // No row to take the IDs from yet: the same line from the parameters.
            "search_text" => {
                format!(
                    "${} || '|' || lower(${reference}) || '|' || ${number}",
                    index + 1
                )
            }
            _ => parameter::<DB>(column, index + 1),
        })
        .collect();
    let sql = format!(
        "INSERT INTO customers ({}, id, customer_ref, customer_ref_key, customer_number, \
           created_at, updated_at) \
         VALUES ({}, ${id}, ${reference}, ${reference_key}, ${number}, ${at}, ${at}) \
         RETURNING {COLUMNS}",
        DETAIL_COLUMNS.join(", "),
        values.join(", "),
    );
    let row = bind_details(Statement::<DB>::new(&sql), record.details)
        .id(record.id.0)
        .text(record.customer_ref)
        .text(record.customer_ref.to_lowercase())
        .text(record.customer_number)
        .time(record.at)
        .fetch_optional(&mut *tx)
        .await
        .map_err(classify)?
        .ok_or(StoreError::NotFound)?;
    let inserted = customer_from_row::<DB>(&row)?;
    if let Some(hash) = record.password_hash {
        Statement::<DB>::new(DB::SET_INITIAL_PASSWORD)
            .id(record.id.0)
            .text(hash)
            .time(record.at)
            .execute(&mut *tx)
            .await?;
    }
    Ok(inserted)
}
