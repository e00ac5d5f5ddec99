-- The customer list at a million rows (issue 10): an index per sortable column, so
-- every sort pages by keyset without sorting the table; the line search as you type
-- looks in (search_text, folded by desk-domain) with a trigram index over it; and a
-- record of the upkeep done on the store, so a migration does not redo it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Filled by the app from the names, email, company, phone and IDs (desk-domain's
-- search_text); rows from before this migration are filled by the sort-key upkeep.
ALTER TABLE customers ADD COLUMN search_text text NOT NULL DEFAULT '';

CREATE INDEX customers_by_first_name ON customers (first_name_key, last_name_key, id);
-- Customers without a company sort after every key (hex digits are below '~').
CREATE INDEX customers_by_company
    ON customers ((coalesce(company_key, '~')), last_name_key, first_name_key, id);
CREATE INDEX customers_by_created ON customers (created_at, id);
CREATE INDEX customers_search ON customers USING gin (search_text gin_trgm_ops);

-- Erasure leaves nothing personal to find the customer by: only the placeholder
-- name, the erased address, the customer ID and number (as desk-domain builds it).
CREATE FUNCTION customers_erased_search_text() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_text := 'erased customer|' || NEW.email_key || '|' || lower(NEW.customer_ref)
        || '|' || NEW.customer_number;
    RETURN NEW;
END;
$$;
CREATE TRIGGER customers_erased_search_text BEFORE UPDATE ON customers
    FOR EACH ROW WHEN (NEW.erased_at IS NOT NULL)
    EXECUTE FUNCTION customers_erased_search_text();

-- The search line is derived like the sort keys: a change to it alone is upkeep,
-- not a direct write to record.
CREATE OR REPLACE FUNCTION audit_direct_write() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp
    AS $$
DECLARE
    kind      text := TG_ARGV[0];
    row_new   jsonb := CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END;
    row_old   jsonb := CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END;
    record_id text := coalesce(row_new, row_old) ->> TG_ARGV[1];
    changes   jsonb;
BEGIN
    IF EXISTS (SELECT 1 FROM public.audit_erasures e WHERE e.txid = txid_current()) THEN
        RETURN NULL;
    END IF;
    IF public.desk_session_is_owner() AND EXISTS (
        SELECT 1 FROM public.audit_log a
         WHERE a.txid = txid_current() AND a.entity_type = kind AND a.entity_id = record_id) THEN
        RETURN NULL;
    END IF;
    SELECT coalesce(jsonb_agg(jsonb_build_object(
               'field', k.key, 'old', row_old -> k.key #>> '{}', 'new', row_new -> k.key #>> '{}')
               ORDER BY k.key), '[]'::jsonb)
      INTO changes
      FROM jsonb_object_keys(coalesce(row_new, row_old)) AS k(key)
     WHERE k.key NOT IN ('password_hash', 'search_text')
       AND (row_old -> k.key) IS DISTINCT FROM (row_new -> k.key);
    IF TG_OP = 'UPDATE' AND NOT EXISTS (
        SELECT 1 FROM jsonb_array_elements(changes) AS c(change)
         WHERE c.change ->> 'field' NOT IN ('failed_sign_ins', 'locked_until', 'last_sign_in_at',
                                            'first_name_key', 'last_name_key', 'company_key',
                                            'sort_keys_version')) THEN
        RETURN NULL;
    END IF;
    INSERT INTO public.audit_log (id, at, actor_id, actor_email, action, entity_type, entity_id, changes)
    VALUES (public.desk_uuid_v7(), now(), NULL, session_user, 'record.changed_directly', kind, record_id,
            jsonb_build_array(jsonb_build_object('field', 'operation', 'old', NULL, 'new', lower(TG_OP)))
            || changes);
    RETURN NULL;
END
$$;

-- Upkeep the migrating session did on the whole store, by task, with the version of
-- the computation it used (e.g. 'customer_sort_keys' and SORT_KEYS_VERSION). Only
-- the owner, who migrates, reads and writes it.
CREATE TABLE store_upkeep (
    task    text NOT NULL PRIMARY KEY,
    version integer NOT NULL
);
REVOKE ALL ON store_upkeep FROM PUBLIC;

-- The direct-write trigger asks, per row written, whether the app wrote an entry
-- about it in this transaction: a bulk action on 10,000 customers asks 10,000 times
-- within 10,000 entries of one transaction.
CREATE INDEX audit_log_by_txid_entity ON audit_log (txid, entity_id);
