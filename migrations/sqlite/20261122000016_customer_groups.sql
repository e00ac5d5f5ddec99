-- Customer groups (issue 11, seed 002): a name unique ignoring case (name_key, from
-- desk-domain), a description, and the customers assigned to them. name_sort is the
-- ICU collation key of the name (as customers' names), so the list sorts as a person
-- expects; member_count is kept by the store in the transaction that changes the
-- members, so the list never counts a 200,000-customer group to show it.
CREATE TABLE customer_groups (
    id           text NOT NULL PRIMARY KEY,
    name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    name_key     text NOT NULL,
    name_sort    text NOT NULL,
    description  text NOT NULL DEFAULT '' CHECK (length(description) <= 1000),
    search_text  text NOT NULL,
    member_count integer NOT NULL DEFAULT 0 CHECK (member_count >= 0),
    created_at   text NOT NULL,
    updated_at   text NOT NULL,
    version      integer NOT NULL DEFAULT 1 CHECK (version >= 1)
) STRICT;
CREATE UNIQUE INDEX customer_groups_name_unique ON customer_groups (name_key);
-- One index per sort of the groups list, each ending in id for the keyset.
CREATE INDEX customer_groups_by_name ON customer_groups (name_sort, id);
CREATE INDEX customer_groups_by_count ON customer_groups (member_count, id);
CREATE INDEX customer_groups_by_created ON customer_groups (created_at, id);
CREATE INDEX customer_groups_by_changed ON customer_groups (updated_at, id);

-- Who is in which group. added_in is the group's version whose save assigned the
-- customer: "De-select all" on a form opened at version v unassigns those with
-- added_in <= v, so a customer someone else added meanwhile stays.
CREATE TABLE customer_group_members (
    group_id    text NOT NULL REFERENCES customer_groups (id) ON DELETE CASCADE,
    customer_id text NOT NULL REFERENCES customers (id),
    added_in    integer NOT NULL,
    PRIMARY KEY (group_id, customer_id)
) STRICT, WITHOUT ROWID;
-- A customer's groups (details screen, the list's Group column).
CREATE INDEX customer_group_members_by_customer ON customer_group_members (customer_id, group_id);
