-- Claims for time and costs, and their approvals (two, by two different people). Nothing is deleted.
CREATE TABLE claim (
    id                 uuid        PRIMARY KEY,
    member_id          text        NOT NULL,
    kind               text        NOT NULL CHECK (kind IN ('TIME', 'EXPENSE')),
    description        text        NOT NULL CHECK (length(description) BETWEEN 1 AND 200),
    minutes            integer     CHECK (minutes BETWEEN 1 AND 720),
    work_date          date        NOT NULL,
    expense_kind       text,
    amount_pence       bigint      NOT NULL CHECK (amount_pence > 0),
    -- For time: the rate it was made at, kept whatever the policy says later.
    hourly_rate_pence  bigint,
    policy_revision    integer     NOT NULL CHECK (policy_revision >= 0),
    payment_method     text,
    state              text        NOT NULL CHECK (state IN ('SUBMITTED', 'APPROVED', 'PAID', 'WITHDRAWN', 'WAITING_FOR_A_CHOICE', 'REJECTED')),
    rejection_reason   text        CHECK (length(rejection_reason) <= 500),
    created_by         text        NOT NULL,
    create_time        timestamptz NOT NULL,
    version            bigint      NOT NULL,
    CHECK ((kind = 'TIME') = (minutes IS NOT NULL AND hourly_rate_pence IS NOT NULL)),
    CHECK ((kind = 'EXPENSE') = (expense_kind IS NOT NULL)),
    CHECK ((state = 'REJECTED') = (rejection_reason IS NOT NULL))
);
CREATE INDEX claim_by_time ON claim (create_time, id);
CREATE INDEX claim_by_member ON claim (member_id, create_time, id);

CREATE TABLE claim_approval (
    claim_id     uuid        NOT NULL REFERENCES claim (id),
    approver     text        NOT NULL,
    approve_time timestamptz NOT NULL,
    PRIMARY KEY (claim_id, approver)
);
