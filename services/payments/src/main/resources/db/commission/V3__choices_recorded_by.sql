-- Who recorded each payment choice: the member, or a facilitator for them with their agreement.
-- Choices made before this were all recorded by the member themself.
ALTER TABLE payment_choice ADD COLUMN recorded_by text NOT NULL DEFAULT '';
ALTER TABLE payment_choice ADD COLUMN on_behalf boolean NOT NULL DEFAULT false;
UPDATE payment_choice SET recorded_by = member_id WHERE recorded_by = '';
