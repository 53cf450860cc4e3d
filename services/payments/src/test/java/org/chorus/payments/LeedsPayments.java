package org.chorus.payments;

import java.util.Base64;
import org.chorus.testrig.RealKeycloak;
import org.chorus.testrig.RealPostgres;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Leeds commission's money as the payments tests start it (sam is a member, dev facilitates, fin is
 * finance; amara coordinates), read and reset through the database owner.
 */
public final class LeedsPayments {

    public static final String LEEDS = "commissions/leeds";

    public final JdbcClient owner = JdbcClient.create(RealPostgres.get().ownerDataSource("payments"));

    /** No claims, payouts, vouchers, ledger, situations, choices, policy, events, remembered answers or feed cursors. */
    public void empty() {
        owner.sql("ALTER TABLE commission_leeds.ledger_transfer DISABLE TRIGGER ledger_transfer_immutable").update();
        owner.sql("ALTER TABLE commission_leeds.voucher DISABLE TRIGGER voucher_issued_once").update();
        owner.sql("""
                TRUNCATE commission_leeds.payout_item, commission_leeds.payout, commission_leeds.voucher, commission_leeds.bank_details,
                         commission_leeds.claim_approval, commission_leeds.claim_receipt, commission_leeds.claim, commission_leeds.ledger_transfer,
                         commission_leeds.ledger_account, commission_leeds.payment_choice, commission_leeds.payment_policy_revision,
                         commission_leeds.outbox_event, commission_leeds.create_request, commission_leeds.request_answer,
                         commission_leeds.feed_cursor, commission_leeds.benefits_situation, commission_leeds.benefits_situation_access""").update();
        owner.sql("ALTER TABLE commission_leeds.voucher ENABLE TRIGGER voucher_issued_once").update();
        owner.sql("ALTER TABLE commission_leeds.ledger_transfer ENABLE TRIGGER ledger_transfer_immutable").update();
    }

    /** A payment choice, as the benefits guidance records one (its own tests go through the API). */
    public void choose(String member, String method) {
        owner.sql("""
                INSERT INTO commission_leeds.payment_choice (id, member_id, request_id, request_hash, method, reason, plan, london,
                                                             rules_versions, guidance_fingerprint, create_time, recorded_by)
                VALUES (gen_random_uuid(), :member, gen_random_uuid(), 'test', :method, '', '{}', false, '{2026-27.1}', 'sha256:test',
                        now(), :member)""").param("member", member).param("method", method).update();
    }

    /** The balance (credits minus debits) of a ledger account, from the transfers themselves. */
    public long balance(String account) {
        return owner.sql("""
                SELECT coalesce(sum(CASE WHEN credit_account = :account THEN amount ELSE -amount END), 0)
                FROM commission_leeds.ledger_transfer WHERE credit_account = :account OR debit_account = :account""")
                .param("account", account).query(Long.class).single();
    }

    /**
     * Whether every unit's accounts sum to zero, from the transfers themselves (each transfer's debit and credit
     * balance), and whether what each account keeps as posted is what its transfers say.
     */
    public boolean balanced() {
        return owner.sql("""
                SELECT coalesce(bool_and(total = 0), true) FROM (
                    SELECT a.unit, sum(CASE WHEN t.credit_account = a.id THEN t.amount ELSE -t.amount END) AS total
                    FROM commission_leeds.ledger_account a
                    JOIN commission_leeds.ledger_transfer t ON t.credit_account = a.id OR t.debit_account = a.id
                    GROUP BY a.unit) units""").query(Boolean.class).single()
                && owner.sql("""
                SELECT count(*) FROM commission_leeds.ledger_account a
                WHERE a.debits_posted <> coalesce((SELECT sum(amount) FROM commission_leeds.ledger_transfer WHERE debit_account = a.id), 0)
                   OR a.credits_posted <> coalesce((SELECT sum(amount) FROM commission_leeds.ledger_transfer WHERE credit_account = a.id), 0)""")
                .query(Integer.class).single() == 0;
    }

    /**
     * Everything a change of a claim could write, as one string to compare before and after: each claim's state,
     * version, amount and reasons, the number of transfers, what each account keeps as posted, and the number of events.
     */
    public String snapshot() {
        return owner.sql("""
                SELECT coalesce((SELECT string_agg(concat_ws(' ', id, state, version, amount_pence, cancellation_reason,
                                                             correction_to_check, attendance_sequence), ',' ORDER BY id)
                                 FROM commission_leeds.claim), '')
                    || ' | ' || (SELECT count(*) FROM commission_leeds.ledger_transfer)
                    || ' | ' || coalesce((SELECT string_agg(id || ' ' || debits_posted || ' ' || credits_posted, ',' ORDER BY id)
                                          FROM commission_leeds.ledger_account), '')
                    || ' | ' || (SELECT count(*) FROM commission_leeds.outbox_event)""").query(String.class).single();
    }

    public static String token(String username) {
        return RealKeycloak.get().passwordToken(username, "demo-password");
    }

    public static String subject(String jwt) {
        return JsonMapper.builder().build().readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1])).path("sub").asString();
    }
}
