package org.chorus.payments.payout;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.chorus.platform.crypto.SealingKeys.Sealed;
import org.chorus.platform.tenancy.CommissionSchema;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Bank details, vouchers and payouts in the commission's own schema. */
@Repository
class JdbcPayoutRepository implements PayoutRepository {

    private final JdbcClient jdbc;

    JdbcPayoutRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void saveBankDetails(StoredBankDetails d) {
        jdbc.sql("""
                        INSERT INTO bank_details (member_id, sealed, account_ending, update_time) VALUES (:member, :sealed, :ending, :time)
                        ON CONFLICT (member_id) DO UPDATE SET sealed = EXCLUDED.sealed, account_ending = EXCLUDED.account_ending,
                                                              update_time = EXCLUDED.update_time""")
                .param("member", d.member()).param("sealed", d.sealed()).param("ending", d.accountEnding())
                .param("time", Timestamp.from(d.updateTime()))
                .update();
    }

    @Override
    public Optional<StoredBankDetails> bankDetails(String member) {
        return jdbc.sql("SELECT * FROM bank_details WHERE member_id = :member").param("member", member)
                .query((rs, row) -> new StoredBankDetails(rs.getString("member_id"), rs.getBytes("sealed"), rs.getString("account_ending"),
                        rs.getTimestamp("update_time").toInstant()))
                .optional();
    }

    @Override
    public void deleteBankDetails(String member) {
        jdbc.sql("DELETE FROM bank_details WHERE member_id = :member").param("member", member).update();
    }

    @Override
    public boolean loadVoucher(UUID id, String codeIndex, Sealed code, String supplier, long valuePence, String loadedBy, Instant time) {
        return jdbc.sql("""
                        INSERT INTO voucher (id, code_index, key_id, nonce, sealed_code, supplier, value_pence, load_time, loaded_by)
                        VALUES (:id, :index, :keyId, :nonce, :code, :supplier, :value, :time, :by)
                        ON CONFLICT (code_index) DO NOTHING""")
                .param("id", id).param("index", codeIndex).param("keyId", code.keyId()).param("nonce", code.nonce())
                .param("code", code.ciphertext()).param("supplier", supplier).param("value", valuePence)
                .param("time", Timestamp.from(time)).param("by", loadedBy)
                .update() == 1;
    }

    @Override
    public Stock stock() {
        return jdbc.sql("SELECT count(*), coalesce(sum(value_pence), 0) FROM voucher WHERE claim_id IS NULL")
                .query((rs, row) -> new Stock(rs.getInt(1), rs.getLong(2))).single();
    }

    @Override
    public Optional<StoredVoucher> takeVoucher(long atMostPence) {
        return jdbc.sql("""
                        SELECT * FROM voucher WHERE claim_id IS NULL AND value_pence <= :most
                        ORDER BY value_pence DESC, load_order LIMIT 1 FOR UPDATE SKIP LOCKED""")
                .param("most", atMostPence)
                .query(JdbcPayoutRepository::voucher)
                .optional();
    }

    @Override
    public void issueVoucher(UUID voucher, UUID claim, UUID payout, Instant time) {
        int issued = jdbc.sql("UPDATE voucher SET claim_id = :claim, payout_id = :payout, issue_time = :time WHERE id = :id AND claim_id IS NULL")
                .param("claim", claim).param("payout", payout).param("time", Timestamp.from(time)).param("id", voucher)
                .update();
        if (issued != 1) {
            throw new IllegalStateException("A voucher taken from the stock was given already");
        }
    }

    @Override
    public List<StoredVoucher> vouchersOf(String member, Instant beforeTime, UUID beforeId, int limit) {
        return jdbc.sql("""
                        SELECT v.* FROM voucher v JOIN claim c ON c.id = v.claim_id
                        WHERE c.member_id = :member AND (v.issue_time, v.id) < (:time, :id)
                        ORDER BY v.issue_time DESC, v.id DESC LIMIT :limit""")
                .param("member", member).param("time", Timestamp.from(beforeTime)).param("id", beforeId).param("limit", limit)
                .query(JdbcPayoutRepository::voucher)
                .list();
    }

    @Override
    public void lockPayouts() {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext(current_schema() || ':payouts'))").query().singleRow();
    }

    @Override
    public void insert(Payout p) {
        jdbc.sql("""
                        INSERT INTO payout (id, method, state, total_pence, claims_left_out, created_by, create_time, done_by, done_time, version)
                        VALUES (:id, :method, :state, :total, :leftOut, :by, :time, :doneBy, :doneTime, :version)""")
                .param("id", p.id()).param("method", p.method().name()).param("state", p.state().name()).param("total", p.totalPence())
                .param("leftOut", p.claimsLeftOut()).param("by", p.createdBy()).param("time", Timestamp.from(p.createTime()))
                .param("doneBy", p.doneBy()).param("doneTime", p.doneTime() == null ? null : Timestamp.from(p.doneTime()))
                .param("version", p.version())
                .update();
        for (Payout.Item item : p.items()) {
            jdbc.sql("""
                            INSERT INTO payout_item (payout_id, claim_id, member_id, amount_pence, state, failure_reason)
                            VALUES (:payout, :claim, :member, :amount, :state, :reason)""")
                    .param("payout", p.id()).param("claim", item.claim()).param("member", item.member()).param("amount", item.amountPence())
                    .param("state", item.state().name()).param("reason", item.failureReason())
                    .update();
        }
    }

    @Override
    public Optional<Payout> find(UUID id) {
        return jdbc.sql("SELECT *, current_schema() AS schema FROM payout WHERE id = :id").param("id", id).query(this::payout).optional();
    }

    @Override
    public boolean update(Payout p) {
        boolean updated = jdbc.sql("""
                        UPDATE payout SET state = :state, done_by = :doneBy, done_time = :doneTime, version = :version
                        WHERE id = :id AND version = :before""")
                .param("state", p.state().name()).param("doneBy", p.doneBy())
                .param("doneTime", p.doneTime() == null ? null : Timestamp.from(p.doneTime()))
                .param("version", p.version()).param("id", p.id()).param("before", p.version() - 1)
                .update() == 1;
        if (updated) {
            for (Payout.Item item : p.items()) {
                jdbc.sql("UPDATE payout_item SET state = :state, failure_reason = :reason WHERE payout_id = :payout AND claim_id = :claim")
                        .param("state", item.state().name()).param("reason", item.failureReason()).param("payout", p.id())
                        .param("claim", item.claim())
                        .update();
            }
        }
        return updated;
    }

    @Override
    public List<Payout> listBefore(Instant beforeTime, UUID beforeId, int limit) {
        return jdbc.sql("""
                        SELECT *, current_schema() AS schema FROM payout WHERE (create_time, id) < (:time, :id)
                        ORDER BY create_time DESC, id DESC LIMIT :limit""")
                .param("time", Timestamp.from(beforeTime)).param("id", beforeId).param("limit", limit)
                .query(this::payout)
                .list();
    }

    private Payout payout(ResultSet rs, int row) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        List<Payout.Item> items = jdbc.sql("SELECT * FROM payout_item WHERE payout_id = :id ORDER BY member_id, claim_id").param("id", id)
                .query((i, n) -> new Payout.Item(i.getObject("claim_id", UUID.class), i.getString("member_id"), i.getLong("amount_pence"),
                        Payout.ItemState.valueOf(i.getString("state")), i.getString("failure_reason")))
                .list();
        Timestamp done = rs.getTimestamp("done_time");
        String commission = CommissionSchema.commissionIdOf(rs.getString("schema"));
        return new Payout(id, commission, Payout.Method.valueOf(rs.getString("method")), Payout.State.valueOf(rs.getString("state")),
                rs.getLong("total_pence"), items, rs.getString("created_by"), rs.getTimestamp("create_time").toInstant(),
                rs.getString("done_by"), done == null ? null : done.toInstant(), rs.getLong("version"), rs.getInt("claims_left_out"));
    }

    private static StoredVoucher voucher(ResultSet rs, int row) throws SQLException {
        Timestamp issued = rs.getTimestamp("issue_time");
        return new StoredVoucher(rs.getObject("id", UUID.class), new Sealed(rs.getString("key_id"), rs.getBytes("nonce"),
                rs.getBytes("sealed_code")), rs.getString("supplier"), rs.getLong("value_pence"), rs.getObject("claim_id", UUID.class),
                issued == null ? null : issued.toInstant());
    }
}
