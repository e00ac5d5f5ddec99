-- Email templates written by administrators, one per kind of message and locale. A
-- kind without one for a locale falls back to the language, then the store's default
-- locale, then the app's built-in English text.
CREATE TABLE email_templates (
    kind      text NOT NULL CHECK (kind IN ('verification', 'password_token', 'initial_password',
                  'account_prepared', 'account_active', 'invitation', 'test')),
    locale    text NOT NULL CHECK (length(locale) BETWEEN 2 AND 64),
    subject   text NOT NULL,
    body_text text NOT NULL,
    body_html text NOT NULL,
    PRIMARY KEY (kind, locale)
);

CREATE CONSTRAINT TRIGGER email_templates_audit_direct_write
    AFTER INSERT OR UPDATE OR DELETE ON email_templates
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION audit_direct_write('settings', 'kind');

-- Everyone who queues messages renders them (so reads them); administrators write them.
REVOKE ALL ON email_templates FROM PUBLIC;
DO $$
BEGIN
    EXECUTE format('GRANT SELECT ON email_templates TO %I', desk_role('staff'));
    EXECUTE format('GRANT INSERT, UPDATE, DELETE ON email_templates TO %I',
                   desk_role('administrator'));
END
$$;
