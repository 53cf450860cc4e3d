-- Each commission's figures, by measure and period, before any disclosure control: computed from
-- the commission's read models (ImpactCells) and kept here so that a network roll-up is one query
-- across every commission. Aggregates only. Never read by anyone but the reporting service, and
-- never shown without passing disclosure control.
CREATE TABLE impact_cell (
    commission_id text   NOT NULL,
    measure       text   NOT NULL,
    period        text   NOT NULL,
    value         bigint NOT NULL CHECK (value >= 0),
    people        bigint NOT NULL CHECK (people >= -1),
    PRIMARY KEY (commission_id, measure, period)
);

-- Which read-model version each commission's cells were computed from.
CREATE TABLE impact_cells_version (
    commission_id text        PRIMARY KEY,
    version       bigint      NOT NULL,
    newest_event  timestamptz
);
