-- Payments publishes on the platform's one feed: a counter row that orders sequences by commit,
-- with no gaps, and typed JSON payloads, like every service (db/commission-platform). The events
-- written before are kept, in their order, with the member as actor (only members record their
-- own payment choices).
CREATE TABLE outbox_counter (
    singleton     boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    last_sequence bigint  NOT NULL
);

ALTER TABLE outbox_event RENAME TO outbox_event_before_feed;

CREATE TABLE outbox_event (
    sequence      bigint      PRIMARY KEY,
    type          text        NOT NULL,
    resource_name text        NOT NULL,
    actor         text        NOT NULL,
    event_time    timestamptz NOT NULL,
    payload_type  text        NOT NULL,
    payload       jsonb       NOT NULL
);

INSERT INTO outbox_event (sequence, type, resource_name, actor, event_time, payload_type, payload)
SELECT row_number() OVER (ORDER BY sequence),
       'payment_choice.recorded',
       convert_from(payload, 'UTF8')::jsonb ->> 'payment_choice',
       regexp_replace(convert_from(payload, 'UTF8')::jsonb ->> 'member', '^.*/', ''),
       create_time,
       -- The only type ever written; another would leave NULL here and stop the migration.
       CASE type WHEN 'payments.PaymentChoiceRecorded' THEN 'chorus.payments.v1.PaymentChoiceRecorded' END,
       convert_from(payload, 'UTF8')::jsonb
FROM outbox_event_before_feed;

INSERT INTO outbox_counter (last_sequence) SELECT count(*) FROM outbox_event;

DROP TABLE outbox_event_before_feed;

-- Request ids of payment choices move to the platform's one table of request ids (the payment_choice
-- columns stay, as they were written), so a retry of a choice made before is still answered with it.
CREATE TABLE create_request (
    request_id    uuid        PRIMARY KEY,
    request_hash  text        NOT NULL,
    resource_name text        NOT NULL,
    create_time   timestamptz NOT NULL
);
INSERT INTO create_request (request_id, request_hash, resource_name, create_time)
SELECT request_id, request_hash, 'commissions/${commission}/members/' || member_id || '/paymentChoices/' || id, create_time
FROM payment_choice;
