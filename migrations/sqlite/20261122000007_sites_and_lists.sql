-- The store's currencies and locales (one default each), its sites, what new customers
-- start as, and what storefront visitors who are not signed in may not see. A new
-- store starts with EUR, en, a site "default" without a URL, active customers not on
-- hold, and everything hidden from visitors.
CREATE TABLE currencies (
    code       text NOT NULL PRIMARY KEY,
    is_default integer NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1))
);
CREATE UNIQUE INDEX currencies_one_default ON currencies (is_default) WHERE is_default = 1;
INSERT INTO currencies (code, is_default) VALUES ('EUR', 1);

CREATE TABLE locales (
    tag        text NOT NULL PRIMARY KEY,
    is_default integer NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1))
);
CREATE UNIQUE INDEX locales_one_default ON locales (is_default) WHERE is_default = 1;
INSERT INTO locales (tag, is_default) VALUES ('en', 1);

CREATE TABLE sites (
    code             text NOT NULL PRIMARY KEY
        CHECK (length(code) BETWEEN 1 AND 32 AND code NOT GLOB '*[^a-z0-9-]*'),
    name             text NOT NULL,
    storefront_url   text,
    default_currency text NOT NULL REFERENCES currencies (code),
    default_locale   text NOT NULL REFERENCES locales (tag),
    assisted_buying  integer NOT NULL DEFAULT 0 CHECK (assisted_buying IN (0, 1))
);
INSERT INTO sites (code, name, default_currency, default_locale) VALUES ('default', 'Default', 'EUR', 'en');

ALTER TABLE store_settings ADD COLUMN customer_active_on_creation integer NOT NULL DEFAULT 1;
ALTER TABLE store_settings ADD COLUMN customer_on_hold_on_creation integer NOT NULL DEFAULT 0;

CREATE TABLE customer_access (
    content text NOT NULL PRIMARY KEY
        CHECK (content IN ('price', 'add_to_cart', 'place_order', 'wishlist', 'shopping_list')),
    hidden  integer NOT NULL DEFAULT 1 CHECK (hidden IN (0, 1))
);
INSERT INTO customer_access (content) VALUES
    ('price'), ('add_to_cart'), ('place_order'), ('wishlist'), ('shopping_list');
