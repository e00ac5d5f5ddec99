-- The company screens (issue 12): each company's address book (billing and shipping
-- addresses, one default of each kind; the company form's billing address is the
-- default billing one), the list's other sorts, and the names of staff members as
-- other records show them (a company's sales rep).
CREATE TABLE company_addresses (
    id          text NOT NULL PRIMARY KEY,
    company_id  text NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    kind        text NOT NULL CHECK (kind IN ('billing', 'shipping')),
    is_default  integer NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
    line1       text NOT NULL CHECK (length(line1) BETWEEN 1 AND 200),
    line2       text CHECK (line2 IS NULL OR length(line2) <= 200),
    postal_code text CHECK (postal_code IS NULL OR length(postal_code) <= 12),
    city        text NOT NULL CHECK (length(city) BETWEEN 1 AND 200),
    region      text CHECK (region IS NULL OR length(region) <= 200),
    country     text NOT NULL CHECK (length(country) = 2),
    created_at  text NOT NULL,
    updated_at  text NOT NULL
) STRICT;
CREATE INDEX company_addresses_by_company ON company_addresses (company_id, kind);
-- One default billing and one default shipping address per company.
CREATE UNIQUE INDEX company_addresses_one_default
    ON company_addresses (company_id, kind) WHERE is_default = 1;

CREATE INDEX companies_by_tax_id ON companies (tax_id, id);
CREATE INDEX companies_by_created ON companies (created_at, id);
CREATE INDEX companies_by_changed ON companies (updated_at, id);

-- Who a staff member is, as other records name them, and whether they are a sales
-- rep (the people a company can be given to).
CREATE VIEW staff_names AS
    SELECT s.id, s.display_name, s.display_name_key, s.active,
           EXISTS (SELECT 1 FROM staff_roles r WHERE r.staff_id = s.id AND r.role = 'sales_rep')
               AS sales_rep
      FROM staff s;
