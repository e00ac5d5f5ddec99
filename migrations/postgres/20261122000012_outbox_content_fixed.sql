-- Staff logins deliver from their desktops, so they move messages through their
-- statuses; what a message says and where it goes is fixed once queued (with SQL a
-- login could otherwise redirect a queued message or rewrite its body unnoticed).
DO $$
DECLARE
    administrator text := desk_role('administrator');
    support_agent text := desk_role('support_agent');
BEGIN
    EXECUTE format('REVOKE UPDATE ON outbox FROM %I, %I', administrator, support_agent);
    EXECUTE format('GRANT UPDATE (status, attempts, last_error, next_attempt_at, claimed_at, '
                   'sent_at) ON outbox TO %I, %I', administrator, support_agent);
END
$$;
