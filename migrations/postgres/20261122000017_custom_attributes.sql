-- Custom attributes (seed 003's mixins): typed fields administrators define for
-- customers. Definitions in their own table; each customer's values as one JSON object
-- by attribute code, so a value changes with the customer's version and history like
-- any other field. Erasing a customer clears them too.
CREATE TABLE customer_attributes (
    code         text NOT NULL PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{0,39}$'),
    label        text NOT NULL CHECK (length(label) BETWEEN 1 AND 100),
    other_labels jsonb NOT NULL DEFAULT '[]',
    kind         text NOT NULL CHECK (kind IN ('text', 'number', 'date', 'boolean', 'choice')),
    required     boolean NOT NULL DEFAULT false,
    choices      jsonb NOT NULL DEFAULT '[]',
    position     integer NOT NULL,
    created_at   timestamptz NOT NULL
);

ALTER TABLE customers ADD COLUMN custom_attributes jsonb NOT NULL DEFAULT '{}'
    CHECK (jsonb_typeof(custom_attributes) = 'object');

CREATE CONSTRAINT TRIGGER customer_attributes_audit_direct_write
    AFTER INSERT OR UPDATE OR DELETE ON customer_attributes
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION audit_direct_write('settings', 'code');

REVOKE ALL ON customer_attributes FROM PUBLIC;
DO $$
BEGIN
    -- Everyone reads the definitions (the customer form shows them); administrators
    -- define them. Definitions are not removed (customers' values refer to them).
    EXECUTE format('GRANT SELECT ON customer_attributes TO %I', desk_role('staff'));
    EXECUTE format('GRANT INSERT, UPDATE ON customer_attributes TO %I', desk_role('administrator'));
END
$$;

-- Erasure clears custom attribute values too (they may be personal).
CREATE OR REPLACE FUNCTION desk_erase_customer(customer uuid, first_name_key text, last_name_key text,
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
           custom_attributes = '{}',
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
