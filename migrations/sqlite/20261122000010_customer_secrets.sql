-- Review of issue 10's first part (see the Postgres migration of the same name): an
-- email's secrets (an initial password, a link's token) are kept out of what staff
-- read. The outbox keeps a redacted copy of each body, and once a message is sent or
-- cancelled its bodies are replaced by that copy.
ALTER TABLE outbox ADD COLUMN redacted_text text;
ALTER TABLE outbox ADD COLUMN redacted_html text;

CREATE TRIGGER outbox_scrub_secrets AFTER UPDATE OF status ON outbox
    WHEN NEW.status IN ('sent', 'cancelled') AND NEW.redacted_text IS NOT NULL
     AND NEW.body_text IS NOT NEW.redacted_text
BEGIN
    UPDATE outbox SET body_text = NEW.redacted_text, body_html = NEW.redacted_html
     WHERE id = NEW.id;
END;
