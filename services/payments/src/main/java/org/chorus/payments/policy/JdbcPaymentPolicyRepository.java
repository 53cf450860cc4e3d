package org.chorus.payments.policy;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.chorus.payments.policy.PaymentPolicy.ExpenseKind;
import org.chorus.payments.policy.PaymentPolicy.RateBasis;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Policy revisions in the commission's own schema; the covered costs as JSON, kind → limit in pence. */
@Repository
class JdbcPaymentPolicyRepository implements PaymentPolicyRepository {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String COLUMNS = """
            SELECT revision, effective_date, rate_basis, custom_rate_pence, preparation_minutes, travel_time_paid,
                   covered_expenses::text AS covered_expenses, budget_pence, create_time, created_by FROM payment_policy_revision""";

    private final JdbcClient jdbc;

    JdbcPaymentPolicyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<PaymentPolicy> on(LocalDate day) {
        return jdbc.sql(COLUMNS + " WHERE effective_date <= :day ORDER BY effective_date DESC, revision DESC LIMIT 1")
                .param("day", day)
                .query(JdbcPaymentPolicyRepository::revision)
                .optional();
    }

    @Override
    public Optional<PaymentPolicy> latest() {
        return jdbc.sql(COLUMNS + " ORDER BY revision DESC LIMIT 1").query(JdbcPaymentPolicyRepository::revision).optional();
    }

    @Override
    public boolean insert(PaymentPolicy p) {
        return jdbc.sql("""
                        INSERT INTO payment_policy_revision (revision, effective_date, rate_basis, custom_rate_pence, preparation_minutes,
                                                             travel_time_paid, covered_expenses, budget_pence, created_by, create_time)
                        VALUES (:revision, :day, :basis, :rate, :preparation, :travel, CAST(:expenses AS jsonb), :budget, :by, :time)
                        ON CONFLICT (revision) DO NOTHING""")
                .param("revision", p.revision())
                .param("day", p.effectiveDate())
                .param("basis", p.rateBasis().name())
                .param("rate", p.customRatePence())
                .param("preparation", p.preparationMinutes())
                .param("travel", p.travelTimePaid())
                .param("expenses", JSON.writeValueAsString(p.coveredExpenses()))
                .param("budget", p.budgetPence())
                .param("by", p.createdBy())
                .param("time", Timestamp.from(p.createTime()))
                .update() == 1;
    }

    @Override
    public List<PaymentPolicy> before(int beforeRevision, int limit) {
        return jdbc.sql(COLUMNS + " WHERE revision < :before ORDER BY revision DESC LIMIT :limit")
                .param("before", beforeRevision)
                .param("limit", limit)
                .query(JdbcPaymentPolicyRepository::revision)
                .list();
    }

    private static PaymentPolicy revision(ResultSet rs, int row) throws SQLException {
        Map<String, Long> stored = JSON.readValue(rs.getString("covered_expenses"), new TypeReference<Map<String, Long>>() { });
        Map<ExpenseKind, Long> expenses = new EnumMap<>(ExpenseKind.class);
        stored.forEach((kind, pence) -> expenses.put(ExpenseKind.valueOf(kind), pence));
        long rate = rs.getLong("custom_rate_pence");
        Long customRate = rs.wasNull() ? null : rate;
        long budget = rs.getLong("budget_pence");
        Long budgetPence = rs.wasNull() ? null : budget;
        return new PaymentPolicy(rs.getInt("revision"), rs.getObject("effective_date", LocalDate.class),
                RateBasis.valueOf(rs.getString("rate_basis")), customRate, rs.getInt("preparation_minutes"),
                rs.getBoolean("travel_time_paid"), expenses, budgetPence, rs.getTimestamp("create_time").toInstant(),
                rs.getString("created_by"));
    }
}
