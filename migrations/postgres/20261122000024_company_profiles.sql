-- The company screens (issue 12): each company's address book (billing and shipping
-- addresses, one default of each kind; the company form's billing address is the
-- default billing one), the list's other sorts, and the names of staff members as
-- other records show them.
CREATE TABLE company_addresses (
    id          uuid NOT NULL PRIMARY KEY,
    company_id  uuid NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    kind        text NOT NULL CHECK (kind IN ('billing', 'shipping')),
    is_default  boolean NOT NULL DEFAULT false,
    line1       text NOT NULL CHECK (char_length(line1) BETWEEN 1 AND 200),
    line2       text CHECK (line2 IS NULL OR char_length(line2) <= 200),
    postal_code text CHECK (postal_code IS NULL OR char_length(postal_code) <= 12),
    city        text NOT NULL CHECK (char_length(city) BETWEEN 1 AND 200),
    region      text CHECK (region IS NULL OR char_length(region) <= 200),
    country     text NOT NULL CHECK (char_length(country) = 2),
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL
);
CREATE INDEX company_addresses_by_company ON company_addresses (company_id, kind);
CREATE UNIQUE INDEX company_addresses_one_default
    ON company_addresses (company_id, kind) WHERE is_default;

CREATE INDEX companies_by_tax_id ON companies (tax_id, id);
CREATE INDEX companies_by_created ON companies (created_at, id);
CREATE INDEX companies_by_changed ON companies (updated_at, id);

CREATE CONSTRAINT TRIGGER company_addresses_audit_direct_write
    AFTER INSERT OR UPDATE OR DELETE ON company_addresses
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION audit_direct_write('company', 'company_id');

-- A sales rep sees the addresses of their own companies (the subquery is under the
-- companies policy); everyone else, all.
ALTER TABLE company_addresses ENABLE ROW LEVEL SECURITY;
CREATE POLICY company_addresses_in_scope ON company_addresses
    USING ((SELECT desk_sees_everything()) OR company_id IN (SELECT c.id FROM companies c));

-- Who a staff member is, as other records name them, and whether they are a sales
-- rep. The staff table shows each login only its own row (administrators all); this
-- view, run with its owner's rights, shows every staff member's name and nothing
-- else (no email, no sign-in state), so a support agent can name a company's sales
-- rep and choose one.
CREATE VIEW staff_names AS
    SELECT s.id, s.display_name, s.display_name_key, s.active,
           EXISTS (SELECT 1 FROM staff_roles r WHERE r.staff_id = s.id AND r.role = 'sales_rep')
               AS sales_rep
      FROM staff s;

REVOKE ALL ON company_addresses, staff_names FROM PUBLIC;
DO $$
DECLARE
    staff_group   text := desk_role('staff');
    administrator text := desk_role('administrator');
    support_agent text := desk_role('support_agent');
    sales_rep     text := desk_role('sales_rep');
    reviewer      text := desk_role('reviewer');
BEGIN
    EXECUTE format('GRANT SELECT ON staff_names TO %I', staff_group);
    EXECUTE format('GRANT SELECT ON company_addresses TO %I, %I, %I, %I',
                   administrator, support_agent, sales_rep, reviewer);
    EXECUTE format('GRANT INSERT, UPDATE, DELETE ON company_addresses TO %I, %I',
                   administrator, support_agent);
END
$$;
