-- Which member organisation each member comes from (from the membership feed), to count the
-- organisations whose people took part. An organisation's name, never a person's.
CREATE TABLE member_organisation (
    member_id     text PRIMARY KEY,
    organization  text NOT NULL
);
