-- The store's email settings: the SMTP server the outbox delivers through and who the
-- messages are from. The SMTP password is never here: each desktop keeps it in its OS
-- keyring. Empty (NULL) until an administrator sets them; nothing is delivered before.
ALTER TABLE store_settings
    ADD COLUMN smtp_host      text,
    ADD COLUMN smtp_port      integer CHECK (smtp_port BETWEEN 1 AND 65535),
    ADD COLUMN smtp_security  text CHECK (smtp_security IN ('implicit_tls', 'starttls', 'plain')),
    ADD COLUMN smtp_login     text,
    ADD COLUMN sender_name    text,
    ADD COLUMN sender_address text,
    -- All or nothing: a half-set server cannot be delivered through.
    ADD CONSTRAINT email_settings_complete CHECK (
        num_nulls(smtp_host, smtp_port, smtp_security, sender_name, sender_address) IN (0, 5));

-- Every staff member reads them (SELECT on store_settings is granted already); only
-- administrators change them, and the change is recorded by store_settings'
-- audit_direct_write trigger like any other.
DO $$
BEGIN
    EXECUTE format('GRANT UPDATE (smtp_host, smtp_port, smtp_security, smtp_login, sender_name, '
                   'sender_address) ON store_settings TO %I', desk_role('administrator'));
END
$$;
