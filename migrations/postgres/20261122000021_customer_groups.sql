-- Customer groups (issue 11, seed 002): a name unique ignoring case (name_key, from
-- desk-domain), a description, and the customers assigned to them. name_sort is the
-- ICU collation key of the name, so the list sorts as a person expects and as on
-- SQLite; member_count is kept by the store in the transaction that changes the
-- members.
CREATE TABLE customer_groups (
    id           uuid NOT NULL PRIMARY KEY,
    name         text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
    name_key     text COLLATE "C" NOT NULL,
    name_sort    text COLLATE "C" NOT NULL,
    description  text NOT NULL DEFAULT '' CHECK (char_length(description) <= 1000),
    search_text  text NOT NULL,
    member_count bigint NOT NULL DEFAULT 0 CHECK (member_count >= 0),
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    version      bigint NOT NULL DEFAULT 1 CHECK (version >= 1)
);
CREATE UNIQUE INDEX customer_groups_name_unique ON customer_groups (name_key);
CREATE INDEX customer_groups_by_name ON customer_groups (name_sort, id);
CREATE INDEX customer_groups_by_count ON customer_groups (member_count, id);
CREATE INDEX customer_groups_by_created ON customer_groups (created_at, id);
CREATE INDEX customer_groups_by_changed ON customer_groups (updated_at, id);

-- Who is in which group; added_in is the group's version whose save assigned them
-- ("De-select all" on a form opened at version v unassigns added_in <= v).
CREATE TABLE customer_group_members (
    group_id    uuid NOT NULL REFERENCES customer_groups (id) ON DELETE CASCADE,
    customer_id uuid NOT NULL REFERENCES customers (id),
    added_in    bigint NOT NULL,
    PRIMARY KEY (group_id, customer_id)
);
CREATE INDEX customer_group_members_by_customer ON customer_group_members (customer_id, group_id);

-- Every direct write is on the record, as for customers: a group's own changes under
-- the group, an assignment under the customer it is about.
CREATE CONSTRAINT TRIGGER customer_groups_audit_direct_write AFTER INSERT OR UPDATE OR DELETE ON customer_groups
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION audit_direct_write('group', 'id');
CREATE CONSTRAINT TRIGGER customer_group_members_audit_direct_write AFTER INSERT OR UPDATE OR DELETE ON customer_group_members
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION audit_direct_write('customer', 'customer_id');

-- Administrators and support agents manage groups; reviewers read them. Sales reps
-- will read the groups of their own companies once companies exist (issue 12); until
-- then they have no grant, so they see none.
REVOKE ALL ON customer_groups, customer_group_members FROM PUBLIC;
DO $$
DECLARE
    administrator text := desk_role('administrator');
    support_agent text := desk_role('support_agent');
    reviewer      text := desk_role('reviewer');
BEGIN
    EXECUTE format('GRANT SELECT ON customer_groups, customer_group_members TO %I, %I, %I',
                   administrator, support_agent, reviewer);
    EXECUTE format('GRANT INSERT, UPDATE, DELETE ON customer_groups, customer_group_members TO %I, %I',
                   administrator, support_agent);
END
$$;
