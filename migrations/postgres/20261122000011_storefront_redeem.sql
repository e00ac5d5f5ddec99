-- Storefronts redeem the links in Customer Desk's emails through one function, with a
-- login of their own in the store's storefront role (docs/storefront-contract.md). It
-- hashes the token as the app does (SHA-256, hex), checks purpose, use and expiry and
-- marks the link used in one statement on the database's clock, so two requests with
-- one link cannot both succeed; a refusal says which of the four reasons applies.
CREATE FUNCTION desk_redeem_link(token text, link_purpose text)
    RETURNS TABLE (outcome text, record_type text, record_id text)
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp
    AS $$
#variable_conflict use_variable
DECLARE
    hashed text := encode(sha256(convert_to(btrim(token), 'UTF8')), 'hex');
    known  public.link_tokens%ROWTYPE;
BEGIN
    UPDATE public.link_tokens AS t
       SET used_at = now()
     WHERE t.token_hash = hashed
       AND t.purpose = link_purpose
       AND t.used_at IS NULL
       AND t.expires_at > now()
    RETURNING t.record_type, t.record_id INTO record_type, record_id;
    IF FOUND THEN
        outcome := 'redeemed';
        RETURN NEXT;
        RETURN;
    END IF;
    SELECT * INTO known FROM public.link_tokens AS t WHERE t.token_hash = hashed;
    record_type := NULL;
    record_id := NULL;
    outcome := CASE
        WHEN NOT FOUND THEN 'unknown'
        WHEN known.purpose <> link_purpose THEN 'wrong_purpose'
        WHEN known.used_at IS NOT NULL THEN 'used'
        ELSE 'expired'
    END;
    RETURN NEXT;
END
$$;

REVOKE ALL ON FUNCTION desk_redeem_link(text, text) FROM PUBLIC;
DO $$
BEGIN
    EXECUTE format('GRANT EXECUTE ON FUNCTION desk_redeem_link(text, text) TO %I',
                   desk_role('storefront'));
    -- Staff reach the database through their group; so does a storefront.
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO %I', current_database(),
                   desk_role('storefront'));
END
$$;
