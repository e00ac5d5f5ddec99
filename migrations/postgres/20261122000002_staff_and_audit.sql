-- Staff accounts with their roles and sign-in lockout state, and the append-only audit log.
CREATE TABLE staff (
    id               uuid NOT NULL PRIMARY KEY,
    email            text NOT NULL,
    email_key        text COLLATE "C" NOT NULL,
    display_name     text NOT NULL,
    display_name_key text COLLATE "C" NOT NULL,
    password_hash    text NOT NULL,
    active           boolean NOT NULL DEFAULT true,
    created_at       timestamptz NOT NULL,
    last_sign_in_at  timestamptz,
    -- Failed sign-ins since the last success or lock; kept here (not in memory) so a
    -- lockout holds across restarts and across desktops sharing a store.
    failed_sign_ins  integer NOT NULL DEFAULT 0,
    locked_until     timestamptz,
    CONSTRAINT staff_email_unique UNIQUE (email_key)
);

CREATE TABLE staff_roles (
    staff_id uuid NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
    role     text NOT NULL CHECK (role IN ('administrator', 'support_agent', 'sales_rep', 'reviewer')),
    PRIMARY KEY (staff_id, role)
);

CREATE TABLE audit_log (
    id           uuid NOT NULL PRIMARY KEY,   -- UUIDv7: sorts in time order
    at           timestamptz NOT NULL,
    actor_id     uuid,
    actor_email  text NOT NULL,
    action       text NOT NULL,
    entity_type  text NOT NULL,
    entity_id    text NOT NULL,
    changes      jsonb NOT NULL               -- array of {field, old, new}
);

CREATE INDEX audit_log_by_actor ON audit_log (actor_id, id);
CREATE INDEX audit_log_by_entity ON audit_log (entity_type, entity_id, id);

-- Append-only: the app offers no way to change history, and the database refuses it too.
CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only';
END;
$$;

CREATE TRIGGER audit_log_no_update_or_delete BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
