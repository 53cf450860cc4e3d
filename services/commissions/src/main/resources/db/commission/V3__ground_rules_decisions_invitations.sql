-- The group's ground rules, its practical decisions, and who is invited to each session with their
-- reply. Runs in the commission's own schema, like V1 and V2.

-- Every version of the ground rules; the newest is the current one. None until the first.
CREATE TABLE ground_rules_revision (
    revision    integer     PRIMARY KEY CHECK (revision >= 1),
    -- The rules in order, as a JSON array of strings.
    rules       jsonb       NOT NULL CHECK (jsonb_typeof(rules) = 'array' AND jsonb_array_length(rules) BETWEEN 1 AND 50),
    agreed_on   date        NOT NULL,
    how_agreed  text        NOT NULL CHECK (length(how_agreed) BETWEEN 1 AND 1000),
    updated_by  text        NOT NULL,
    create_time timestamptz NOT NULL
);

-- A practical decision (risk, lone working, ethics, safeguarding, other). Its earlier wording is
-- kept in the outbox: every recording and change writes the whole wording as an event.
CREATE TABLE practical_decision (
    id          text        PRIMARY KEY,
    topic       text        NOT NULL CHECK (topic IN ('RISK', 'LONE_WORKING', 'ETHICS', 'SAFEGUARDING', 'OTHER')),
    title       text        NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    decision    text        NOT NULL CHECK (length(decision) BETWEEN 1 AND 4000),
    agreed_by   text        NOT NULL CHECK (length(agreed_by) BETWEEN 1 AND 500),
    agreed_on   date        NOT NULL,
    created_by  text        NOT NULL,
    create_time timestamptz NOT NULL,
    updated_by  text        NOT NULL,
    update_time timestamptz NOT NULL,
    version     bigint      NOT NULL
);
CREATE INDEX practical_decision_by_topic ON practical_decision (topic, create_time, id);
CREATE INDEX practical_decision_by_time ON practical_decision (create_time, id);

-- One person invited to one session, and their reply. member is their sign-in subject. No health
-- or access needs are kept here.
CREATE TABLE invitation (
    session_id        text        NOT NULL REFERENCES session (id),
    member            text        NOT NULL,
    reply             text        NOT NULL CHECK (reply IN ('NO_REPLY_YET', 'COMING', 'NOT_COMING', 'NOT_SURE_YET')),
    invited_by        text        NOT NULL,
    invite_time       timestamptz NOT NULL,
    replied_by        text        NOT NULL DEFAULT '',
    replied_on_behalf boolean     NOT NULL DEFAULT false,
    reply_time        timestamptz,
    version           bigint      NOT NULL,
    PRIMARY KEY (session_id, member),
    CHECK ((reply = 'NO_REPLY_YET') = (reply_time IS NULL))
);
