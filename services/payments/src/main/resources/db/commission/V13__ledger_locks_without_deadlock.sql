-- Inserting a transfer takes KEY SHARE locks on its two accounts (the foreign keys), debit first. Locking them
-- again FOR UPDATE in the posting trigger conflicted with another transfer's KEY SHARE on the same accounts, so
-- two approvals at once could deadlock. Updating what is posted changes no key: FOR NO KEY UPDATE, which KEY
-- SHARE does not block, is the lock that UPDATE takes anyway; taking it first, in one order, keeps two transfers
-- between the same accounts from waiting on each other in a circle.
CREATE OR REPLACE FUNCTION ledger_transfer_posts() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    PERFORM 1 FROM ledger_account WHERE id IN (NEW.debit_account, NEW.credit_account) ORDER BY id FOR NO KEY UPDATE;
    UPDATE ledger_account SET debits_posted = debits_posted + NEW.amount WHERE id = NEW.debit_account;
    UPDATE ledger_account SET credits_posted = credits_posted + NEW.amount WHERE id = NEW.credit_account;
    RETURN NULL;
END
$$;
