-- Each account keeps what has been posted to it (after TigerBeetle's debits_posted and credits_posted),
-- so a balance is one row read, however long the ledger. Only the transfer trigger below changes them:
-- each transfer adds its amount to one account's debits and another's credits, in the same transaction,
-- so Σ debits_posted = Σ credits_posted per unit holds at every commit; the tests and the crash suite also
-- check it against the transfers themselves.
ALTER TABLE ledger_account ADD COLUMN debits_posted bigint NOT NULL DEFAULT 0 CHECK (debits_posted >= 0);
ALTER TABLE ledger_account ADD COLUMN credits_posted bigint NOT NULL DEFAULT 0 CHECK (credits_posted >= 0);
UPDATE ledger_account a
SET debits_posted = coalesce((SELECT sum(t.amount) FROM ledger_transfer t WHERE t.debit_account = a.id), 0),
    credits_posted = coalesce((SELECT sum(t.amount) FROM ledger_transfer t WHERE t.credit_account = a.id), 0);

CREATE FUNCTION ledger_transfer_posts() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    -- Both accounts locked in one order, so two transfers between the same accounts never deadlock.
    PERFORM 1 FROM ledger_account WHERE id IN (NEW.debit_account, NEW.credit_account) ORDER BY id FOR UPDATE;
    UPDATE ledger_account SET debits_posted = debits_posted + NEW.amount WHERE id = NEW.debit_account;
    UPDATE ledger_account SET credits_posted = credits_posted + NEW.amount WHERE id = NEW.credit_account;
    RETURN NULL;
END
$$;
CREATE TRIGGER ledger_transfer_posts AFTER INSERT ON ledger_transfer
    FOR EACH ROW EXECUTE FUNCTION ledger_transfer_posts();

-- What is posted changes only through a transfer (the trigger above), never by an UPDATE of its own.
CREATE FUNCTION ledger_posted_only_by_transfers() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    IF (NEW.debits_posted <> OLD.debits_posted OR NEW.credits_posted <> OLD.credits_posted) AND pg_trigger_depth() < 2 THEN
        RAISE EXCEPTION 'what is posted to an account changes only through a transfer' USING ERRCODE = 'restrict_violation';
    END IF;
    IF NEW.id <> OLD.id OR NEW.unit <> OLD.unit OR NEW.kind <> OLD.kind OR NEW.member_id IS DISTINCT FROM OLD.member_id THEN
        RAISE EXCEPTION 'ledger accounts are never changed' USING ERRCODE = 'restrict_violation';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER ledger_posted_only_by_transfers BEFORE UPDATE ON ledger_account
    FOR EACH ROW EXECUTE FUNCTION ledger_posted_only_by_transfers();
CREATE FUNCTION ledger_account_kept() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    RAISE EXCEPTION 'ledger accounts are never deleted' USING ERRCODE = 'restrict_violation';
END
$$;
CREATE TRIGGER ledger_account_kept BEFORE DELETE ON ledger_account
    FOR EACH ROW EXECUTE FUNCTION ledger_account_kept();
