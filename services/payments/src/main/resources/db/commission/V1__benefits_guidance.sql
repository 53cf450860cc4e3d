-- Benefits guidance, in each commission's own schema (owned by the commission's role).

-- A member's saved situation: special-category data, sealed with AES-256-GCM by the service. The
-- database never sees it in the clear. The associated data is the resource name (commission and
-- member), so a row copied elsewhere does not open.
CREATE TABLE benefits_situation (
    member_id   text        PRIMARY KEY,
    key_id      text        NOT NULL,
    nonce       bytea       NOT NULL CHECK (octet_length(nonce) = 12),
    ciphertext  bytea       NOT NULL,
    version     bigint      NOT NULL CHECK (version >= 1),
    update_time timestamptz NOT NULL
);

-- Who read or saved which member's situation, and when. Never the content.
CREATE TABLE benefits_situation_access (
    id            bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    member_id     text        NOT NULL,
    actor_subject text        NOT NULL,
    capacity      text        NOT NULL CHECK (capacity IN ('MEMBER', 'FINANCE')),
    action        text        NOT NULL CHECK (action IN ('READ', 'SAVE')),
    access_time   timestamptz NOT NULL
);
CREATE INDEX benefits_situation_access_by_member ON benefits_situation_access (member_id, access_time);

-- How each member chose to be paid, with the guidance version they saw. Never changed or deleted.
CREATE TABLE payment_choice (
    id                   uuid        PRIMARY KEY,
    member_id            text        NOT NULL,
    request_id           uuid        NOT NULL UNIQUE,
    request_hash         text        NOT NULL,
    method               text        NOT NULL,
    lower_amount_pence   bigint      CHECK (lower_amount_pence BETWEEN 0 AND 1000000),
    reason               text        NOT NULL CHECK (char_length(reason) <= 500),
    plan                 jsonb       NOT NULL,
    london               boolean     NOT NULL,
    rules_versions       text[]      NOT NULL,
    guidance_fingerprint text        NOT NULL,
    create_time          timestamptz NOT NULL
);
CREATE INDEX payment_choice_by_member ON payment_choice (member_id, create_time);

-- Domain events, written in the same transaction as the change, for the feed to other services.
CREATE TABLE outbox_event (
    sequence     bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id           uuid        NOT NULL UNIQUE,
    type         text        NOT NULL,
    content_type text        NOT NULL,
    payload      bytea       NOT NULL,
    create_time  timestamptz NOT NULL
);
