-- What every service's network schema has, from the platform library. Repeatable (and written
-- to be run again), so it needs no version of its own beside the service's migrations. Runs as
-- the database owner (the Flyway user).

-- The commissions this service has been set up for: each has its own schema and role
-- (CommissionSchemaProvisioner).
CREATE TABLE IF NOT EXISTS provisioned_commission (
    commission_id  text        PRIMARY KEY CHECK (commission_id ~ '^[a-z][a-z0-9-]{1,38}[a-z0-9]$'),
    schema_name    text        NOT NULL UNIQUE,
    provision_time timestamptz NOT NULL
);

-- The last sequence of each commission's event feed in this service (FeedHeads): moved after each commit that adds
-- events, so a service that reads the feeds asks which commissions moved (FeedHeadsService) instead of asking every
-- commission's feed. Never behind for long, never ahead: a head not moved (the process died between the commit and
-- this write) is caught by the readers' sweep of every feed.
CREATE TABLE IF NOT EXISTS feed_head (
    commission_id text        PRIMARY KEY,
    last_sequence bigint      NOT NULL CHECK (last_sequence >= 0),
    change_time   timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS feed_head_by_change ON feed_head (change_time);

-- The login role the service's application connects as. It owns nothing, is no superuser, and
-- inherits nothing: it reads a commission's schema only after SET LOCAL ROLE to that commission's
-- role, inside a transaction (CommissionTransactions). In the network schema it may read, add and
-- change rows, never delete them.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${applicationRole}') THEN
        CREATE ROLE "${applicationRole}" LOGIN NOINHERIT NOSUPERUSER NOCREATEDB NOCREATEROLE
            PASSWORD '${applicationPassword}';
    END IF;
END
$$;

GRANT USAGE ON SCHEMA network TO "${applicationRole}";
GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA network TO "${applicationRole}";
ALTER DEFAULT PRIVILEGES IN SCHEMA network GRANT SELECT, INSERT, UPDATE ON TABLES TO "${applicationRole}";
