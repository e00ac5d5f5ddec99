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
    role_id              text NOT NULL REFERENCES company_roles (id),
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
    revoked_at           text
) STRICT;
-- One pending invitation per address and company.
CREATE UNIQUE INDEX company_invitations_one_pending
    ON company_invitations (company_id, email_key) WHERE status = 'pending';
CREATE INDEX company_invitations_by_company ON company_invitations (company_id, created_at, id);

-- A replaced or revoked invitation's link stops working: its token is marked used.
CREATE TRIGGER company_invitations_void_link
    AFTER UPDATE OF token_hash, status ON company_invitations
    WHEN OLD.token_hash IS NOT NEW.token_hash OR NEW.status = 'revoked'
BEGIN
    UPDATE link_tokens SET used_at = coalesce(NEW.revoked_at, NEW.sent_at)
     WHERE token_hash = OLD.token_hash AND used_at IS NULL;
END;

-- Customers whose sort keys an older computation made (or none yet), found without
-- reading every customer.
CREATE INDEX customers_stale_sort_keys ON customers (id) WHERE sort_keys_version = 0;
