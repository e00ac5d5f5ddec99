-- Invitations to join a company (seed 004): an address, the company role it joins
-- with, and a registration link (a signed token of link_tokens, purpose
-- 'invitation'). Pending until accepted or revoked; past expires_at a pending one is
-- expired. Resending issues a new token and voids the old one; revoking voids it.
-- Storefronts accept through desk_accept_invitation (docs/storefront-contract.md).
--
-- The link is kept whole beside the token's hash because staff copy it (the seed's
-- "copy their registration links"). Only those who may change companies
-- (administrators, support agents, who may add that customer themselves) read those
-- two columns; sales reps and reviewers read the rest. The role's name is kept too,
-- so a custom role can be removed once no pending invitation names it.
CREATE TABLE company_invitations (
    id                   uuid NOT NULL PRIMARY KEY,
    company_id           uuid NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    email                text NOT NULL CHECK (char_length(email) BETWEEN 3 AND 254),
    email_key            text COLLATE "C" NOT NULL,
    role_id              uuid REFERENCES company_roles (id) ON DELETE SET NULL,
    role_name            text NOT NULL,
    status               text NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'accepted', 'revoked')),
    token_hash           text NOT NULL UNIQUE,
    link                 text NOT NULL,
    invited_by_name      text NOT NULL,
    created_at           timestamptz NOT NULL,
    sent_at              timestamptz NOT NULL,
    expires_at           timestamptz NOT NULL,
    accepted_at          timestamptz,
    accepted_customer_id uuid REFERENCES customers (id),
    revoked_at           timestamptz
);
-- One pending invitation per address and company.
CREATE UNIQUE INDEX company_invitations_one_pending
    ON company_invitations (company_id, email_key) WHERE status = 'pending';
-- The tab lists newest first; ids are time-ordered (UUIDv7).
CREATE INDEX company_invitations_by_company ON company_invitations (company_id, id);
-- A pending invitation names its role (removing the role waits for it).
ALTER TABLE company_invitations ADD CONSTRAINT company_invitations_pending_role
    CHECK (status <> 'pending' OR role_id IS NOT NULL);

-- A replaced or revoked invitation's link stops working: its token is marked used,
-- here, whoever changed the row.
CREATE FUNCTION company_invitations_void_link() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp
    AS $$
BEGIN
    UPDATE public.link_tokens SET used_at = now()
     WHERE token_hash = OLD.token_hash AND used_at IS NULL;
    RETURN NULL;
END
$$;
CREATE TRIGGER company_invitations_void_link AFTER UPDATE OF token_hash, status
    ON company_invitations FOR EACH ROW
    WHEN (OLD.token_hash IS DISTINCT FROM NEW.token_hash OR NEW.status = 'revoked')
    EXECUTE FUNCTION company_invitations_void_link();

CREATE CONSTRAINT TRIGGER company_invitations_audit_direct_write
    AFTER INSERT OR UPDATE OR DELETE ON company_invitations
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION audit_direct_write('company', 'company_id');

-- A sales rep sees the invitations of their own companies (the subquery is under the
-- companies policy); everyone else, all.
ALTER TABLE company_invitations ENABLE ROW LEVEL SECURITY;
CREATE POLICY company_invitations_in_scope ON company_invitations
    USING ((SELECT desk_sees_everything()) OR company_id IN (SELECT c.id FROM companies c));

-- Customers a storefront registers get their sort keys from the app (ICU collation
-- keys computed in Rust); until then they are stale (sort_keys_version 0), and this
-- finds them without reading every customer.
CREATE INDEX customers_stale_sort_keys ON customers (id) WHERE sort_keys_version = 0;

-- What an invitation link opens, without using it: the storefront shows the
-- registration form for the invited address, or says why the link does not work.
CREATE FUNCTION desk_invitation_for_link(token text)
    RETURNS TABLE (outcome text, email text, company_name text, role_name text)
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp
    AS $$
#variable_conflict use_variable
DECLARE
    hashed text := encode(sha256(convert_to(btrim(token), 'UTF8')), 'hex');
    link   public.link_tokens%ROWTYPE;
    found_invitation public.company_invitations%ROWTYPE;
BEGIN
    SELECT * INTO link FROM public.link_tokens t WHERE t.token_hash = hashed;
    IF NOT FOUND THEN
        outcome := 'unknown';
        RETURN NEXT;
        RETURN;
    END IF;
    IF link.purpose <> 'invitation' THEN
        outcome := 'wrong_purpose';
        RETURN NEXT;
        RETURN;
    END IF;
    SELECT * INTO found_invitation FROM public.company_invitations i WHERE i.id = link.record_id::uuid;
    outcome := CASE
        WHEN NOT FOUND THEN 'unknown'
        WHEN found_invitation.status = 'revoked' THEN 'revoked'
        WHEN found_invitation.status = 'accepted' THEN 'used'
        WHEN found_invitation.token_hash <> hashed THEN 'replaced'
        WHEN link.used_at IS NOT NULL THEN 'used'
        WHEN found_invitation.expires_at <= now() THEN 'expired'
        ELSE 'valid'
    END;
    IF outcome = 'valid' THEN
        email := found_invitation.email;
        SELECT c.name INTO company_name FROM public.companies c WHERE c.id = found_invitation.company_id;
        SELECT r.name INTO role_name FROM public.company_roles r WHERE r.id = found_invitation.role_id;
    END IF;
    RETURN NEXT;
END
$$;

-- Accepts an invitation: uses its link once, makes the customer with the invited
-- address (a new customer with the names given, or the existing one) an active
-- member of the company with the invited role, and marks the invitation accepted,
-- all in one transaction on the database's clock. The outcome is 'accepted' or why
-- not: 'unknown', 'wrong_purpose', 'used', 'expired', 'revoked', 'replaced' (a newer
-- link was sent), 'name_required' (a new customer needs both names).
CREATE FUNCTION desk_accept_invitation(token text, first_name text, last_name text)
    RETURNS TABLE (outcome text, customer_id uuid, company_id uuid, created boolean)
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp
    AS $$
#variable_conflict use_variable
DECLARE
    hashed text := encode(sha256(convert_to(btrim(token), 'UTF8')), 'hex');
    seen   text;
    invitation public.company_invitations%ROWTYPE;
    body   text;
    total  integer := 0;
    digit  integer;
    given  text := btrim(coalesce(first_name, ''));
    family text := btrim(coalesce(last_name, ''));
BEGIN
    SELECT o.outcome INTO seen FROM public.desk_invitation_for_link(token) o;
    IF seen <> 'valid' THEN
        outcome := seen;
        RETURN NEXT;
        RETURN;
    END IF;
    SELECT i.* INTO invitation FROM public.company_invitations i
     WHERE i.token_hash = hashed FOR UPDATE;
    -- The row lock orders two attempts; the second finds the link used.
    UPDATE public.link_tokens t SET used_at = now()
     WHERE t.token_hash = hashed AND t.used_at IS NULL;
    IF NOT FOUND OR invitation.status <> 'pending' THEN
        outcome := 'used';
        RETURN NEXT;
        RETURN;
    END IF;
    SELECT c.id INTO customer_id FROM public.customers c
     WHERE c.email_key = invitation.email_key AND c.erased_at IS NULL;
    created := customer_id IS NULL;
    IF created THEN
        IF given = '' OR family = '' OR char_length(given) > 100 OR char_length(family) > 100 THEN
            RAISE EXCEPTION USING ERRCODE = 'P0001', MESSAGE = 'name_required';
        END IF;
        customer_id := public.desk_uuid_v7();
        -- Nine random digits and the Luhn check digit (the app's check accepts it).
        body := lpad((floor(random() * 1000000000))::bigint::text, 9, '0');
        FOR place IN 1..9 LOOP
            digit := substr(body, 10 - place, 1)::integer;
            IF place % 2 = 1 THEN
                digit := digit * 2;
                IF digit > 9 THEN digit := digit - 9; END IF;
            END IF;
            total := total + digit;
        END LOOP;
        INSERT INTO public.customers
            (id, email, email_key, first_name, first_name_key, last_name, last_name_key,
             preferred_currency, created_at, updated_at, registered_at, verified_at,
             customer_ref, customer_ref_key, customer_number, search_text, sort_keys_version)
        SELECT customer_id, invitation.email, invitation.email_key, given, '', family, '',
               cur.code, now(), now(), now(), now(), ref, lower(ref),
               body || ((10 - total % 10) % 10)::text,
               -- Found by name and address at once; the app's fuller line follows.
               lower(given || ' ' || family || ' ' || invitation.email), 0
          FROM public.currencies cur,
               (SELECT 'C-' || upper(substr(md5(random()::text || customer_id::text), 1, 10)) AS ref) r
         WHERE cur.is_default;
    END IF;
    -- A member already keeps their state: a deactivated one stays deactivated.
    INSERT INTO public.company_members (company_id, customer_id, active, added_at)
    VALUES (invitation.company_id, customer_id, true, now())
    ON CONFLICT ON CONSTRAINT company_members_pkey DO NOTHING;
    INSERT INTO public.company_member_roles (company_id, customer_id, role_id)
    VALUES (invitation.company_id, customer_id, invitation.role_id)
    ON CONFLICT DO NOTHING;
    UPDATE public.company_invitations i
       SET status = 'accepted', accepted_at = now(), accepted_customer_id = customer_id
     WHERE i.id = invitation.id;
    INSERT INTO public.audit_log (id, at, actor_id, actor_email, action, entity_type, entity_id, changes)
    VALUES (public.desk_uuid_v7(), now(), NULL, session_user, 'company.invitation_accepted',
            'company', invitation.company_id::text,
            jsonb_build_array(jsonb_build_object('field', 'invitation', 'old', NULL,
                                                 'new', invitation.email)));
    outcome := 'accepted';
    company_id := invitation.company_id;
    RETURN NEXT;
EXCEPTION WHEN raise_exception THEN
    IF SQLERRM = 'name_required' THEN
        outcome := 'name_required';
        customer_id := NULL;
        company_id := NULL;
        created := NULL;
        RETURN NEXT;
    ELSE
        RAISE;
    END IF;
END
$$;

-- Erasing a customer (GDPR) reaches their invitations: the address and link go,
-- a pending one is revoked (its link voided by the trigger above), and the
-- invitation emails to them are blanked and, if not sent yet, cancelled.
CREATE FUNCTION company_invitations_erase() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp
    AS $$
BEGIN
    UPDATE public.outbox
       SET recipient = 'erased@erased.invalid', subject = '[erased]', body_text = '[erased]',
           body_html = '[erased]', redacted_text = NULL, redacted_html = NULL,
           status = CASE WHEN status IN ('queued', 'failed') THEN 'cancelled' ELSE status END
     WHERE template = 'invitation' AND lower(recipient) = OLD.email_key;
    UPDATE public.company_invitations i
       SET email = 'erased-' || i.id || '@erased.invalid',
           email_key = 'erased-' || i.id || '@erased.invalid', link = '',
           status = CASE WHEN i.status = 'pending' THEN 'revoked' ELSE i.status END,
           revoked_at = CASE WHEN i.status = 'pending' THEN NEW.erased_at ELSE i.revoked_at END
     WHERE i.email_key = OLD.email_key;
    RETURN NULL;
END
$$;
CREATE TRIGGER company_invitations_erase AFTER UPDATE OF erased_at ON customers
    FOR EACH ROW WHEN (OLD.erased_at IS NULL AND NEW.erased_at IS NOT NULL)
    EXECUTE FUNCTION company_invitations_erase();

-- Invitation links are accepted through desk_accept_invitation only: the generic
-- redeem would use the link and leave the invitation pending and unusable.
CREATE OR REPLACE FUNCTION desk_redeem_link(token text, link_purpose text)
    RETURNS TABLE (outcome text, record_type text, record_id text)
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp
    AS $$
#variable_conflict use_variable
DECLARE
    hashed text := encode(sha256(convert_to(btrim(token), 'UTF8')), 'hex');
    known  public.link_tokens%ROWTYPE;
BEGIN
    IF link_purpose <> 'invitation' THEN
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
    END IF;
    SELECT * INTO known FROM public.link_tokens AS t WHERE t.token_hash = hashed;
    record_type := NULL;
    record_id := NULL;
    outcome := CASE
        WHEN NOT FOUND THEN 'unknown'
        WHEN known.purpose <> link_purpose OR link_purpose = 'invitation' THEN 'wrong_purpose'
        WHEN known.used_at IS NOT NULL THEN 'used'
        ELSE 'expired'
    END;
    RETURN NEXT;
END
$$;

-- Direct writes to roles and their grants are filed under the role, as the app's
-- own entries are (they were filed under 'company').
DROP TRIGGER company_roles_audit_direct_write ON company_roles;
CREATE CONSTRAINT TRIGGER company_roles_audit_direct_write
    AFTER INSERT OR UPDATE OR DELETE ON company_roles
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION audit_direct_write('company_role', 'id');
CREATE CONSTRAINT TRIGGER company_role_grants_audit_direct_write
    AFTER INSERT OR UPDATE OR DELETE ON company_role_grants
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION audit_direct_write('company_role', 'role_id');

-- Members' addresses as the store compares them (lower-cased by the app), so "already
-- a member" holds for any script, not only ASCII.
CREATE OR REPLACE VIEW company_member_details WITH (security_barrier) AS
    SELECT m.company_id, m.customer_id, m.active, m.added_at,
           cu.first_name, cu.last_name, cu.email, cu.phone, cu.locale,
           cu.last_name_key, cu.first_name_key, cu.email_key
      FROM company_members m
      JOIN customers cu ON cu.id = m.customer_id
      JOIN companies co ON co.id = m.company_id
     WHERE (SELECT desk_sees_everything())
        OR co.sales_rep_id = (SELECT desk_session_staff_id());

REVOKE ALL ON company_invitations FROM PUBLIC;
REVOKE ALL ON FUNCTION desk_invitation_for_link(text) FROM PUBLIC;
REVOKE ALL ON FUNCTION desk_accept_invitation(text, text, text) FROM PUBLIC;
DO $$
DECLARE
    administrator text := desk_role('administrator');
    support_agent text := desk_role('support_agent');
    sales_rep     text := desk_role('sales_rep');
    reviewer      text := desk_role('reviewer');
    storefront    text := desk_role('storefront');
BEGIN
    EXECUTE format('GRANT SELECT ON company_invitations TO %I, %I', administrator, support_agent);
    EXECUTE format('GRANT SELECT (id, company_id, email, email_key, role_id, role_name, status, '
                   'invited_by_name, created_at, sent_at, expires_at, accepted_at, '
                   'accepted_customer_id, revoked_at) ON company_invitations TO %I, %I',
                   sales_rep, reviewer);
    EXECUTE format('GRANT INSERT, UPDATE ON company_invitations TO %I, %I',
                   administrator, support_agent);
    EXECUTE format('GRANT EXECUTE ON FUNCTION desk_invitation_for_link(text), '
                   'desk_accept_invitation(text, text, text) TO %I', storefront);
END
$$;
