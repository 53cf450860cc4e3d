-- How long details are kept after someone leaves (unless they asked to be kept); the default until set.
CREATE TABLE retention_policy (
    singleton                boolean     PRIMARY KEY DEFAULT true CHECK (singleton),
    erase_after_leaving_days integer     NOT NULL CHECK (erase_after_leaving_days BETWEEN 30 AND 3650),
    updated_by               text        NOT NULL,
    update_time              timestamptz NOT NULL
);
