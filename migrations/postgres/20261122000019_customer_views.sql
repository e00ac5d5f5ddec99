-- Saved views of the customer list (issue 10): per staff member, the columns, the
-- filters and the sort, by name; at most one is their default, which the list opens
-- with. Each login reads and writes only its own views (row security); the owner's
-- sessions (set-up, maintenance) see all.
CREATE TABLE customer_views (
    id         uuid NOT NULL PRIMARY KEY,
    staff_id   uuid NOT NULL REFERENCES staff (id),
    name       text NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
    name_key   text COLLATE "C" NOT NULL,
    columns    jsonb NOT NULL,
    query      jsonb NOT NULL,
    is_default boolean NOT NULL DEFAULT false,
    updated_at timestamptz NOT NULL
);
CREATE UNIQUE INDEX customer_views_name_unique ON customer_views (staff_id, name_key);
CREATE UNIQUE INDEX customer_views_one_default ON customer_views (staff_id) WHERE is_default;

ALTER TABLE customer_views ENABLE ROW LEVEL SECURITY;
CREATE POLICY customer_views_own ON customer_views
    USING (staff_id = (SELECT s.id FROM public.staff s WHERE s.db_login = session_user))
    WITH CHECK (staff_id = (SELECT s.id FROM public.staff s WHERE s.db_login = session_user));

DO $$
BEGIN
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON customer_views TO %I', desk_role('staff'));
END
$$;
