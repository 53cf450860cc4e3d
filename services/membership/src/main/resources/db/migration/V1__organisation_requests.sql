-- Member organisations live in Keycloak (Organizations); membership keeps only the request ids of
-- the calls that created them, so that a retry returns the first result instead of a conflict.
CREATE TABLE create_request (
    request_id    uuid        PRIMARY KEY,
    request_hash  text        NOT NULL,
    resource_name text        NOT NULL,
    create_time   timestamptz NOT NULL
);
