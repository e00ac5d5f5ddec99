-- Erasure (GDPR), as on Postgres (migration 16 there): a customer's past audit
-- entries may have their `changes` redacted inside the erasing transaction, marked in
-- audit_erasures; the log stays append-only for everything else.
CREATE TABLE audit_erasures (
    entity_id text NOT NULL PRIMARY KEY
) STRICT;

DROP TRIGGER audit_log_no_update;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    WHEN NOT (
        OLD.entity_type = 'customer'
        AND EXISTS (SELECT 1 FROM audit_erasures e WHERE e.entity_id = OLD.entity_id)
        AND NEW.id IS OLD.id AND NEW.at IS OLD.at AND NEW.actor_id IS OLD.actor_id
        AND NEW.actor_email IS OLD.actor_email AND NEW.action IS OLD.action
        AND NEW.entity_type IS OLD.entity_type AND NEW.entity_id IS OLD.entity_id
    )
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
