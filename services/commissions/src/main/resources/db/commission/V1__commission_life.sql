-- One commission's own data: run by Flyway in the commission's schema, as the commission's role,
-- when the commission is set up. Names are unqualified on purpose: the search path is the schema.

-- The phases, in order (position from 1). A new commission gets the usual four.
CREATE TABLE phase (
    position     integer PRIMARY KEY CHECK (position BETWEEN 1 AND 12),
    display_name text    NOT NULL,
    description  text    NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX phase_display_name_once ON phase (lower(display_name));

INSERT INTO phase (position, display_name, description) VALUES
    (1, 'Engagement', 'People with lived experience meet, get to know each other, and agree the issues and the stories they want to tell.'),
    (2, 'Exploration', 'Civic and business commissioners join. What do I see, what do you see, what do we see?'),
    (3, 'Experimentation', 'Small tests of change: risk small, fail early, learn quickly.'),
    (4, 'Embedding', 'What was learnt becomes how organisations work.');

-- Which phase is current, and a version for etags. Exactly one row.
CREATE TABLE phase_state (
    singleton        boolean     PRIMARY KEY DEFAULT true CHECK (singleton),
    current_position integer     NOT NULL REFERENCES phase (position) DEFERRABLE INITIALLY DEFERRED,
    version          bigint      NOT NULL,
    update_time      timestamptz NOT NULL
);
INSERT INTO phase_state (current_position, version, update_time) VALUES (1, 1, now());

-- Every move between phases; never changed or deleted.
CREATE TABLE phase_transition (
    number      integer     PRIMARY KEY,
    from_phase  text        NOT NULL,
    to_phase    text        NOT NULL,
    direction   text        NOT NULL CHECK (direction IN ('FORWARD', 'BACK')),
    reason      text        NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
    decided_by  text        NOT NULL,
    move_time   timestamptz NOT NULL
);

-- Every version of the scope statement; the newest is the current one. None until the first change.
CREATE TABLE scope_statement_revision (
    revision                  integer     PRIMARY KEY CHECK (revision >= 1),
    open_to_co_production     text        NOT NULL,
    not_open_to_co_production text        NOT NULL,
    reasons                   text        NOT NULL,
    updated_by                text        NOT NULL,
    create_time               timestamptz NOT NULL
);

-- Request ids of creating calls in this commission, so that a retry returns the first result.
CREATE TABLE create_request (
    request_id    uuid        PRIMARY KEY,
    request_hash  text        NOT NULL,
    resource_name text        NOT NULL,
    create_time   timestamptz NOT NULL
);

-- The outbox: every change writes an event here in its own transaction. The counter row is
-- locked by each writer until it commits, so sequences are given out in commit order with no
-- gaps, and a reader that resumes after sequence N can never miss a later-committed N-1.
CREATE TABLE outbox_counter (
    singleton     boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    last_sequence bigint  NOT NULL
);
INSERT INTO outbox_counter (last_sequence) VALUES (0);

CREATE TABLE outbox_event (
    sequence      bigint      PRIMARY KEY,
    type          text        NOT NULL,
    resource_name text        NOT NULL,
    actor         text        NOT NULL,
    event_time    timestamptz NOT NULL,
    payload       jsonb       NOT NULL
);
