-- Signed links (verification, set-password, invitation): only a hash of each token is
-- kept, with what it is for, whose record it concerns, when it expires and whether it
-- was used. A link works once.
CREATE TABLE link_tokens (
    token_hash  text NOT NULL PRIMARY KEY,   -- SHA-256 of the token, hex
    purpose     text NOT NULL CHECK (purpose IN ('verification', 'set_password', 'invitation')),
    record_type text NOT NULL,
    record_id   text NOT NULL,
    created_at  text NOT NULL,
    expires_at  text NOT NULL,
    used_at     text
);

CREATE INDEX link_tokens_by_record ON link_tokens (record_type, record_id);
