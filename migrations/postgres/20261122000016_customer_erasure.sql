-- Erasure (GDPR): deleting a customer anonymises their personal data, keeps their
-- customer ID reserved and the audit trail, with the personal values in past entries
-- redacted. A staff login erases through desk_erase_customer; the audit log stays
-- append-only for everything else: a redaction is allowed only inside the erasing
-- transaction, only of that customer's entries, and only of their `changes`.
CREATE TABLE audit_erasures (
    entity_id text NOT NULL,
    txid      bigint NOT NULL DEFAULT txid_current(),
    PRIMARY KEY (entity_id, txid)
);
REVOKE ALL ON audit_erasures FROM PUBLIC;

CREATE OR REPLACE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE'
       AND OLD.entity_type = 'customer'
       AND EXISTS (SELECT 1 FROM public.audit_erasures e
                    WHERE e.entity_id = OLD.entity_id AND e.txid = txid_current())
       AND (NEW.id, NEW.at, NEW.actor_email, NEW.action, NEW.entity_type, NEW.entity_id, NEW.txid)
           = (OLD.id, OLD.at, OLD.actor_email, OLD.action, OLD.entity_type, OLD.entity_id, OLD.txid)
       AND NEW.actor_id IS NOT DISTINCT FROM OLD.actor_id THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'the audit log is append-only';
END;
$$;

-- The erasing transaction's own changes are told by the app's "Customer erased"
-- entry; recording them as direct writes would copy the very values being erased.
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
     WHERE k.key <> 'password_hash'
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

-- Erases customer `customer`: the record keeps its id, customer ID and number and
-- what is not personal (currency, sites, flags); names become the given placeholder
-- with its sort keys (computed by the app); addresses, notes and an initial password
-- go; unused links expire; messages to them are emptied (and cancelled when not sent);
-- the values in their audit entries are redacted, apart from the kept fields.
CREATE FUNCTION desk_erase_customer(customer uuid, first_name_key text, last_name_key text,
                                    at timestamptz)
    RETURNS boolean
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp
    AS $$
#variable_conflict use_variable
DECLARE
    kept text[] := ARRAY['customer_ref', 'customer_number', 'preferred_currency',
                         'preferred_site', 'restriction', 'active', 'on_hold', 'verified',
                         'password', 'operation', 'Default billing address',
                         'Default shipping address'];
BEGIN
    UPDATE public.customers c
       SET email = 'erased-' || c.id || '@erased.invalid',
           email_key = 'erased-' || c.id || '@erased.invalid',
           first_name = 'Erased', first_name_key = first_name_key,
           last_name = 'customer', last_name_key = last_name_key,
           salutation = NULL, gender = NULL, date_of_birth = NULL, phone = NULL,
           phone_digits = NULL, company = NULL, company_key = NULL, locale = NULL,
           active = false, erased_at = at, updated_at = at, version = c.version + 1
     WHERE c.id = customer AND c.erased_at IS NULL;
    IF NOT FOUND THEN
        RETURN false;
    END IF;
    INSERT INTO public.audit_erasures (entity_id) VALUES (customer::text);
    DELETE FROM public.customer_addresses WHERE customer_id = customer;
    DELETE FROM public.customer_notes WHERE customer_id = customer;
    DELETE FROM public.customer_passwords WHERE customer_id = customer;
    UPDATE public.link_tokens SET expires_at = least(expires_at, now())
     WHERE record_type = 'customer' AND record_id = customer::text AND used_at IS NULL;
    UPDATE public.outbox
       SET recipient = 'erased@erased.invalid', subject = '[erased]', body_text = '[erased]',
           body_html = '[erased]', redacted_text = NULL, redacted_html = NULL,
           status = CASE WHEN status IN ('queued', 'failed') THEN 'cancelled' ELSE status END
     WHERE related_type = 'customer' AND related_id = customer::text;
    UPDATE public.audit_log a
       SET changes = (
           SELECT coalesce(jsonb_agg(
                      CASE WHEN x.c ->> 'field' = ANY (kept) THEN x.c
                           ELSE jsonb_build_object(
                               'field', x.c -> 'field',
                               'old', CASE WHEN x.c ->> 'old' IS NULL THEN NULL ELSE to_jsonb('[erased]'::text) END,
                               'new', CASE WHEN x.c ->> 'new' IS NULL THEN NULL ELSE to_jsonb('[erased]'::text) END)
                      END ORDER BY x.ord), '[]'::jsonb)
             FROM jsonb_array_elements(a.changes) WITH ORDINALITY AS x(c, ord))
     WHERE a.entity_type = 'customer' AND a.entity_id = customer::text;
    RETURN true;
END
$$;

REVOKE ALL ON FUNCTION desk_erase_customer(uuid, text, text, timestamptz) FROM PUBLIC;
DO $$
BEGIN
    EXECUTE format('GRANT EXECUTE ON FUNCTION desk_erase_customer(uuid, text, text, timestamptz) '
                   'TO %I, %I', desk_role('administrator'), desk_role('support_agent'));
END
$$;
