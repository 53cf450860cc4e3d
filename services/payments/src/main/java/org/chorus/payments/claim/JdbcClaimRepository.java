package org.chorus.payments.claim;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.chorus.payments.policy.PaymentPolicy.ExpenseKind;
import org.chorus.platform.tenancy.CommissionSchema;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Claims and approvals in the commission's own schema. */
@Repository
class JdbcClaimRepository implements ClaimRepository {

    private final JdbcClient jdbc;

    JdbcClaimRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean insert(Claim c) {
        return jdbc.sql("""
                        INSERT INTO claim (id, member_id, kind, description, minutes, work_date, expense_kind, amount_pence, hourly_rate_pence,
                                           policy_revision, payment_method, state, created_by, create_time, version, session,
                                           attended_minutes, attendance_sequence)
                        VALUES (:id, :member, :kind, :description, :minutes, :day, :expense, :amount, :rate, :revision, :method, :state,
                                :by, :time, :version, :session, :attended, :sequence)
                        ON CONFLICT (session, member_id) WHERE session IS NOT NULL DO NOTHING""")
                .param("id", c.id())
                .param("member", c.member())
                .param("kind", c.kind().name())
                .param("description", c.description())
                .param("minutes", c.minutes())
                .param("day", c.workDate())
                .param("expense", c.expenseKind() == null ? null : c.expenseKind().name())
                .param("amount", c.amountPence())
                .param("rate", c.hourlyRatePence())
                .param("revision", c.policyRevision())
                .param("method", c.paymentMethod())
                .param("state", c.state().name())
                .param("by", c.createdBy())
                .param("time", Timestamp.from(c.createTime()))
                .param("version", c.version())
                .param("session", c.session())
                .param("attended", c.attendance().minutes())
                .param("sequence", c.attendance().sequence())
                .update() == 1;
    }

    @Override
    public Optional<Claim> find(UUID id) {
        return jdbc.sql(SELECT_CLAIMS + "WHERE id = :id").param("id", id).query(this::claim).optional();
    }

    @Override
    public Optional<Claim> findLocked(UUID id) {
        return jdbc.sql(SELECT_CLAIMS + "WHERE id = :id FOR UPDATE").param("id", id).query(this::claim)
                .optional();
    }

    @Override
    public boolean update(Claim c) {
        return jdbc.sql("""
                        UPDATE claim SET state = :state, payment_method = :method, rejection_reason = :reason, version = :version,
                                         owed_pence = :owed, paid_pence = :paid, paid_on = :paidOn, payment_failure = :failure,
                                         minutes = :minutes, amount_pence = :amount, cancellation_reason = :cancellation,
                                         attended_minutes = :attended, attendance_sequence = :sequence, correction_to_check = :toCheck
                        WHERE id = :id AND version = :before""")
                .param("minutes", c.minutes())
                .param("amount", c.amountPence())
                .param("cancellation", c.cancellation())
                .param("attended", c.attendance().minutes())
                .param("sequence", c.attendance().sequence())
                .param("toCheck", c.attendance().toCheck())
                .param("state", c.state().name())
                .param("owed", c.payment().owedPence())
                .param("paid", c.payment().paidPence())
                .param("paidOn", c.payment().paidOn())
                .param("failure", c.payment().failure())
                .param("method", c.paymentMethod())
                .param("reason", c.rejectionReason())
                .param("version", c.version())
                .param("id", c.id())
                .param("before", c.version() - 1)
                .update() == 1;
    }

    @Override
    public void addApproval(UUID claim, Claim.Approval approval) {
        jdbc.sql("INSERT INTO claim_approval (claim_id, approver, approve_time) VALUES (:claim, :approver, :time)")
                .param("claim", claim).param("approver", approval.approver()).param("time", Timestamp.from(approval.time()))
                .update();
    }

    @Override
    public void setAsideApprovals(UUID claim, Instant when) {
        jdbc.sql("UPDATE claim_approval SET set_aside_time = :when WHERE claim_id = :claim AND set_aside_time IS NULL")
                .param("claim", claim).param("when", Timestamp.from(when))
                .update();
    }

    @Override
    public void insertReceipt(UUID claim, Receipt.Kept receipt, byte[] sealedContent) {
        jdbc.sql("""
                        INSERT INTO claim_receipt (claim_id, number, content_type, size_bytes, sealed_content)
                        VALUES (:claim, :number, :type, :size, :sealed)""")
                .param("claim", claim).param("number", receipt.number()).param("type", receipt.contentType())
                .param("size", receipt.sizeBytes()).param("sealed", sealedContent)
                .update();
    }

    @Override
    public Optional<byte[]> receiptContent(UUID claim, int number) {
        return jdbc.sql("SELECT sealed_content FROM claim_receipt WHERE claim_id = :claim AND number = :number")
                .param("claim", claim).param("number", number)
                .query((rs, row) -> rs.getBytes(1)).optional();
    }

    @Override
    public List<Claim> listAfter(Instant afterTime, UUID afterId, String member, ClaimRepository.Filter filter, int limit) {
        return jdbc.sql(SELECT_CLAIMS + """
                        WHERE (create_time, id) > (:time, :id) AND (CAST(:member AS text) IS NULL OR member_id = :member)
                          AND (CAST(:states AS text) IS NULL OR state = ANY (string_to_array(:states, ',')))
                          AND (NOT :toCheck OR correction_to_check IS NOT NULL)
                        ORDER BY create_time, id LIMIT :limit""")
                .param("time", Timestamp.from(afterTime))
                .param("id", afterId)
                .param("member", member)
                .param("states", filter.states().isEmpty() ? null
                        : String.join(",", filter.states().stream().map(Enum::name).toList()))
                .param("toCheck", filter.toCheck())
                .param("limit", limit)
                .query(this::claim)
                .list();
    }

    @Override
    public Optional<Claim> findFromAttendance(String session, String member) {
        return jdbc.sql(SELECT_CLAIMS + "WHERE session = :session AND member_id = :member FOR UPDATE")
                .param("session", session).param("member", member).query(this::claim).optional();
    }

    @Override
    public List<Claim> waitingForAChoice(String member) {
        return jdbc.sql(SELECT_CLAIMS + "WHERE member_id = :member AND state = 'WAITING_FOR_A_CHOICE' ORDER BY create_time, id FOR UPDATE")
                .param("member", member).query(this::claim).list();
    }

    @Override
    public boolean withTheBank(UUID claim) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM payout_item WHERE claim_id = :claim AND state = 'WAITING')")
                .param("claim", claim).query(Boolean.class).single();
    }

    @Override
    public List<Claim> waitingToBePaid(int limit) {
        return jdbc.sql(SELECT_CLAIMS + """
                        WHERE state = 'APPROVED' AND owed_pence > paid_pence
                          AND NOT EXISTS (SELECT 1 FROM payout_item i WHERE i.claim_id = c.id AND i.state = 'WAITING')
                        ORDER BY create_time, id LIMIT :limit FOR UPDATE""")
                .param("limit", limit)
                .query(this::claim)
                .list();
    }

    /**
     * Claims with their approvals (those not set aside, oldest first) and their receipts, in one statement: each list as
     * arrays in the same order, so that reading a claim is one round trip, not three.
     */
    private static final String SELECT_CLAIMS = """
            SELECT c.*, current_schema() AS schema,
                   ARRAY(SELECT a.approver FROM claim_approval a WHERE a.claim_id = c.id AND a.set_aside_time IS NULL
                         ORDER BY a.approve_time, a.approver) AS approvers,
                   ARRAY(SELECT a.approve_time FROM claim_approval a WHERE a.claim_id = c.id AND a.set_aside_time IS NULL
                         ORDER BY a.approve_time, a.approver) AS approve_times,
                   ARRAY(SELECT r.number FROM claim_receipt r WHERE r.claim_id = c.id ORDER BY r.number) AS receipt_numbers,
                   ARRAY(SELECT r.content_type FROM claim_receipt r WHERE r.claim_id = c.id ORDER BY r.number) AS receipt_types,
                   ARRAY(SELECT r.size_bytes FROM claim_receipt r WHERE r.claim_id = c.id ORDER BY r.number) AS receipt_sizes
            FROM claim c
            """;

    private Claim claim(ResultSet rs, int row) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        String[] approvers = (String[]) rs.getArray("approvers").getArray();
        Timestamp[] approveTimes = (Timestamp[]) rs.getArray("approve_times").getArray();
        List<Claim.Approval> approvals = new ArrayList<>();
        for (int i = 0; i < approvers.length; i++) {
            approvals.add(new Claim.Approval(approvers[i], approveTimes[i].toInstant()));
        }
        Integer[] numbers = (Integer[]) rs.getArray("receipt_numbers").getArray();
        String[] types = (String[]) rs.getArray("receipt_types").getArray();
        Integer[] sizes = (Integer[]) rs.getArray("receipt_sizes").getArray();
        List<Receipt.Kept> receipts = new ArrayList<>();
        for (int i = 0; i < numbers.length; i++) {
            receipts.add(new Receipt.Kept(numbers[i], types[i], sizes[i]));
        }
        int minutes = rs.getInt("minutes");
        Integer minutesOrNull = rs.wasNull() ? null : minutes;
        long rate = rs.getLong("hourly_rate_pence");
        Long rateOrNull = rs.wasNull() ? null : rate;
        String expense = rs.getString("expense_kind");
        long owed = rs.getLong("owed_pence");
        Claim.Payment payment = new Claim.Payment(rs.wasNull() ? null : owed, rs.getLong("paid_pence"),
                rs.getObject("paid_on", LocalDate.class), rs.getString("payment_failure"));
        String commission = CommissionSchema.commissionIdOf(rs.getString("schema"));
        return new Claim(id, commission, rs.getString("member_id"), Claim.Kind.valueOf(rs.getString("kind")), rs.getString("description"),
                minutesOrNull, rs.getObject("work_date", LocalDate.class), expense == null ? null : ExpenseKind.valueOf(expense),
                rs.getLong("amount_pence"), rateOrNull, rs.getInt("policy_revision"), rs.getString("payment_method"),
                Claim.State.valueOf(rs.getString("state")), approvals, rs.getString("rejection_reason"), rs.getString("created_by"),
                rs.getTimestamp("create_time").toInstant(), rs.getLong("version"), rs.getString("session"),
                payment, receipts, rs.getString("cancellation_reason"), new Claim.AttendanceSeen(nullableInt(rs, "attended_minutes"),
                nullableLong(rs, "attendance_sequence"), rs.getString("correction_to_check")));
    }

    private static Integer nullableInt(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }
}
