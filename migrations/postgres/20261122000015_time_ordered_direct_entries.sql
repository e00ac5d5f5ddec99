-- Entries the database writes itself (direct writes) get time-ordered ids (UUIDv7,
-- as the app's own entries have), so "newest first" by id holds for every entry: a
-- random id (gen_random_uuid) sorted such an entry anywhere in a history or the log.
CREATE FUNCTION desk_uuid_v7() RETURNS uuid
    LANGUAGE sql VOLATILE SET search_path = pg_catalog
    AS $$
        -- 48 bits of Unix milliseconds, then version 7 and variant bits over random ones.
        SELECT encode(
            set_bit(set_bit(
                overlay(uuid_send(gen_random_uuid())
                        PLACING substring(int8send(floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3)
                        FROM 1 FOR 6),
                52, 1), 53, 1),
            'hex')::uuid
    $$;

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
    VALUES (public.desk_uuid_v7(), now(), NULL, session_user, 'record.changed_directly', kind, record_id,
            jsonb_build_array(jsonb_build_object('field', 'operation', 'old', NULL, 'new', lower(TG_OP)))
            || changes);
    RETURN NULL;
END
$$;
