-- The commission's payment policy, one row per revision, never changed. A revision applies from its
-- effective date until a later-dated one; claims keep the rate of the revision they were made under.
CREATE TABLE payment_policy_revision (
    revision            integer     PRIMARY KEY CHECK (revision >= 1),
    effective_date      date        NOT NULL,
    rate_basis          text        NOT NULL CHECK (rate_basis IN ('REAL_LIVING_WAGE', 'REAL_LIVING_WAGE_LONDON', 'CUSTOM')),
    -- In pence; only with CUSTOM (the Living Wage rates are read from the rules for each day).
    custom_rate_pence   bigint      CHECK (custom_rate_pence BETWEEN 1 AND 20000),
    preparation_minutes integer     NOT NULL CHECK (preparation_minutes BETWEEN 0 AND 240),
    travel_time_paid    boolean     NOT NULL,
    -- Each kind of cost covered and its limit per claim in pence, e.g. {"TRAVEL": 2000}.
    covered_expenses    jsonb       NOT NULL CHECK (jsonb_typeof(covered_expenses) = 'object'),
    budget_pence        bigint      CHECK (budget_pence BETWEEN 0 AND 1000000000),
    created_by          text        NOT NULL,
    create_time         timestamptz NOT NULL,
    CHECK ((rate_basis = 'CUSTOM') = (custom_rate_pence IS NOT NULL))
);
CREATE INDEX payment_policy_by_date ON payment_policy_revision (effective_date, revision);
