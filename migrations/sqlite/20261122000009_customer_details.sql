-- Customers at full depth (issue 10): every field of seeds 001 and 003, a version for
-- edits without lost updates, verification and activation, addresses and notes.
--
-- customer_ref is the customer ID people see (custom, or generated when left empty);
-- customer_number a random reference for external use that tells nothing about how
-- many customers exist. Rows are never deleted (erasure anonymises them), so both stay
-- reserved for good. The *_key columns hold sort keys computed by desk-domain (ICU
-- collation keys, hex) and are compared byte-wise on both backends; sort_keys_version
-- says which computation made them, so the app can redo them when it changes.
ALTER TABLE customers ADD COLUMN customer_ref text NOT NULL DEFAULT '';
ALTER TABLE customers ADD COLUMN customer_ref_key text NOT NULL DEFAULT '';
ALTER TABLE customers ADD COLUMN customer_number text NOT NULL DEFAULT '';
ALTER TABLE customers ADD COLUMN salutation text
    CHECK (salutation IN ('mr', 'mrs', 'ms', 'mx', 'dr'));
ALTER TABLE customers ADD COLUMN gender text CHECK (gender IN ('female', 'male', 'diverse'));
ALTER TABLE customers ADD COLUMN date_of_birth text;
ALTER TABLE customers ADD COLUMN phone text CHECK (phone GLOB '+[1-9]*');
ALTER TABLE customers ADD COLUMN phone_digits text;
ALTER TABLE customers ADD COLUMN company text;
ALTER TABLE customers ADD COLUMN company_key text;
ALTER TABLE customers ADD COLUMN locale text REFERENCES locales (tag);
ALTER TABLE customers ADD COLUMN preferred_site text REFERENCES sites (code);
ALTER TABLE customers ADD COLUMN restriction text REFERENCES sites (code);
ALTER TABLE customers ADD COLUMN active integer NOT NULL DEFAULT 1 CHECK (active IN (0, 1));
ALTER TABLE customers ADD COLUMN on_hold integer NOT NULL DEFAULT 0 CHECK (on_hold IN (0, 1));
ALTER TABLE customers ADD COLUMN verified_at text;
ALTER TABLE customers ADD COLUMN registered_at text;
ALTER TABLE customers ADD COLUMN last_login_at text;
ALTER TABLE customers ADD COLUMN updated_at text;
ALTER TABLE customers ADD COLUMN erased_at text;
ALTER TABLE customers ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version >= 1);
ALTER TABLE customers ADD COLUMN sort_keys_version integer NOT NULL DEFAULT 0;

-- Customers from before this migration get generated references; their sort keys are
-- redone by the app (sort_keys_version 0).
UPDATE customers
   SET customer_ref = 'C-' || upper(hex(randomblob(5))),
       customer_number = printf('%010d', 1000000000 + abs(random()) % 9000000000),
       updated_at = created_at;
UPDATE customers SET customer_ref_key = lower(customer_ref);

CREATE UNIQUE INDEX customers_ref_unique ON customers (customer_ref_key);
CREATE UNIQUE INDEX customers_number_unique ON customers (customer_number);

-- Only the hash of an initial password is kept, apart from the record staff read.
CREATE TABLE customer_passwords (
    customer_id   text NOT NULL PRIMARY KEY REFERENCES customers (id),
    password_hash text NOT NULL,
    set_at        text NOT NULL
) STRICT;

CREATE TABLE customer_addresses (
    id                  text NOT NULL PRIMARY KEY,
    customer_id         text NOT NULL REFERENCES customers (id),
    address_ref         text NOT NULL,
    address_ref_key     text NOT NULL,
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
    country             text NOT NULL CHECK (length(country) = 2),
    phone               text,
    comment             text,
    tags                text NOT NULL DEFAULT '',
    is_default_billing  integer NOT NULL DEFAULT 0 CHECK (is_default_billing IN (0, 1)),
    is_default_shipping integer NOT NULL DEFAULT 0 CHECK (is_default_shipping IN (0, 1)),
    version             integer NOT NULL DEFAULT 1 CHECK (version >= 1),
    created_at          text NOT NULL,
    updated_at          text NOT NULL
) STRICT;
CREATE UNIQUE INDEX customer_addresses_ref_unique ON customer_addresses (customer_id, address_ref_key);
CREATE UNIQUE INDEX customer_addresses_one_billing
    ON customer_addresses (customer_id) WHERE is_default_billing = 1;
CREATE UNIQUE INDEX customer_addresses_one_shipping
    ON customer_addresses (customer_id) WHERE is_default_shipping = 1;

CREATE TABLE customer_notes (
    id          text NOT NULL PRIMARY KEY,
    customer_id text NOT NULL REFERENCES customers (id),
    body        text NOT NULL CHECK (length(body) BETWEEN 1 AND 5000),
    author_id   text REFERENCES staff (id),
    author_name text NOT NULL,
    created_at  text NOT NULL
) STRICT;
CREATE INDEX customer_notes_newest_first ON customer_notes (customer_id, created_at DESC, id DESC);

-- Redeeming a customer's verification link makes them Verified, whoever redeems it.
CREATE TRIGGER customers_verified_by_link AFTER UPDATE OF used_at ON link_tokens
    WHEN NEW.used_at IS NOT NULL AND OLD.used_at IS NULL
     AND NEW.purpose = 'verification' AND NEW.record_type = 'customer'
BEGIN
    UPDATE customers SET verified_at = NEW.used_at
     WHERE id = NEW.record_id AND verified_at IS NULL;
END;
