-- The organisations hosting each commission, and what is kept when a commission is archived.
-- Rules the domain checks are repeated here, so that no code path can store what the API would refuse.
ALTER TABLE commission
    ADD COLUMN host_organizations text[] NOT NULL DEFAULT '{}'
        CHECK (cardinality(host_organizations) <= 10),
    ADD COLUMN archive_time timestamptz,
    ADD COLUMN archive_reason text CHECK (char_length(archive_reason) BETWEEN 1 AND 2000),
    ADD CONSTRAINT commission_archived_says_when_and_why
        CHECK ((state = 'ARCHIVED') = (archive_time IS NOT NULL AND archive_reason IS NOT NULL));
