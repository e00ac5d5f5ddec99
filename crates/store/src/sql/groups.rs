//! Customer groups: the keyset-paged list (a thousand groups or so, each sort on its
//! own index), saves that change the group and its customers in one transaction, and
//! the count of members kept beside the group.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use desk_domain::audit::AuditEntry;
use desk_domain::customer::CustomerId;
use desk_domain::customer_group::{
    CustomerGroup, GroupCursor, GroupDetails, GroupId, GroupLink, GroupPage, GroupQuery, GroupSort,
    group_name_key,
};
use desk_domain::customer_list::{
    CustomerCursor, CustomerFilter, CustomerPage, CustomerQuery, CustomerSort, SortDirection,
};
use desk_domain::search_text::{fold, search_terms};
use desk_domain::sort_key::collation_key;

use super::companies::companies_using;
use super::customer_list::assign_matching;
use super::customers::placeholders;
use super::{apply_effects, audit, audit_sets, corrupt, stale_or_missing};
use crate::backend::{SqlStore, Statement};
use crate::error::classify;
use crate::group_store::{
    GroupDeletion, GroupWrite, GroupsSeen, MemberChanges, Membership, MembershipEntry,
};
use crate::{Backend, Effects, GroupStore, StoreError};

const COLUMNS: &str =
    "id, name, description, member_count, created_at, updated_at, version, name_sort";

/// Ids per statement in `IN (…)` lists.
const IDS_PER_STATEMENT: usize = 500;

fn group_from_row<DB: Backend>(row: &DB::Row) -> Result<CustomerGroup, StoreError> {
    Ok(CustomerGroup {
        id: GroupId(DB::id(row, "id")?),
        name: DB::text(row, "name")?,
        description: DB::text(row, "description")?,
        member_count: u64::try_from(DB::integer(row, "member_count")?).unwrap_or(0),
        created_at: DB::time(row, "created_at")?,
        updated_at: DB::time(row, "updated_at")?,
        version: DB::integer(row, "version")?,
    })
}

fn sort_column(sort: GroupSort) -> &'static str {
    match sort {
        GroupSort::Name => "name_sort",
        GroupSort::Customers => "member_count",
        GroupSort::Created => "created_at",
        GroupSort::Changed => "updated_at",
    }
}

/// The cursor of `row` under `sort`: its sort value as text, and its id.
fn cursor_of<DB: Backend>(row: &DB::Row, sort: GroupSort) -> Result<GroupCursor, StoreError> {
    let key = match sort {
        GroupSort::Name => DB::text(row, "name_sort")?,
        GroupSort::Customers => DB::integer(row, "member_count")?.to_string(),
        GroupSort::Created => DB::time(row, "created_at")?.to_rfc3339(),
        GroupSort::Changed => DB::time(row, "updated_at")?.to_rfc3339(),
    };
    Ok(GroupCursor {
        sort,
        key,
        id: GroupId(DB::id(row, "id")?),
    })
}

/// The folded line the groups search looks in.
fn search_line(details: &GroupDetails) -> String {
    fold(&format!("{} {}", details.name, details.description))
}

#[async_trait]
impl<DB: Backend> GroupStore for SqlStore<DB> {
    async fn list_groups(
        &self,
        query: &GroupQuery,
        after: Option<&GroupCursor>,
        page_size: u32,
        seen: GroupsSeen,
    ) -> Result<GroupPage, StoreError> {
        let column = sort_column(query.sort);
        let (direction, comparison) = match query.direction {
            SortDirection::Ascending => ("ASC", ">"),
            SortDirection::Descending => ("DESC", "<"),
        };
        let terms = search_terms(&query.search);
        let mut conditions: Vec<String> = (0..terms.len())
            .map(|index| format!("search_text LIKE ${}", index + 1))
            .collect();
        if after.is_some() {
            let n = terms.len();
            conditions.push(format!(
                "({column}, id) {comparison} (${}, ${})",
                n + 1,
                n + 2
            ));
        }
        let sales_rep = match seen {
            GroupsSeen::All => None,
            GroupsSeen::OfSalesRep(staff) => Some(staff),
        };
        if sales_rep.is_some() {
            conditions.push(format!(
                "id IN (SELECT group_id FROM companies WHERE sales_rep_id = ${})",
                conditions.len() + 1 + usize::from(after.is_some())
            ));
        }
        let where_clause = if conditions.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", conditions.join(" AND "))
        };
        let sql = format!(
            "SELECT {COLUMNS} FROM customer_groups {where_clause} \
             ORDER BY {column} {direction}, id {direction} LIMIT {}",
            page_size + 1
        );
        let mut statement = terms
            .iter()
            .fold(Statement::<DB>::new(&sql), |statement, term| {
                statement.text(format!("%{term}%"))
            });
        if let Some(cursor) = after {
            if cursor.sort != query.sort {
                return Err(StoreError::Corrupt(
                    "the groups list position belongs to another sort".into(),
                ));
            }
            let bad_cursor = || StoreError::Corrupt("the groups list position is malformed".into());
            statement = match query.sort {
                GroupSort::Name => statement.text(cursor.key.clone()),
                GroupSort::Customers => {
                    statement.integer(cursor.key.parse().map_err(|_| bad_cursor())?)
                }
                GroupSort::Created | GroupSort::Changed => statement.time(
                    DateTime::parse_from_rfc3339(&cursor.key)
                        .map_err(|_| bad_cursor())?
                        .with_timezone(&Utc),
                ),
            }
            .id(cursor.id.0);
        }
        if let Some(staff) = sales_rep {
            statement = statement.id(staff.0);
        }
        let mut connection = self.pool.acquire().await?;
        let rows = statement.fetch_all(&mut connection).await?;
        let more = rows.len() > page_size as usize;
        let shown = &rows[..rows.len().min(page_size as usize)];
        let next = match shown.last() {
            Some(last) if more => Some(cursor_of::<DB>(last, query.sort)?),
            _ => None,
        };
        Ok(GroupPage {
            items: shown
                .iter()
                .map(group_from_row::<DB>)
                .collect::<Result<_, _>>()?,
            next,
        })
    }

    async fn group_by_id(
        &self,
        id: GroupId,
        seen: GroupsSeen,
    ) -> Result<Option<CustomerGroup>, StoreError> {
        let sql = match seen {
            GroupsSeen::All => format!("SELECT {COLUMNS} FROM customer_groups WHERE id = $1"),
            GroupsSeen::OfSalesRep(_) => format!(
                "SELECT {COLUMNS} FROM customer_groups WHERE id = $1 AND id IN \
                 (SELECT group_id FROM companies WHERE sales_rep_id = $2)"
            ),
        };
        let mut statement = Statement::<DB>::new(&sql).id(id.0);
        if let GroupsSeen::OfSalesRep(staff) = seen {
            statement = statement.id(staff.0);
        }
        let mut connection = self.pool.acquire().await?;
        statement
            .fetch_optional(&mut connection)
            .await?
            .as_ref()
            .map(group_from_row::<DB>)
            .transpose()
    }

    async fn insert_group(
        &self,
        id: GroupId,
        details: &GroupDetails,
        changes: MemberChanges<'_>,
        at: DateTime<Utc>,
        effects: &Effects,
        entry: &MembershipEntry,
    ) -> Result<GroupWrite, StoreError> {
        let mut tx = DB::begin_write(&self.pool).await?;
        Statement::<DB>::new(
            "INSERT INTO customer_groups (id, name, name_key, name_sort, description, \
               search_text, member_count, created_at, updated_at, version) \
             VALUES ($1, $2, $3, $4, $5, $6, 0, $7, $7, 1)",
        )
        .id(id.0)
        .text(&details.name)
        .text(group_name_key(&details.name))
        .text(collation_key(&details.name))
        .text(&details.description)
        .text(search_line(details))
        .time(at)
        .execute(&mut tx)
        .await
        .map_err(classify)?;
        let write = change_members::<DB>(&mut tx, id, 1, changes, effects, entry).await?;
        tx.commit().await?;
        Ok(write)
    }

    async fn update_group(
        &self,
        id: GroupId,
        version: i64,
        details: Option<&GroupDetails>,
        changes: MemberChanges<'_>,
        at: DateTime<Utc>,
        effects: &Effects,
        entry: &MembershipEntry,
    ) -> Result<GroupWrite, StoreError> {
        let mut tx = DB::begin_write(&self.pool).await?;
        // Raising the version first takes the group's row lock: a second save of the
        // same group waits here. Only a change of the group's own fields must be at
        // the version its form read; assignments merge with whatever came between.
        let row = match details {
            Some(details) => Statement::<DB>::new(
                "UPDATE customer_groups SET name = $1, name_key = $2, name_sort = $3, \
                   description = $4, search_text = $5, updated_at = $6, version = version + 1 \
                 WHERE id = $7 AND version = $8 RETURNING version",
            )
            .text(&details.name)
            .text(group_name_key(&details.name))
            .text(collation_key(&details.name))
            .text(&details.description)
            .text(search_line(details))
            .time(at)
            .id(id.0)
            .integer(version),
            None => Statement::<DB>::new(
                "UPDATE customer_groups SET updated_at = $1, version = version + 1 \
                 WHERE id = $2 RETURNING version",
            )
            .time(at)
            .id(id.0),
        }
        .fetch_optional(&mut tx)
        .await
        .map_err(classify)?;
        let Some(row) = row else {
            return Err(stale_or_missing::<DB>(&mut tx, "customer_groups", id.0).await);
        };
        let new_version = DB::integer(&row, "version")?;
        let write = change_members::<DB>(&mut tx, id, new_version, changes, effects, entry).await?;
        tx.commit().await?;
        Ok(write)
    }

    async fn delete_group(
        &self,
        id: GroupId,
        companies_named: u32,
        effects: &Effects,
        entry: &MembershipEntry,
    ) -> Result<GroupDeletion, StoreError> {
        let mut tx = DB::begin_write(&self.pool).await?;
        // Locked, so no company takes the group between the check and the delete.
        let sql = format!(
            "SELECT 1 AS found FROM customer_groups WHERE id = $1{}",
            DB::FOR_UPDATE
        );
        let exists = Statement::<DB>::new(&sql)
            .id(id.0)
            .fetch_optional(&mut tx)
            .await?
            .is_some();
        if !exists {
            return Ok(GroupDeletion::NotFound);
        }
        let users = companies_using::<DB>(&mut tx, id, companies_named).await?;
        if users.any() {
            return Ok(GroupDeletion::UsedBy(users));
        }
        // An entry for each customer who leaves with the group, then the group.
        entries_per_member::<DB>(
            &mut tx,
            &entry(CustomerId(uuid::Uuid::nil()), Membership::Removed),
            id,
            "<=",
            i64::MAX,
        )
        .await?;
        Statement::<DB>::new("DELETE FROM customer_group_members WHERE group_id = $1")
            .id(id.0)
            .execute(&mut tx)
            .await?;
        Statement::<DB>::new("DELETE FROM customer_groups WHERE id = $1")
            .id(id.0)
            .execute(&mut tx)
            .await?;
        apply_effects::<DB>(&mut tx, effects).await?;
        tx.commit().await?;
        Ok(GroupDeletion::Deleted)
    }

    async fn group_members(
        &self,
        id: GroupId,
        after: Option<&CustomerCursor>,
        page_size: u32,
    ) -> Result<CustomerPage, StoreError> {
        let query = CustomerQuery {
            sort: CustomerSort::LastName,
            direction: SortDirection::Ascending,
            filter: CustomerFilter {
                group: Some(id),
                ..CustomerFilter::default()
            },
        };
        self.customer_page(&query, after, page_size).await
    }

    async fn groups_of(&self, id: CustomerId) -> Result<Vec<GroupLink>, StoreError> {
        let mut connection = self.pool.acquire().await?;
        Statement::<DB>::new(
            "SELECT g.id, g.name FROM customer_group_members m \
             JOIN customer_groups g ON g.id = m.group_id \
             WHERE m.customer_id = $1 ORDER BY g.name_sort, g.id",
        )
        .id(id.0)
        .fetch_all(&mut connection)
        .await?
        .iter()
        .map(|row| {
            Ok(GroupLink {
                id: GroupId(DB::id(row, "id")?),
                name: DB::text(row, "name")?,
            })
        })
        .collect()
    }

    async fn groups_of_each(
        &self,
        ids: &[CustomerId],
    ) -> Result<Vec<(CustomerId, GroupLink)>, StoreError> {
        let mut found = Vec::new();
        let mut connection = self.pool.acquire().await?;
        for chunk in ids.chunks(IDS_PER_STATEMENT) {
            let sql = format!(
                "SELECT m.customer_id, g.id, g.name FROM customer_group_members m \
                 JOIN customer_groups g ON g.id = m.group_id \
                 WHERE m.customer_id IN ({}) ORDER BY g.name_sort, g.id",
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
                found.push((
                    CustomerId(DB::id(row, "customer_id")?),
                    GroupLink {
                        id: GroupId(DB::id(row, "id")?),
                        name: DB::text(row, "name")?,
                    },
                ));
            }
        }
        Ok(found)
    }
}

/// Applies `changes` to group `id`'s customers, inside the caller's transaction,
/// marking additions with `added_in` (the save's own version); then keeps the count,
/// writes an entry per customer added or removed with `effects`, and reads the group
/// back. Entries for whole sets (everyone added by this save, everyone De-select all
/// removes) are written by one `INSERT … SELECT` each: 100,000 of them never travel
/// through the app.
async fn change_members<DB: Backend>(
    connection: &mut DB::Connection,
    id: GroupId,
    added_in: i64,
    changes: MemberChanges<'_>,
    effects: &Effects,
    entry: &MembershipEntry,
) -> Result<GroupWrite, StoreError> {
    let nobody = CustomerId(uuid::Uuid::nil());
    let mut removed = 0_u64;
    if let Some(up_to) = changes.remove_all_up_to {
        removed += entries_per_member::<DB>(
            connection,
            &entry(nobody, Membership::Removed),
            id,
            "<=",
            up_to,
        )
        .await?;
        Statement::<DB>::new(
            "DELETE FROM customer_group_members WHERE group_id = $1 AND added_in <= $2",
        )
        .id(id.0)
        .integer(up_to)
        .execute(connection)
        .await?;
    }
    let mut unassigned: Vec<AuditEntry> = Vec::new();
    for chunk in changes.remove.chunks(IDS_PER_STATEMENT) {
        let sql = format!(
            "DELETE FROM customer_group_members WHERE group_id = $1 AND customer_id IN ({}) \
             RETURNING customer_id",
            placeholders(2, chunk.len())
        );
        let rows = chunk
            .iter()
            .fold(
                Statement::<DB>::new(&sql).id(id.0),
                |statement, customer| statement.id(customer.0),
            )
            .fetch_all(connection)
            .await?;
        for row in &rows {
            let customer = CustomerId(DB::id(row, "customer_id")?);
            unassigned.push(entry(customer, Membership::Removed));
        }
    }
    removed += unassigned.len() as u64;
    let mut added = 0_u64;
    for chunk in changes.add.chunks(IDS_PER_STATEMENT) {
        let sql = format!(
            "INSERT INTO customer_group_members (group_id, customer_id, added_in) \
             SELECT $1, id, $2 FROM customers WHERE id IN ({}) AND erased_at IS NULL \
             ORDER BY id ON CONFLICT (group_id, customer_id) DO NOTHING",
            placeholders(3, chunk.len())
        );
        added += chunk
            .iter()
            .fold(
                Statement::<DB>::new(&sql).id(id.0).integer(added_in),
                |statement, customer| statement.id(customer.0),
            )
            .execute(connection)
            .await?;
    }
    for (query, except) in changes.add_all_of {
        added += assign_matching::<DB>(connection, id.0, added_in, query, except).await?;
    }
    if added > 0 {
        // Everyone this save assigned carries its version.
        entries_per_member::<DB>(
            connection,
            &entry(nobody, Membership::Added),
            id,
            "=",
            added_in,
        )
        .await?;
    }
    let delta = i64::try_from(added).unwrap_or(i64::MAX) - i64::try_from(removed).unwrap_or(0);
    let sql = format!(
        "UPDATE customer_groups SET member_count = member_count + $1 WHERE id = $2 \
         RETURNING {COLUMNS}"
    );
    let row = Statement::<DB>::new(&sql)
        .integer(delta)
        .id(id.0)
        .fetch_optional(connection)
        .await?
        .ok_or(StoreError::NotFound)?;
    let group = group_from_row::<DB>(&row)?;
    let mut entries: Vec<AuditEntry> = effects.audit.clone();
    entries.extend(unassigned);
    audit::insert_entries::<DB>(connection, &entries).await?;
    apply_effects::<DB>(
        connection,
        &Effects {
            audit: Vec::new(),
            ..effects.clone()
        },
    )
    .await?;
    Ok(GroupWrite {
        group,
        added,
        removed,
    })
}

/// Writes `template` (an entry about the nil customer) once for each customer of
/// group `id` whose `added_in` compares to `version` by `comparison`, naming that
/// customer, each with an id of its own; how many it wrote. Where the backend defers
/// such entries, records them as a set instead (`audit_sets`). Entries go in customer
/// order with ascending ids (`Backend::new_entry_id`), so both the log's id index and
/// its by-record index take them in one sweep.
async fn entries_per_member<DB: Backend>(
    connection: &mut DB::Connection,
    template: &AuditEntry,
    id: GroupId,
    comparison: &str,
    version: i64,
) -> Result<u64, StoreError> {
    if DB::DEFERS_SET_ENTRIES {
        let set = audit_sets::open_set::<DB>(connection, template).await?;
        let sql = audit_sets::members_sql(&format!(
            "SELECT m.customer_id AS entity_id FROM customer_group_members m \
             WHERE m.group_id = $2 AND m.added_in {comparison} $3"
        ));
        return Ok(Statement::<DB>::new(&sql)
            .id(set)
            .id(id.0)
            .integer(version)
            .execute(connection)
            .await?);
    }
    let changes = serde_json::to_string(&template.changes)
        .map_err(|error| corrupt("audit changes", error))?;
    let sql = format!(
        "INSERT INTO audit_log (id, at, actor_id, actor_email, action, entity_type, entity_id, \
           changes) \
         SELECT {}, $2, $3, $4, $5, $6, {}, {} FROM \
           (SELECT m.customer_id, row_number() OVER (ORDER BY m.customer_id) AS n \
            FROM customer_group_members m WHERE m.group_id = $8 AND m.added_in {comparison} $9) \
           AS members",
        DB::new_entry_id(1, "members.n"),
        DB::id_as_text("members.customer_id"),
        DB::json_parameter(7)
    );
    Ok(Statement::<DB>::new(&sql)
        .integer(template.at.timestamp_millis())
        .time(template.at)
        .optional_id(template.actor_id.map(|actor| actor.0))
        .text(&template.actor_email)
        .text(template.action.code())
        .text(template.entity_type.code())
        .text(changes)
        .id(id.0)
        .integer(version)
        .execute(connection)
        .await?)
}
