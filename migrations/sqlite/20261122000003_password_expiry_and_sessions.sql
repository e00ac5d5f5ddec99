-- The database login of a staff member (shared stores only), one-time passwords that
-- expire and must be changed, a session epoch that ends other sessions when a password
-- changes, and the idle time as a setting of the store (administrators set it; it is no
-- longer in each desktop's profiles file).

-- Database logins exist only on a shared Postgres store; here the column stays empty,
-- so both stores read staff alike.
ALTER TABLE staff ADD COLUMN db_login text;
ALTER TABLE staff ADD COLUMN must_change_password integer NOT NULL DEFAULT 0;
ALTER TABLE staff ADD COLUMN password_expires_at text;
ALTER TABLE staff ADD COLUMN session_epoch integer NOT NULL DEFAULT 0;

CREATE TABLE store_settings (
    singleton            integer NOT NULL PRIMARY KEY DEFAULT 1 CHECK (singleton = 1),
    idle_timeout_minutes integer NOT NULL DEFAULT 15
        CHECK (idle_timeout_minutes BETWEEN 1 AND 240)
);
INSERT INTO store_settings (singleton) VALUES (1);
