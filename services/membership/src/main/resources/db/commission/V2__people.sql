-- The people of the commission: who they are (sealed), where they are in their time with it (with the
-- whole history), their consent purpose by purpose, and their access needs (sealed). Personal fields
-- are sealed under each person's own key (person_key, from the platform): erasing a person destroys
-- it, and what is left here is their place in the counts, without a name.

CREATE TABLE member (
    -- The sign-in subject of their account when they have one; a random UUID for someone without.
    id            text        PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 64),
    -- Their account's subject, once they have one (then equal to id).
    account       text        CHECK (account IS NULL OR account = id),
    kind          text        NOT NULL CHECK (kind IN ('EXPERT_BY_EXPERIENCE', 'CIVIC_COMMISSIONER', 'BUSINESS_COMMISSIONER')),
    state         text        NOT NULL CHECK (state IN ('INVITED', 'ACTIVE', 'PAUSED', 'LEFT', 'ERASED')),
    credit        text        NOT NULL CHECK (credit IN ('CREDIT_UNSPECIFIED', 'FULL_NAME', 'FIRST_NAME', 'ANONYMOUS', 'CHOSEN_NAME')),
    organization  text,
    -- Display name, chosen name, email and phone, as sealed JSON; null once erased.
    personal      bytea,
    -- A keyed digest of the lower-case email, so an address is in the commission once, never stored in clear.
    email_index   text,
    create_time   timestamptz NOT NULL,
    update_time   timestamptz NOT NULL,
    version       bigint      NOT NULL,
    CHECK (state <> 'ERASED' OR (personal IS NULL AND email_index IS NULL))
);
CREATE UNIQUE INDEX member_email_once ON member (email_index) WHERE email_index IS NOT NULL;
CREATE INDEX member_by_time ON member (create_time, id);

-- Every change in a member's time with the commission. Never updated or deleted (the reason, the
-- person's own words, is sealed and so goes with their key).
CREATE TABLE member_state_change (
    id             bigserial   PRIMARY KEY,
    member_id      text        NOT NULL REFERENCES member (id),
    change         text        NOT NULL CHECK (change IN ('INVITE', 'JOIN', 'PAUSE', 'RESUME', 'LEAVE', 'RETURN', 'ERASE')),
    state          text        NOT NULL,
    effective_date date        NOT NULL,
    reason         bytea,
    recorded_by    text        NOT NULL,
    on_behalf      boolean     NOT NULL,
    record_time    timestamptz NOT NULL
);
CREATE INDEX member_state_change_of ON member_state_change (member_id, id);

-- Every answer for every purpose, kept: the latest per purpose is what holds now.
CREATE TABLE consent (
    id              bigserial   PRIMARY KEY,
    member_id       text        NOT NULL REFERENCES member (id),
    purpose         text        NOT NULL,
    given           boolean     NOT NULL,
    wording_version integer     NOT NULL CHECK (wording_version > 0),
    recorded_by     text        NOT NULL,
    on_behalf       boolean     NOT NULL,
    record_time     timestamptz NOT NULL
);
CREATE INDEX consent_of ON consent (member_id, purpose, id);

-- Access needs: special category data, sealed as JSON under the person's key.
CREATE TABLE access_needs (
    member_id    text        PRIMARY KEY REFERENCES member (id),
    sealed       bytea       NOT NULL,
    update_time  timestamptz NOT NULL,
    version      bigint      NOT NULL
);

-- Every read of a person's special category data by someone else, for the person to see.
CREATE TABLE personal_data_read (
    id          bigserial   PRIMARY KEY,
    member_id   text        NOT NULL REFERENCES member (id),
    what        text        NOT NULL,
    reader      text        NOT NULL,
    read_time   timestamptz NOT NULL
);
CREATE INDEX personal_data_read_of ON personal_data_read (member_id, id);

-- Existing people: everyone ever granted the member role here becomes a member, with the same id
-- (their sign-in subject), active unless every member grant of theirs was revoked. Names are not
-- known to this schema; they are filled in when the person or a facilitator gives them.
INSERT INTO member (id, account, kind, state, credit, create_time, update_time, version)
SELECT subject, subject, 'EXPERT_BY_EXPERIENCE',
       CASE WHEN bool_or(revoke_time IS NULL) THEN 'ACTIVE' ELSE 'LEFT' END,
       'CREDIT_UNSPECIFIED', min(create_time), max(coalesce(revoke_time, create_time)), 1
FROM role_grant WHERE role = 'member' AND subject IS NOT NULL
GROUP BY subject;
INSERT INTO member_state_change (member_id, change, state, effective_date, recorded_by, on_behalf, record_time)
SELECT m.id, 'JOIN', 'ACTIVE', m.create_time::date, 'chorus-membership', false, m.create_time FROM member m;
INSERT INTO member_state_change (member_id, change, state, effective_date, recorded_by, on_behalf, record_time)
SELECT m.id, 'LEAVE', 'LEFT', m.update_time::date, 'chorus-membership', false, m.update_time FROM member m WHERE m.state = 'LEFT';
