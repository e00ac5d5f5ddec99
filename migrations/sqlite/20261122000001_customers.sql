-- Customers, first slice: identity, names and preferred currency.
-- The *_key columns hold lower-cased copies computed by desk-domain: email_key carries
-- the case-insensitive uniqueness, the name keys the list order. SQLite's BINARY
-- collation and Postgres' "C" collation compare them byte-wise, so both stores sort alike.
CREATE TABLE customers (
    id                 TEXT NOT NULL PRIMARY KEY,
    email              TEXT NOT NULL,
    email_key          TEXT NOT NULL,
    first_name         TEXT NOT NULL,
    first_name_key     TEXT NOT NULL,
    last_name          TEXT NOT NULL,
    last_name_key      TEXT NOT NULL,
    preferred_currency TEXT NOT NULL CHECK (length(preferred_currency) = 3),
    created_at         TEXT NOT NULL,
    CONSTRAINT customers_email_unique UNIQUE (email_key)
) STRICT;

-- Serves the keyset-paged list: (last name, first name, id) is both the order and the cursor.
CREATE INDEX customers_by_name ON customers (last_name_key, first_name_key, id);
