-- Entries about whole sets of customers (everyone a group save assigned, everyone
-- De-select all or a deleted group unassigned) are recorded in the change's own
-- transaction as one row here plus the customers it is about, in customer order:
-- an append, where 100,000 entries in the log's by-record index touch a page each
-- (1.5-3 s of a save at a million customers). Each customer's own entry is written
-- from these soon after, in the background, with the time, author and id order of
-- the change, and always before the log or a history is read (desk-store's
-- `sql/audit_sets.rs`). Postgres stamps every entry with the writer's login and the
-- server clock as it is inserted, so there the entries are written with the change.
CREATE TABLE audit_sets (
    id          text NOT NULL PRIMARY KEY,            -- UUIDv7, the order sets are written in
    at          text NOT NULL,
    at_ms       integer NOT NULL,                     -- `at` in Unix ms: the entries' ids
    actor_id    text,
    actor_email text NOT NULL,
    action      text NOT NULL,
    entity_type text NOT NULL,
    changes     text NOT NULL,                        -- JSON, as audit_log.changes
    written     integer NOT NULL DEFAULT 0            -- entries already in the log
) STRICT;

CREATE TABLE audit_set_members (
    set_id    text NOT NULL REFERENCES audit_sets (id),
    entity_id text NOT NULL,
    PRIMARY KEY (set_id, entity_id)
) STRICT, WITHOUT ROWID;
