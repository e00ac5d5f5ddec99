-- Customers, first slice: identity, names and preferred currency.
-- The *_key columns hold lower-cased copies computed by desk-domain: email_key carries
-- the case-insensitive uniqueness, the name keys the list order. The "C" collation
-- compares byte-wise, as SQLite does, so both stores sort alike whatever the server locale.
CREATE TABLE customers (
    id                 uuid NOT NULL PRIMARY KEY,
    email              text NOT NULL,
    email_key          text COLLATE "C" NOT NULL,
    first_name         text NOT NULL,
    first_name_key     text COLLATE "C" NOT NULL,
    last_name          text NOT NULL,
    last_name_key      text COLLATE "C" NOT NULL,
    preferred_currency char(3) NOT NULL,
    created_at         timestamptz NOT NULL,
    CONSTRAINT customers_email_unique UNIQUE (email_key)
);

-- Serves the keyset-paged list: (last name, first name, id) is both the order and the cursor.
CREATE INDEX customers_by_name ON customers (last_name_key, first_name_key, id);
