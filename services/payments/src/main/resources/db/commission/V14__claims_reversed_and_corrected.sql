-- A claim approved by mistake is cancelled by reversing what its approval posted (REVERSED), and a claim
-- made from attendance follows the attendance when a facilitator corrects it: withdrawn before approval,
-- reversed after approval and before payment, and left alone for finance to check once paid.
ALTER TABLE claim DROP CONSTRAINT claim_state_check;
ALTER TABLE claim ADD CONSTRAINT claim_state_check
    CHECK (state IN ('SUBMITTED', 'APPROVED', 'PAID', 'WITHDRAWN', 'WAITING_FOR_A_CHOICE', 'REJECTED', 'REVERSED'));

-- Why it was withdrawn or cancelled, in words the member reads: there is one exactly when it was.
ALTER TABLE claim ADD COLUMN cancellation_reason text CHECK (length(cancellation_reason) BETWEEN 1 AND 600);
ALTER TABLE claim ADD CONSTRAINT claim_cancelled_has_a_reason
    CHECK ((state IN ('WITHDRAWN', 'REVERSED')) = (cancellation_reason IS NOT NULL));

-- For finance: what a correction of the attendance said after the claim was paid. Nothing is taken back.
ALTER TABLE claim ADD COLUMN correction_to_check text CHECK (length(correction_to_check) BETWEEN 1 AND 500);

-- For a claim made from attendance: the minutes attended its own minutes were worked out from (they add the preparation
-- time), and the feed's sequence of the last attendance event applied to it, so that reading the feed
-- again from any point never applies a correction twice. Null for claims made before this.
ALTER TABLE claim ADD COLUMN attended_minutes integer CHECK (attended_minutes >= 0);
ALTER TABLE claim ADD COLUMN attendance_sequence bigint CHECK (attendance_sequence > 0);
