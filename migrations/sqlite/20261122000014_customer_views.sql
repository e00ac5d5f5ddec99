-- Saved views of the customer list (issue 10): per staff member, the columns, the
-- filters and the sort, by name; at most one is their default, which the list opens
-- with. Columns and query are JSON as desk-domain writes them.
CREATE TABLE customer_views (
    id         text NOT NULL PRIMARY KEY,
    staff_id   text NOT NULL REFERENCES staff (id),
    name       text NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
    name_key   text NOT NULL,
    columns    text NOT NULL,
    query      text NOT NULL,
    is_default integer NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
    updated_at text NOT NULL
) STRICT;
CREATE UNIQUE INDEX customer_views_name_unique ON customer_views (staff_id, name_key);
CREATE UNIQUE INDEX customer_views_one_default ON customer_views (staff_id) WHERE is_default = 1;
