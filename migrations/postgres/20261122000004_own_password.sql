-- A staff member signed in with their own login records their own password change
-- (the app's bookkeeping: a one-time password done with, the session epoch raised)
-- on their own row; row security keeps it to that row. The password itself is set on
-- the login by desk_change_own_password.
DO $$
BEGIN
    EXECUTE format('GRANT UPDATE (password_hash, must_change_password, password_expires_at, '
                   'session_epoch) ON staff TO %I', desk_role('staff'));
END
$$;
