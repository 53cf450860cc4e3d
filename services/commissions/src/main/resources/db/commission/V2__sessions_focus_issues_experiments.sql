-- Sessions (a commission's gatherings), who came to them, the focus issues the group chose, and its experiments.
-- Runs in the commission's own schema, like V1.

-- A session. Exactly one of place and online_link; notes only while the group agrees to them.
CREATE TABLE session (
    id                   text        PRIMARY KEY,
    title                text        NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    start_time           timestamptz NOT NULL,
    end_time             timestamptz NOT NULL,
    place                text,
    online_link          text,
    step_free_access     boolean     NOT NULL,
    hearing_loop         boolean     NOT NULL,
    quiet_room           boolean     NOT NULL,
    interpreter          text        NOT NULL CHECK (interpreter IN ('NONE', 'BSL', 'OTHER_LANGUAGE')),
    interpreter_language text        NOT NULL DEFAULT '',
    childcare_provided   boolean     NOT NULL,
    travel_paid          boolean     NOT NULL,
    food_provided        boolean     NOT NULL,
    notes                text        NOT NULL DEFAULT '',
    notes_agreed         boolean     NOT NULL DEFAULT false,
    notes_recorded_by    text        NOT NULL DEFAULT '',
    notes_record_time    timestamptz,
    state                text        NOT NULL CHECK (state IN ('SCHEDULED', 'CANCELLED')),
    cancel_reason        text        NOT NULL DEFAULT '',
    created_by           text        NOT NULL,
    create_time          timestamptz NOT NULL,
    update_time          timestamptz NOT NULL,
    version              bigint      NOT NULL,
    CHECK (end_time > start_time),
    CHECK ((place IS NULL) <> (online_link IS NULL)),
    CHECK (notes = '' OR notes_agreed)
);
-- ListSessions reads in start order, with the id to break ties.
CREATE INDEX session_by_start ON session (start_time, id);

-- Whether one person came to a session. member is their sign-in subject until membership exists.
CREATE TABLE attendance (
    session_id         text        NOT NULL REFERENCES session (id),
    member             text        NOT NULL,
    attended           boolean     NOT NULL,
    minutes            integer     NOT NULL CHECK (minutes >= 0),
    recorded_by        text        NOT NULL,
    recorded_on_behalf boolean     NOT NULL,
    record_time        timestamptz NOT NULL,
    version            bigint      NOT NULL,
    PRIMARY KEY (session_id, member),
    CHECK (attended = (minutes > 0))
);

-- An issue someone proposed for the group to focus on, and the group's decision about it.
CREATE TABLE focus_issue (
    id             text        PRIMARY KEY,
    title          text        NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    description    text        NOT NULL DEFAULT '',
    state          text        NOT NULL CHECK (state IN ('PROPOSED', 'CHOSEN', 'SET_ASIDE')),
    proposed_by    text        NOT NULL,
    create_time    timestamptz NOT NULL,
    how_decided    text        NOT NULL DEFAULT '',
    decided_by     text        NOT NULL DEFAULT '',
    decide_time    timestamptz,
    update_time    timestamptz NOT NULL,
    version        bigint      NOT NULL,
    CHECK ((state = 'PROPOSED') = (decide_time IS NULL)),
    CHECK (state = 'PROPOSED' OR length(how_decided) >= 1)
);
CREATE INDEX focus_issue_by_state ON focus_issue (state, create_time, id);

-- A small test of change. Stopped experiments are kept; learning is written before the end.
CREATE TABLE experiment (
    id          text        PRIMARY KEY,
    title       text        NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    hypothesis  text        NOT NULL,
    change      text        NOT NULL,
    lead        text        NOT NULL,
    status      text        NOT NULL CHECK (status IN ('PLANNED', 'RUNNING', 'LEARNING_RECORDED', 'EMBEDDED', 'STOPPED')),
    learning    text        NOT NULL DEFAULT '',
    created_by  text        NOT NULL,
    create_time timestamptz NOT NULL,
    update_time timestamptz NOT NULL,
    version     bigint      NOT NULL,
    CHECK (status IN ('PLANNED', 'RUNNING') OR length(learning) >= 1)
);
CREATE INDEX experiment_by_status ON experiment (status, create_time, id);
