-- The commission's double-entry ledger (after TigerBeetle): accounts, and transfers between two of
-- them, immutable, one per id. Money is in pence and time credits in minutes; a transfer moves one
-- unit only, between accounts of that unit (the composite keys below make PostgreSQL refuse anything
-- else). A correction is a reversal, never an edit: a transfer is reversed at most once, and a
-- reversal is never reversed. Every transfer debits one account and credits another by the same
-- amount, so debits and credits balance at every commit by construction; the tests check it anyway.

CREATE TABLE ledger_account (
    id           text        PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 200),
    unit         text        NOT NULL CHECK (unit IN ('PENCE', 'MINUTES')),
    -- What the account is: BUDGET, OWED (to one member), PAID_OUT, VOUCHERS, DONATIONS,
    -- TIME_CREDITS (one member's), TIME_CREDITS_GIVEN.
    kind         text        NOT NULL,
    member_id    text,
    create_time  timestamptz NOT NULL,
    UNIQUE (id, unit)
);

CREATE TABLE ledger_transfer (
    id              uuid        PRIMARY KEY,
    debit_account   text        NOT NULL,
    credit_account  text        NOT NULL,
    unit            text        NOT NULL,
    amount          bigint      NOT NULL CHECK (amount > 0 AND amount <= 100000000000),
    -- What moved it: CLAIM_APPROVED, PAID, PAYMENT_FAILED, VOUCHER_ISSUED, DONATED, REVERSAL...
    kind            text        NOT NULL,
    -- The resource it is about, e.g. commissions/leeds/claims/… (never a person's name).
    reference       text        NOT NULL,
    reverses        uuid        UNIQUE REFERENCES ledger_transfer (id),
    create_time     timestamptz NOT NULL,
    CHECK (debit_account <> credit_account),
    FOREIGN KEY (debit_account, unit) REFERENCES ledger_account (id, unit),
    FOREIGN KEY (credit_account, unit) REFERENCES ledger_account (id, unit)
);
CREATE INDEX ledger_transfer_by_debit ON ledger_transfer (debit_account, create_time, id);
CREATE INDEX ledger_transfer_by_credit ON ledger_transfer (credit_account, create_time, id);

-- Immutable: no transfer is ever changed or deleted, whatever the application asks.
-- Each function keeps the commission's schema as its search path, whoever's session fires it.
CREATE FUNCTION ledger_transfer_is_immutable() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    RAISE EXCEPTION 'ledger transfers are never changed or deleted: post a reversal instead'
        USING ERRCODE = 'restrict_violation';
END
$$;
CREATE TRIGGER ledger_transfer_immutable BEFORE UPDATE OR DELETE ON ledger_transfer
    FOR EACH ROW EXECUTE FUNCTION ledger_transfer_is_immutable();

-- A reversal undoes exactly the transfer it names, and a reversal is never itself reversed.
CREATE FUNCTION ledger_reversal_matches() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
    original ledger_transfer;
BEGIN
    IF NEW.reverses IS NULL THEN
        RETURN NEW;
    END IF;
    SELECT * INTO original FROM ledger_transfer WHERE id = NEW.reverses;
    IF original.reverses IS NOT NULL THEN
        RAISE EXCEPTION 'a reversal is never reversed' USING ERRCODE = 'check_violation';
    END IF;
    IF NEW.debit_account <> original.credit_account OR NEW.credit_account <> original.debit_account
            OR NEW.amount <> original.amount OR NEW.unit <> original.unit THEN
        RAISE EXCEPTION 'a reversal moves the same amount back between the same accounts' USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER ledger_reversal_matches BEFORE INSERT ON ledger_transfer
    FOR EACH ROW EXECUTE FUNCTION ledger_reversal_matches();
