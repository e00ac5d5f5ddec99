-- The store's email settings: the SMTP server the outbox delivers through and who the
-- messages are from. The SMTP password is never here: each desktop keeps it in its OS
-- keyring. Empty (NULL) until an administrator sets them; nothing is delivered before.
ALTER TABLE store_settings ADD COLUMN smtp_host text;
ALTER TABLE store_settings ADD COLUMN smtp_port integer CHECK (smtp_port BETWEEN 1 AND 65535);
ALTER TABLE store_settings ADD COLUMN smtp_security text
    CHECK (smtp_security IN ('implicit_tls', 'starttls', 'plain'));
ALTER TABLE store_settings ADD COLUMN smtp_login text;
ALTER TABLE store_settings ADD COLUMN sender_name text;
ALTER TABLE store_settings ADD COLUMN sender_address text;
