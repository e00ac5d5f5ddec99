-- Orders (read-only in the app): written by storefronts into the shared store per
-- the storefront contract, and by the seeder; shown on a company's summary and a
-- customer's page with totals per currency.
CREATE TABLE orders (
    id           text NOT NULL PRIMARY KEY,
    order_number text NOT NULL UNIQUE CHECK (length(order_number) BETWEEN 1 AND 40),
    company_id   text REFERENCES companies (id),
    customer_id  text NOT NULL REFERENCES customers (id),
    placed_at    text NOT NULL,
    status       text NOT NULL
        CHECK (status IN ('placed', 'approved', 'shipped', 'delivered', 'cancelled')),
    -- In the currency's minor unit (cents), so totals add up exactly.
    total_minor  integer NOT NULL CHECK (total_minor >= 0),
    currency     text NOT NULL CHECK (length(currency) = 3)
) STRICT;
CREATE INDEX orders_by_company ON orders (company_id, placed_at, id);
CREATE INDEX orders_by_customer ON orders (customer_id, placed_at, id);
