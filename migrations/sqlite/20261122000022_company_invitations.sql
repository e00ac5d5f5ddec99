-- Invitations to join a company (seed 004): an address, the company role it joins
-- with, and a registration link (a signed token of link_tokens, purpose
-- 'invitation'). Pending until accepted or revoked; past expires_at a pending one is
-- expired. Resending issues a new token and voids the old one; revoking voids it.
-- The link is kept whole beside the token's hash because staff copy it.
CREATE TABLE company_invitations (
    id                   text NOT NULL PRIMARY KEY,
    company_id           text NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    email                text NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
    email_key            text NOT NULL,
    role_id              text REFERENCES company_roles (id) ON DELETE SET NULL,
    role_name            text NOT NULL,
    status               text NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'accepted', 'revoked')),
    token_hash           text NOT NULL UNIQUE,
    link                 text NOT NULL,
    invited_by_name      text NOT NULL,
    created_at           text NOT NULL,
    sent_at              text NOT NULL,
    expires_at           text NOT NULL,
    accepted_at          text,
    accepted_customer_id text REFERENCES customers (id),
    revoked_at           text,
    -- A pending invitation names its role (removing the role waits for it).
    CHECK (status <> 'pending' OR role_id IS NOT NULL)
) STRICT;
-- One pending invitation per address and company.
CREATE UNIQUE INDEX company_invitations_one_pending
    ON company_invitations (company_id, email_key) WHERE status = 'pending';
-- The tab lists newest first; ids are time-ordered (UUIDv7).
CREATE INDEX company_invitations_by_company ON company_invitations (company_id, id);

-- A replaced or revoked invitation's link stops working: its token is marked used.
CREATE TRIGGER company_invitations_void_link
    AFTER UPDATE OF token_hash, status ON company_invitations
    WHEN OLD.token_hash IS NOT NEW.token_hash OR NEW.status = 'revoked'
BEGIN
    UPDATE link_tokens SET used_at = coalesce(NEW.revoked_at, NEW.sent_at)
     WHERE token_hash = OLD.token_hash AND used_at IS NULL;
END;

-- Erasing a customer reaches their invitations: the address and link go, a pending
-- one is revoked, and the invitation emails to them are blanked (cancelled if unsent).
CREATE TRIGGER company_invitations_erase
    AFTER UPDATE OF erased_at ON customers
    WHEN OLD.erased_at IS NULL AND NEW.erased_at IS NOT NULL
BEGIN
    UPDATE outbox
       SET recipient = 'erased@erased.invalid', subject = '[erased]', body_text = '[erased]',
           body_html = '[erased]', redacted_text = NULL, redacted_html = NULL,
           status = CASE WHEN status IN ('queued', 'failed') THEN 'cancelled' ELSE status END
     WHERE template = 'invitation' AND lower(recipient) = OLD.email_key;
    UPDATE company_invitations
       SET email = 'erased-' || id || '@erased.invalid',
           email_key = 'erased-' || id || '@erased.invalid', link = '',
           revoked_at = CASE WHEN status = 'pending' THEN NEW.erased_at ELSE revoked_at END,
           status = CASE WHEN status = 'pending' THEN 'revoked' ELSE status END
     WHERE email_key = OLD.email_key;
END;

-- Members' addresses as the store compares them (lower-cased by the app).
DROP VIEW company_member_details;
CREATE VIEW company_member_details AS
    SELECT m.company_id, m.customer_id, m.active, m.added_at,
           cu.first_name, cu.last_name, cu.email, cu.phone, cu.locale,
           cu.last_name_key, cu.first_name_key, cu.email_key
      FROM company_members m
      JOIN customers cu ON cu.id = m.customer_id;

-- Customers without sort keys yet (sort_keys_version 0: a storefront registered them
-- on a shared store), found without reading every customer.
CREATE INDEX customers_stale_sort_keys ON customers (id) WHERE sort_keys_version = 0;
