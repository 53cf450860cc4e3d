-- Reporting's read models of one commission, built from the feeds of commissions, membership and
-- payments (each feed's cursor is in feed_cursor, moved in the same transaction as the change
-- here). Ids only, never a name: reports are aggregates. Everything but the outcomes can be
-- rebuilt from the feeds (ReadModels.rebuild).

-- Sessions, as the commissions feed describes them.
CREATE TABLE session_seen (
    session_id    text        PRIMARY KEY,
    start_time    timestamptz NOT NULL,
    end_time      timestamptz NOT NULL,
    online        boolean     NOT NULL,
    cancelled     boolean     NOT NULL,
    step_free     boolean     NOT NULL,
    interpreter   boolean     NOT NULL
);

-- Who came to which session, and for how long; the latest record of each wins.
CREATE TABLE attendance_seen (
    session_id    text        NOT NULL,
    member_id     text        NOT NULL,
    attended      boolean     NOT NULL,
    minutes       integer     NOT NULL CHECK (minutes >= 0),
    session_start timestamptz NOT NULL,
    PRIMARY KEY (session_id, member_id)
);

-- Claims paid (in full, as time credits, or donated), from the payments feed.
CREATE TABLE claim_paid (
    claim_id      text        PRIMARY KEY,
    member_id     text        NOT NULL,
    time_claim    boolean     NOT NULL,
    amount_pence  bigint      NOT NULL CHECK (amount_pence >= 0),
    minutes       integer     NOT NULL CHECK (minutes >= 0),
    paid_time     timestamptz NOT NULL
);

-- Experiments moving on, and what was learnt.
CREATE TABLE experiment_move (
    sequence      bigint      PRIMARY KEY,
    experiment    text        NOT NULL,
    to_status     text        NOT NULL,
    learning      text        NOT NULL,
    move_time     timestamptz NOT NULL
);

-- Focus issues the group chose.
CREATE TABLE focus_issue_chosen (
    focus_issue   text        PRIMARY KEY,
    title         text        NOT NULL,
    choose_time   timestamptz NOT NULL
);

-- Phases moved through.
CREATE TABLE phase_change (
    sequence      bigint      PRIMARY KEY,
    from_phase    text        NOT NULL,
    to_phase      text        NOT NULL,
    change_time   timestamptz NOT NULL
);

-- Who agrees to share their story (consent purpose SHARING_THEIR_STORY), from the membership feed.
CREATE TABLE story_consent (
    member_id     text        PRIMARY KEY,
    given         boolean     NOT NULL
);

-- How far the read models have come: one more for each event applied, and the newest event's time.
CREATE TABLE read_model_version (
    singleton     boolean     PRIMARY KEY DEFAULT true CHECK (singleton),
    version       bigint      NOT NULL,
    newest_event  timestamptz
);
INSERT INTO read_model_version (version) VALUES (0);

-- Outcomes and stories of change, recorded here (not rebuilt from a feed).
CREATE TABLE outcome (
    outcome_id    text        PRIMARY KEY,
    kind          text        NOT NULL CHECK (kind IN ('OUTCOME', 'STORY')),
    title         text        NOT NULL,
    description   text        NOT NULL,
    member_id     text        CHECK ((kind = 'STORY') = (member_id IS NOT NULL)),
    state         text        NOT NULL CHECK (state IN ('PROPOSED', 'APPROVED', 'TURNED_DOWN')),
    reason        text        NOT NULL DEFAULT '',
    created_by    text        NOT NULL,
    create_time   timestamptz NOT NULL,
    decided_by    text,
    decide_time   timestamptz,
    CHECK ((state = 'PROPOSED') = (decide_time IS NULL))
);
CREATE INDEX outcome_newest ON outcome (create_time DESC, outcome_id DESC);
