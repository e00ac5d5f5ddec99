-- Signed links (verification, set-password, invitation): only a hash of each token is
-- kept, with what it is for, whose record it concerns, when it expires and whether it
-- was used. A link works once.
CREATE TABLE link_tokens (
    token_hash  text NOT NULL PRIMARY KEY,   -- SHA-256 of the token, hex
    purpose     text NOT NULL CHECK (purpose IN ('verification', 'set_password', 'invitation')),
    record_type text NOT NULL,
    record_id   text NOT NULL,
    created_at  timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz
);

CREATE INDEX link_tokens_by_record ON link_tokens (record_type, record_id);

-- Staff who add or change customers issue links as part of those changes; nobody on
-- the staff reads, redeems or deletes them (a storefront redeems them through the
-- store-side function, with a login of its own, when storefronts arrive).
REVOKE ALL ON link_tokens FROM PUBLIC;
DO $$
BEGIN
    EXECUTE format('GRANT INSERT ON link_tokens TO %I, %I',
                   desk_role('administrator'), desk_role('support_agent'));
END
$$;
