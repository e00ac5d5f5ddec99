-- The store's currencies and locales (one default each), its sites, what new customers
-- start as, and what storefront visitors who are not signed in may not see. A new
-- store starts with EUR, en, a site "default" without a URL, active customers not on
-- hold, and everything hidden from visitors.
CREATE TABLE currencies (
    code       text NOT NULL PRIMARY KEY CHECK (code ~ '^[A-Z]{3}$'),
    is_default boolean NOT NULL DEFAULT false
);
CREATE UNIQUE INDEX currencies_one_default ON currencies (is_default) WHERE is_default;
INSERT INTO currencies (code, is_default) VALUES ('EUR', true);

CREATE TABLE locales (
    tag        text NOT NULL PRIMARY KEY CHECK (length(tag) BETWEEN 2 AND 64),
    is_default boolean NOT NULL DEFAULT false
);
CREATE UNIQUE INDEX locales_one_default ON locales (is_default) WHERE is_default;
INSERT INTO locales (tag, is_default) VALUES ('en', true);

CREATE TABLE sites (
    code             text NOT NULL PRIMARY KEY CHECK (code ~ '^[a-z0-9]([a-z0-9-]{0,30}[a-z0-9])?$'),
    name             text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    -- https, or http to this computer for testing (the app checks the host too).
    storefront_url   text CHECK (storefront_url ~ '^https?://'),
    default_currency text NOT NULL REFERENCES currencies (code),
    default_locale   text NOT NULL REFERENCES locales (tag),
    assisted_buying  boolean NOT NULL DEFAULT false
);
INSERT INTO sites (code, name, default_currency, default_locale) VALUES ('default', 'Default', 'EUR', 'en');

ALTER TABLE store_settings
    ADD COLUMN customer_active_on_creation  boolean NOT NULL DEFAULT true,
    ADD COLUMN customer_on_hold_on_creation boolean NOT NULL DEFAULT false;

CREATE TABLE customer_access (
    content text NOT NULL PRIMARY KEY
        CHECK (content IN ('price', 'add_to_cart', 'place_order', 'wishlist', 'shopping_list')),
    hidden  boolean NOT NULL DEFAULT true
);
INSERT INTO customer_access (content) VALUES
    ('price'), ('add_to_cart'), ('place_order'), ('wishlist'), ('shopping_list');

-- Changes by staff logins are recorded by the database, like every other setting.
CREATE CONSTRAINT TRIGGER currencies_audit_direct_write AFTER INSERT OR UPDATE OR DELETE ON currencies
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION audit_direct_write('settings', 'code');
CREATE CONSTRAINT TRIGGER locales_audit_direct_write AFTER INSERT OR UPDATE OR DELETE ON locales
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION audit_direct_write('settings', 'tag');
CREATE CONSTRAINT TRIGGER sites_audit_direct_write AFTER INSERT OR UPDATE OR DELETE ON sites
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION audit_direct_write('site', 'code');
CREATE CONSTRAINT TRIGGER customer_access_audit_direct_write AFTER INSERT OR UPDATE OR DELETE ON customer_access
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION audit_direct_write('settings', 'content');

-- Every staff member reads them (forms offer the enabled currencies and locales, links
-- use the sites' URLs); administrators change them. Storefronts read sites, lists and
-- customer access through the desk_storefront role (docs/storefront-contract.md).
REVOKE ALL ON currencies, locales, sites, customer_access FROM PUBLIC;
DO $$
DECLARE
    storefront text := desk_role('storefront');
BEGIN
    -- The store's prefix was chosen free of other stores' roles, so this name is ours.
    EXECUTE format('CREATE ROLE %I NOLOGIN', storefront);
    EXECUTE format('GRANT SELECT ON currencies, locales, sites, customer_access TO %I, %I',
                   desk_role('staff'), storefront);
    -- Sites are never deleted (customers and links refer to them); the kinds of
    -- customer access are fixed rows.
    EXECUTE format('GRANT INSERT, UPDATE, DELETE ON currencies, locales TO %I',
                   desk_role('administrator'));
    EXECUTE format('GRANT INSERT, UPDATE ON sites, customer_access TO %I',
                   desk_role('administrator'));
    EXECUTE format('GRANT UPDATE (customer_active_on_creation, customer_on_hold_on_creation) '
                   'ON store_settings TO %I', desk_role('administrator'));
    EXECUTE format('GRANT USAGE ON SCHEMA public TO %I', storefront);
END
$$;
