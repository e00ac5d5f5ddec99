-- A company's members (customers), their company roles, and its contact person, who
-- must be a member (seed 004). Company roles are sets of policies, each granted for
-- the member's own records or the whole company's; Member, Buyer and Company admin
-- are built in, administrators may add more. Storefronts read them
-- (docs/storefront-contract.md).
CREATE TABLE company_roles (
    id         uuid NOT NULL PRIMARY KEY,
    built_in   text UNIQUE CHECK (built_in IN ('member', 'buyer', 'company_admin')),
    name       text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
    name_key   text NOT NULL UNIQUE,
    created_at timestamptz NOT NULL
);

CREATE TABLE company_role_grants (
    role_id uuid NOT NULL REFERENCES company_roles (id) ON DELETE CASCADE,
    policy  text NOT NULL CHECK (policy IN ('view_prices', 'view_orders', 'place_orders',
                                            'approve_orders', 'manage_members', 'manage_addresses')),
    reach   text NOT NULL CHECK (reach IN ('own', 'company')),
    PRIMARY KEY (role_id, policy)
);

INSERT INTO company_roles (id, built_in, name, name_key, created_at) VALUES
    ('00000000-0000-7000-8000-000000000001', 'member', 'Member', 'member', '2026-11-23T00:00:00Z'),
    ('00000000-0000-7000-8000-000000000002', 'buyer', 'Buyer', 'buyer', '2026-11-23T00:00:00Z'),
    ('00000000-0000-7000-8000-000000000003', 'company_admin', 'Company admin', 'company admin', '2026-11-23T00:00:00Z');
INSERT INTO company_role_grants (role_id, policy, reach) VALUES
    ('00000000-0000-7000-8000-000000000001', 'view_prices', 'company'),
    ('00000000-0000-7000-8000-000000000001', 'view_orders', 'own'),
    ('00000000-0000-7000-8000-000000000002', 'view_prices', 'company'),
    ('00000000-0000-7000-8000-000000000002', 'view_orders', 'own'),
    ('00000000-0000-7000-8000-000000000002', 'place_orders', 'own'),
    ('00000000-0000-7000-8000-000000000002', 'manage_addresses', 'own'),
    ('00000000-0000-7000-8000-000000000003', 'view_prices', 'company'),
    ('00000000-0000-7000-8000-000000000003', 'view_orders', 'company'),
    ('00000000-0000-7000-8000-000000000003', 'place_orders', 'company'),
    ('00000000-0000-7000-8000-000000000003', 'approve_orders', 'company'),
    ('00000000-0000-7000-8000-000000000003', 'manage_members', 'company'),
    ('00000000-0000-7000-8000-000000000003', 'manage_addresses', 'company');

CREATE TABLE company_members (
    company_id  uuid NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    customer_id uuid NOT NULL REFERENCES customers (id),
    active      boolean NOT NULL DEFAULT true,
    added_at    timestamptz NOT NULL,
    PRIMARY KEY (company_id, customer_id)
);
CREATE INDEX company_members_by_customer ON company_members (customer_id);

CREATE TABLE company_member_roles (
    company_id  uuid NOT NULL,
    customer_id uuid NOT NULL,
    role_id     uuid NOT NULL REFERENCES company_roles (id),
    PRIMARY KEY (company_id, customer_id, role_id),
    FOREIGN KEY (company_id, customer_id)
        REFERENCES company_members (company_id, customer_id) ON DELETE CASCADE
);

-- The contact person is a member: the composite foreign key refuses anyone else,
-- and refuses removing the member who is the contact person (another is set first).
ALTER TABLE companies ADD COLUMN contact_customer_id uuid;
ALTER TABLE companies ADD CONSTRAINT companies_contact_is_member
    FOREIGN KEY (id, contact_customer_id) REFERENCES company_members (company_id, customer_id);

CREATE CONSTRAINT TRIGGER company_members_audit_direct_write
    AFTER INSERT OR UPDATE OR DELETE ON company_members
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION audit_direct_write('company', 'company_id');
CREATE CONSTRAINT TRIGGER company_member_roles_audit_direct_write
    AFTER INSERT OR UPDATE OR DELETE ON company_member_roles
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION audit_direct_write('company', 'company_id');
CREATE CONSTRAINT TRIGGER company_roles_audit_direct_write
    AFTER INSERT OR UPDATE OR DELETE ON company_roles
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION audit_direct_write('company', 'id');

-- A sales rep sees the members of their own companies (the subquery is under the
-- companies policy); everyone else, all.
ALTER TABLE company_members ENABLE ROW LEVEL SECURITY;
CREATE POLICY company_members_in_scope ON company_members
    USING ((SELECT desk_sees_everything()) OR company_id IN (SELECT c.id FROM companies c));
ALTER TABLE company_member_roles ENABLE ROW LEVEL SECURITY;
CREATE POLICY company_member_roles_in_scope ON company_member_roles
    USING ((SELECT desk_sees_everything()) OR company_id IN (SELECT c.id FROM companies c));

-- What the member list shows of each member's customer record. Sales reps have no
-- grant on customers; this view, run with its owner's rights, shows them the basic
-- information of their own companies' members and nothing else (the filter is in
-- the view, since its owner is not narrowed by row security).
CREATE VIEW company_member_details WITH (security_barrier) AS
    SELECT m.company_id, m.customer_id, m.active, m.added_at,
           cu.first_name, cu.last_name, cu.email, cu.phone, cu.locale,
           cu.last_name_key, cu.first_name_key
      FROM company_members m
      JOIN customers cu ON cu.id = m.customer_id
      JOIN companies co ON co.id = m.company_id
     WHERE (SELECT desk_sees_everything())
        OR co.sales_rep_id = (SELECT desk_session_staff_id());

-- Storefronts read every company (whether it is active, its customer group), its
-- members and their roles (docs/storefront-contract.md, "Companies, roles and
-- policies"), to decide what a signed-in customer may do.
CREATE POLICY companies_for_storefronts ON companies FOR SELECT
    TO PUBLIC USING (pg_has_role(current_user, desk_role('storefront'), 'MEMBER'));
CREATE POLICY company_members_for_storefronts ON company_members FOR SELECT
    TO PUBLIC USING (pg_has_role(current_user, desk_role('storefront'), 'MEMBER'));
CREATE POLICY company_member_roles_for_storefronts ON company_member_roles FOR SELECT
    TO PUBLIC USING (pg_has_role(current_user, desk_role('storefront'), 'MEMBER'));

REVOKE ALL ON company_roles, company_role_grants, company_members, company_member_roles,
    company_member_details FROM PUBLIC;
DO $$
DECLARE
    staff_group   text := desk_role('staff');
    administrator text := desk_role('administrator');
    support_agent text := desk_role('support_agent');
    storefront    text := desk_role('storefront');
BEGIN
    EXECUTE format('GRANT EXECUTE ON FUNCTION desk_sees_everything(), desk_session_staff_id(), '
                   'desk_role(text) TO %I', storefront);
    EXECUTE format('GRANT SELECT ON companies, company_roles, company_role_grants, '
                   'company_members, company_member_roles TO %I', storefront);
    EXECUTE format('GRANT SELECT ON company_roles, company_role_grants, company_members, '
                   'company_member_roles, company_member_details TO %I', staff_group);
    EXECUTE format('GRANT INSERT, UPDATE, DELETE ON company_members, company_member_roles TO %I, %I',
                   administrator, support_agent);
    EXECUTE format('GRANT INSERT, UPDATE, DELETE ON company_roles, company_role_grants TO %I',
                   administrator);
END
$$;
