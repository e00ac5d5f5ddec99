//! The customer list at a million rows: keyset pages in any offered order, filters,
//! and search as you type, each a plan whose cost does not grow with the table or
//! with how deep the page is.
//!
//! Search runs in up to two steps. First the list is read in its own order (an index
//! per sort column) and rows are tested against the search line, but at most
//! [`SCAN_FIRST`] of them: a term that many customers share ("gmail", "m") fills a
//! page within a few hundred rows. When that does not fill the page, the term is
//! rare, and the trigram index finds all its hits, which are few, and sorts them.
//! Either way the answer is exact; only the cost differs.

use chrono::{DateTime, Utc};
use desk_domain::customer::{Customer, CustomerId};
use desk_domain::customer_list::{
    CustomerCursor, CustomerFilter, CustomerPage, CustomerQuery, CustomerSort, SortDirection,
    VerificationFilter,
};
use desk_domain::search_text::search_terms;
use desk_domain::sort_key::collation_prefix;
use uuid::Uuid;

use super::customers::{COLUMNS, customer_from_row};
use crate::backend::{SqlStore, Statement};
use crate::{Backend, StoreError};

/// How many rows the first search step reads in list order before it leaves the
/// rest to the trigram index.
const SCAN_FIRST: u32 = 2_000;

/// Search terms shorter than this have no trigram to look up.
const TRIGRAM: usize = 3;

/// A group with at most this many customers is read whole and sorted, rather than
/// by walking the list's order until its customers fill a page (which, for a group
/// of 50 among a million, would visit nearly every customer).
const FEW_MEMBERS: i64 = 5_000;

/// What the list selects: the customer, and the sort values a cursor is made of.
fn list_columns() -> String {
    format!(
        "{COLUMNS}, last_name_key, first_name_key, email_key, customer_ref_key, \
         coalesce(company_key, '~') AS company_sort"
    )
}

/// The columns `sort` orders by, the id last where the others may tie.
fn order_columns(sort: CustomerSort) -> &'static [&'static str] {
    match sort {
        CustomerSort::LastName => &["last_name_key", "first_name_key", "id"],
        CustomerSort::FirstName => &["first_name_key", "last_name_key", "id"],
        // Unique keys: nothing to break ties.
        CustomerSort::Email => &["email_key"],
        CustomerSort::CustomerRef => &["customer_ref_key"],
        CustomerSort::Company => &[
            "coalesce(company_key, '~')",
            "last_name_key",
            "first_name_key",
            "id",
        ],
        CustomerSort::Created => &["created_at", "id"],
    }
}

/// A value to bind, in placeholder order.
enum Value {
    Text(String),
    Integer(i64),
    Time(DateTime<Utc>),
    Boolean(bool),
    Id(Uuid),
}

/// SQL being put together with its values: each [`Self::bind`] answers the `$n` to
/// write where the value goes.
#[derive(Default)]
struct Sql {
    values: Vec<Value>,
}

impl Sql {
    fn bind(&mut self, value: Value) -> String {
        self.values.push(value);
        format!("${}", self.values.len())
    }

    fn statement<'q, DB: Backend>(&self, sql: &'q str) -> Statement<'q, DB> {
        self.values
            .iter()
            .fold(Statement::new(sql), |statement, value| match value {
                Value::Text(text) => statement.text(text.clone()),
                Value::Integer(number) => statement.integer(*number),
                Value::Time(time) => statement.time(*time),
                Value::Boolean(flag) => statement.boolean(*flag),
                Value::Id(id) => statement.id(*id),
            })
    }
}

/// A query of the list, checked: the cursor fits the sort.
pub(crate) struct ListPlan<'a> {
    query: &'a CustomerQuery,
    after: Option<&'a CustomerCursor>,
    /// Rows to fetch: the page and one more, which tells whether another follows.
    fetch: u32,
    terms: Vec<String>,
    /// The group filter's group, when it has few enough customers to read whole.
    small_group: Option<Uuid>,
}

impl<'a> ListPlan<'a> {
    pub(crate) fn new(
        query: &'a CustomerQuery,
        after: Option<&'a CustomerCursor>,
        page_size: u32,
    ) -> Result<Self, StoreError> {
        if let Some(cursor) = after
            && cursor.keys.len() != query.sort.key_count()
        {
            return Err(StoreError::Corrupt(
                "the list position does not belong to this sort".into(),
            ));
        }
        Ok(Self {
            query,
            after,
            fetch: page_size + 1,
            terms: search_terms(&query.filter.search),
            small_group: None,
        })
    }

    /// Reads the filter's group's customers first: it has few of them.
    pub(crate) fn reading_small_group(mut self, group: Uuid) -> Self {
        self.small_group = Some(group);
        self
    }

    /// A small group's customers, whole, then filtered, searched and sorted. The
    /// join order is forced (`Backend::MEMBERS_FIRST_JOIN`), so SQLite starts from
    /// the group and not from the list's order.
    fn members_first<DB: Backend>(&self, group: Uuid) -> Result<(String, Sql), StoreError> {
        let mut sql = Sql::default();
        let group = sql.bind(Value::Id(group));
        let mut conditions = vec![format!("m.group_id = {group}")];
        conditions.extend(self.conditions(&mut sql)?);
        for term in &self.terms {
            let pattern = Self::like(&mut sql, term);
            conditions.push(format!("search_text LIKE {pattern}"));
        }
        let text = format!(
            "SELECT {} FROM customer_group_members m {} customers ON customers.id = m.customer_id \
             {} {} LIMIT {}",
            list_columns(),
            DB::MEMBERS_FIRST_JOIN,
            where_clause(&conditions),
            self.order_by(),
            self.fetch
        );
        Ok((text, sql))
    }

    fn order_by(&self) -> String {
        let direction = match self.query.direction {
            SortDirection::Ascending => "ASC",
            SortDirection::Descending => "DESC",
        };
        let columns: Vec<String> = order_columns(self.query.sort)
            .iter()
            .map(|column| format!("{column} {direction}"))
            .collect();
        format!("ORDER BY {}", columns.join(", "))
    }

    /// The filters and the keyset position, as conditions joined by AND.
    fn conditions(&self, sql: &mut Sql) -> Result<Vec<String>, StoreError> {
        let mut conditions = filter_conditions(&self.query.filter, sql);
        if let Some(cursor) = self.after {
            conditions.push(self.position(cursor, sql)?);
        }
        Ok(conditions)
    }

    /// "After the cursor" in the list's order: a row-value comparison the sort's
    /// index answers as a range.
    fn position(&self, cursor: &CustomerCursor, sql: &mut Sql) -> Result<String, StoreError> {
        let columns = order_columns(self.query.sort);
        let mut values = Vec::with_capacity(columns.len());
        for (index, column) in columns.iter().enumerate() {
            let value = match (*column, cursor.keys.get(index)) {
                ("id", _) => Value::Id(cursor.id.0),
                ("created_at", Some(key)) => Value::Time(
                    DateTime::parse_from_rfc3339(key)
                        .map_err(|_| StoreError::Corrupt("the list position is no time".into()))?
                        .with_timezone(&Utc),
                ),
                (_, Some(key)) => Value::Text(key.clone()),
                (_, None) => {
                    return Err(StoreError::Corrupt(
                        "the list position is incomplete".into(),
                    ));
                }
            };
            values.push(sql.bind(value));
        }
        let comparison = match self.query.direction {
            SortDirection::Ascending => ">",
            SortDirection::Descending => "<",
        };
        Ok(format!(
            "({}) {comparison} ({})",
            columns.join(", "),
            values.join(", ")
        ))
    }

    fn like(sql: &mut Sql, term: &str) -> String {
        sql.bind(Value::Text(format!("%{term}%")))
    }

    /// Every row of the filter in list order, the search (if any) tested on each:
    /// the plan without search, and for terms too short for trigrams.
    fn scan_all(&self) -> Result<(String, Sql), StoreError> {
        let mut sql = Sql::default();
        let mut conditions = self.conditions(&mut sql)?;
        for term in &self.terms {
            let pattern = Self::like(&mut sql, term);
            conditions.push(format!("search_text LIKE {pattern}"));
        }
        let text = format!(
            "SELECT {} FROM customers {} {} LIMIT {}",
            list_columns(),
            where_clause(&conditions),
            self.order_by(),
            self.fetch
        );
        Ok((text, sql))
    }

    /// Step one of a search: the first [`SCAN_FIRST`] rows in list order, tested.
    fn scan_first<DB: Backend>(&self) -> Result<(String, Sql), StoreError> {
        let mut sql = Sql::default();
        let conditions = self.conditions(&mut sql)?;
        let mut matches = Vec::new();
        for term in &self.terms {
            let pattern = Self::like(&mut sql, term);
            matches.push(format!("search_text LIKE {pattern}"));
        }
        let order = self.order_by();
        let outer_order = if DB::ORDER_OVER_ORDERED_SUBQUERY {
            order.as_str()
        } else {
            ""
        };
        let text = format!(
            "SELECT {} FROM (SELECT * FROM customers {} {order} LIMIT {SCAN_FIRST}) c \
             {} {outer_order} LIMIT {}",
            list_columns(),
            where_clause(&conditions),
            where_clause(&matches),
            self.fetch
        );
        Ok((text, sql))
    }

    /// Step two: every hit of the trigram index, filtered and sorted.
    fn trigram_hits<DB: Backend>(&self) -> Result<(String, Sql), StoreError> {
        let mut sql = Sql::default();
        let mut patterns = Vec::new();
        let mut short = Vec::new();
        for term in &self.terms {
            let pattern = Self::like(&mut sql, term);
            if term.chars().count() >= TRIGRAM {
                patterns.push(pattern);
            } else {
                short.push(format!("search_text LIKE {pattern}"));
            }
        }
        let mut conditions = self.conditions(&mut sql)?;
        conditions.extend(short);
        let text = format!(
            "SELECT {} FROM {} {} {} LIMIT {}",
            list_columns(),
            DB::search_hits(&patterns),
            where_clause(&conditions),
            self.order_by(),
            self.fetch
        );
        Ok((text, sql))
    }

    fn has_trigram_term(&self) -> bool {
        self.terms
            .iter()
            .any(|term| term.chars().count() >= TRIGRAM)
    }

    /// The page's rows, by the cheapest exact plan.
    pub(crate) async fn rows<DB: Backend>(
        &self,
        connection: &mut DB::Connection,
    ) -> Result<Vec<DB::Row>, StoreError> {
        if let Some(group) = self.small_group {
            let (text, sql) = self.members_first::<DB>(group)?;
            return Ok(sql.statement::<DB>(&text).fetch_all(connection).await?);
        }
        if !self.has_trigram_term() {
            let (text, sql) = self.scan_all()?;
            return Ok(sql.statement::<DB>(&text).fetch_all(connection).await?);
        }
        let (text, sql) = self.scan_first::<DB>()?;
        let rows = sql.statement::<DB>(&text).fetch_all(connection).await?;
        if rows.len() as u32 >= self.fetch {
            return Ok(rows);
        }
        let (text, sql) = self.trigram_hits::<DB>()?;
        Ok(sql.statement::<DB>(&text).fetch_all(connection).await?)
    }

    /// The page from the fetched `rows`: at most the page size, and where the next
    /// page starts when more rows came.
    pub(crate) fn page<DB: Backend>(&self, rows: &[DB::Row]) -> Result<CustomerPage, StoreError> {
        let page_size = (self.fetch - 1) as usize;
        let items = rows
            .iter()
            .take(page_size)
            .map(customer_from_row::<DB>)
            .collect::<Result<Vec<Customer>, _>>()?;
        let next = match rows.get(page_size.saturating_sub(1)) {
            Some(last) if rows.len() > page_size => Some(self.cursor_at::<DB>(last)?),
            _ => None,
        };
        Ok(CustomerPage { items, next })
    }

    fn cursor_at<DB: Backend>(&self, row: &DB::Row) -> Result<CustomerCursor, StoreError> {
        let text = |column: &str| DB::text(row, column);
        let keys = match self.query.sort {
            CustomerSort::LastName => vec![text("last_name_key")?, text("first_name_key")?],
            CustomerSort::FirstName => vec![text("first_name_key")?, text("last_name_key")?],
            CustomerSort::Email => vec![text("email_key")?],
            CustomerSort::CustomerRef => vec![text("customer_ref_key")?],
            CustomerSort::Company => vec![
                text("company_sort")?,
                text("last_name_key")?,
                text("first_name_key")?,
            ],
            CustomerSort::Created => vec![DB::time(row, "created_at")?.to_rfc3339()],
        };
        Ok(CustomerCursor {
            keys,
            id: CustomerId(DB::id(row, "id")?),
        })
    }
}

fn where_clause(conditions: &[String]) -> String {
    if conditions.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", conditions.join(" AND "))
    }
}

/// The end of the range of keys that start with `start`, for text keys that are
/// lower-case text: every such key sorts below `start` followed by the last
/// character Unicode has.
fn text_range_end(start: &str) -> String {
    format!("{start}{}", char::MAX)
}

/// The conditions of `filter`, search aside. "Starts with" filters are ranges on the
/// keys the list sorts by, so the same indexes answer them.
fn filter_conditions(filter: &CustomerFilter, sql: &mut Sql) -> Vec<String> {
    let mut conditions = Vec::new();
    let mut text_range = |column: &str, start: String, end: String, sql: &mut Sql| {
        let from = sql.bind(Value::Text(start));
        let to = sql.bind(Value::Text(end));
        conditions.push(format!("{column} >= {from} AND {column} < {to}"));
    };
    for (column, typed) in [
        ("customer_ref_key", &filter.customer_ref),
        ("email_key", &filter.email),
    ] {
        let start = typed.trim().to_lowercase();
        if !start.is_empty() {
            let end = text_range_end(&start);
            text_range(column, start, end, sql);
        }
    }
    for (column, typed) in [
        ("first_name_key", &filter.first_name),
        ("last_name_key", &filter.last_name),
        ("company_key", &filter.company),
    ] {
        let start = collation_prefix(typed.trim());
        if !start.is_empty() {
            // Hex keys: 'g' sorts after every digit of them.
            let end = format!("{start}g");
            text_range(column, start, end, sql);
        }
    }
    if let Some(site) = &filter.preferred_site {
        let site = sql.bind(Value::Text(site.clone()));
        conditions.push(format!("preferred_site = {site}"));
    }
    match filter.verification {
        Some(VerificationFilter::Verified) => conditions.push("verified_at IS NOT NULL".into()),
        Some(VerificationFilter::Unverified) => conditions.push("verified_at IS NULL".into()),
        None => {}
    }
    for (column, wanted) in [("active", filter.active), ("on_hold", filter.on_hold)] {
        if let Some(wanted) = wanted {
            let value = sql.bind(Value::Boolean(wanted));
            conditions.push(format!("{column} = {value}"));
        }
    }
    if let Some(from) = filter.created_from {
        let from = sql.bind(Value::Time(from));
        conditions.push(format!("created_at >= {from}"));
    }
    if let Some(before) = filter.created_before {
        let before = sql.bind(Value::Time(before));
        conditions.push(format!("created_at < {before}"));
    }
    if let Some(group) = filter.group {
        // Correlated on the customer's id (the members table has no `id` of its own),
        // so it reads the same in every plan's FROM.
        let group = sql.bind(Value::Id(group.0));
        conditions.push(format!(
            "EXISTS (SELECT 1 FROM customer_group_members m \
             WHERE m.group_id = {group} AND m.customer_id = id)"
        ));
    }
    conditions
}

/// Assigns every customer of `query` but `except` (erased ones aside) to `group`,
/// marked as added in `added_in`; how many it assigned (not those already in).
/// They are inserted in id order: the membership key and the by-customer index are
/// then filled in one sweep each, where picks in list order (random ids) touch a
/// different page per customer. At a million customers that made saving 100,000
/// assignments on SQLite about 2.5 times faster. (`WHERE true`: SQLite would read an
/// upsert's `ON` after a bare `FROM` as a join constraint.)
pub(crate) async fn assign_matching<DB: Backend>(
    connection: &mut DB::Connection,
    group: Uuid,
    added_in: i64,
    query: &CustomerQuery,
    except: &[CustomerId],
) -> Result<u64, StoreError> {
    let mut sql = Sql::default();
    let mut conditions = filter_conditions(&query.filter, &mut sql);
    for term in search_terms(&query.filter.search) {
        let pattern = sql.bind(Value::Text(format!("%{term}%")));
        conditions.push(format!("search_text LIKE {pattern}"));
    }
    conditions.push("erased_at IS NULL".into());
    if !except.is_empty() {
        let ids: Vec<String> = except.iter().map(|id| sql.bind(Value::Id(id.0))).collect();
        conditions.push(format!("id NOT IN ({})", ids.join(", ")));
    }
    // Bound after the conditions, so the placeholders appear in the text in order.
    let group = sql.bind(Value::Id(group));
    let added_in = sql.bind(Value::Integer(added_in));
    // MATERIALIZED: asked for the picks in id order, SQLite's planner (3.46 with the
    // store's statistics) walks all of the customers' id index and looks up every row
    // to filter it, five times slower than finding the picks and sorting them.
    let text = format!(
        "WITH picked AS MATERIALIZED (SELECT id FROM customers {}) \
         INSERT INTO customer_group_members (group_id, customer_id, added_in) \
         SELECT {group}, id, {added_in} FROM picked WHERE true ORDER BY id \
         ON CONFLICT (group_id, customer_id) DO NOTHING",
        where_clause(&conditions)
    );
    Ok(sql.statement::<DB>(&text).execute(connection).await?)
}

impl ListPlan<'_> {
    /// How many customers pass the filter and search: through the trigram index when
    /// a term has trigrams, else by reading what the filters leave.
    fn count<DB: Backend>(&self) -> Result<(String, Sql), StoreError> {
        let mut sql = Sql::default();
        let mut patterns = Vec::new();
        let mut short = Vec::new();
        for term in &self.terms {
            let pattern = Self::like(&mut sql, term);
            if term.chars().count() >= TRIGRAM {
                patterns.push(pattern);
            } else {
                short.push(format!("search_text LIKE {pattern}"));
            }
        }
        let mut conditions = filter_conditions(&self.query.filter, &mut sql);
        conditions.extend(short);
        let source = if patterns.is_empty() {
            "customers".to_owned()
        } else {
            DB::search_hits(&patterns)
        };
        let text = format!(
            "SELECT CAST(count(*) AS BIGINT) AS matching FROM {source} {}",
            where_clause(&conditions)
        );
        Ok((text, sql))
    }
}

impl<DB: Backend> SqlStore<DB> {
    /// How many customers `query`'s filters and search let through.
    pub(crate) async fn count_matching(&self, query: &CustomerQuery) -> Result<u64, StoreError> {
        let plan = ListPlan::new(query, None, 1)?;
        let (text, sql) = plan.count::<DB>()?;
        let mut connection = self.pool.acquire().await?;
        let row = sql
            .statement::<DB>(&text)
            .fetch_optional(&mut connection)
            .await?;
        let matching = row.map(|row| DB::integer(&row, "matching")).transpose()?;
        Ok(matching.unwrap_or(0).max(0) as u64)
    }

    /// One page of the list for `query`, after `after`.
    pub(crate) async fn customer_page(
        &self,
        query: &CustomerQuery,
        after: Option<&CustomerCursor>,
        page_size: u32,
    ) -> Result<CustomerPage, StoreError> {
        let mut plan = ListPlan::new(query, after, page_size)?;
        let mut connection = self.pool.acquire().await?;
        if let Some(group) = query.filter.group {
            let members =
                Statement::<DB>::new("SELECT member_count FROM customer_groups WHERE id = $1")
                    .id(group.0)
                    .fetch_optional(&mut connection)
                    .await?
                    .map(|row| DB::integer(&row, "member_count"))
                    .transpose()?
                    .unwrap_or(0);
            if members <= FEW_MEMBERS {
                plan = plan.reading_small_group(group.0);
            }
        }
        let rows = plan.rows::<DB>(&mut connection).await?;
        plan.page::<DB>(&rows)
    }
}
