-- Tightening after review of 3 and 4:
-- * every change a staff login makes to a guarded row is recorded by the database
--   itself, whatever entries the same transaction holds (an entry a login writes can
--   no longer stand in for the database's own, and a second change of the same row
--   in one transaction is recorded too); the schema owner's sessions keep the app's
--   entries as they are;
-- * a password an administrator sets is always a one-time password (24 hours at
--   most, to be changed at first sign-in), and it ends the person's sessions;
-- * a deactivated or reset login's open connections are ended where the owner may;
-- * a login no longer updates its own password bookkeeping directly (migration 4):
--   desk_change_own_password does it.

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
    -- The owner's sessions (set-up, maintenance) are trusted: their own entry stands.
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
         WHERE c.change ->> 'field' NOT IN ('failed_sign_ins', 'locked_until', 'last_sign_in_at')) THEN
        RETURN NULL;
    END IF;
    INSERT INTO public.audit_log (id, at, actor_id, actor_email, action, entity_type, entity_id, changes)
    VALUES (gen_random_uuid(), now(), NULL, session_user, 'record.changed_directly', kind, record_id,
            jsonb_build_array(jsonb_build_object('field', 'operation', 'old', NULL, 'new', lower(TG_OP)))
            || changes);
    RETURN NULL;
END
$$;

-- Ends a login's open connections, where the owner holds the right to (superuser or
-- pg_signal_backend); otherwise NOLOGIN and the app's session epoch still apply.
CREATE FUNCTION desk_end_connections(login text) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp
    AS $$
BEGIN
    PERFORM pg_terminate_backend(a.pid)
       FROM pg_stat_activity a
      WHERE a.usename = login AND a.pid <> pg_backend_pid();
EXCEPTION WHEN insufficient_privilege THEN
    RETURN;
END
$$;
REVOKE ALL ON FUNCTION desk_end_connections(text) FROM PUBLIC;

CREATE OR REPLACE FUNCTION desk_set_login_password(staff_id uuid, verifier text, valid_until timestamptz)
    RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp
    AS $$
DECLARE
    login   text;
    expires timestamptz := valid_until;
BEGIN
    -- Executable only by administrators (and the owner): see the grants of migration 3.
    IF verifier !~ '^SCRAM-SHA-256\$' THEN
        RAISE EXCEPTION 'a login password must be a SCRAM-SHA-256 verifier' USING ERRCODE = '22023';
    END IF;
    SELECT s.db_login INTO login FROM public.staff s WHERE s.id = staff_id;
    IF login IS NULL THEN
        RETURN;
    END IF;
    IF NOT public.desk_session_is_owner() THEN
        -- An administrator never sets a lasting password for someone else: it is a
        -- one-time password, changed at the first sign-in.
        expires := least(coalesce(expires, now() + interval '24 hours'), now() + interval '24 hours');
        UPDATE public.staff
           SET must_change_password = true, password_expires_at = expires,
               session_epoch = session_epoch + 1
         WHERE id = staff_id;
    END IF;
    EXECUTE format('ALTER ROLE %I PASSWORD %L VALID UNTIL %L', login, verifier,
                   coalesce(expires, 'infinity'));
    PERFORM public.desk_end_connections(login);
END
$$;

-- A login made by an administrator starts with a one-time password too.
CREATE OR REPLACE FUNCTION desk_provision_login(staff_id uuid, verifier text, valid_until timestamptz)
    RETURNS text
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp
    AS $$
DECLARE
    member  record;
    base    text;
    login   text;
    n       integer := 1;
    kind    text;
    expires timestamptz := valid_until;
BEGIN
    IF verifier !~ '^SCRAM-SHA-256\$' THEN
        RAISE EXCEPTION 'a login password must be a SCRAM-SHA-256 verifier' USING ERRCODE = '22023';
    END IF;
    IF NOT public.desk_session_is_owner() THEN
        expires := least(coalesce(expires, now() + interval '24 hours'), now() + interval '24 hours');
    END IF;
    SELECT * INTO member FROM public.staff s WHERE s.id = staff_id FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no staff member %', staff_id USING ERRCODE = 'P0002';
    END IF;
    IF member.db_login IS NOT NULL THEN
        RETURN member.db_login;
    END IF;
    base := left(trim(BOTH '_' FROM regexp_replace(lower(split_part(member.email, '@', 1)), '[^a-z0-9]+', '_', 'g')), 40);
    -- Never a reserved or system-looking name.
    IF base = '' OR base !~ '^[a-z]' OR base ~ '^pg_' OR base IN ('public', 'none', 'current_user', 'session_user') THEN
        base := 'staff_' || base;
    END IF;
    login := base;
    LOOP
        BEGIN
            EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L VALID UNTIL %L IN ROLE %I',
                           login, verifier, coalesce(expires, 'infinity'), public.desk_role('staff'));
            EXIT;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN
            n := n + 1;
            login := base || '_' || n;
        END;
    END LOOP;
    UPDATE public.staff SET db_login = login WHERE id = staff_id;
    FOR kind IN SELECT r.role FROM public.staff_roles r WHERE r.staff_id = desk_provision_login.staff_id LOOP
        EXECUTE format('GRANT %I TO %I', public.desk_role(kind), login);
    END LOOP;
    IF NOT member.active THEN
        EXECUTE format('ALTER ROLE %I NOLOGIN', login);
    END IF;
    RETURN login;
END
$$;

CREATE OR REPLACE FUNCTION staff_active_follows() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp
    AS $$
BEGIN
    IF NEW.db_login IS NOT NULL AND NEW.active IS DISTINCT FROM OLD.active THEN
        EXECUTE format('ALTER ROLE %I %s', NEW.db_login, CASE WHEN NEW.active THEN 'LOGIN' ELSE 'NOLOGIN' END);
        IF NOT NEW.active THEN
            PERFORM public.desk_end_connections(NEW.db_login);
        END IF;
    END IF;
    RETURN NULL;
END
$$;

DO $$
BEGIN
    EXECUTE format('REVOKE UPDATE (password_hash, must_change_password, password_expires_at, '
                   'session_epoch) ON staff FROM %I', desk_role('staff'));
    -- Administrators keep these through their own grant (migration 3).
END
$$;
REVOKE ALL ON FUNCTION audit_direct_write(), desk_set_login_password(uuid, text, timestamptz),
    desk_provision_login(uuid, text, timestamptz), staff_active_follows() FROM PUBLIC;
DO $$
BEGIN
    EXECUTE format('GRANT EXECUTE ON FUNCTION desk_provision_login(uuid, text, timestamptz), '
                   'desk_set_login_password(uuid, text, timestamptz) TO %I', desk_role('administrator'));
END
$$;
