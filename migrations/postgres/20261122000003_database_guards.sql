-- The database guards a shared store itself. Every staff member's desktop can reach
-- the server with that person's own login, so what they may do is decided here: group
-- roles carry the grants, row security hides other people's accounts, audit entries
-- are stamped with the session's login and the database clock, and direct writes
-- leave an entry too. The app's own checks come first, for clear messages; these are
-- the ones that hold when someone uses psql instead.
--
-- Run by the schema owner (the login that owns the database and may create roles),
-- never by a staff login.

-- Role names are per store, so that several stores can share one server: the first
-- store on a server gets `desk_*`, later ones `desk_<random>_*`.
CREATE TABLE desk_store (
    singleton   boolean NOT NULL PRIMARY KEY DEFAULT true CHECK (singleton),
    role_prefix text NOT NULL CHECK (role_prefix ~ '^[a-z][a-z0-9_]{0,30}$')
);

DO $$
DECLARE
    prefix text := 'desk';
    kind   text;
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'desk_staff') THEN
        prefix := 'desk_' || substr(md5(random()::text || clock_timestamp()::text), 1, 8);
    END IF;
    LOOP
        BEGIN
            FOREACH kind IN ARRAY ARRAY['staff', 'administrator', 'support_agent', 'sales_rep', 'reviewer'] LOOP
                EXECUTE format('CREATE ROLE %I NOLOGIN', prefix || '_' || kind);
            END LOOP;
            EXIT;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN
            -- Another store on this server took the names first (perhaps being set up
            -- at this very moment): take fresh ones.
            prefix := 'desk_' || substr(md5(random()::text || clock_timestamp()::text), 1, 8);
        END;
    END LOOP;
    INSERT INTO desk_store (role_prefix) VALUES (prefix);
END
$$;

-- The group role of a kind ("administrator", "staff", ...).
CREATE FUNCTION desk_role(kind text) RETURNS name
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
    AS $$ SELECT (role_prefix || '_' || kind)::name FROM public.desk_store $$;

-- Whether this session is the schema owner's (or a superuser's): set-up, upgrades,
-- maintenance and the test suites. Those sessions are trusted as they are.
CREATE FUNCTION desk_session_is_owner() RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
    AS $$
        SELECT pg_has_role(session_user, (SELECT relowner FROM pg_class WHERE oid = 'public.staff'::regclass), 'MEMBER')
    $$;

-- Whether the current role acts as an administrator. `current_user`, not the login:
-- `SET ROLE` to a lesser group gives up what the login has. (Security invoker on
-- purpose: inside a definer function `current_user` would be the owner.)
CREATE FUNCTION desk_acting_as_administrator() RETURNS boolean
    LANGUAGE sql STABLE SET search_path = pg_catalog, public
    AS $$ SELECT pg_has_role(current_user, public.desk_role('administrator'), 'MEMBER') $$;

-- Staff: each member's database login, one-time passwords, and the session epoch that
-- ends other sessions when a password changes.
ALTER TABLE staff
    ADD COLUMN db_login             text UNIQUE,
    ADD COLUMN must_change_password boolean NOT NULL DEFAULT false,
    ADD COLUMN password_expires_at  timestamptz,
    ADD COLUMN session_epoch        integer NOT NULL DEFAULT 0;

-- Settings that belong to the store, not to a desktop.
CREATE TABLE store_settings (
    singleton            boolean NOT NULL PRIMARY KEY DEFAULT true CHECK (singleton),
    idle_timeout_minutes integer NOT NULL DEFAULT 15
        CHECK (idle_timeout_minutes BETWEEN 1 AND 240)
);
INSERT INTO store_settings DEFAULT VALUES;

-- Which transaction wrote an entry: a direct write with no entry of its own in the
-- same transaction gets one from the database (audit_direct_write below).
ALTER TABLE audit_log ADD COLUMN txid bigint NOT NULL DEFAULT txid_current();
CREATE INDEX audit_log_by_txid ON audit_log (txid);

-- Entries written by staff logins name the login's staff member and the database's
-- time, whatever the writer claimed.
CREATE FUNCTION audit_log_stamp() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public
    AS $$
DECLARE
    who record;
BEGIN
    NEW.txid := txid_current();
    IF public.desk_session_is_owner() THEN
        RETURN NEW;
    END IF;
    SELECT id, email INTO who FROM public.staff WHERE db_login = session_user;
    IF FOUND THEN
        NEW.actor_id := who.id;
        NEW.actor_email := who.email;
    ELSE
        NEW.actor_id := NULL;
        NEW.actor_email := session_user;
    END IF;
    NEW.at := now();
    RETURN NEW;
END
$$;

CREATE TRIGGER audit_log_stamp BEFORE INSERT ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_stamp();

-- A change of a guarded row whose transaction wrote no entry about that record (a
-- staff member writing with SQL where their grants allow it) gets one: which
-- operation, and every column that changed (never password hashes). Deferred to the
-- commit, so an app's own entry, written after its change, is seen.
CREATE FUNCTION audit_direct_write() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public
    AS $$
DECLARE
    kind      text := TG_ARGV[0];
    row_new   jsonb := CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END;
    row_old   jsonb := CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END;
    record_id text := coalesce(row_new, row_old) ->> TG_ARGV[1];
    changes   jsonb;
BEGIN
    IF EXISTS (SELECT 1 FROM public.audit_log a
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
    -- Sign-in bookkeeping (counting attempts, lifting a lock) is told by the sign-in
    -- events themselves, not as a change of the account.
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

CREATE CONSTRAINT TRIGGER customers_audit_direct_write AFTER INSERT OR UPDATE OR DELETE ON customers
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION audit_direct_write('customer', 'id');
CREATE CONSTRAINT TRIGGER staff_audit_direct_write AFTER INSERT OR UPDATE OR DELETE ON staff
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION audit_direct_write('staff', 'id');
CREATE CONSTRAINT TRIGGER staff_roles_audit_direct_write AFTER INSERT OR UPDATE OR DELETE ON staff_roles
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION audit_direct_write('staff', 'staff_id');
CREATE CONSTRAINT TRIGGER store_settings_audit_direct_write AFTER INSERT OR UPDATE OR DELETE ON store_settings
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION audit_direct_write('settings', 'singleton');

-- Database logins follow staff accounts. A login is made when an administrator
-- provisions one (with a SCRAM verifier computed on the desktop, so no password ever
-- reaches the server in clear); roles granted and revoked follow staff_roles; a
-- deactivated member's login cannot log in.
CREATE FUNCTION desk_provision_login(staff_id uuid, verifier text, valid_until timestamptz)
    RETURNS text
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public
    AS $$
DECLARE
    member record;
    base   text;
    login  text;
    n      integer := 1;
    kind   text;
BEGIN
    -- Executable only by administrators (and the owner): see the grants below.
    IF verifier !~ '^SCRAM-SHA-256\$' THEN
        RAISE EXCEPTION 'a login password must be a SCRAM-SHA-256 verifier' USING ERRCODE = '22023';
    END IF;
    SELECT * INTO member FROM public.staff s WHERE s.id = staff_id FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no staff member %', staff_id USING ERRCODE = 'P0002';
    END IF;
    IF member.db_login IS NOT NULL THEN
        RETURN member.db_login;
    END IF;
    base := left(trim(BOTH '_' FROM regexp_replace(lower(split_part(member.email, '@', 1)), '[^a-z0-9]+', '_', 'g')), 40);
    IF base = '' OR base !~ '^[a-z]' THEN
        base := 'staff_' || base;
    END IF;
    login := base;
    LOOP
        BEGIN
            EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L VALID UNTIL %L IN ROLE %I',
                           login, verifier, coalesce(valid_until, 'infinity'), public.desk_role('staff'));
            EXIT;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN
            -- Taken on this server (perhaps by another store): try the next name.
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

-- A new password for someone's login, set by an administrator: a one-time password,
-- valid until the given time.
CREATE FUNCTION desk_set_login_password(staff_id uuid, verifier text, valid_until timestamptz)
    RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public
    AS $$
DECLARE
    login text;
BEGIN
    -- Executable only by administrators (and the owner): see the grants below.
    IF verifier !~ '^SCRAM-SHA-256\$' THEN
        RAISE EXCEPTION 'a login password must be a SCRAM-SHA-256 verifier' USING ERRCODE = '22023';
    END IF;
    SELECT s.db_login INTO login FROM public.staff s WHERE s.id = staff_id;
    IF login IS NOT NULL THEN
        EXECUTE format('ALTER ROLE %I PASSWORD %L VALID UNTIL %L', login, verifier,
                       coalesce(valid_until, 'infinity'));
    END IF;
END
$$;

-- One's own new password, for good: ends the one-time password and, through the
-- epoch, one's other sessions.
CREATE FUNCTION desk_change_own_password(verifier text) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public
    AS $$
BEGIN
    IF verifier !~ '^SCRAM-SHA-256\$' THEN
        RAISE EXCEPTION 'a login password must be a SCRAM-SHA-256 verifier' USING ERRCODE = '22023';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM public.staff WHERE db_login = session_user AND active) THEN
        RAISE EXCEPTION 'this login is not an active staff member' USING ERRCODE = '42501';
    END IF;
    EXECUTE format('ALTER ROLE %I PASSWORD %L VALID UNTIL %L', session_user, verifier, 'infinity');
    UPDATE public.staff
       SET must_change_password = false, password_expires_at = NULL, session_epoch = session_epoch + 1
     WHERE db_login = session_user;
END
$$;

CREATE FUNCTION staff_roles_follow() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public
    AS $$
DECLARE
    login text;
BEGIN
    SELECT s.db_login INTO login FROM public.staff s
     WHERE s.id = CASE WHEN TG_OP = 'DELETE' THEN OLD.staff_id ELSE NEW.staff_id END;
    IF login IS NULL THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'DELETE' THEN
        EXECUTE format('REVOKE %I FROM %I', public.desk_role(OLD.role), login);
    ELSE
        EXECUTE format('GRANT %I TO %I', public.desk_role(NEW.role), login);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER staff_roles_follow AFTER INSERT OR DELETE ON staff_roles
    FOR EACH ROW EXECUTE FUNCTION staff_roles_follow();

CREATE FUNCTION staff_active_follows() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public
    AS $$
BEGIN
    IF NEW.db_login IS NOT NULL AND NEW.active IS DISTINCT FROM OLD.active THEN
        EXECUTE format('ALTER ROLE %I %s', NEW.db_login, CASE WHEN NEW.active THEN 'LOGIN' ELSE 'NOLOGIN' END);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER staff_active_follows AFTER UPDATE OF active ON staff
    FOR EACH ROW EXECUTE FUNCTION staff_active_follows();

-- Row security: a staff member sees their own account; administrators see all.
ALTER TABLE staff ENABLE ROW LEVEL SECURITY;
CREATE POLICY staff_own_or_administrator ON staff
    USING (db_login = session_user OR desk_acting_as_administrator())
    WITH CHECK (desk_acting_as_administrator());
-- Recording one's own sign-in and lockout state.
CREATE POLICY staff_own_sign_in ON staff FOR UPDATE
    USING (db_login = session_user)
    WITH CHECK (db_login = session_user);

ALTER TABLE staff_roles ENABLE ROW LEVEL SECURITY;
CREATE POLICY staff_roles_own_or_administrator ON staff_roles
    USING (desk_acting_as_administrator()
           OR staff_id IN (SELECT s.id FROM staff s WHERE s.db_login = session_user))
    WITH CHECK (desk_acting_as_administrator());

-- Grants mirror desk-app's policy table (docs/command-policy.md). Nobody but the
-- owner may read password hashes, truncate, or change the schema or its triggers.
DO $$
DECLARE
    db            text := current_database();
    staff_group   text := desk_role('staff');
    administrator text := desk_role('administrator');
    support_agent text := desk_role('support_agent');
    reviewer      text := desk_role('reviewer');
BEGIN
    EXECUTE format('REVOKE ALL ON DATABASE %I FROM PUBLIC', db);
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO %I', db, staff_group);
    REVOKE ALL ON SCHEMA public FROM PUBLIC;
    REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC;
    REVOKE ALL ON ALL FUNCTIONS IN SCHEMA public FROM PUBLIC;
    -- Functions of later migrations are not everyone's either.
    ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
    EXECUTE format('GRANT USAGE ON SCHEMA public TO %I', staff_group);

    -- Every staff member: the schema version, the store's settings, their own account.
    EXECUTE format('GRANT SELECT ON _sqlx_migrations, desk_store, store_settings TO %I', staff_group);
    EXECUTE format('GRANT SELECT (id, email, email_key, display_name, display_name_key, active, created_at, '
                   'last_sign_in_at, failed_sign_ins, locked_until, db_login, must_change_password, '
                   'password_expires_at, session_epoch) ON staff TO %I', staff_group);
    EXECUTE format('GRANT UPDATE (last_sign_in_at, failed_sign_ins, locked_until) ON staff TO %I', staff_group);
    EXECUTE format('GRANT SELECT ON staff_roles TO %I', staff_group);
    -- Entries are stamped with the writer's login and the database clock.
    EXECUTE format('GRANT INSERT ON audit_log TO %I', staff_group);
    EXECUTE format('GRANT EXECUTE ON FUNCTION desk_role(text), desk_session_is_owner(), '
                   'desk_acting_as_administrator(), desk_change_own_password(text) TO %I',
                   staff_group);

    -- Administrators: staff accounts (logins follow by trigger), the audit log, settings.
    -- Never a row's id or its login.
    EXECUTE format('GRANT INSERT (id, email, email_key, display_name, display_name_key, password_hash, '
                   'active, created_at, must_change_password, password_expires_at) ON staff TO %I',
                   administrator);
    EXECUTE format('GRANT UPDATE (email, email_key, display_name, display_name_key, password_hash, active, '
                   'last_sign_in_at, failed_sign_ins, locked_until, must_change_password, '
                   'password_expires_at, session_epoch) ON staff TO %I', administrator);
    EXECUTE format('GRANT INSERT, DELETE ON staff_roles TO %I', administrator);
    EXECUTE format('GRANT SELECT ON audit_log TO %I', administrator);
    EXECUTE format('GRANT UPDATE (idle_timeout_minutes) ON store_settings TO %I', administrator);
    EXECUTE format('GRANT EXECUTE ON FUNCTION desk_provision_login(uuid, text, timestamptz), '
                   'desk_set_login_password(uuid, text, timestamptz) TO %I', administrator);

    -- Customers: view (administrators, support agents, reviewers); add and change
    -- (administrators, support agents). No role deletes or truncates.
    EXECUTE format('GRANT SELECT ON customers TO %I, %I, %I', administrator, support_agent, reviewer);
    EXECUTE format('GRANT INSERT, UPDATE ON customers TO %I, %I', administrator, support_agent);
END
$$;
