-- What every service's commission schema has, from the platform library. Repeatable (and written
-- to be run again), so it needs no version of its own beside the service's own migrations, and
-- runs after them: a service whose older migrations made these tables keeps them as they are.
-- Runs as the commission's role.

-- The outbox: every change writes an event here in its own transaction. The counter row is locked
-- by each writer until it commits, so sequences are given out in commit order with no gaps, and a
-- reader that resumes after sequence N can never miss a later-committed N-1.
CREATE TABLE IF NOT EXISTS outbox_counter (
    singleton     boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    last_sequence bigint  NOT NULL
);
INSERT INTO outbox_counter (last_sequence) VALUES (0) ON CONFLICT (singleton) DO NOTHING;

CREATE TABLE IF NOT EXISTS outbox_event (
    sequence      bigint      PRIMARY KEY,
    type          text        NOT NULL,
    resource_name text        NOT NULL,
    actor         text        NOT NULL,
    event_time    timestamptz NOT NULL,
    -- The full name of the payload's message in the contract, e.g. chorus.payments.v1.PaymentChoiceRecorded.
    payload_type  text        NOT NULL,
    -- The payload in the contract's JSON form, with proto field names.
    payload       jsonb       NOT NULL
);

-- Request ids of creating calls (aip.dev/155): a retry returns what the first call made.
CREATE TABLE IF NOT EXISTS create_request (
    request_id    uuid        PRIMARY KEY,
    request_hash  text        NOT NULL,
    resource_name text        NOT NULL,
    create_time   timestamptz NOT NULL
);

-- Answers to calls that move money (after Stripe's idempotency keys): the same request id and request
-- get the first answer again, an error included, kept at least a week. One of `answer` (the contract's
-- binary form of the reply) and `error` (what the refusal said) is set.
CREATE TABLE IF NOT EXISTS request_answer (
    request_id    uuid        PRIMARY KEY,
    request_hash  text        NOT NULL,
    answer        bytea,
    error         jsonb,
    create_time   timestamptz NOT NULL,
    CHECK ((answer IS NULL) <> (error IS NULL))
);
CREATE INDEX IF NOT EXISTS request_answer_by_time ON request_answer (create_time);

-- Each person's own data key (crypto-shredding): their personal fields in this commission are sealed
-- under it, and it is kept here only wrapped by the service's key. Erasing the person deletes the
-- row, and with it every way to read what was sealed under it, in every table and every backup.
CREATE TABLE IF NOT EXISTS person_key (
    person       text        PRIMARY KEY,
    key_id       text        NOT NULL,
    nonce        bytea       NOT NULL,
    wrapped_key  bytea       NOT NULL,
    create_time  timestamptz NOT NULL
);

-- People whose key was destroyed: nothing is sealed for them again.
CREATE TABLE IF NOT EXISTS erased_person (
    person       text        PRIMARY KEY,
    erase_time   timestamptz NOT NULL
);

-- Where this service has read another service's feed to, per feed: moved in the same transaction as
-- what each event did, so every event has its effect once, whatever restarts or replays.
CREATE TABLE IF NOT EXISTS feed_cursor (
    feed          text   PRIMARY KEY,
    last_sequence bigint NOT NULL CHECK (last_sequence >= 0)
);
