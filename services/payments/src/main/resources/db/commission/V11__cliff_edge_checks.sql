-- Before approving a payment, finance or a coordinator is warned when it could take the member over a cliff
-- edge in their benefits (never told the details): each such check reads the member's saved situation, so it
-- is recorded with who checked, for the member to see.
ALTER TABLE benefits_situation_access DROP CONSTRAINT benefits_situation_access_capacity_check;
ALTER TABLE benefits_situation_access ADD CONSTRAINT benefits_situation_access_capacity_check
    CHECK (capacity IN ('MEMBER', 'FINANCE', 'APPROVER'));
ALTER TABLE benefits_situation_access DROP CONSTRAINT benefits_situation_access_action_check;
ALTER TABLE benefits_situation_access ADD CONSTRAINT benefits_situation_access_action_check
    CHECK (action IN ('READ', 'SAVE', 'CHECKED_A_PAYMENT'));
