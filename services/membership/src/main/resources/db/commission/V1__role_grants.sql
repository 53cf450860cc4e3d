-- Membership's part of one commission: run by Flyway in the commission's schema, as the
-- commission's role, when the commission is set up. Names are unqualified: the search path is the schema.

-- Who holds which role in the commission. Membership is the source of truth; Keycloak mirrors
-- each grant as group /commissions/{commission}/{role}. A revoked grant is kept, never deleted.
CREATE TABLE role_grant (
    id           uuid        PRIMARY KEY,
    -- As the granter named the person: a sign-in subject, a username or an email address (lower case).
    person       text        NOT NULL CHECK (length(person) BETWEEN 1 AND 254),
    -- The person's Keycloak subject, once Keycloak has been reached.
    subject      text,
    role         text        NOT NULL CHECK (role IN ('facilitator', 'finance', 'member', 'viewer')),
    granted_by   text        NOT NULL,
    create_time  timestamptz NOT NULL,
    revoked_by   text,
    revoke_time  timestamptz,
    -- Whether Keycloak shows the grant as it is now; PENDING ones are retried by the reconciler.
    mirror_state text        NOT NULL CHECK (mirror_state IN ('PENDING', 'MIRRORED')),
    -- Increases with every change, so a mirror that raced a revoke does not mark it done.
    version      bigint      NOT NULL,
    CHECK ((revoked_by IS NULL) = (revoke_time IS NULL))
);
-- One active grant of a role per person (as named).
CREATE UNIQUE INDEX role_grant_active_once ON role_grant (person, role) WHERE revoke_time IS NULL;
CREATE INDEX role_grant_pending ON role_grant (create_time) WHERE mirror_state = 'PENDING';

-- Request ids of creating calls in this commission, so that a retry returns the first result.
CREATE TABLE create_request (
    request_id    uuid        PRIMARY KEY,
    request_hash  text        NOT NULL,
    resource_name text        NOT NULL,
    create_time   timestamptz NOT NULL
);
