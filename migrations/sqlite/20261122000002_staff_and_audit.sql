-- Staff accounts with their roles and sign-in lockout state, and the append-only audit log.
CREATE TABLE staff (
    id               TEXT NOT NULL PRIMARY KEY,
    email            TEXT NOT NULL,
    email_key        TEXT NOT NULL,
    display_name     TEXT NOT NULL,
    display_name_key TEXT NOT NULL,
    password_hash    TEXT NOT NULL,
    active           INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at       TEXT NOT NULL,
    last_sign_in_at  TEXT,
    -- Failed sign-ins since the last success or lock; kept here (not in memory) so a
    -- lockout holds across restarts and across desktops sharing a store.
    failed_sign_ins  INTEGER NOT NULL DEFAULT 0,
    locked_until     TEXT,
    CONSTRAINT staff_email_unique UNIQUE (email_key)
) STRICT;

CREATE TABLE staff_roles (
    staff_id TEXT NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
    role     TEXT NOT NULL CHECK (role IN ('administrator', 'support_agent', 'sales_rep', 'reviewer')),
    PRIMARY KEY (staff_id, role)
) STRICT;

CREATE TABLE audit_log (
    id           TEXT NOT NULL PRIMARY KEY,   -- UUIDv7: sorts in time order
    at           TEXT NOT NULL,
    actor_id     TEXT,
    actor_email  TEXT NOT NULL,
    action       TEXT NOT NULL,
    entity_type  TEXT NOT NULL,
    entity_id    TEXT NOT NULL,
    changes      TEXT NOT NULL                -- JSON array of {field, old, new}
) STRICT;

CREATE INDEX audit_log_by_actor ON audit_log (actor_id, id);
CREATE INDEX audit_log_by_entity ON audit_log (entity_type, entity_id, id);

-- Append-only: the app offers no way to change history, and the database refuses it too.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
