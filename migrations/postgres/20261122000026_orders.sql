-- Orders (read-only in the app): written by storefronts into the shared store per
-- the storefront contract ("Orders"), and by the seeder; shown on a company's
-- summary and a customer's page with totals per currency.
CREATE TABLE orders (
    id           uuid NOT NULL PRIMARY KEY,
    order_number text NOT NULL UNIQUE CHECK (char_length(order_number) BETWEEN 1 AND 40),
    company_id   uuid REFERENCES companies (id),
    customer_id  uuid NOT NULL REFERENCES customers (id),
    placed_at    timestamptz NOT NULL,
    status       text NOT NULL
        CHECK (status IN ('placed', 'approved', 'shipped', 'delivered', 'cancelled')),
    total_minor  bigint NOT NULL CHECK (total_minor >= 0),
    currency     text NOT NULL CHECK (char_length(currency) = 3)
);
CREATE INDEX orders_by_company ON orders (company_id, placed_at, id);
CREATE INDEX orders_by_customer ON orders (customer_id, placed_at, id);

-- A sales rep sees the orders of their own companies (the subquery is under the
-- companies policy); storefronts read and add orders; everyone else reads all.
ALTER TABLE orders ENABLE ROW LEVEL SECURITY;
CREATE POLICY orders_in_scope ON orders FOR SELECT
    USING ((SELECT desk_sees_everything()) OR company_id IN (SELECT c.id FROM companies c));
CREATE POLICY orders_for_storefronts ON orders
    TO PUBLIC USING (pg_has_role(current_user, desk_role('storefront'), 'MEMBER'))
    WITH CHECK (pg_has_role(current_user, desk_role('storefront'), 'MEMBER'));

REVOKE ALL ON orders FROM PUBLIC;
DO $$
DECLARE
    administrator text := desk_role('administrator');
    support_agent text := desk_role('support_agent');
    sales_rep     text := desk_role('sales_rep');
    reviewer      text := desk_role('reviewer');
    storefront    text := desk_role('storefront');
BEGIN
    EXECUTE format('GRANT SELECT ON orders TO %I, %I, %I, %I',
                   administrator, support_agent, sales_rep, reviewer);
    EXECUTE format('GRANT SELECT, INSERT ON orders TO %I', storefront);
END
$$;
