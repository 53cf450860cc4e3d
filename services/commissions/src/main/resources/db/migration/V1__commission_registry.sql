-- The network's registry of commissions. Rules the domain checks are repeated here, so that no
-- code path can store a commission the API would refuse.
CREATE TABLE commission (
    id           text        PRIMARY KEY CHECK (id ~ '^[a-z][a-z0-9-]{1,38}[a-z0-9]$'),
    display_name text        NOT NULL CHECK (char_length(display_name) BETWEEN 1 AND 120),
    place        text        NOT NULL DEFAULT '' CHECK (char_length(place) <= 120),
    start_date   date,
    state        text        NOT NULL CHECK (state IN ('ACTIVE', 'ARCHIVED')),
    create_time  timestamptz NOT NULL,
    update_time  timestamptz NOT NULL,
    version      bigint      NOT NULL CHECK (version > 0)
);

-- Requests that created something, by their request_id, so that a retry returns what the first
-- try made instead of making it twice.
CREATE TABLE create_request (
    request_id    uuid        PRIMARY KEY,
    request_hash  text        NOT NULL,
    resource_name text        NOT NULL,
    create_time   timestamptz NOT NULL
);
