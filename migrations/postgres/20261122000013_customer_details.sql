-- Customers at full depth (issue 10): every field of seeds 001 and 003, a version for
-- edits without lost updates, verification and activation, addresses and notes.
--
-- customer_ref is the customer ID people see (custom, or generated when left empty);
-- customer_number a random reference for external use that tells nothing about how
-- many customers exist. Rows are never deleted (erasure anonymises them; no role may
-- delete), so both stay reserved for good. The *_key columns hold sort keys computed by
-- desk-domain (ICU collation keys, hex) and compare byte-wise ("C") as on SQLite;
-- sort_keys_version says which computation made them, so the app can redo them.
ALTER TABLE customers
    ADD COLUMN customer_ref      text,
    ADD COLUMN customer_ref_key  text COLLATE "C",
    ADD COLUMN customer_number   text,
    ADD COLUMN salutation        text CHECK (salutation IN ('mr', 'mrs', 'ms', 'mx', 'dr')),
    ADD COLUMN gender            text CHECK (gender IN ('female', 'male', 'diverse')),
    ADD COLUMN date_of_birth     date,
    ADD COLUMN phone             text CHECK (phone ~ '^\+[1-9][0-9]{1,14}$'),
    ADD COLUMN phone_digits      text COLLATE "C",
    ADD COLUMN company           text CHECK (length(company) BETWEEN 1 AND 200),
    ADD COLUMN company_key       text COLLATE "C",
    ADD COLUMN locale            text REFERENCES locales (tag),
    ADD COLUMN preferred_site    text REFERENCES sites (code),
    ADD COLUMN restriction       text REFERENCES sites (code),
    ADD COLUMN active            boolean NOT NULL DEFAULT true,
    ADD COLUMN on_hold           boolean NOT NULL DEFAULT false,
    ADD COLUMN verified_at       timestamptz,
    ADD COLUMN registered_at     timestamptz,
    ADD COLUMN last_login_at     timestamptz,
    ADD COLUMN updated_at        timestamptz,
    ADD COLUMN erased_at         timestamptz,
    ADD COLUMN version           bigint NOT NULL DEFAULT 1 CHECK (version >= 1),
    ADD COLUMN sort_keys_version integer NOT NULL DEFAULT 0;

-- Customers from before this migration get generated references; their sort keys are
-- redone by the app (sort_keys_version 0). The backfill is upkeep, not anyone's
-- change, and the deferred audit trigger's pending events would make the ALTER TABLE
-- below fail: it is off for these two statements.
ALTER TABLE customers DISABLE TRIGGER customers_audit_direct_write;
UPDATE customers
   SET customer_ref = 'C-' || upper(substr(md5(random()::text || id::text), 1, 10)),
       customer_number = (1000000000 + floor(random() * 9000000000))::bigint::text,
       updated_at = created_at;
UPDATE customers SET customer_ref_key = lower(customer_ref);
ALTER TABLE customers ENABLE TRIGGER customers_audit_direct_write;
ALTER TABLE customers
    ALTER COLUMN customer_ref SET NOT NULL,
    ALTER COLUMN customer_ref_key SET NOT NULL,
    ALTER COLUMN customer_number SET NOT NULL,
    ALTER COLUMN updated_at SET NOT NULL,
    ADD CONSTRAINT customers_ref_unique UNIQUE (customer_ref_key),
    ADD CONSTRAINT customers_number_unique UNIQUE (customer_number),
    ADD CONSTRAINT customers_ref_shape CHECK (customer_ref ~ '^[A-Za-z0-9._-]{1,64}$'),
    ADD CONSTRAINT customers_number_shape CHECK (customer_number ~ '^[0-9]{10}$');

-- Only the hash of an initial password is kept, apart from the record staff read:
-- staff may set one when adding a customer, and nobody on staff reads it back.
CREATE TABLE customer_passwords (
    customer_id   uuid NOT NULL PRIMARY KEY REFERENCES customers (id),
    password_hash text NOT NULL,
    set_at        timestamptz NOT NULL
);

CREATE TABLE customer_addresses (
    id                  uuid NOT NULL PRIMARY KEY,
    customer_id         uuid NOT NULL REFERENCES customers (id),
    address_ref         text NOT NULL CHECK (address_ref ~ '^[A-Za-z0-9._-]{1,64}$'),
    address_ref_key     text COLLATE "C" NOT NULL,
    salutation          text CHECK (salutation IN ('mr', 'mrs', 'ms', 'mx', 'dr')),
    first_name          text NOT NULL,
    last_name           text NOT NULL,
    company             text,
    line1               text NOT NULL,
    line2               text,
    line3               text,
    city                text NOT NULL,
    postal_code         text,
    region              text,
    country             text NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
    phone               text CHECK (phone ~ '^\+[1-9][0-9]{1,14}$'),
    comment             text,
    tags                text NOT NULL DEFAULT '',
    is_default_billing  boolean NOT NULL DEFAULT false,
    is_default_shipping boolean NOT NULL DEFAULT false,
    version             bigint NOT NULL DEFAULT 1 CHECK (version >= 1),
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL,
    CONSTRAINT customer_addresses_ref_unique UNIQUE (customer_id, address_ref_key)
);
CREATE UNIQUE INDEX customer_addresses_one_billing
    ON customer_addresses (customer_id) WHERE is_default_billing;
CREATE UNIQUE INDEX customer_addresses_one_shipping
    ON customer_addresses (customer_id) WHERE is_default_shipping;

CREATE TABLE customer_notes (
    id          uuid NOT NULL PRIMARY KEY,
    customer_id uuid NOT NULL REFERENCES customers (id),
    body        text NOT NULL CHECK (length(body) BETWEEN 1 AND 5000),
    author_id   uuid REFERENCES staff (id),
    author_name text NOT NULL,
    created_at  timestamptz NOT NULL
);
CREATE INDEX customer_notes_newest_first ON customer_notes (customer_id, created_at DESC, id DESC);

-- A note written by a staff login names that login's staff member and the database's
-- time, whatever the writer claimed (as audit entries do).
CREATE FUNCTION customer_notes_stamp() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp
    AS $$
DECLARE
    who record;
BEGIN
    IF public.desk_session_is_owner() THEN
        RETURN NEW;
    END IF;
    SELECT id, display_name INTO who FROM public.staff WHERE db_login = session_user;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'only staff logins write customer notes' USING ERRCODE = '42501';
    END IF;
    NEW.author_id := who.id;
    NEW.author_name := who.display_name;
    NEW.created_at := now();
    RETURN NEW;
END
$$;
CREATE TRIGGER customer_notes_stamp BEFORE INSERT ON customer_notes
    FOR EACH ROW EXECUTE FUNCTION customer_notes_stamp();

-- Redeeming a customer's verification link (desk_redeem_link, or the app) makes them
-- Verified, whoever redeems it.
CREATE FUNCTION customers_verified_by_link() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp
    AS $$
BEGIN
    -- A record id that is no customer's (not even a UUID) opens nothing.
    IF NEW.record_id ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN
        UPDATE public.customers SET verified_at = NEW.used_at
         WHERE id = NEW.record_id::uuid AND verified_at IS NULL;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER customers_verified_by_link AFTER UPDATE OF used_at ON link_tokens
    FOR EACH ROW
    WHEN (NEW.used_at IS NOT NULL AND OLD.used_at IS NULL
          AND NEW.purpose = 'verification' AND NEW.record_type = 'customer')
    EXECUTE FUNCTION customers_verified_by_link();

CREATE CONSTRAINT TRIGGER customer_passwords_audit_direct_write AFTER INSERT OR UPDATE OR DELETE ON customer_passwords
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION audit_direct_write('customer', 'customer_id');
CREATE CONSTRAINT TRIGGER customer_addresses_audit_direct_write AFTER INSERT OR UPDATE OR DELETE ON customer_addresses
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION audit_direct_write('customer', 'customer_id');
CREATE CONSTRAINT TRIGGER customer_notes_audit_direct_write AFTER INSERT OR UPDATE OR DELETE ON customer_notes
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION audit_direct_write('customer', 'customer_id');

-- Who may do what: the customer grants of migration 3, extended to the new tables.
-- Administrators and support agents add and change addresses and write notes (notes
-- are never changed or removed: they are a record); reviewers read; nobody reads a
-- customer's password hash back.
REVOKE ALL ON customer_passwords, customer_addresses, customer_notes FROM PUBLIC;
DO $$
DECLARE
    administrator text := desk_role('administrator');
    support_agent text := desk_role('support_agent');
    reviewer      text := desk_role('reviewer');
BEGIN
    EXECUTE format('GRANT INSERT ON customer_passwords TO %I, %I', administrator, support_agent);
    EXECUTE format('GRANT SELECT ON customer_addresses, customer_notes TO %I, %I, %I',
                   administrator, support_agent, reviewer);
    EXECUTE format('GRANT INSERT, UPDATE, DELETE ON customer_addresses TO %I, %I',
                   administrator, support_agent);
    EXECUTE format('GRANT INSERT ON customer_notes TO %I, %I', administrator, support_agent);
END
$$;
