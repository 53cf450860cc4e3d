-- The commissions this service has been provisioned for: each gets its own schema, created and
-- migrated when the commission is opened on the network.
CREATE TABLE provisioned_commission (
    commission_id text        PRIMARY KEY CHECK (commission_id ~ '^[a-z][a-z0-9-]{1,38}[a-z0-9]$'),
    schema_name   text        NOT NULL UNIQUE,
    provision_time timestamptz NOT NULL
);
