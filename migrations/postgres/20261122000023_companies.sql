-- B2B companies (seed 004), the part customer groups need now: each company has a
-- customer group (so a group a company uses cannot be deleted: the foreign key
-- refuses, and the app names the companies first) and a sales rep, who sees only
-- their own companies and those companies' groups. Members, roles, invitations,
-- addresses and orders come with the company screens (issue 12).
CREATE TABLE companies (
    id           uuid NOT NULL PRIMARY KEY,
    name         text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
    name_sort    text COLLATE "C" NOT NULL,
    tax_id       text NOT NULL CHECK (char_length(tax_id) BETWEEN 1 AND 40),
    group_id     uuid NOT NULL REFERENCES customer_groups (id),
    sales_rep_id uuid NOT NULL REFERENCES staff (id),
    website      text CHECK (website IS NULL OR char_length(website) <= 2000),
    active       boolean NOT NULL DEFAULT true,
    search_text  text NOT NULL,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    version      bigint NOT NULL DEFAULT 1 CHECK (version >= 1)
);
CREATE INDEX companies_by_name ON companies (name_sort, id);
CREATE INDEX companies_by_group ON companies (group_id, name_sort, id);
CREATE INDEX companies_by_sales_rep ON companies (sales_rep_id, name_sort, id);

CREATE CONSTRAINT TRIGGER companies_audit_direct_write AFTER INSERT OR UPDATE OR DELETE ON companies
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION audit_direct_write('company', 'id');

-- Whether the session's login sees every record its grants cover: any role but sales
-- rep does (the app's Scope::Everything). A login with only the sales rep role sees
-- what is assigned to it.
CREATE FUNCTION desk_sees_everything() RETURNS boolean
    LANGUAGE sql STABLE SET search_path = pg_catalog, public
    AS $$ SELECT pg_has_role(current_user, public.desk_role('administrator'), 'MEMBER')
              OR pg_has_role(current_user, public.desk_role('support_agent'), 'MEMBER')
              OR pg_has_role(current_user, public.desk_role('reviewer'), 'MEMBER') $$;

-- The staff member the session's login belongs to (their own staff row is visible to
-- them under the staff table's row security).
CREATE FUNCTION desk_session_staff_id() RETURNS uuid
    LANGUAGE sql STABLE SET search_path = pg_catalog, public
    AS $$ SELECT s.id FROM public.staff s WHERE s.db_login = session_user $$;

-- A sales rep sees the companies where they are the sales rep; everyone else, all.
-- The functions are wrapped in sub-selects so that they run once per statement, not
-- once per row.
ALTER TABLE companies ENABLE ROW LEVEL SECURITY;
CREATE POLICY companies_in_scope ON companies
    USING ((SELECT desk_sees_everything()) OR sales_rep_id = (SELECT desk_session_staff_id()));

-- A sales rep sees the groups of the companies they see (the subquery is under the
-- companies policy); everyone else, all.
ALTER TABLE customer_groups ENABLE ROW LEVEL SECURITY;
CREATE POLICY customer_groups_in_scope ON customer_groups
    USING ((SELECT desk_sees_everything()) OR id IN (SELECT c.group_id FROM companies c));

-- Everyone reads companies (row security narrows sales reps to their own);
-- administrators and support agents add and change them. Nobody deletes one.
-- Sales reps now read customer groups too, narrowed the same way; who is in a group
-- stays with those who see customers.
REVOKE ALL ON companies FROM PUBLIC;
DO $$
DECLARE
    staff_group   text := desk_role('staff');
    administrator text := desk_role('administrator');
    support_agent text := desk_role('support_agent');
    sales_rep     text := desk_role('sales_rep');
    reviewer      text := desk_role('reviewer');
BEGIN
    EXECUTE format('GRANT EXECUTE ON FUNCTION desk_sees_everything(), desk_session_staff_id() TO %I',
                   staff_group);
    EXECUTE format('GRANT SELECT ON companies TO %I, %I, %I, %I',
                   administrator, support_agent, sales_rep, reviewer);
    EXECUTE format('GRANT INSERT, UPDATE ON companies TO %I, %I', administrator, support_agent);
    EXECUTE format('GRANT SELECT ON customer_groups TO %I', sales_rep);
END
$$;
