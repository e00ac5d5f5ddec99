-- A company's members (customers), their company roles, and its contact person, who
-- must be a member (seed 004). Company roles are sets of policies, each granted for
-- the member's own records or the whole company's; Member, Buyer and Company admin
-- are built in, administrators may add more.
CREATE TABLE company_roles (
    id         text NOT NULL PRIMARY KEY,
    built_in   text UNIQUE CHECK (built_in IN ('member', 'buyer', 'company_admin')),
    name       text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    name_key   text NOT NULL UNIQUE,
    created_at text NOT NULL
) STRICT;

CREATE TABLE company_role_grants (
    role_id text NOT NULL REFERENCES company_roles (id) ON DELETE CASCADE,
    policy  text NOT NULL CHECK (policy IN ('view_prices', 'view_orders', 'place_orders',
                                            'approve_orders', 'manage_members', 'manage_addresses')),
    reach   text NOT NULL CHECK (reach IN ('own', 'company')),
    PRIMARY KEY (role_id, policy)
) STRICT;

INSERT INTO company_roles (id, built_in, name, name_key, created_at) VALUES
    ('00000000-0000-7000-8000-000000000001', 'member', 'Member', 'member', '2026-11-23T00:00:00.000000Z'),
    ('00000000-0000-7000-8000-000000000002', 'buyer', 'Buyer', 'buyer', '2026-11-23T00:00:00.000000Z'),
    ('00000000-0000-7000-8000-000000000003', 'company_admin', 'Company admin', 'company admin', '2026-11-23T00:00:00.000000Z');
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
    company_id  text NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    customer_id text NOT NULL REFERENCES customers (id),
    active      integer NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    added_at    text NOT NULL,
    PRIMARY KEY (company_id, customer_id)
) STRICT;
-- A customer's companies.
CREATE INDEX company_members_by_customer ON company_members (customer_id);

CREATE TABLE company_member_roles (
    company_id  text NOT NULL,
    customer_id text NOT NULL,
    role_id     text NOT NULL REFERENCES company_roles (id),
    PRIMARY KEY (company_id, customer_id, role_id),
    FOREIGN KEY (company_id, customer_id)
        REFERENCES company_members (company_id, customer_id) ON DELETE CASCADE
) STRICT;

ALTER TABLE companies ADD COLUMN contact_customer_id text REFERENCES customers (id);

-- The contact person is a member: naming someone else is refused, and the member who
-- is the contact person is not removed (another is set first). SQLite cannot add the
-- composite foreign key Postgres has to an existing table, so triggers hold it.
CREATE TRIGGER companies_contact_is_member
    BEFORE UPDATE OF contact_customer_id ON companies
    WHEN NEW.contact_customer_id IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM company_members m
         WHERE m.company_id = NEW.id AND m.customer_id = NEW.contact_customer_id)
BEGIN
    SELECT RAISE(ABORT, 'the contact person must be a member of the company');
END;
CREATE TRIGGER company_members_contact_stays
    BEFORE DELETE ON company_members
    WHEN EXISTS (SELECT 1 FROM companies c
                  WHERE c.id = OLD.company_id AND c.contact_customer_id = OLD.customer_id)
BEGIN
    SELECT RAISE(ABORT, 'the contact person is removed only after another is set');
END;

-- The member list reads customers' basic information through this view (on Postgres
-- it is what a sales rep may read of their companies' members).
CREATE VIEW company_member_details AS
    SELECT m.company_id, m.customer_id, m.active, m.added_at,
           cu.first_name, cu.last_name, cu.email, cu.phone, cu.locale,
           cu.last_name_key, cu.first_name_key
      FROM company_members m
      JOIN customers cu ON cu.id = m.customer_id;
