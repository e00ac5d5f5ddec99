-- The outbox: every email the app sends is a row here first, queued in the same
-- transaction as the change that causes it, and delivered by a worker that claims it
-- (FOR UPDATE SKIP LOCKED, so desktops never take the same one), sends it and records
-- the result.
CREATE TABLE outbox (
    id              uuid NOT NULL PRIMARY KEY,
    message_id      text NOT NULL UNIQUE,     -- the Message-ID header, the same on every attempt
    recipient       text NOT NULL,
    template        text NOT NULL,
    locale          text NOT NULL,
    subject         text NOT NULL,
    body_text       text NOT NULL,
    body_html       text NOT NULL,
    related_type    text,
    related_id      text,
    status          text NOT NULL DEFAULT 'queued'
        CHECK (status IN ('queued', 'sending', 'sent', 'failed', 'cancelled')),
    attempts        integer NOT NULL DEFAULT 0,
    last_error      text,
    created_at      timestamptz NOT NULL,
    next_attempt_at timestamptz NOT NULL,
    claimed_at      timestamptz,
    sent_at         timestamptz
);

CREATE INDEX outbox_due ON outbox (status, next_attempt_at);

-- Administrators and support agents queue messages with their changes and deliver
-- them from their desktops; nobody deletes or truncates the outbox.
REVOKE ALL ON outbox FROM PUBLIC;
DO $$
BEGIN
    EXECUTE format('GRANT SELECT, INSERT, UPDATE ON outbox TO %I, %I',
                   desk_role('administrator'), desk_role('support_agent'));
END
$$;
