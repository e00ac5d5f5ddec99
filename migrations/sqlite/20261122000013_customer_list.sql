-- The customer list at a million rows (issue 10): an index per sortable column, so
-- every sort pages by keyset without sorting the table; the line search as you type
-- looks in (search_text, folded by desk-domain) with a trigram index over it; and a
-- record of the upkeep done on the store, so opening it does not look at every row.

-- Filled by the app from the names, email, company, phone and IDs (desk-domain's
-- search_text); rows from before this migration are filled by the sort-key upkeep.
ALTER TABLE customers ADD COLUMN search_text text NOT NULL DEFAULT '';

CREATE INDEX customers_by_first_name ON customers (first_name_key, last_name_key, id);
-- Customers without a company sort after every key (hex digits are below '~').
CREATE INDEX customers_by_company
    ON customers (coalesce(company_key, '~'), last_name_key, first_name_key, id);
CREATE INDEX customers_by_created ON customers (created_at, id);
-- Email and customer ID sort by their unique keys' own indexes.

-- Trigram index over customers.search_text (external content: the text is stored
-- once, in customers). Rows are matched by rowid, which SQLite keeps for a table
-- without an INTEGER PRIMARY KEY except across VACUUM; the store never runs VACUUM,
-- and after one `INSERT INTO customer_search(customer_search) VALUES ('rebuild')`
-- restores the index.
CREATE VIRTUAL TABLE customer_search USING fts5(
    search_text, content = 'customers', tokenize = 'trigram'
);
INSERT INTO customer_search (customer_search) VALUES ('rebuild');

CREATE TRIGGER customer_search_after_insert AFTER INSERT ON customers BEGIN
    INSERT INTO customer_search (rowid, search_text) VALUES (NEW.rowid, NEW.search_text);
END;

CREATE TRIGGER customer_search_after_update AFTER UPDATE OF search_text ON customers BEGIN
    INSERT INTO customer_search (customer_search, rowid, search_text)
        VALUES ('delete', OLD.rowid, OLD.search_text);
    INSERT INTO customer_search (rowid, search_text) VALUES (NEW.rowid, NEW.search_text);
END;

-- Customers are never deleted (erasure anonymises), but a deleted row must not stay
-- findable.
CREATE TRIGGER customer_search_after_delete AFTER DELETE ON customers BEGIN
    INSERT INTO customer_search (customer_search, rowid, search_text)
        VALUES ('delete', OLD.rowid, OLD.search_text);
END;

-- Upkeep the app did on the whole store, by task, with the version of the
-- computation it used (e.g. 'customer_sort_keys' and desk-domain's SORT_KEYS_VERSION).
CREATE TABLE store_upkeep (
    task    text NOT NULL PRIMARY KEY,
    version integer NOT NULL
) STRICT;
