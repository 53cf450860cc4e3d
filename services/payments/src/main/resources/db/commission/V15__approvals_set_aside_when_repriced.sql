-- Two people approve the same amount. When corrected attendance changes a claim that has one approval (or opens a
-- withdrawn one again), that approval was for another amount: it is set aside, kept for the record, and the claim
-- needs two approvals of what it says now. The person who approved before may approve again.
ALTER TABLE claim_approval ADD COLUMN set_aside_time timestamptz;
ALTER TABLE claim_approval DROP CONSTRAINT claim_approval_pkey;
CREATE UNIQUE INDEX claim_approval_once ON claim_approval (claim_id, approver) WHERE set_aside_time IS NULL;
CREATE INDEX claim_approval_by_claim ON claim_approval (claim_id);
