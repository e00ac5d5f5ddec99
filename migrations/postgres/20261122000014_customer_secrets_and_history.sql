-- Review of issue 10's first part:
-- * the sort-key refresh (and any change of sort keys alone) is upkeep, not a change
--   anyone made: the audit trigger no longer records it;
-- * an initial password can only be set in the transaction that adds its customer
--   (before, a staff login could plant a hash on any customer who had none);
-- * a customer's unused links can be voided (when their email address changes), and
--   voiding never verifies anyone;
-- * an email's secrets (an initial password, a link's token) are kept out of what
--   staff read: the outbox keeps a redacted copy of each body, and once a message is
--   sent or cancelled its bodies are replaced by that copy;
-- * everyone who may view customers reads a customer's history through one function,
--   while the audit log itself stays the administrators'.

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
    -- Sign-in bookkeeping is told by the sign-in events; sort keys are upkeep.
    IF TG_OP = 'UPDATE' AND NOT EXISTS (
        SELECT 1 FROM jsonb_array_elements(changes) AS c(change)
         WHERE c.change ->> 'field' NOT IN ('failed_sign_ins', 'locked_until', 'last_sign_in_at',
                                            'first_name_key', 'last_name_key', 'company_key',
                                            'sort_keys_version')) THEN
        RETURN NULL;
    END IF;
    INSERT INTO public.audit_log (id, at, actor_id, actor_email, action, entity_type, entity_id, changes)
    VALUES (gen_random_uuid(), now(), NULL, session_user, 'record.changed_directly', kind, record_id,
            jsonb_build_array(jsonb_build_object('field', 'operation', 'old', NULL, 'new', lower(TG_OP)))
            || changes);
    RETURN NULL;
END
$$;

-- Initial passwords: only for a customer added in this very transaction, once.
CREATE FUNCTION desk_set_initial_password(customer uuid, hash text, at timestamptz)
    RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp
    AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM public.customers c
                    WHERE c.id = customer AND c.xmin = pg_current_xact_id()::xid) THEN
        RAISE EXCEPTION 'an initial password is set only with the customer it is for'
            USING ERRCODE = '42501';
    END IF;
    INSERT INTO public.customer_passwords (customer_id, password_hash, set_at)
    VALUES (customer, hash, at);
END
$$;

-- Voids a customer's unused links: they expire now (never "used", which would verify).
CREATE FUNCTION desk_void_customer_links(customer uuid) RETURNS void
    LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp
    AS $$
        UPDATE public.link_tokens SET expires_at = least(expires_at, now())
         WHERE record_type = 'customer' AND record_id = customer::text AND used_at IS NULL
    $$;

CREATE FUNCTION desk_customer_history(customer text, before uuid, page_size integer)
    RETURNS SETOF audit_log
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp
    AS $$
        SELECT a.* FROM public.audit_log a
         WHERE a.entity_type = 'customer' AND a.entity_id = customer
           AND (before IS NULL OR a.id < before)
         ORDER BY a.id DESC
         LIMIT least(greatest(page_size, 1), 200)
    $$;

ALTER TABLE outbox
    ADD COLUMN redacted_text text,
    ADD COLUMN redacted_html text;

-- Once a message went out (or will not), nobody needs its secrets any more.
CREATE FUNCTION outbox_scrub_secrets() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.status IN ('sent', 'cancelled') AND NEW.redacted_text IS NOT NULL THEN
        NEW.body_text := NEW.redacted_text;
        NEW.body_html := NEW.redacted_html;
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER outbox_scrub_secrets BEFORE UPDATE OF status ON outbox
    FOR EACH ROW EXECUTE FUNCTION outbox_scrub_secrets();

REVOKE ALL ON FUNCTION desk_set_initial_password(uuid, text, timestamptz),
    desk_void_customer_links(uuid), desk_customer_history(text, uuid, integer) FROM PUBLIC;
DO $$
DECLARE
    administrator text := desk_role('administrator');
    support_agent text := desk_role('support_agent');
    reviewer      text := desk_role('reviewer');
BEGIN
    EXECUTE format('REVOKE INSERT ON customer_passwords FROM %I, %I', administrator, support_agent);
    EXECUTE format('GRANT EXECUTE ON FUNCTION desk_set_initial_password(uuid, text, timestamptz), '
                   'desk_void_customer_links(uuid) TO %I, %I', administrator, support_agent);
    EXECUTE format('GRANT EXECUTE ON FUNCTION desk_customer_history(text, uuid, integer) '
                   'TO %I, %I, %I', administrator, support_agent, reviewer);
END
$$;
