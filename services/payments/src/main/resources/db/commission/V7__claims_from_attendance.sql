-- Claims made from attendance: one per session and person, never two, whatever the feed replays.
ALTER TABLE claim ADD COLUMN session text;
CREATE UNIQUE INDEX claim_once_per_session ON claim (session, member_id) WHERE session IS NOT NULL;
-- A session's time with its preparation can pass twelve hours; a day is the most.
ALTER TABLE claim DROP CONSTRAINT claim_minutes_check;
ALTER TABLE claim ADD CONSTRAINT claim_minutes_check CHECK (minutes BETWEEN 1 AND 1440);
