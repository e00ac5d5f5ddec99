//! Orders: a company's or a customer's count, totals per currency (cancelled orders
//! do not count) and latest orders, each one indexed query.

use async_trait::async_trait;
use desk_domain::company::CompanyId;
use desk_domain::customer::CustomerId;
use desk_domain::order::{Money, Order, OrderStatus, OrderSummary};

use crate::backend::{SqlStore, Statement};
use crate::order_store::NewOrder;
use crate::{Backend, OrderStore, StoreError};

/// Whose orders a summary is of.
#[derive(Clone, Copy)]
enum Of {
    Company(CompanyId),
    Customer(CustomerId),
}

impl Of {
    fn column(self) -> &'static str {
        match self {
            Self::Company(_) => "company_id",
            Self::Customer(_) => "customer_id",
        }
    }

    fn id(self) -> uuid::Uuid {
        match self {
            Self::Company(id) => id.0,
            Self::Customer(id) => id.0,
        }
    }
}

#[async_trait]
impl<DB: Backend> OrderStore for SqlStore<DB> {
    async fn insert_order(&self, order: &NewOrder<'_>) -> Result<(), StoreError> {
        let mut connection = self.pool.acquire().await?;
        Statement::<DB>::new(
            "INSERT INTO orders (id, order_number, company_id, customer_id, placed_at, status, \
               total_minor, currency) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .id(order.id)
        .text(order.order_number)
        .optional_id(order.company.map(|company| company.0))
        .id(order.customer.0)
        .time(order.placed_at)
        .text(order.status.code())
        .integer(order.total_minor)
        .text(order.currency)
        .execute(&mut connection)
        .await?;
        Ok(())
    }

    async fn company_orders(
        &self,
        company: CompanyId,
        latest: u32,
    ) -> Result<OrderSummary, StoreError> {
        summary::<DB>(self, Of::Company(company), latest).await
    }

    async fn customer_orders(
        &self,
        customer: CustomerId,
        latest: u32,
    ) -> Result<OrderSummary, StoreError> {
        summary::<DB>(self, Of::Customer(customer), latest).await
    }
}

async fn summary<DB: Backend>(
    store: &SqlStore<DB>,
    of: Of,
    latest: u32,
) -> Result<OrderSummary, StoreError> {
    let mut connection = store.pool.acquire().await?;
    let column = of.column();
    let totals_sql = format!(
        "SELECT currency, count(*) AS orders, \
           CAST(sum(CASE WHEN status = 'cancelled' THEN 0 ELSE total_minor END) AS bigint) AS total \
         FROM orders WHERE {column} = $1 GROUP BY currency ORDER BY currency"
    );
    let mut count = 0;
    let mut totals = Vec::new();
    for row in Statement::<DB>::new(&totals_sql)
        .id(of.id())
        .fetch_all(&mut connection)
        .await?
    {
        count += u64::try_from(DB::integer(&row, "orders")?).unwrap_or(0);
        totals.push(Money {
            minor: DB::integer(&row, "total")?,
            currency: DB::text(&row, "currency")?,
        });
    }
    let latest_sql = format!(
        "SELECT o.id, o.order_number, co.name AS company_name, o.customer_id, \
           cu.first_name, cu.last_name, o.placed_at, o.status, o.total_minor, o.currency \
         FROM orders o \
         LEFT JOIN companies co ON co.id = o.company_id \
         LEFT JOIN company_member_details cu \
           ON cu.customer_id = o.customer_id AND cu.company_id = o.company_id \
         WHERE o.{column} = $1 ORDER BY o.placed_at DESC, o.id DESC LIMIT {latest}"
    );
    let mut orders = Vec::new();
    for row in Statement::<DB>::new(&latest_sql)
        .id(of.id())
        .fetch_all(&mut connection)
        .await?
    {
        let status = DB::text(&row, "status")?;
        let first = DB::optional_text(&row, "first_name")?;
        let last = DB::optional_text(&row, "last_name")?;
        orders.push(Order {
            id: DB::id(&row, "id")?,
            order_number: DB::text(&row, "order_number")?,
            company: DB::optional_text(&row, "company_name")?,
            customer: CustomerId(DB::id(&row, "customer_id")?),
            customer_name: match (first, last) {
                (Some(first), Some(last)) => format!("{first} {last}"),
                _ => String::new(),
            },
            placed_at: DB::time(&row, "placed_at")?,
            status: OrderStatus::from_code(&status)
                .ok_or_else(|| StoreError::Corrupt(format!("unknown order status {status:?}")))?,
            total: Money {
                minor: DB::integer(&row, "total_minor")?,
                currency: DB::text(&row, "currency")?,
            },
        });
    }
    Ok(OrderSummary {
        count,
        totals,
        latest: orders,
    })
}
