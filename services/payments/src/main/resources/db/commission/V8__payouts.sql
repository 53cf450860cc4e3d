-- Paying people: what each approved claim owes and what has been paid of it, members' bank details
-- (sealed under the member's own key), vouchers the commission bought (each issued once), and payouts.

-- What approving the claim put into the member's owed account (0: nothing is paid in money), what has
-- been paid of it so far, when it was paid in full, and why the last payment did not go through.
ALTER TABLE claim ADD COLUMN owed_pence bigint CHECK (owed_pence >= 0);
ALTER TABLE claim ADD COLUMN paid_pence bigint NOT NULL DEFAULT 0 CHECK (paid_pence >= 0);
ALTER TABLE claim ADD COLUMN paid_on date;
ALTER TABLE claim ADD COLUMN payment_failure text CHECK (length(payment_failure) <= 500);
ALTER TABLE claim ADD CONSTRAINT claim_paid_at_most_owed CHECK (paid_pence <= coalesce(owed_pence, 0));
ALTER TABLE claim ADD CONSTRAINT claim_paid_has_a_day CHECK ((state = 'PAID') = (paid_on IS NOT NULL));

-- A member's bank details: the name on the account, sort code and account number, sealed under the
-- member's own key (erasing them destroys the key), with only the last two digits in the clear.
CREATE TABLE bank_details (
    member_id       text        PRIMARY KEY,
    sealed          bytea       NOT NULL,
    account_ending  text        NOT NULL CHECK (account_ending ~ '^[0-9]{2}$'),
    update_time     timestamptz NOT NULL
);

-- Vouchers the commission bought: the code sealed under the service's key, found again by a keyed
-- digest (so a code is loaded once); issued to one claim, once, and never changed after.
CREATE TABLE voucher (
    id            uuid        PRIMARY KEY,
    code_index    text        NOT NULL UNIQUE,
    key_id        text        NOT NULL,
    nonce         bytea       NOT NULL,
    sealed_code   bytea       NOT NULL,
    supplier      text        NOT NULL CHECK (length(supplier) BETWEEN 1 AND 100),
    value_pence   bigint      NOT NULL CHECK (value_pence > 0 AND value_pence <= 100000),
    load_time     timestamptz NOT NULL,
    loaded_by     text        NOT NULL,
    claim_id      uuid        REFERENCES claim (id),
    payout_id     uuid,
    issue_time    timestamptz,
    CHECK ((claim_id IS NULL) = (issue_time IS NULL) AND (claim_id IS NULL) = (payout_id IS NULL))
);
CREATE INDEX voucher_in_stock ON voucher (value_pence DESC, load_time, id) WHERE claim_id IS NULL;
CREATE INDEX voucher_by_claim ON voucher (claim_id) WHERE claim_id IS NOT NULL;

CREATE FUNCTION voucher_issued_once() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    IF TG_OP = 'DELETE' OR OLD.claim_id IS NOT NULL OR NEW.code_index <> OLD.code_index OR NEW.value_pence <> OLD.value_pence
            OR NEW.sealed_code <> OLD.sealed_code THEN
        RAISE EXCEPTION 'a voucher is issued once, and never changed or deleted after' USING ERRCODE = 'restrict_violation';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER voucher_issued_once BEFORE UPDATE OR DELETE ON voucher
    FOR EACH ROW EXECUTE FUNCTION voucher_issued_once();

-- A payout: by bank transfer, a batch file for the bank, then marked paid (each claim paid or failed
-- with a reason); in vouchers, issued at once.
CREATE TABLE payout (
    id           uuid        PRIMARY KEY,
    method       text        NOT NULL CHECK (method IN ('BANK_TRANSFER', 'VOUCHERS')),
    state        text        NOT NULL CHECK (state IN ('SENT_TO_BANK', 'DONE')),
    total_pence  bigint      NOT NULL CHECK (total_pence > 0),
    -- Approved claims to be paid this way that could not be when it was made (no bank details, no voucher small enough).
    claims_left_out integer  NOT NULL CHECK (claims_left_out >= 0),
    created_by   text        NOT NULL,
    create_time  timestamptz NOT NULL,
    done_by      text,
    done_time    timestamptz,
    version      bigint      NOT NULL,
    CHECK ((state = 'DONE') = (done_time IS NOT NULL))
);
CREATE INDEX payout_by_time ON payout (create_time, id);

CREATE TABLE payout_item (
    payout_id       uuid        NOT NULL REFERENCES payout (id),
    claim_id        uuid        NOT NULL REFERENCES claim (id),
    member_id       text        NOT NULL,
    amount_pence    bigint      NOT NULL CHECK (amount_pence > 0),
    state           text        NOT NULL CHECK (state IN ('WAITING', 'PAID', 'FAILED')),
    failure_reason  text        CHECK (length(failure_reason) BETWEEN 1 AND 500),
    PRIMARY KEY (payout_id, claim_id),
    CHECK ((state = 'FAILED') = (failure_reason IS NOT NULL))
);
-- A claim is in at most one payout that has not failed: it is never paid twice.
CREATE UNIQUE INDEX payout_item_once_per_claim ON payout_item (claim_id) WHERE state = 'WAITING';
