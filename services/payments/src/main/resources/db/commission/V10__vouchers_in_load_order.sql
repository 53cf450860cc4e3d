-- Vouchers are given in the order they were loaded (of the same value): the first bought is the first given,
-- before it can expire.
ALTER TABLE voucher ADD COLUMN load_order bigint GENERATED ALWAYS AS IDENTITY;
DROP INDEX voucher_in_stock;
CREATE INDEX voucher_in_stock ON voucher (value_pence DESC, load_order) WHERE claim_id IS NULL;
