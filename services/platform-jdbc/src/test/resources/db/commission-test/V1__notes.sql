-- A commission table for the tenancy tests.
CREATE TABLE note (
    id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    body text NOT NULL
);
