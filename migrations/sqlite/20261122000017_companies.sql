-- B2B companies (seed 004), the part customer groups need now: each company has a
-- customer group (so a group a company uses cannot be deleted: the foreign key
-- refuses, and the app names the companies first) and a sales rep, who sees only
-- the groups of their own companies. Members, roles, invitations, addresses and
-- orders come with the company screens (issue 12).
CREATE TABLE companies (
    id           text NOT NULL PRIMARY KEY,
    name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    -- ICU collation key of the name (as customers' and groups'), for the list's order.
    name_sort    text NOT NULL,
    tax_id       text NOT NULL CHECK (length(tax_id) BETWEEN 1 AND 40),
    group_id     text NOT NULL REFERENCES customer_groups (id),
    sales_rep_id text NOT NULL REFERENCES staff (id),
    website      text CHECK (website IS NULL OR length(website) <= 2000),
    active       integer NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    search_text  text NOT NULL,
    created_at   text NOT NULL,
    updated_at   text NOT NULL,
    version      integer NOT NULL DEFAULT 1 CHECK (version >= 1)
) STRICT;
CREATE INDEX companies_by_name ON companies (name_sort, id);
-- A group's companies (deleting a group; the groups a sales rep sees).
CREATE INDEX companies_by_group ON companies (group_id, name_sort, id);
-- A sales rep's own companies.
CREATE INDEX companies_by_sales_rep ON companies (sales_rep_id, name_sort, id);
